# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-playbook against the sandbox: check mode -> renew -> rerun unchanged, counted at the provider."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from harness import LB_KEY, SandboxProcess, lb_fixture, lb_order, renewals


def hosts_for(*orders, **common):
    hosts = {}
    for order in orders:
        host = dict(product=order['product'], order_id=order['order_id'], **common)
        if order.get('region'):
            host['region'] = order['region']
        hosts['order-%s' % order['order_id']] = host
    return hosts


def test_check_then_renew_then_rerun_unchanged(ansible):
    due = lb_order(6001, days=10)
    due_domain = lb_order(6002, product='domain', region=None, days=3)
    not_due = lb_order(6003, product='backup', region='asia', days=200)
    hosts = hosts_for(due, due_domain, not_due)
    with SandboxProcess(fixture=lb_fixture(due, due_domain, not_due)) as sandbox:
        before = sandbox.state()['logicboxes']['orders']

        check = ansible.play('renew.yml', hosts, sandbox, check=True, diff=True)
        assert check.rc == 0, check.output
        assert [check[h]['changed'] for h in ('order-6001', 'order-6002', 'order-6003')] == [True, True, False]
        assert check['order-6001']['outcome'] == 'would_renew' and check['order-6003']['outcome'] == 'not_due'
        assert sum(renewals(sandbox, o) for o in (6001, 6002, 6003)) == 0
        assert sandbox.state()['logicboxes']['orders'] == before

        real = ansible.play('renew.yml', hosts, sandbox, diff=True)
        assert real.rc == 0, real.output
        assert [real[h]['changed'] for h in ('order-6001', 'order-6002', 'order-6003')] == [True, True, False]
        assert [renewals(sandbox, o) for o in (6001, 6002, 6003)] == [1, 1, 0]
        # what check mode predicted is what happened
        assert check['order-6001']['expires_after'] == real['order-6001']['expires_after']
        after = sandbox.state()['logicboxes']['orders']
        assert after['6001']['endtime'] > before['6001']['endtime']
        assert real['order-6002']['expires_after'] is not None

        rerun = ansible.play('renew.yml', hosts, sandbox)
        assert rerun.rc == 0, rerun.output
        assert not any(rerun[h]['changed'] for h in rerun.results)
        assert [rerun[h]['outcome'] for h in ('order-6001', 'order-6002', 'order-6003')] == ['not_due'] * 3
        assert [renewals(sandbox, o) for o in (6001, 6002, 6003)] == [1, 1, 0]


def test_pending_action_blocks_a_second_renewal(ansible):
    pending = lb_order(6101, days=5, pending={'invoice_option': 'OnlyAdd', 'months': 1})
    with SandboxProcess(fixture=lb_fixture(pending)) as sandbox:
        run = ansible.play('renew.yml', hosts_for(pending, force=True), sandbox)
        result = run['order-6101']
        assert run.rc == 0 and result['changed'] is False and result['pending'] is True
        assert result['outcome'] == 'awaiting_payment' and result['awaiting_payment']['invoice_id'] == result['invoice']['id']
        assert result['action']['id'] not in (None, '0')
        assert renewals(sandbox, 6101) == 0


def test_only_add_is_placed_once_then_reported_awaiting_payment_on_every_run(ansible):
    order = lb_order(6201, days=5, price='12.00', cost_price='10.00')
    hosts = hosts_for(order, invoice_option='OnlyAdd')
    with SandboxProcess(fixture=lb_fixture(order)) as sandbox:
        first = ansible.play('renew.yml', hosts, sandbox)['order-6201']
        assert first['changed'] and first['pending'] and first['invoice']['id'] and first['expires_after'] is None
        assert first['outcome'] == 'awaiting_payment' and first['price'] == {'amount': 10.0, 'currency': 'USD',
                                                                             'customer_amount': 12.0}
        for _run in range(2):
            later = ansible.play('renew.yml', hosts, sandbox)['order-6201']
            assert later['changed'] is False and later['pending'] is True and later['outcome'] == 'awaiting_payment'
            waiting = later['awaiting_payment']
            assert (waiting['invoice_id'], waiting['runs_out_at']) == (first['invoice']['id'], first['service']['expires_at'])
        assert renewals(sandbox, 6201) == 1


def test_keep_invoice_renews_and_reports_the_invoice(ansible):
    order = lb_order(6301, days=5, price='7.50')
    with SandboxProcess(fixture=lb_fixture(order)) as sandbox:
        result = ansible.play('renew.yml', hosts_for(order, invoice_option='KeepInvoice', months=2), sandbox)['order-6301']
        assert result['changed'] and not result['pending'] and renewals(sandbox, 6301) == 1
        assert result['invoice']['amount'] == 15.0 and result['invoice']['currency'] == 'USD'


