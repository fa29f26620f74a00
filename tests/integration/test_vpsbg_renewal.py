# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-playbook against the VPSBG sandbox: check -> renew -> rerun, open orders, refusals, bad input, info."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from harness import VPSBG_TOKEN, SandboxProcess, vpsbg_fixture, vpsbg_server, vpsbg_state

SUPPORT = dict(service_id=77, price='15.00', expires_in_days=8)


def hosts_for(*servers, **common):
    return dict(('server-%s' % server['id'], dict(server_id=server['id'], **common)) for server in servers)


def support_host(**host_vars):
    return {'support': dict(kind='support', **host_vars)}


def service(sandbox, server_id=None):
    state = vpsbg_state(sandbox)
    return state['support'] if server_id is None else state['servers'][str(server_id)]


def calls(sandbox, operation):
    return sandbox.requests(provider='vpsbg', operation=operation)


def test_check_then_renew_then_rerun_unchanged_with_one_order(ansible):
    due, later = vpsbg_server(4001, days=10), vpsbg_server(4002, days=200)
    hosts = hosts_for(due, later)
    hosts.update(support_host())
    names = ('server-4001', 'server-4002', 'support')
    with SandboxProcess(fixture=vpsbg_fixture(due, later, support=SUPPORT)) as sandbox:
        before = vpsbg_state(sandbox)

        check = ansible.play('vpsbg_renew.yml', hosts, sandbox, check=True, diff=True)
        assert check.rc == 0, check.output
        assert [check[name]['changed'] for name in names] == [True, False, True]
        assert check['server-4001']['outcome'] == 'would_renew' and check['server-4002']['outcome'] == 'not_due'
        assert check['server-4001']['price']['amount'] == 12.0 and check['server-4001']['price']['currency'] == 'EUR'
        assert check['server-4001']['expires_after'] is not None
        assert calls(sandbox, 'renew_server') == calls(sandbox, 'support_renew') == []
        assert vpsbg_state(sandbox) == before, 'check mode bought nothing'

        real = ansible.play('vpsbg_renew.yml', hosts, sandbox, diff=True)
        assert real.rc == 0, real.output
        assert [real[name]['changed'] for name in names] == [True, False, True]
        assert [service(sandbox, 4001)['renew_calls'], service(sandbox, 4002)['renew_calls'], service(sandbox)['renew_calls']] == [1, 0, 1]
        placed = real['server-4001']
        assert placed['pending'] is True and placed['order']['status'] == 'awaiting_payment'
        assert service(sandbox, 4001)['open_renew_orders'] == [placed['order']['id']]
        assert placed['order']['amount_with_vat'] == 12 and placed['invoice']['id'] == placed['order']['invoices'][0]['id']
        assert service(sandbox)['open_renew_orders'] == [real['support']['order']['id']]

        rerun = ansible.play('vpsbg_renew.yml', hosts, sandbox)
        assert rerun.rc == 0, rerun.output
        assert not any(rerun[name]['changed'] for name in names)
        assert [rerun[name]['outcome'] for name in names] == ['awaiting_payment', 'not_due', 'awaiting_payment']
        assert rerun['server-4001']['order']['id'] == placed['order']['id']
        assert [service(sandbox, 4001)['renew_calls'], service(sandbox)['renew_calls']] == [1, 1]
        assert len(service(sandbox, 4001)['open_renew_orders']) == 1 and len(service(sandbox)['open_renew_orders']) == 1


