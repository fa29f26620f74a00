# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every fault kind of the sandbox on VPSBG's paying calls: at most one order, a result that says what happened,
and the API token nowhere, even at -vvvv with failures, in both execution paths."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import quote, quote_plus

from harness import VPSBG_TOKEN, SandboxProcess, vpsbg_fixture, vpsbg_server, vpsbg_state

# (server id, kind, params, renew orders after the faulty run, outcome, words the message must contain)
RENEW_FAULTS = [
    (5001, 'latency', {'ms': 300}, 1, 'awaiting_payment', 'renewal placed'),
    (5002, 'rate_limit', {'retry_after': 1}, 1, 'awaiting_payment', 'renewal placed'),
    (5003, 'error_before_commit', {'status': 503}, 1, 'awaiting_payment', 'sent again'),
    (5004, 'html_error', {}, 1, 'awaiting_payment', 'sent again'),
    (5005, 'api_error', {}, 1, 'awaiting_payment', 'sent again'),
    (5006, 'malformed_json', {}, 1, 'awaiting_payment', 'sent again'),
    (5007, 'malformed_json', {'commit': True}, 1, 'awaiting_payment', 're-read shows the renewal was placed'),
    (5008, 'commit_then_500', {}, 1, 'awaiting_payment', 're-read shows the renewal was placed'),
    (5009, 'commit_then_reset', {}, 1, 'awaiting_payment', 're-read shows the renewal was placed'),
    (5010, 'commit_then_hang', {'seconds': 4}, 1, 'awaiting_payment', 're-read shows the renewal was placed'),
    (5011, 'locked', {}, 1, 'awaiting_payment', 'renewal placed'),
    (5012, 'forbidden', {}, 0, 'failed', 'HTTP 403'),
    (5013, 'unauthorized', {}, 0, 'failed', 'check api_token'),
    (5014, 'not_found', {}, 0, 'failed', 'nothing was bought'),
    (5015, 'validation', {}, 0, 'failed', 'billing_cycle'),
    # a reply slower than the timeout: the order lands after the client gave up, so it is not re-sent in this run
    (5016, 'latency', {'ms': 3000, 'timeout': 1}, 1, 'failed', 'not re-sent'),
    # locked for longer than the bounded wait (1 + 2 + 4 s)
    (5017, 'locked', {'times': None}, 0, 'failed', 'still locked after 3 retries'),
]


def fault_rule(server_id, kind, params):
    params = dict(params)
    params.pop('timeout', None)
    times = params.pop('times', 1)
    rule = dict(provider='vpsbg', operation='renew_server', order_id=server_id, kind=kind, params=params)
    if times is not None:
        rule['times'] = times
    return rule


def test_every_fault_on_the_renew_call_gives_at_most_one_order(ansible):
    servers = [vpsbg_server(fault[0], days=5) for fault in RENEW_FAULTS]
    hosts = dict(('server-%s' % fault[0], dict(server_id=fault[0], timeout=fault[2].get('timeout', 2))) for fault in RENEW_FAULTS)
    hosts['support'] = dict(kind='support', timeout=2)
    support = dict(service_id=77, price='15.00', expires_in_days=8)
    with SandboxProcess(fixture=vpsbg_fixture(*servers, support=support)) as sandbox:
        sandbox.set_faults([fault_rule(*fault[:3]) for fault in RENEW_FAULTS]
                           + [dict(provider='vpsbg', operation='support_renew', kind='commit_then_reset', times=1)])
        run = ansible.play('vpsbg_renew.yml', hosts, sandbox, env={'ANSIBLE_FORKS': '25'})
        state = vpsbg_state(sandbox)
        for server_id, kind, _params, orders, outcome, words in RENEW_FAULTS:
            result = run['server-%s' % server_id]
            assert state['servers'][str(server_id)]['renew_calls'] == orders, (kind, result['msg'])
            assert result['outcome'] == outcome and words in result['msg'], (kind, result['msg'])
        assert state['support']['renew_calls'] == 1 and run['support']['outcome'] == 'awaiting_payment', run['support']['msg']
        assert 're-read shows the renewal was placed' in run['support']['msg']

        sandbox.clear_faults()
        rerun = ansible.play('vpsbg_renew.yml', hosts, sandbox, env={'ANSIBLE_FORKS': '25'})
        state = vpsbg_state(sandbox)
        for server_id, kind, _params, orders, _outcome, _words in RENEW_FAULTS:
            service = state['servers'][str(server_id)]
            assert service['renew_calls'] == 1 and len(service['open_renew_orders']) == 1, (kind, service)
            assert rerun['server-%s' % server_id]['changed'] is (orders == 0), kind
        assert state['support']['renew_calls'] == 1 and rerun['support']['outcome'] == 'awaiting_payment'


