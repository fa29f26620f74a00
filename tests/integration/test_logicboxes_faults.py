# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every fault kind of the sandbox on the paying call: never two renewals, and a result that says what happened."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from harness import SandboxProcess, lb_fixture, lb_order, renewals

# (kind, params, renewals the provider must end with, outcome, words the message must contain)
RENEW_FAULTS = [
    ('latency', {'ms': 300}, 1, 'renewed', 'renewed'),
    ('rate_limit', {'retry_after': 1}, 1, 'renewed', 'renewed'),
    ('error_before_commit', {'status': 503}, 1, 'renewed', 'sent again'),
    ('html_error', {}, 1, 'renewed', 'sent again'),
    ('malformed_json', {}, 1, 'renewed', 'sent again'),
    ('malformed_json', {'commit': True}, 1, 'renewed', 're-read shows the renewal was placed'),
    ('commit_then_500', {}, 1, 'renewed', 're-read shows the renewal was placed'),
    ('commit_then_reset', {}, 1, 'renewed', 're-read shows the renewal was placed'),
    ('commit_then_hang', {'seconds': 4}, 1, 'renewed', 're-read shows the renewal was placed'),
    ('forbidden', {}, 0, 'failed', 'whitelist'),
    ('unauthorized', {}, 0, 'failed', 'whitelist'),
    ('not_found', {}, 0, 'failed', 'HTTP 404'),
    ('validation', {}, 0, 'failed', 'HTTP 422'),
    ('locked', {}, 0, 'failed', 'HTTP 423'),
]


@pytest.mark.parametrize('kind,params,expected_renewals,outcome,words', RENEW_FAULTS,
                         ids=['%s%s' % (fault[0], '-commit' if fault[1].get('commit') else '') for fault in RENEW_FAULTS])
def test_fault_on_the_renewal_call(ansible, kind, params, expected_renewals, outcome, words):
    order = lb_order(7001, days=5)
    host = {'order-7001': dict(product=order['product'], region='us', order_id=7001, timeout=2)}
    with SandboxProcess(fixture=lb_fixture(order)) as sandbox:
        sandbox.set_faults([dict(provider='logicboxes', operation='renew', kind=kind, times=1, params=params)])
        result = ansible.play('renew.yml', host, sandbox)['order-7001']
        assert renewals(sandbox, 7001) == expected_renewals
        assert result['outcome'] == outcome and words in result['msg'], result['msg']

        sandbox.set_faults([])
        rerun = ansible.play('renew.yml', host, sandbox)['order-7001']
        assert renewals(sandbox, 7001) == 1, 'a rerun without faults converges on exactly one renewal'
        assert rerun['changed'] is (expected_renewals == 0)


def test_timeout_before_commit_is_not_resent_in_the_same_run(ansible):
    """The provider may still be working on a timed-out request: report unknown, re-check on the next run."""
    order = lb_order(7101, days=5)
    host = {'order-7101': dict(product=order['product'], region='us', order_id=7101, timeout=1)}
    with SandboxProcess(fixture=lb_fixture(order)) as sandbox:
        sandbox.set_faults([dict(provider='logicboxes', operation='renew', kind='latency', times=1, params={'ms': 1500})])
        result = ansible.play('renew.yml', host, sandbox)['order-7101']
        # the sandbox commits after the client gave up: exactly the case where a re-send would pay twice
        assert result['failed'] and 'not re-sent' in result['msg'] and result['error']['kind'] == 'timeout'
        assert len(sandbox.requests(provider='logicboxes', operation='renew')) == 1
        rerun = ansible.play('renew.yml', host, sandbox)['order-7101']
        assert renewals(sandbox, 7101) == 1 and rerun['outcome'] == 'not_due'


def test_persistent_errors_fail_without_buying(ansible):
    order = lb_order(7201, days=5)
    host = {'order-7201': dict(product=order['product'], region='us', order_id=7201, max_retries=0)}
    with SandboxProcess(fixture=lb_fixture(order)) as sandbox:
        sandbox.set_faults([dict(provider='logicboxes', operation='renew', kind='error_before_commit', params={'status': 502})])
        result = ansible.play('renew.yml', host, sandbox)['order-7201']
        assert result['failed'] and 'nothing was bought' in result['msg'] and 'max_retries=0' in result['msg']
        assert renewals(sandbox, 7201) == 0
        assert len(sandbox.requests(provider='logicboxes', operation='renew')) == 1


def test_faults_on_reads_are_retried(ansible):
    order = lb_order(7301, days=5)
    host = {'order-7301': dict(product=order['product'], region='us', order_id=7301, timeout=1)}
    with SandboxProcess(fixture=lb_fixture(order)) as sandbox:
        sandbox.set_faults([
            dict(provider='logicboxes', operation='details', kind='latency', times=1, params={'ms': 1500}),
            dict(provider='logicboxes', operation='details', kind='html_error', times=1),
            dict(provider='logicboxes', operation='search_current', kind='commit_then_reset', times=1),
            dict(provider='logicboxes', operation='search_current', kind='rate_limit', times=1, params={'retry_after': 1}),
        ])
        result = ansible.play('renew.yml', host, sandbox)['order-7301']
        assert result['changed'] and renewals(sandbox, 7301) == 1, result.get('msg')
