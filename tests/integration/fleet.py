# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fleet fixtures: a sandbox account and the inventory that describes it (one host per order)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import subprocess
import sys

from harness import BIN, HU_KEY, LB_KEY, LB_USERID, VPSBG_TOKEN

from sandbox.fixture_gen import generate_fixture  # pylint: disable=wrong-import-order


def lb_fleet_fixture(n_orders, due_share, seed):
    fixture = generate_fixture(n_orders, due_share, seed, providers=('logicboxes',))
    fixture['logicboxes'].update(auth_userid=LB_USERID, api_key=LB_KEY)
    return fixture


def mixed_fleet_fixture(n_orders, due_share, seed):
    """LogicBoxes orders, HostUp services and VPSBG servers (plus the VPSBG support plan) in one sandbox."""
    fixture = generate_fixture(n_orders, due_share, seed, providers=('logicboxes', 'hostup', 'vpsbg'))
    fixture['logicboxes'].update(auth_userid=LB_USERID, api_key=LB_KEY)
    fixture['hostup']['api_key'] = HU_KEY
    fixture['vpsbg']['token'] = VPSBG_TOKEN
    return fixture


def mixed_hosts(fixture):
    """Inventory hosts for every provider; HostUp services alternate between their v1 and v2 ids."""
    hosts = lb_hosts(fixture)
    for index, service in enumerate(fixture['hostup']['services']):
        account = service.get('public_id') if index % 2 and service.get('public_id') else service['account_id']
        hosts['hu-%s' % service['account_id']] = {'renewal_provider': 'hostup', 'renewal_service': 'service', 'renewal_id': account}
    for server in fixture['vpsbg']['servers']:
        hosts['vps-%s' % server['id']] = {'renewal_provider': 'vpsbg', 'renewal_service': 'server', 'renewal_id': server['id'],
                                          'renewal_period': server['billing_cycle']}
    hosts['vpsbg-support'] = {'renewal_provider': 'vpsbg', 'renewal_service': 'support', 'renewal_id': 'plan', 'renewal_period': 1}
    return hosts


def purchases(sandbox):
    """Renewals each provider saw, per host name of mixed_hosts()."""
    state = sandbox.admin_get('/_admin/state')
    counts = dict(('lb-%s' % oid, order['renewals']) for oid, order in state['logicboxes']['orders'].items())
    counts.update(('hu-%s' % aid, sum(service['renew_calls'].values())) for aid, service in state['hostup']['services'].items())
    counts.update(('vps-%s' % sid, server['renew_calls']) for sid, server in state['vpsbg']['servers'].items())
    counts['vpsbg-support'] = state['vpsbg']['support']['renew_calls']
    return counts


def lb_hosts(fixture, declare_prices=False):
    """One inventory host per LogicBoxes order of the fixture."""
    hosts = {}
    for order in fixture['logicboxes']['orders']:
        host = {'renewal_provider': 'logicboxes', 'renewal_service': order['product'], 'renewal_id': order['order_id'],
                'renewal_period': 1}
        if order.get('region'):
            host['renewal_region'] = order['region']
        if declare_prices:
            host['renewal_price'] = {'amount': float(order['price']), 'currency': 'USD'}
        hosts['lb-%s' % order['order_id']] = host
    return hosts


def due_ids(fixture, window=30):
    return set(o['order_id'] for o in fixture['logicboxes']['orders']
               if o.get('expires_in_days', 999) <= window and o.get('status', 'Active') == 'Active' and 'pending' not in o)


def fleet_command(ansible, hosts, state_dir, extra_vars=None, check=False, name='fleet', playbook='renewals.hosting.renew_fleet'):
    """argv and inventory for `ansible-playbook renewals.hosting.renew_fleet` (or another fleet playbook) over ``hosts``."""
    inventory = ansible.work_dir / ('%s-inventory.json' % name)
    inventory.write_text(json.dumps({'all': {'hosts': hosts}}))
    variables = dict({'renew_orders_state_dir': str(state_dir), 'renew_orders_report_dir': str(state_dir / ('report-' + name))},
                     **(extra_vars or {}))
    command = [str(BIN / 'ansible-playbook'), playbook, '-i', str(inventory), '-e', json.dumps(variables)]
    return command + (['--check'] if check else [])


class FleetRun:
    def __init__(self, completed, report):
        self.rc = completed.returncode
        self.output = completed.stdout + completed.stderr
        self.report = report

    def outcomes(self):
        return dict((entry['host'], entry['outcome']) for entry in self.report['orders'])

    def hosts_with(self, outcome):
        return set(host for host, result in self.outcomes().items() if result == outcome)


def run_fleet(ansible, sandbox, hosts, state_dir, extra_vars=None, check=False, name='fleet', env=None,
              playbook='renewals.hosting.renew_fleet'):
    command = fleet_command(ansible, hosts, state_dir, extra_vars, check, name, playbook)
    completed = subprocess.run(command, env=ansible.env(sandbox, dict({'ANSIBLE_FORKS': '20'}, **(env or {}))),
                               capture_output=True, text=True, timeout=900, check=False)
    report_path = state_dir / ('report-' + name) / 'report.json'
    if not report_path.exists():
        raise AssertionError('no report (rc %s):\n%s' % (completed.returncode, (completed.stdout + completed.stderr)[-4000:]))
    return FleetRun(completed, json.loads(report_path.read_text()))


def renewals_by_order(sandbox):
    return dict((int(order_id), order['renewals']) for order_id, order in sandbox.state('logicboxes')['orders'].items())


PYTHON = sys.executable
