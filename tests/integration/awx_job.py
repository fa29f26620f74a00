# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fleet job run the way AWX runs it: an ansible-runner private data dir, credentials injected by the shipped
credential types, survey answers and AWX's own variables as extra vars."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import subprocess

import jinja2
import yaml

from harness import BIN, COLLECTION_ROOT

AWX = COLLECTION_ROOT / 'extensions' / 'awx'


def load(path):
    return yaml.safe_load(path.read_text())


def injected_env(credential_type, inputs):
    """What AWX injects: the credential type's env injectors rendered with the credential's inputs."""
    fields = dict((field['id'], field.get('default')) for field in credential_type['inputs']['fields'])
    fields.update(inputs)
    assert set(credential_type['inputs']['required']) <= set(k for k, v in fields.items() if v)
    return dict((name, jinja2.Template(template).render(**fields)) for name, template in credential_type['injectors']['env'].items())


def private_data_dir(path, hosts, envvars, extravars):
    """An ansible-runner private data dir shaped like the one AWX builds for a job."""
    for folder in ('env', 'inventory', 'project'):
        (path / folder).mkdir(parents=True)
    (path / 'env' / 'envvars').write_text(json.dumps(envvars))
    (path / 'env' / 'extravars').write_text(json.dumps(extravars))
    (path / 'inventory' / 'hosts.json').write_text(json.dumps({'all': {'hosts': hosts}}))
    (path / 'project' / 'renew_fleet.yml').write_text('- name: Renew the fleet\n  ansible.builtin.import_playbook: renewals.hosting.renew_fleet\n')
    return path


def runner(pdd):
    env = dict(os.environ, PATH='%s%s%s' % (BIN, os.pathsep, os.environ.get('PATH', '')))
    return subprocess.Popen([str(BIN / 'ansible-runner'), 'run', str(pdd), '-p', 'renew_fleet.yml'],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)


def finish(process, timeout=600):
    output = process.communicate(timeout=timeout)[0]
    return process.returncode, output


def survey_answers(state_dir, report_dir, **answers):
    """Survey answers as AWX sends them (the budget textarea is a JSON string), plus AWX's own variables."""
    spec = load(AWX / 'job_templates' / 'renew_fleet.yml')['survey_spec']['spec']
    extravars = dict((question['variable'], question.get('default')) for question in spec if question.get('default') is not None)
    extravars.update(answers)
    extravars.update(renew_orders_state_dir=str(state_dir), renew_orders_report_dir=str(report_dir),
                     awx_job_id=42, awx_job_template_name='Renew hosting orders', awx_user_name='admin')
    return extravars


def state_db_job(tmp_path, name, hosts, sandbox, collections_path, dsn, forks=10, **answers):
    """Launch one AWX job of the shipped template with the state database credential: its own private data dir, HOME
    and state directory (a fresh container, possibly on another execution node), the shared DSN."""
    from harness import LB_KEY, LB_USERID  # pylint: disable=import-outside-toplevel
    job = tmp_path / name
    envvars = injected_env(load(AWX / 'credential_types' / 'logicboxes.yml'),
                           {'auth_userid': LB_USERID, 'api_key': LB_KEY, 'api_url': sandbox.url + '/logicboxes/api'})
    envvars.update(injected_env(load(AWX / 'credential_types' / 'state_database.yml'), {'dsn': dsn}))
    envvars.update(ANSIBLE_COLLECTIONS_PATH=str(collections_path), ANSIBLE_FORKS=str(forks), HOME=str(job / 'home'))
    extravars = dict(load(AWX / 'job_templates' / 'renew_fleet.yml')['extra_vars'])
    extravars.update(survey_answers(job / 'state', job / 'report', **answers))
    return runner(private_data_dir(job, hosts, envvars, extravars))


def job_report(tmp_path, name):
    path = tmp_path / name / 'report' / 'report.json'
    return json.loads(path.read_text()) if path.exists() else None