def test_order_paid_from_balance_then_not_due_on_the_other_renew_path(ansible):
    """The sandbox serves the per-server renew path: the module finds it; the order pays itself from the balance."""
    due = vpsbg_server(4101, days=5)
    hosts = hosts_for(due, billing_cycle=3)
    with SandboxProcess(fixture=vpsbg_fixture(due, balance='100.00', renew_path='per_server')) as sandbox:
        expiry = service(sandbox, 4101)['expiry_at']
        real = ansible.play('vpsbg_renew.yml', hosts, sandbox, diff=True)['server-4101']
        assert real['changed'] and real['pending'] is False and real['order']['status'] == 'paid', real['msg']
        assert service(sandbox, 4101)['expiry_at'] > expiry and real['order']['billing_cycle'] == 3
        assert real['expires_after'] == real['order']['period_to'] == real['diff']['after']['expires_at']
        attempts = [(entry['path'], entry['status']) for entry in calls(sandbox, 'renew_server')]
        assert attempts == [('/vpsbg/v1/servers/4101/renew', 201)]
        assert [entry['status'] for entry in sandbox.requests(provider='vpsbg') if entry['method'] == 'POST'
                and entry['path'] == '/vpsbg/v1/servers/renew'] == [405]

        rerun = ansible.play('vpsbg_renew.yml', hosts, sandbox)['server-4101']
        assert rerun['changed'] is False and rerun['outcome'] == 'not_due'
        assert service(sandbox, 4101)['renew_calls'] == 1


def test_open_order_blocks_a_new_one_and_its_period_is_corrected_in_place(ansible):
    wrong_period = vpsbg_server(4201, days=5, pending={'billing_cycle': 1})
    processing = vpsbg_server(4202, days=5, pending={'billing_cycle': 1, 'status': 'processing'})
    forced = vpsbg_server(4203, days=200, pending={'billing_cycle': 1})
    hosts = hosts_for(wrong_period, billing_cycle=12)
    hosts.update(hosts_for(processing, billing_cycle=3))
    hosts.update(hosts_for(forced, force=True))
    hosts.update(support_host())
    names = ('server-4201', 'server-4202', 'server-4203', 'support')
    with SandboxProcess(fixture=vpsbg_fixture(wrong_period, processing, forced, support=dict(SUPPORT, pending={'billing_cycle': 1}))) as sandbox:
        check = ansible.play('vpsbg_renew.yml', hosts, sandbox, check=True)
        assert [check[name]['changed'] for name in names] == [True, False, False, False]
        assert 'would change its period from 1 to 12 months' in check['server-4201']['msg']
        assert calls(sandbox, 'change_period') == []

        real = ansible.play('vpsbg_renew.yml', hosts, sandbox)
        assert [real[name]['changed'] for name in names] == [True, False, False, False]
        assert [real[name]['outcome'] for name in names] == ['awaiting_payment', 'pending', 'awaiting_payment', 'awaiting_payment']
        corrected = real['server-4201']
        assert corrected['order']['billing_cycle'] == 12 and corrected['order']['amount'] == 120, corrected['order']
        assert 'no new order' in corrected['msg'] and len(calls(sandbox, 'change_period')) == 1
        assert real['server-4202']['order']['status'] == 'processing' and real['server-4202']['order']['billing_cycle'] == 1

        rerun = ansible.play('vpsbg_renew.yml', hosts, sandbox)
        assert not any(rerun[name]['changed'] for name in names)
        assert len(calls(sandbox, 'change_period')) == 1
        assert calls(sandbox, 'renew_server') == calls(sandbox, 'support_renew') == []
        for server_id in (4201, 4202, 4203):
            assert len(service(sandbox, server_id)['open_renew_orders']) == 1 and service(sandbox, server_id)['renew_calls'] == 0
        assert len(service(sandbox)['open_renew_orders']) == 1


