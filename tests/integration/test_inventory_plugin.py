# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The orders inventory plugin against the sandbox: one host per order of every provider, groups, constructed
variables, caching, and a fleet run over the inventory it builds."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import subprocess

from harness import BIN, HU_KEY, LB_KEY, VPSBG_TOKEN, SandboxProcess, hu_fixture, hu_service, lb_fixture, lb_order, vpsbg_fixture, vpsbg_server
from fleet import mixed_fleet_fixture, purchases

from sandbox.fixture_gen import support_plan_account  # pylint: disable=wrong-import-order

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
        support_host = 'vpsbg_support_%s' % fixture['vpsbg']['support']['service_id']
        assert set(h for h in hostvars if h.startswith('vpsbg_')) == set(
            ['vpsbg_server_%s' % s['id'] for s in fixture['vpsbg']['servers']] + [support_host])
        domain = next(o for o in listed if o['product'] == 'domain')
        variables = hostvars['logicboxes_domain_%s' % domain['order_id']]
        assert variables['renewal_provider'] == 'logicboxes' and variables['renewal_id'] == str(domain['order_id'])
        assert abs(variables['renewal_days_remaining'] - domain['expires_in_days']) <= 1
        assert variables['renewal_price_known'] is False
        cost = dict((o['order_id'], float(o.get('cost_price', o['price']))) for o in listed)
        assert variables['renewal_price'] == {'amount': cost[domain['order_id']], 'currency': 'USD'}, 'from the catalogue'
        for order in listed:  # every product listed here is in the catalogue: hosting and VPS priced from their plan
            host = hostvars['logicboxes_%s_%s' % (order['product'], order['order_id'])]
            months = 1 if order['product'] == 'domain' else host['renewal_period']  # domains: the price of a year
            assert host['renewal_price'] == {'amount': round(cost[order['order_id']] * months, 2), 'currency': 'USD'}, order
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


PERIODS = """plugin: renewals.hosting.orders
providers:
  logicboxes:
    products:
      - domain
      - dedicated_server_linux
      - single_domain_hosting_linux
      - {product: vps_linux, regions: [us], period: 3}
    periods: {single_domain_hosting_linux: 24}
  hostup: {}
  vpsbg:
    periods: {support: 6}
"""


def write_config(tmp_path, text):
    path = tmp_path / 'renewals.orders.yml'
    path.write_text(text)
    return path


def test_renewal_period_comes_from_the_config_else_the_current_term_else_the_product_default(ansible, tmp_path):
    fixture = lb_fixture(lb_order(6101, product='domain', region=None), lb_order(6102, product='dedicated_server_linux'),
                         lb_order(6103, product='single_domain_hosting_linux'), lb_order(6104, product='vps_linux'))
    fixture.update(hu_fixture(hu_service(20001, billing_cycle='annually'), hu_service(20002, billing_cycle='quarterly')))
    fixture.update(vpsbg_fixture(vpsbg_server(4101, billing_cycle=3), support=dict(service_id=77, billing_cycle=12, expires_in_days=40)))
    with SandboxProcess(fixture=fixture) as sandbox:
        hostvars = inventory(ansible, sandbox, write_config(tmp_path, PERIODS))['_meta']['hostvars']
    periods = dict((host, variables.get('renewal_period')) for host, variables in hostvars.items())
    assert periods == {
        'logicboxes_domain_6101': 1,                          # the product default, in years
        'logicboxes_dedicated_server_linux_6102': 12,         # the product default: a yearly product, never 1 month
        'logicboxes_single_domain_hosting_linux_6103': 24,    # the section's periods
        'logicboxes_vps_linux_6104': 3,                       # the product's own period
        'hostup_service_20001': 12, 'hostup_service_20002': 3,  # the service's billing cycle
        'vpsbg_server_4101': 3,                               # the server's billing cycle
        'vpsbg_support_77': 6,                                # the section's periods, over the plan's 12-month cycle
    }


def test_a_bad_periods_setting_fails_before_any_call(ansible, tmp_path):
    path = write_config(tmp_path, 'plugin: renewals.hosting.orders\nproviders:\n  vpsbg:\n    periods: {servers: 3}\n')
    with SandboxProcess(fixture=vpsbg_fixture(vpsbg_server(4101))) as sandbox:
        completed = subprocess.run([str(BIN / 'ansible-inventory'), '-i', str(path), '--list'], capture_output=True, text=True,
                                   env=ansible.env(sandbox, {'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'true'}), check=False, timeout=300)
        assert completed.returncode != 0
        said = ' '.join(completed.stderr.split())  # older cores wrap warnings at the terminal's width
        assert "providers.vpsbg.periods: vpsbg has no 'servers'; known: server, support" in said, completed.stderr
        assert sandbox.requests(provider='vpsbg') == []


def test_the_support_plan_is_a_host_on_a_large_account_and_the_fleet_renews_it_once(ansible, tmp_path):
    fixture = support_plan_account(150, history_months=6, support_expires_in_days=10)
    fixture['vpsbg'].update(token=VPSBG_TOKEN, rate_limit_per_minute=1000000)
    path = write_config(tmp_path, 'plugin: renewals.hosting.orders\nproviders:\n  vpsbg: {}\n')
    with SandboxProcess(fixture=fixture) as sandbox:
        hostvars = inventory(ansible, sandbox, path)['_meta']['hostvars']
        plan = hostvars['vpsbg_support_1']
        assert plan['renewal_service'] == 'support' and plan['renewal_id'] == '1' and plan['renewal_period'] == 12
        assert plan['renewal_days_remaining'] in (9, 10) and plan['renewal_status'] == 'active'
        assert len(hostvars) == 151
        command = [str(BIN / 'ansible-playbook'), 'renewals.hosting.renew_fleet', '-i', str(path), '--limit', 'vpsbg_support_1',
                   '-e', json.dumps({'renew_orders_state_dir': str(tmp_path / 'state'), 'renew_orders_report_dir': str(tmp_path / 'report')})]
        completed = subprocess.run(command, env=ansible.env(sandbox), capture_output=True, text=True, check=False, timeout=600)
        assert completed.returncode == 0, completed.stdout[-3000:]
        report = json.loads((tmp_path / 'report' / 'report.json').read_text())
        assert [(entry['host'], entry['outcome']) for entry in report['orders']] == [('vpsbg_support_1', 'awaiting_payment')]
        assert sandbox.state('vpsbg')['support']['renew_calls'] == 1


def test_no_support_plan_host_without_a_paid_support_order_or_when_switched_off(ansible, tmp_path):
    with SandboxProcess(fixture=vpsbg_fixture(vpsbg_server(4101), support=dict(service_id=77, expires_in_days=40))) as sandbox:
        switched_off = inventory(ansible, sandbox, write_config(
            tmp_path, 'plugin: renewals.hosting.orders\nproviders:\n  vpsbg: {support_plan: false}\n'))['_meta']['hostvars']
        assert sorted(switched_off) == ['vpsbg_server_4101'] and sandbox.requests(operation='orders') == []
    with SandboxProcess(fixture=vpsbg_fixture(vpsbg_server(4101))) as sandbox:
        hostvars = inventory(ansible, sandbox, write_config(tmp_path, 'plugin: renewals.hosting.orders\nproviders:\n  vpsbg: {}\n'))
        assert sorted(hostvars['_meta']['hostvars']) == ['vpsbg_server_4101']
