# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HostUp through ansible-playbook against the sandbox: at most one renewal invoice per service, counted at the provider."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import urllib.request

from harness import HU_KEY, SandboxProcess, hu_fixture, hu_service, hu_service_state

V1_DUE = hu_service(20000, days=10)                                  # v1, HostBill moves next_due when invoicing
V1_DUE_KEEPS_DATE = hu_service(20001, days=12, move_due=False)       # v1, next_due moves only once paid
V2_VPS_DUE = hu_service(20002, 'vps_a1', days=5, amount='149.00')
V2_HOSTING_DUE = hu_service(20003, 'acct_b2', days=3, billing_cycle='annually', amount='1188')
V1_NOT_DUE = hu_service(20004, days=200)


def start_v2_payment(sandbox, invoice_id):
    """Pay an invoice behind the module's back (another run, the panel), through the sandbox's v2 API."""
    request = urllib.request.Request('%s/hostup/api/v2/billing/invoices/inv_%s/actions/pay' % (sandbox.url, invoice_id),
                                     data=b'{}', method='POST',
                                     headers={'Authorization': 'Bearer ' + HU_KEY, 'Content-Type': 'application/json'})
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=10) as response:
        return response.status


def hosts_for(*services, **common):
    return dict(('svc-%s' % service['account_id'], dict(account_id=str(service.get('public_id') or service['account_id']), **common))
                for service in services)


def invoices(sandbox, *services):
    return [hu_service_state(sandbox, service['account_id'])['renewal_invoices'] for service in services]


def test_check_then_renew_then_rerun_unchanged_with_exactly_one_invoice(ansible):
    services = (V1_DUE, V1_DUE_KEEPS_DATE, V2_VPS_DUE, V2_HOSTING_DUE, V1_NOT_DUE)
    names = ['svc-%s' % service['account_id'] for service in services]
    hosts = hosts_for(*services)
    with SandboxProcess(fixture=hu_fixture(*services)) as sandbox:
        before = sandbox.state('hostup')

        check = ansible.play('hostup_renew.yml', hosts, sandbox, check=True, diff=True)
        assert check.rc == 0, check.output
        assert [check[name]['changed'] for name in names] == [True, True, True, True, False]
        assert check['svc-20000']['outcome'] == 'would_renew' and check['svc-20004']['outcome'] == 'not_due'
        assert check['svc-20002']['price'] == {'amount': 149.0, 'currency': 'SEK'}
        assert sandbox.state('hostup') == before and invoices(sandbox, *services) == [0] * 5

        real = ansible.play('hostup_renew.yml', hosts, sandbox, diff=True)
        assert real.rc == 0, real.output
        assert [real[name]['changed'] for name in names] == [True, True, True, True, False]
        assert invoices(sandbox, *services) == [1, 1, 1, 1, 0]
        for name in names[:4]:
            result = real[name]
            assert result['renewed'] and result['pending'] and result['invoice']['status'] == 'unpaid', result
            assert result['expires_after'] == check[name]['expires_after']  # check mode predicted the new due date
        assert real['svc-20002']['invoice']['id'].startswith('inv_') and real['svc-20000']['invoice']['id'].isdigit()
        assert real['svc-20002']['service']['api'] == 'v2' and real['svc-20000']['service']['api'] == 'v1'

        rerun = ansible.play('hostup_renew.yml', hosts, sandbox)
        assert rerun.rc == 0, rerun.output
        assert not any(rerun[name]['changed'] for name in names)
        # v1 moved the next due date when it made the invoice: still unpaid, so awaiting payment, not not_due
        assert [rerun[name]['outcome'] for name in names] == ['awaiting_payment'] * 4 + ['not_due']
        assert rerun['svc-20000']['awaiting_payment']['runs_out_at'] == real['svc-20000']['service']['paid_until']
        assert rerun['svc-20001']['invoice']['id'] == real['svc-20001']['invoice']['id']

        forced = ansible.play('hostup_renew.yml', hosts_for(*services[:4], force=True), sandbox)
        assert not any(forced[name]['changed'] for name in names[:4]), 'force never adds an invoice next to an unpaid one'
        assert invoices(sandbox, *services) == [1, 1, 1, 1, 0]
        requests = sandbox.requests(provider='hostup')
        assert sum(entry['operation'] in ('renew', 'v2_renew') for entry in requests) == 4  # one renew call per service, ever