def test_faults_on_reads_are_retried(ansible):
    due = vpsbg_server(5101, days=5, pending={'billing_cycle': 1})
    with SandboxProcess(fixture=vpsbg_fixture(due)) as sandbox:
        sandbox.set_faults([
            dict(provider='vpsbg', operation='server', kind='html_error', times=1),
            dict(provider='vpsbg', operation='server', kind='locked', times=1),
            dict(provider='vpsbg', operation='orders', kind='commit_then_reset', times=1),
            dict(provider='vpsbg', operation='orders', kind='rate_limit', times=1, params={'retry_after': 1}),
            dict(provider='vpsbg', operation='order', kind='malformed_json', times=1),
        ])
        result = ansible.play('vpsbg_renew.yml', {'server-5101': dict(server_id=5101, billing_cycle=3)}, sandbox)['server-5101']
        assert result['changed'] and result['outcome'] == 'awaiting_payment' and result['order']['billing_cycle'] == 3, result['msg']
        assert vpsbg_state(sandbox)['servers']['5101']['renew_calls'] == 0


def leaks(text, secret):
    return [form for form in (secret, quote(secret, safe=''), quote_plus(secret)) if form in text]


def test_no_token_anywhere_at_vvvv_with_failures(ansible, tmp_path):
    servers = [vpsbg_server(server_id, days=5) for server_id in (8001, 8002, 8003, 8004, 8005)]
    hosts = dict(('server-%s' % server['id'], dict(server_id=server['id'], timeout=1)) for server in servers)
    hosts['server-8004']['api_token'] = 'wrong-' + VPSBG_TOKEN  # a wrong token must not leak either
    log = tmp_path / 'ansible.log'
    with SandboxProcess(fixture=vpsbg_fixture(*servers)) as sandbox:
        sandbox.set_faults([
            dict(provider='vpsbg', operation='server', order_id=8001, kind='html_error'),
            dict(provider='vpsbg', operation='renew_server', order_id=8002, kind='commit_then_hang', params={'seconds': 3}),
            dict(provider='vpsbg', operation='server', order_id=8003, kind='forbidden'),
        ])
        for env, placed in (({}, True), ({'RENEWALS_HOSTING_EXECUTION': 'module'}, False)):
            run = ansible.play('vpsbg_renew.yml', hosts, sandbox, verbosity=4, env=dict(env, ANSIBLE_LOG_PATH=str(log)))
            assert run['server-8001']['failed'] and run['server-8003']['failed'] and run['server-8004']['failed']
            assert 'HTTP 401' in run['server-8004']['msg']
            assert run['server-8005']['changed'] is placed and run['server-8005']['pending'] is True
            for text in (run.output, log.read_text(), str(run.results)):
                assert leaks(text, VPSBG_TOKEN) == [] and leaks(text, 'wrong-' + VPSBG_TOKEN) == []
        assert all(VPSBG_TOKEN not in str(entry) for entry in sandbox.requests())
        assert vpsbg_state(sandbox)['servers']['8005']['renew_calls'] == 1
