# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run real ansible-playbook against the sandbox, with the collection installed from its built artifact."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import subprocess
import sys
from pathlib import Path

COLLECTION_ROOT = Path(__file__).resolve().parents[2]
PLAYBOOKS = Path(__file__).resolve().parent / 'playbooks'
BIN = Path(sys.executable).parent

sys.path.insert(0, str(COLLECTION_ROOT / 'tests'))

from sandbox.client import SandboxProcess  # noqa: E402  pylint: disable=wrong-import-position,unused-import

LB_USERID = '1001'
LB_KEY = 'sandbox-lb-key-7c1e'


def lb_order(order_id, product='dedicated_server_linux', region='us', days=10, price='10.00', status='Active', **extra):
    order = dict(dict(order_id=order_id, product=product, expires_in_days=days, price=price, status=status,
                      description='order-%s.example' % order_id), **extra)
    if region:
        order['region'] = region
    return order


def lb_fixture(*orders, balance='1000.00'):
    return {'logicboxes': {'auth_userid': LB_USERID, 'api_key': LB_KEY, 'customer_balance': balance,
                           'selling_currency': 'USD', 'orders': list(orders)}}


HU_KEY = 'sandbox-hostup-key-5d2b'


def hu_service(account_id, public_id=None, days=10, **extra):
    """A HostUp sandbox service; a public_id (vps_/acct_) makes it reachable through v2 too."""
    service = dict(account_id=account_id, next_due_in_days=days, **extra)
    if public_id:
        service.update(public_id=public_id, kind='hosting' if public_id.startswith('acct_') else 'vps')
    return service


def hu_fixture(*services, **section):
    return {'hostup': dict(section, api_key=HU_KEY, services=list(services))}


def hu_service_state(sandbox, account_id):
    """One service of the sandbox's /_admin/state (renewal_invoices, unpaid_invoices, next_due, ...)."""
    return sandbox.state('hostup')['services'][str(account_id)]


VPSBG_TOKEN = 'sbx-vpsbg/3f9a+Tok=en'  # URL-encoding differs from the raw value: leak scans check both


def vpsbg_server(server_id, days=10, price='10.00', **extra):
    return dict(dict(id=server_id, expires_in_days=days, price=price, hostname='vps-%s.example' % server_id), **extra)


def vpsbg_fixture(*servers, support=None, **section):
    return {'vpsbg': dict(section, token=VPSBG_TOKEN, servers=list(servers), support=support)}


def vpsbg_state(sandbox):
    return sandbox.state('vpsbg')


def build_installed_collection(tmp_dir):
    """The collection as users get it: `ansible-galaxy collection build` + `install`."""
    dist, installed = Path(tmp_dir) / 'dist', Path(tmp_dir) / 'installed'
    subprocess.run([str(BIN / 'ansible-galaxy'), 'collection', 'build', '--force', '--output-path', str(dist),
                    str(COLLECTION_ROOT)], check=True, capture_output=True)
    tarball = next(dist.glob('renewals-hosting-*.tar.gz'))
    subprocess.run([str(BIN / 'ansible-galaxy'), 'collection', 'install', '--force', '-p', str(installed), str(tarball)],
                   check=True, capture_output=True)
    return installed


class PlaybookRun:
    def __init__(self, completed, results):
        self.rc = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr
        self.results = results

    def __getitem__(self, host):
        if host not in self.results:
            raise AssertionError('no result for %s (rc %s):\n%s' % (host, self.rc, self.output[-4000:]))
        return self.results[host]

    @property
    def output(self):
        return self.stdout + self.stderr


class Ansible:
    """ansible-playbook runner bound to an installed collection and a scratch directory."""

    def __init__(self, collections_path, work_dir):
        self.collections_path = str(collections_path)
        self.work_dir = Path(work_dir)
        self.runs = 0

    def env(self, sandbox=None, extra=None):
        env = dict(os.environ)
        env.update(
            ANSIBLE_COLLECTIONS_PATH=self.collections_path,
            ANSIBLE_HOME=str(self.work_dir / 'ansible-home'),
            ANSIBLE_LOCAL_TEMP=str(self.work_dir / 'ansible-tmp'),
            ANSIBLE_RETRY_FILES_ENABLED='false',
            ANSIBLE_NOCOLOR='1',
            ANSIBLE_FORKS='10',
            ANSIBLE_DEPRECATION_WARNINGS='false',
            PATH='%s%s%s' % (BIN, os.pathsep, env.get('PATH', '')),
        )
        if sandbox is not None:
            env.update(LOGICBOXES_AUTH_USERID=LB_USERID, LOGICBOXES_API_KEY=LB_KEY,
                       LOGICBOXES_API_URL=sandbox.url + '/logicboxes/api')
            env.update(HOSTUP_API_KEY=HU_KEY, HOSTUP_API_URL=sandbox.url + '/hostup/api')
            env.update(VPSBG_API_TOKEN=VPSBG_TOKEN, VPSBG_API_URL=sandbox.url + '/vpsbg/v1')
        env.update(extra or {})
        return env

    def inventory(self, hosts):
        """hosts: {name: {host vars}} -> an inventory file where every host is one order, run on the controller."""
        self.runs += 1
        path = self.work_dir / ('inventory-%d.json' % self.runs)
        path.write_text(json.dumps({'orders': {'hosts': hosts, 'vars': {
            'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable}}}))
        return path

    def play(self, playbook, hosts, sandbox=None, check=False, diff=False, verbosity=0, extra_vars=None, env=None):
        inventory = self.inventory(hosts)
        results_file = self.work_dir / ('results-%d.json' % self.runs)
        command = [str(BIN / 'ansible-playbook'), str(PLAYBOOKS / playbook), '-i', str(inventory),
                   '-e', json.dumps(dict(extra_vars or {}, results_file=str(results_file)))]
        if check:
            command.append('--check')
        if diff:
            command.append('--diff')
        if verbosity:
            command.append('-' + 'v' * verbosity)
        completed = subprocess.run(command, env=self.env(sandbox, env), capture_output=True, text=True, timeout=600, check=False)
        results = json.loads(results_file.read_text()) if results_file.exists() else {}
        return PlaybookRun(completed, results)


def renewals(sandbox, order_id):
    return sandbox.state()['logicboxes']['orders'][str(order_id)]['renewals']