def test_force_renews_a_not_due_order_once_per_run(ansible):
    order = lb_order(6401, days=300)
    with SandboxProcess(fixture=lb_fixture(order)) as sandbox:
        assert ansible.play('renew.yml', hosts_for(order, force=True), sandbox)['order-6401']['changed']
        assert renewals(sandbox, 6401) == 1


def test_deleted_order_and_max_price_fail_without_buying(ansible):
    deleted = lb_order(6501, days=5, status='Deleted')
    priced = lb_order(6502, days=5, cost_price='120.00')
    unpriced = lb_order(6503, product='codeguard', region=None, days=5)  # no catalogue entry: no price
    hosts = hosts_for(deleted)
    hosts.update(hosts_for(priced, unpriced, max_price=100))
    with SandboxProcess(fixture=lb_fixture(deleted, priced, unpriced)) as sandbox:
        run = ansible.play('renew.yml', hosts, sandbox)
        assert run['order-6501']['failed'] and 'Deleted' in run['order-6501']['msg']
        assert run['order-6502']['failed'] and run['order-6502']['error']['code'] == 'price_above_max'
        assert 'costs 120.00 USD, above max_price 100.00' in run['order-6502']['msg']
        assert run['order-6503']['failed'] and run['order-6503']['error']['code'] == 'price_unknown'
        assert renewals(sandbox, 6501) == renewals(sandbox, 6502) == renewals(sandbox, 6503) == 0


def test_bad_input_fails_before_any_api_call(ansible):
    hosts = {
        'bad-region': dict(product='backup', region='in', order_id=1),
        'bad-period': dict(product='domain', order_id=2, months=12),
        'bad-id': dict(product='ssl', order_id='1&api-key=x'),
        'bad-product': dict(product='toaster', order_id=3),
        'zero-id': dict(product='ssl', order_id=0),
    }
    with SandboxProcess(fixture=lb_fixture()) as sandbox:
        run = ansible.play('renew.yml', hosts, sandbox)
        for host, option in (('bad-region', 'region'), ('bad-period', 'months'), ('bad-id', 'order_id'),
                             ('bad-product', 'product'), ('zero-id', 'order_id')):
            assert run[host]['failed'] and option in run[host]['msg'], (host, run[host]['msg'])
        assert sandbox.requests(provider='logicboxes') == []


def test_module_defaults_group_and_env_credentials(ansible):
    order = lb_order(6601, days=5)
    hosts = hosts_for(order)
    with SandboxProcess(fixture=lb_fixture(order)) as sandbox:
        missing = ansible.play('renew.yml', hosts, sandbox, env={'LOGICBOXES_API_KEY': ''})
        assert missing['order-6601']['failed'] and 'api_key' in missing['order-6601']['msg']
        grouped = ansible.play('renew_module_defaults.yml', hosts, sandbox,
                               extra_vars={'group_api_key': LB_KEY}, env={'LOGICBOXES_API_KEY': 'wrong-key-0000'})
        assert grouped['order-6601']['changed'] is True, grouped.output
        assert renewals(sandbox, 6601) == 1


def test_module_file_path_matches_the_controller_path(ansible):
    """RENEWALS_HOSTING_EXECUTION=module runs the module file through AnsiballZ: same behaviour."""
    order = lb_order(6701, days=5)
    hosts = hosts_for(order)
    with SandboxProcess(fixture=lb_fixture(order)) as sandbox:
        env = {'RENEWALS_HOSTING_EXECUTION': 'module'}
        check = ansible.play('renew.yml', hosts, sandbox, check=True, env=env)['order-6701']
        real = ansible.play('renew.yml', hosts, sandbox, env=env)['order-6701']
        rerun = ansible.play('renew.yml', hosts, sandbox, env=env)['order-6701']
        assert (check['changed'], real['changed'], rerun['changed']) == (True, True, False)
        assert renewals(sandbox, 6701) == 1
        assert LB_KEY not in repr(real) and real['service']['id'] == '6701'


def test_info_module_answers_should_renew(ansible):
    due = lb_order(6801, days=10)
    later = lb_order(6802, product='ssl', region=None, days=100)
    hosts = hosts_for(due, later)
    with SandboxProcess(fixture=lb_fixture(due, later)) as sandbox:
        run = ansible.play('info.yml', hosts, sandbox)
        assert run.rc == 0, run.output
        assert run['order-6801']['should_renew'] is True and run['order-6801']['days_remaining'] in (9, 10)
        assert run['order-6802']['should_renew'] is False
        assert run['order-6801']['changed'] is False
        assert renewals(sandbox, 6801) == 0
