# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The orders inventory plugin against the sandbox: one host per order of every provider, groups, constructed
variables, caching, and a fleet run over the inventory it builds."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import subprocess

from harness import BIN, HU_KEY, LB_KEY, SandboxProcess
from fleet import mixed_fleet_fixture, purchases

CONFIG = """plugin: renewals.hosting.orders
providers:
  logicboxes:
    products:
      - domain
      - single_domain_hosting_linux
      - {product: vps_linux, regions: [us, in], period: 1}
  hostup: {}
  vpsbg: {}
compose:
  renewal_price_known: renewal_provider != 'logicboxes'
groups:
  expiring_30d: renewal_days_remaining is not none and renewal_days_remaining <= 30
keyed_groups:
  - key: renewal_provider
    prefix: by
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: %s
cache_timeout: 3600
"""


def plain(value):
    """ansible-inventory marks strings from inventory plugins as unsafe ({"__ansible_unsafe": ...}): unwrap them."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return dict((key, plain(item)) for key, item in value.items())
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def inventory(ansible, sandbox, path, env=None):
    completed = subprocess.run([str(BIN / 'ansible-inventory'), '-i', str(path), '--list'], capture_output=True, text=True,
                               env=ansible.env(sandbox, env), check=False, timeout=300)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return plain(json.loads(completed.stdout))


def test_one_host_per_order_with_groups_and_cache(ansible, tmp_path):
    fixture = mixed_fleet_fixture(20, 0.5, seed=23)
    listed = [o for o in fixture['logicboxes']['orders'] if o['product'] in ('domain', 'single_domain_hosting_linux', 'vps_linux')]
    path = tmp_path / 'renewals.orders.yml'
    path.write_text(CONFIG % (tmp_path / 'cache'))
    with SandboxProcess(fixture=fixture) as sandbox:
        found = inventory(ansible, sandbox, path)
        hostvars = found['_meta']['hostvars']
        lb_hosts = set(h for h in hostvars if h.startswith('logicboxes_'))
        assert lb_hosts == set('logicboxes_%s_%s' % (o['product'], o['order_id']) for o in listed)
        assert set(h for h in hostvars if h.startswith('hostup_')) == set(
            'hostup_service_%s' % s['account_id'] for s in fixture['hostup']['services'])
        assert set(h for h in hostvars if h.startswith('vpsbg_')) == set('vpsbg_server_%s' % s['id'] for s in fixture['vpsbg']['servers'])
        domain = next(o for o in listed if o['product'] == 'domain')
        variables = hostvars['logicboxes_domain_%s' % domain['order_id']]
        assert variables['renewal_provider'] == 'logicboxes' and variables['renewal_id'] == str(domain['order_id'])
        assert abs(variables['renewal_days_remaining'] - domain['expires_in_days']) <= 1
        assert variables['renewal_price_known'] is False
        cost = dict((o['order_id'], float(o.get('cost_price', o['price']))) for o in listed)
        assert variables['renewal_price'] == {'amount': cost[domain['order_id']], 'currency': 'USD'}, 'from the catalogue'
        for order in listed:  # every product listed here is in the catalogue: hosting and VPS priced from their plan
            priced = hostvars['logicboxes_%s_%s' % (order['product'], order['order_id'])]['renewal_price']
            assert priced == {'amount': cost[order['order_id']], 'currency': 'USD'}, order
        assert sandbox.request_counts()['by_operation']['logicboxes:reseller_cost_price'] == 1, 'read once per inventory'
        due = set(h for h, v in hostvars.items() if v['renewal_days_remaining'] is not None and v['renewal_days_remaining'] <= 30)
        assert set(found['expiring_30d']['hosts']) == due and due
        assert set(found['by_vpsbg']['hosts']) == set(h for h in hostvars if h.startswith('vpsbg_'))
        assert 'logicboxes_domain' in found and 'hostup_service' in found
        calls = len(sandbox.requests())
        again = inventory(ansible, sandbox, path)
        assert len(sandbox.requests()) == calls, 'the cached inventory called the providers again'
        assert again['_meta']['hostvars'] == hostvars
        text = json.dumps(found) + ''.join(p.read_text() for p in (tmp_path / 'cache').iterdir())
        assert LB_KEY not in text and HU_KEY not in text


def test_fleet_over_the_plugin_inventory_renews_what_is_due(ansible, tmp_path):
    fixture = mixed_fleet_fixture(15, 0.5, seed=29)
    path = tmp_path / 'renewals.orders.yml'
    path.write_text(CONFIG.replace('cache: true', 'cache: false') % (tmp_path / 'cache'))
    with SandboxProcess(fixture=fixture) as sandbox:
        hostvars = inventory(ansible, sandbox, path)['_meta']['hostvars']
        due = set(h for h, v in hostvars.items() if v['renewal_days_remaining'] is not None and v['renewal_days_remaining'] <= 30)
        command = [str(BIN / 'ansible-playbook'), 'renewals.hosting.renew_fleet', '-i', str(path), '-e',
                   json.dumps({'renew_orders_state_dir': str(tmp_path / 'state'), 'renew_orders_report_dir': str(tmp_path / 'report')})]
        completed = subprocess.run(command, env=ansible.env(sandbox), capture_output=True, text=True, check=False, timeout=600)
        report = json.loads((tmp_path / 'report' / 'report.json').read_text())
        renewed = set(e['host'] for e in report['orders'] if e['outcome'] in ('renewed', 'awaiting_payment'))
        assert completed.returncode == 0, completed.stdout[-3000:]
        assert renewed == due, (sorted(renewed ^ due), report['totals'])
        bought = purchases(sandbox)
        assert sum(bought.values()) == len(due) and set(bought.values()) <= {0, 1}
