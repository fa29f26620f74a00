# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""extensions/awx/load.yml in check mode against no controller at all: every task gets past the awx.awx modules'
argument validation and fails only at the network, so the loader's module arguments are right."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import re
import shutil
import socket
import subprocess

import yaml

from conftest import COLLECTION_ROOT, tool

CREDENTIALS = [
    {'provider': 'logicboxes', 'name': 'LogicBoxes reseller', 'inputs': {'auth_userid': '1001', 'api_key': 'k-7c1e'}},
    {'provider': 'hostup', 'name': 'HostUp account', 'inputs': {'api_key': 'hu-5d2b'}},
    {'provider': 'vpsbg', 'name': 'VPSBG account', 'inputs': {'api_token': 'vb-3f9a'}},
]


def closed_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def keep_going(loader, path):
    """The loader with ignore_errors on each task, so one run shows every task's argument check."""
    plays = yaml.safe_load(loader.read_text())
    for play in plays:
        for task in play['tasks']:
            task['ignore_errors'] = True
            task.pop('no_log', None)  # the secrets here are fakes; the messages are what the test reads
    path.write_text(yaml.safe_dump(plays, sort_keys=False))


def test_loader_arguments_validate_against_the_awx_modules(tmp_path):
    awx_collections = tool('RENEWALS_AWX_COLLECTIONS')
    shutil.copytree(str(COLLECTION_ROOT / 'extensions' / 'awx'), str(tmp_path / 'awx'))
    keep_going(COLLECTION_ROOT / 'extensions' / 'awx' / 'load.yml', tmp_path / 'awx' / 'load.yml')
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=awx_collections, ANSIBLE_NOCOLOR='1', ANSIBLE_HOME=str(tmp_path / 'home'),
               CONTROLLER_HOST='https://127.0.0.1:%d' % closed_port(), CONTROLLER_OAUTH_TOKEN='not-a-token',
               ANSIBLE_DEPRECATION_WARNINGS='false')
    variables = {'renewals_awx_credentials': CREDENTIALS, 'renewals_awx_project_scm_url': 'https://git.example/hosting.git',
                 'renewals_awx_ee_image': 'registry.example/renewals-hosting:1.0.0'}
    syntax = subprocess.run(['ansible-playbook', '--syntax-check', str(COLLECTION_ROOT / 'extensions' / 'awx' / 'load.yml')],
                            env=env, capture_output=True, text=True, check=False)
    assert syntax.returncode == 0, syntax.stdout + syntax.stderr
    run = subprocess.run(['ansible-playbook', '--check', str(tmp_path / 'awx' / 'load.yml'), '-e', json.dumps(variables)],
                         env=env, capture_output=True, text=True, check=False, timeout=300)
    failures = [json.loads(line.split(' => ', 1)[1]) for line in run.stdout.splitlines()
                if re.match(r'^(fatal|failed): \[localhost\]', line)]
    messages = [failure['msg'] for failure in failures]
    # every task ignored its failure (7 tasks): each credential type, 3 credentials, the EE, project, inventory,
    # 3 inventory sources, the job template
    credential_types = len(list((COLLECTION_ROOT / 'extensions' / 'awx' / 'credential_types').glob('*.yml')))
    assert len(messages) == credential_types + 3 + 3 + 3 + 1, run.stdout[-4000:]
    assert all('Connection refused' in message for message in messages), [m for m in messages if 'Connection refused' not in m]
    assert re.search(r'localhost\s+: ok=7\s+changed=0\s+unreachable=0\s+failed=0\s+skipped=0\s+rescued=0\s+ignored=7', run.stdout), \
        run.stdout[-2000:]
