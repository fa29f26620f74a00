# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every fault kind on HostUp's renew calls (v1 and v2) and on payment: never a second invoice or charge.

One playbook run covers every kind: each service gets its own fault rule (targeted by account id),
so the run is as long as the slowest fault, not the sum of them.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from harness import SandboxProcess, hu_fixture, hu_service, hu_service_state

# (kind, params, invoices after the faulty run, outcome, words the message must contain); a renewal invoice placed and
# not paid (no pay_invoice) is awaiting_payment
RENEW_FAULTS = [
    ('latency', {'ms': 300}, 1, 'awaiting_payment', 'renewal placed'),
    ('rate_limit', {'retry_after': 1}, 1, 'awaiting_payment', 'renewal placed'),
    ('error_before_commit', {'status': 503}, 1, 'awaiting_payment', 'sent again'),
    ('html_error', {}, 1, 'awaiting_payment', 'sent again'),
    ('malformed_json', {}, 1, 'awaiting_payment', 'sent again'),
    ('malformed_json', {'commit': True}, 1, 'awaiting_payment', 're-read shows the renewal was placed'),
    ('commit_then_500', {}, 1, 'awaiting_payment', 're-read shows the renewal was placed'),
    ('commit_then_reset', {}, 1, 'awaiting_payment', 're-read shows the renewal was placed'),
    ('commit_then_hang', {'seconds': 4}, 1, 'awaiting_payment', 're-read shows the renewal was placed'),
    ('api_error', {}, 1, 'awaiting_payment', 'sent again'),                          # 500 INTERNAL_ERROR / internal_error
    ('api_error', {'status': 502}, 0, 'failed', 'may still be processing'),  # v2 external_provider_failed: not re-sent
    ('forbidden', {}, 0, 'failed', 'HTTP 403'),
    ('unauthorized', {}, 0, 'failed', 'HTTP 401'),
    ('not_found', {}, 0, 'failed', 'HTTP 404'),
    ('validation', {}, 0, 'failed', 'HTTP 422'),
    ('locked', {}, 0, 'failed', 'HTTP 423'),
]
V1_FIRST, V2_FIRST = 21000, 22000


def fault_services():
    """One v1 and one v2 service per fault kind, plus v1's own pricing failure and a timed-out renew."""
    services, rules, expected = [], [], {}
    for index, (kind, params, invoices, outcome, words) in enumerate(RENEW_FAULTS):
        for first, public, operation in ((V1_FIRST, None, 'renew'), (V2_FIRST, 'vps_f%d' % index, 'v2_renew')):
            account_id = first + index
            result = (invoices, outcome, words)
            if kind == 'api_error' and params.get('status') == 502 and operation == 'renew':
                result = (1, 'awaiting_payment', 'sent again')  # v1's 502 BAD_GATEWAY is no upstream code: re-read, then re-sent
            services.append(hu_service(account_id, public, days=5))
            rules.append(dict(provider='hostup', operation=operation, order_id=account_id, kind=kind, times=1, params=params))
            expected['svc-%d' % account_id] = (public or str(account_id),) + result + (kind,)
    services.append(hu_service(21900, days=5, pricing_refresh_failure={'times': 1}))
    expected['svc-21900'] = ('21900', 1, 'awaiting_payment', 'sent again', 'pricing failure')
    services.append(hu_service(21901, days=5, pricing_refresh_failure={'times': 1, 'invoice_created': True}))
    expected['svc-21901'] = ('21901', 1, 'awaiting_payment', 're-read shows the renewal was placed', 'pricing failure, invoice made')
    services.append(hu_service(21902, days=5))  # times out: the sandbox commits after the module gave up
    rules.append(dict(provider='hostup', operation='renew', order_id=21902, kind='latency', times=1, params={'ms': 2500}))
    expected['svc-21902'] = ('21902', 1, 'failed', 'not re-sent', 'timeout')
    return services, rules, expected


def test_every_fault_kind_on_the_renew_call_leaves_at_most_one_invoice(ansible):
    services, rules, expected = fault_services()
    hosts = dict((host, dict(account_id=account_id, timeout=1 if host == 'svc-21902' else 2))
                 for host, (account_id, _invoices, _outcome, _words, _kind) in expected.items())
    with SandboxProcess(fixture=hu_fixture(*services)) as sandbox:
        sandbox.set_faults(rules)
        run = ansible.play('hostup_renew.yml', hosts, sandbox)
        for host, (_account, invoices, outcome, words, kind) in expected.items():
            result = run[host]
            assert result['outcome'] == outcome and words in result['msg'], (host, kind, result['msg'])
            assert hu_service_state(sandbox, host[4:])['renewal_invoices'] <= 1, (host, kind)
            if invoices == 0:
                assert hu_service_state(sandbox, host[4:])['renewal_invoices'] == 0, (host, kind)
        assert run['svc-22010']['error']['provider_code'] == 'external_provider_failed'
        assert run['svc-22012']['error']['provider_code'] == 'unauthorized' and run['svc-22012']['error']['request_id']
        assert run['svc-21902']['error']['kind'] == 'timeout'
        # the sandbox logs a call when it has answered it, so wait for the slow renewal to finish there
        deadline = time.monotonic() + 10
        while not sandbox.requests(provider='hostup', operation='renew', order_id=21902) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(sandbox.requests(provider='hostup', operation='renew', order_id=21902)) == 1

        sandbox.set_faults([])
        rerun = ansible.play('hostup_renew.yml', hosts, sandbox)
        for host, (_account, invoices, _outcome, _words, kind) in expected.items():
            assert hu_service_state(sandbox, host[4:])['renewal_invoices'] == 1, (host, kind, rerun[host]['msg'])
            assert rerun[host]['changed'] is (invoices == 0), (host, kind, rerun[host]['msg'])


def test_a_lost_payment_reply_is_never_paid_again(ansible):
    v1_service = hu_service(23000, days=5, unpaid_invoice=True)
    v2_service = hu_service(23001, 'vps_pay', days=5, unpaid_invoice=True)
    hosts = {'svc-23000': dict(account_id='23000', pay_invoice=True, timeout=2),
             'svc-23001': dict(account_id='vps_pay', pay_invoice=True, timeout=2)}
    with SandboxProcess(fixture=hu_fixture(v1_service, v2_service, payment_delay_seconds=0.5)) as sandbox:
        sandbox.set_faults([dict(provider='hostup', operation='pay', kind='commit_then_reset', times=1),
                            dict(provider='hostup', operation='v2_pay', kind='commit_then_500', times=1)])
        run = ansible.play('hostup_renew.yml', hosts, sandbox)
        for host in hosts:
            assert run[host]['paid'] is True and 'not sent again' in run[host]['msg'], run[host]
        state = sandbox.state('hostup')
        assert [invoice['charges'] for invoice in state['invoices'].values()] == [1, 1]
        assert len(sandbox.requests(provider='hostup', operation='pay')) == 1
        assert len(sandbox.requests(provider='hostup', operation='v2_pay')) == 1