def test_an_existing_unpaid_invoice_is_reported_and_none_is_added(ansible):
    cron_v1 = hu_service(20100, days=6, unpaid_invoice=True)
    cron_vps = hu_service(20101, 'vps_c1', days=6, unpaid_invoice=True)
    consolidated = hu_service(20102, days=6)
    same_amount_elsewhere = hu_service(20103, days=6)   # another service's unpaid invoice has the same amount
    other = hu_service(20104, days=90)
    services = (cron_v1, cron_vps, consolidated, same_amount_elsewhere)
    fixture = hu_fixture(cron_v1, cron_vps, consolidated, same_amount_elsewhere, other,
                         invoices=[{'accounts': [20104, 20102]}, {'accounts': [20104]}])
    with SandboxProcess(fixture=fixture) as sandbox:
        info = ansible.play('hostup_info.yml', hosts_for(*services), sandbox)
        assert info.rc == 0, info.output
        assert [info['svc-%s' % s['account_id']]['should_renew'] for s in services] == [False, False, False, True]
        assert len(info['svc-20101']['service']['unpaid_invoices']) == 1 and info['svc-20103']['service']['unpaid_invoices'] == []
        assert info['svc-20102']['days_remaining'] in (5, 6) and info['svc-20102']['changed'] is False

        run = ansible.play('hostup_renew.yml', hosts_for(*services), sandbox)
        assert run.rc == 0, run.output
        for service in services[:3]:
            result = run['svc-%s' % service['account_id']]
            assert result['changed'] is False and result['pending'] is True and result['outcome'] == 'awaiting_payment', result
            assert result['invoice']['id'] == info['svc-%s' % service['account_id']]['invoice']['id']
        assert run['svc-20103']['changed'] is True
        assert invoices(sandbox, *services) == [0, 0, 0, 1]
        assert [entry['order_id'] for entry in sandbox.requests(provider='hostup', operation='renew')] == [20103]


def test_pay_invoice_pays_once_and_waits_until_paid(ansible):
    new_v1 = hu_service(20200, days=6)
    existing_vps = hu_service(20201, 'vps_p1', days=6, unpaid_invoice=True)
    running_payment = hu_service(20202, 'vps_p2', days=6, unpaid_invoice=True)
    services = (new_v1, existing_vps, running_payment)
    with SandboxProcess(fixture=hu_fixture(*services, payment_delay_seconds=1.5)) as sandbox:
        started = sandbox.state('hostup')['services']['20202']['invoice_ids'][0]
        assert start_v2_payment(sandbox, started) == 202  # someone else's payment is already running

        run = ansible.play('hostup_renew.yml', hosts_for(*services, pay_invoice=True), sandbox)
        assert run.rc == 0, run.output
        for service in services:
            result = run['svc-%s' % service['account_id']]
            assert result['changed'] and result['paid'] is True and result['pending'] is False, result
            assert result['invoice']['status'] == 'paid'
            assert result['expires_after'] > result['service']['expires_at']  # the next due date moved
        assert 'already running' in run['svc-20202']['msg']
        state = sandbox.state('hostup')
        assert [state['invoices'][str(state['services'][str(s['account_id'])]['invoice_ids'][0])]['charges'] for s in services] == [1, 1, 1]

        rerun = ansible.play('hostup_renew.yml', hosts_for(*services, pay_invoice=True), sandbox)
        assert not any(rerun['svc-%s' % s['account_id']]['changed'] for s in services)
        assert [rerun['svc-%s' % s['account_id']]['outcome'] for s in services] == ['not_due'] * 3
        assert len(sandbox.requests(provider='hostup', operation='pay')) == 1
        # the payment started behind the module's back, ours for vps_p1, and ours for vps_p2 refused as already running
        assert sorted(entry['status'] for entry in sandbox.requests(provider='hostup', operation='v2_pay')) == [202, 202, 409]