def test_refusals_fail_clearly_and_order_nothing(ansible):
    servers = [vpsbg_server(4301, renew_enabled=False), vpsbg_server(4302, cancel_requested=True),
               vpsbg_server(4303, status='terminated'), vpsbg_server(4304, locked=True),
               vpsbg_server(4305, minimum_billing_cycle=3, billing_cycle=3), vpsbg_server(4306), vpsbg_server(4307)]
    hosts = hosts_for(*servers)
    hosts['server-4305']['billing_cycle'] = 1
    hosts['server-4306']['max_price'] = 5
    hosts['server-4307']['promo_code'] = 'nosuchpromo'
    hosts['server-4399'] = dict(server_id=4399)
    hosts.update(support_host())
    expected = {
        'server-4301': 'renew_enabled is false', 'server-4302': 'pending cancellation request', 'server-4303': 'terminated',
        'server-4304': 'locked', 'server-4305': 'billing_cycle 1 is below the minimum billing cycle of 3 months',
        'server-4306': 'above max_price 5.00', 'server-4307': 'HTTP 422): promo_code: The selected promo code is invalid',
        'server-4399': 'no server 4399', 'support': 'no paid support plan order',
    }
    with SandboxProcess(fixture=vpsbg_fixture(*servers, promo_codes=[{'code': 'fall2406', 'percentage': 25}])) as sandbox:
        run = ansible.play('vpsbg_renew.yml', hosts, sandbox)
        for host, words in expected.items():
            assert run[host]['failed'] and words in run[host]['msg'], (host, run[host]['msg'])
            assert run[host]['changed'] is False
        assert run['server-4307']['error']['fields'] == {'promo_code': ['The selected promo code is invalid.']}
        assert run['server-4399']['error']['code'] == 'not_found'
        assert calls(sandbox, 'renew_server') == calls(sandbox, 'support_renew') == []


def test_bad_input_fails_before_any_api_call(ansible):
    hosts = {
        'zero-id': dict(server_id=0),
        'text-id': dict(server_id='1&api_token=x'),
        'odd-cycle': dict(server_id=1, billing_cycle=2),
        'spaced-promo': dict(server_id=1, promo_code='fall 2406'),
        'bad-url': dict(server_id=1, api_url='ftp://api.vpsbg.eu/v1'),
        'token-newline': dict(server_id=1, api_token=VPSBG_TOKEN + '\n'),
        'support-cycle': dict(kind='support', billing_cycle=5),
        'support-days': dict(kind='support', renew_before_days=-1),
    }
    options = {'zero-id': 'server_id', 'text-id': 'server_id', 'odd-cycle': 'billing_cycle', 'spaced-promo': 'promo_code',
               'bad-url': 'api_url', 'token-newline': 'api_token', 'support-cycle': 'billing_cycle', 'support-days': 'renew_before_days'}
    with SandboxProcess(fixture=vpsbg_fixture(vpsbg_server(1), support=SUPPORT)) as sandbox:
        run = ansible.play('vpsbg_renew.yml', hosts, sandbox)
        for host, option in options.items():
            assert run[host]['failed'] and option in run[host]['msg'], (host, run[host]['msg'])
        assert sandbox.requests(provider='vpsbg') == []


def test_info_reports_price_open_order_and_should_renew(ansible):
    due, pending = vpsbg_server(4501, days=10, price='20.00'), vpsbg_server(4502, days=10, pending={'billing_cycle': 3})
    hosts = hosts_for(due, billing_cycle=12, promo_code='fall2406')
    hosts.update(hosts_for(pending))
    promo = {'code': 'fall2406', 'percentage': 25, 'minimum_billing_cycle': 3}
    with SandboxProcess(fixture=vpsbg_fixture(due, pending, promo_codes=[promo])) as sandbox:
        run = ansible.play('vpsbg_info.yml', hosts, sandbox)
        assert run.rc == 0, run.output
        info = run['server-4501']
        assert info['should_renew'] is True and info['pending'] is False and info['days_remaining'] in (9, 10)
        assert info['price'] == {'amount': 216.0, 'amount_without_vat': 180.0, 'discount': 60, 'currency': 'EUR',
                                 'billing_cycle': 12, 'promo_code': 'fall2406'}
        assert run['server-4502']['should_renew'] is False and run['server-4502']['pending'] is True
        assert run['server-4502']['order']['billing_cycle'] == 3
        assert calls(sandbox, 'renew_server') == [] and calls(sandbox, 'change_period') == []


def test_module_defaults_group_token(ansible):
    due = vpsbg_server(4601, days=5)
    with SandboxProcess(fixture=vpsbg_fixture(due)) as sandbox:
        run = ansible.play('vpsbg_module_defaults.yml', hosts_for(due), sandbox, extra_vars={'group_api_token': VPSBG_TOKEN},
                           env={'VPSBG_API_TOKEN': 'wrong-token-0000'})
        assert run['server-4601']['changed'] is True, run.output
        assert service(sandbox, 4601)['renew_calls'] == 1