def test_async_invoice_payg_and_max_price(ansible):
    slow = hu_service(20300, 'vps_slow', days=4, invoice_lookup_delay_seconds=1.5)
    payg = hu_service(20301, 'vps_payg', payg=True)
    pricey = hu_service(20302, days=4, amount='450.00')
    cheap = hu_service(20303, 'acct_cheap', days=4, amount='45.00')
    hosts = hosts_for(slow, payg, cheap, max_price=100)
    hosts.update(hosts_for(pricey, max_price=100))
    hosts['payg-forced'] = dict(account_id='vps_payg', force=True)
    with SandboxProcess(fixture=hu_fixture(slow, payg, pricey, cheap)) as sandbox:
        run = ansible.play('hostup_renew.yml', hosts, sandbox)
        assert run['svc-20300']['changed'] and run['svc-20300']['invoice']['id'].startswith('inv_'), run['svc-20300']
        assert run['svc-20301']['changed'] is False and run['svc-20301']['service']['payg'] is True
        assert run['payg-forced']['failed'] and run['payg-forced']['error']['code'] == 'not_renewable'
        assert 'pay-as-you-go' in run['payg-forced']['msg']
        assert run['svc-20302']['failed'] and run['svc-20302']['error']['code'] == 'price_above_max'
        assert '450.00 SEK' in run['svc-20302']['msg']
        assert run['svc-20303']['changed'] and run['svc-20303']['price']['amount'] == 45.0
        assert invoices(sandbox, slow, payg, pricey, cheap) == [1, 0, 0, 1]


def test_bad_input_fails_before_any_api_call(ansible):
    hosts = {
        'word-id': dict(account_id='web01'),
        'zero-id': dict(account_id='0'),
        'path-id': dict(account_id='vps_a1/../../billing/pay'),
        'bad-url': dict(account_id='20000', api_url='ftp://cloud.hostup.se/api'),
        'bad-window': dict(account_id='20000', renew_before_days=-3),
        'empty-key': dict(account_id='20000', api_key=''),
    }
    with SandboxProcess(fixture=hu_fixture(V1_DUE)) as sandbox:
        run = ansible.play('hostup_renew.yml', hosts, sandbox)
        for host, option in (('word-id', 'account_id'), ('zero-id', 'account_id'), ('path-id', 'account_id'),
                             ('bad-url', 'api_url'), ('bad-window', 'renew_before_days'), ('empty-key', 'api_key')):
            assert run[host]['failed'] and option in run[host]['msg'], (host, run[host]['msg'])
        assert sandbox.requests(provider='hostup') == []


def test_credentials_from_module_defaults_and_the_module_file_path(ansible):
    hosts = hosts_for(V1_DUE, V2_VPS_DUE)
    with SandboxProcess(fixture=hu_fixture(V1_DUE, V2_VPS_DUE)) as sandbox:
        missing = ansible.play('hostup_renew.yml', hosts, sandbox, env={'HOSTUP_API_KEY': ''})
        assert missing['svc-20000']['failed'] and 'api_key' in missing['svc-20000']['msg']
        grouped = ansible.play('hostup_module_defaults.yml', hosts_for(V1_DUE), sandbox,
                               extra_vars={'group_api_key': HU_KEY}, env={'HOSTUP_API_KEY': 'wrong-key-0000'})
        assert grouped['svc-20000']['changed'] is True, grouped.output

        env = {'RENEWALS_HOSTING_EXECUTION': 'module'}
        check = ansible.play('hostup_renew.yml', hosts, sandbox, check=True, env=env)
        real = ansible.play('hostup_renew.yml', hosts, sandbox, env=env)
        rerun = ansible.play('hostup_renew.yml', hosts, sandbox, env=env)
        assert (check['svc-20002']['changed'], real['svc-20002']['changed'], rerun['svc-20002']['changed']) == (True, True, False)
        assert (check['svc-20000']['changed'], rerun['svc-20000']['changed']) == (False, False)  # renewed by the group run
        assert invoices(sandbox, V1_DUE, V2_VPS_DUE) == [1, 1]
        assert HU_KEY not in repr(real.results) and real['svc-20002']['invoice']['id'].startswith('inv_')
