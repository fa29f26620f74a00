# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""No credential of any provider, right or wrong, raw or URL-encoded, anywhere a run leaves text: the fleet at -vvvv
with failures forced (stdout, stderr, ANSIBLE_LOG_PATH, report.json, summary.md, the ledger and every other state
file), and every provider module's result registered and printed with debug, in both execution paths."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import subprocess
from pathlib import Path

import pytest

from harness import LB_USERID, SandboxProcess
from fleet import fleet_command, mixed_fleet_fixture, mixed_hosts, purchases
from reliability import FULL, ORDER_OPS, fleet_orders, leaks, tree_texts

PLAYBOOKS = Path(__file__).resolve().parent / 'playbooks'
# Characters that URL encoding changes, so the encoded forms differ from the raw ones and are searched too.
SECRETS = {
    'logicboxes': ('api_key', 'LOGICBOXES_API_KEY', 'lb+K3y/s3cr=t&9x'),
    'hostup': ('api_key', 'HOSTUP_API_KEY', 'hu+s3cr3t/key=5d2b'),
    'vpsbg': ('api_token', 'VPSBG_API_TOKEN', 'sbx-vpsbg/3f9a+Tok=en'),
}
WRONG = 'wrong-%s'
ALL_SECRETS = [secret for _option, _env, secret in SECRETS.values()] + [WRONG % secret for _o, _e, secret in SECRETS.values()]


def with_secrets(fixture):
    fixture['logicboxes']['api_key'] = SECRETS['logicboxes'][2]
    fixture['hostup']['api_key'] = SECRETS['hostup'][2]
    fixture['vpsbg']['token'] = SECRETS['vpsbg'][2]
    return fixture


def secret_env(sandbox, ansible, extra=None):
    env = ansible.env(sandbox, extra)
    env.update((variable, secret) for _option, variable, secret in SECRETS.values())
    return env


def forced_failures(fixture, hosts):
    """Per provider: wrong credentials, 500s on reads, 500s on the renewal, a renewal slower than the timeout,
    a renewal committed then answered 500. Returns (fault rules, host -> what was forced)."""
    rules, forced = [], {}
    for provider, (option, _env, secret) in SECRETS.items():
        due = [order for order in fleet_orders(fixture, hosts)
               if order['provider'] == provider and order['due'] and order['host'] != 'vpsbg-support']
        wrong, reads, refused, slow, lost = due[:5]
        hosts[wrong['host']]['renewal_options'] = {option: WRONG % secret, 'timeout': 1}
        rules += [dict(provider=provider, operation=op, order_id=reads['key'], kind='html_error') for op in ORDER_OPS[provider]]
        rules.append(dict(provider=provider, operation=refused['paying_op'], order_id=refused['key'], kind='error_before_commit',
                          params={'status': 500}))
        rules.append(dict(provider=provider, operation=slow['paying_op'], order_id=slow['key'], kind='latency', times=1,
                          params={'ms': 1500}))
        rules.append(dict(provider=provider, operation=lost['paying_op'], order_id=lost['key'], kind='commit_then_500', times=1))
        forced.update(((wrong['host'], 'wrong credentials'), (reads['host'], '500 on reads'), (refused['host'], '500 on the renewal'),
                       (slow['host'], 'timeout'), (lost['host'], 'commit then 500')))
    return rules, forced


def test_fleet_at_vvvv_with_failures_leaks_no_credential(ansible, tmp_path):
    fixture = with_secrets(mixed_fleet_fixture(10, 0.8, seed=71))
    hosts = mixed_hosts(fixture)
    for host in hosts.values():
        host.setdefault('renewal_options', {'timeout': 1})
    rules, forced = forced_failures(fixture, hosts)
    state_dir = tmp_path / 'state'
    log = tmp_path / 'ansible.log'
    with SandboxProcess(fixture=fixture) as sandbox:
        sandbox.set_faults(rules)
        command = fleet_command(ansible, hosts, state_dir, name='leaky') + ['-vvvv']
        completed = subprocess.run(command, env=secret_env(sandbox, ansible, {'ANSIBLE_LOG_PATH': str(log), 'ANSIBLE_FORKS': '20'}),
                                   capture_output=True, text=True, timeout=600, check=False)
        bought = purchases(sandbox)
        request_log = str(sandbox.requests())
    report = state_dir / 'report-leaky' / 'report.json'
    assert report.exists(), completed.stdout[-3000:] + completed.stderr[-3000:]
    outcomes = dict((entry['host'], entry) for entry in json.loads(report.read_text())['orders'])

    # the failures really happened, and the job says so
    assert completed.returncode != 0
    for host, what in forced.items():
        if what in ('wrong credentials', '500 on reads', '500 on the renewal', 'timeout'):
            assert outcomes[host]['outcome'] == 'failed', (host, what, outcomes[host]['msg'])
    assert sum(1 for entry in outcomes.values() if entry['outcome'] in ('renewed', 'awaiting_payment')) >= 10
    assert max(bought.values()) == 1

    texts = [('stdout', completed.stdout), ('stderr', completed.stderr), ('ANSIBLE_LOG_PATH', log.read_text())]
    texts += [('state/' + name, text) for name, text in tree_texts(state_dir)]
    assert any(name.endswith('ledger.jsonl') for name, _text in texts) and any(name.endswith('summary.md') for name, _text in texts)
    assert len(completed.stdout) > 20000, 'a -vvvv run says a lot; too little output means the scan proves nothing'
    found = dict((name, leaks(text, ALL_SECRETS)) for name, text in texts)
    assert not any(found.values()), dict((name, forms) for name, forms in found.items() if forms)
    assert not leaks(request_log, ALL_SECRETS)


def module_cases(sandbox_url):
    """Each provider module: wrong credentials, a 500 on every read, a timeout on the renewal, and a clean call."""
    base = {
        'logicboxes': dict(auth_userid=int(LB_USERID), api_url=sandbox_url + '/logicboxes/api', timeout=1),
        'hostup': dict(api_url=sandbox_url + '/hostup/api', timeout=1),
        'vpsbg': dict(api_url=sandbox_url + '/vpsbg/v1', timeout=1),
    }
    targets = {
        'logicboxes_renewal': ('logicboxes', dict(product='dedicated_server_linux', region='us'), 'order_id', 9100),
        'logicboxes_order_info': ('logicboxes', dict(product='dedicated_server_linux', region='us'), 'order_id', 9100),
        'hostup_service_renewal': ('hostup', {}, 'account_id', 9200),
        'hostup_service_info': ('hostup', {}, 'account_id', 9200),
        'vpsbg_server_renewal': ('vpsbg', {}, 'server_id', 9300),
        'vpsbg_server_info': ('vpsbg', {}, 'server_id', 9300),
        'vpsbg_support_renewal': ('vpsbg', {}, None, None),
    }
    hosts = {}
    for module, (provider, extra, id_option, first) in targets.items():
        option, _env, secret = SECRETS[provider]
        cases = ('wrong', 'reads-fail', 'slow', 'clean')
        if id_option is None:  # one support plan per account: a failing call and a clean one
            cases = ('wrong', 'clean')
        for offset, case in enumerate(cases):
            if case == 'slow' and module.endswith('_info'):
                continue  # an info module sends no renewal
            args = dict(base[provider], **extra)
            if id_option:
                args[id_option] = first + offset
            if provider == 'hostup':  # v1 account ids, and a v2 id where the reads fail (v2 reads are per service)
                args[id_option] = 'vps_s%d' % (first + offset) if case == 'reads-fail' else str(first + offset)
            # credentials through the module option (what module_defaults does), the wrong one too
            args[option] = WRONG % secret if case == 'wrong' else secret
            hosts['%s-%s' % (module, case)] = {'case_module': module, 'case_args': args}
    return hosts


def module_fixture():
    lb = [dict(order_id=9100 + i, product='dedicated_server_linux', region='us', expires_in_days=5, price='10.00') for i in range(4)]
    hu = [dict(account_id=9200 + i, next_due_in_days=5, public_id='vps_s%d' % (9200 + i), kind='vps') for i in range(4)]
    vps = [dict(id=9300 + i, expires_in_days=5, price='10.00') for i in range(4)]
    return with_secrets({
        'logicboxes': {'auth_userid': LB_USERID, 'customer_balance': '1000.00', 'selling_currency': 'USD', 'orders': lb},
        'hostup': {'services': hu},
        'vpsbg': {'servers': vps, 'support': {'service_id': 77, 'price': '15.00', 'expires_in_days': 8}},
    })


MODULE_RULES = [
    dict(provider='logicboxes', operation='details', order_id=9101, kind='html_error'),
    dict(provider='logicboxes', operation='renew', order_id=9102, kind='latency', params={'ms': 1500}),
    dict(provider='hostup', operation='v2_service', order_id=9201, kind='html_error'),
    dict(provider='hostup', operation='renew', order_id=9202, kind='latency', params={'ms': 1500}),
    dict(provider='vpsbg', operation='server', order_id=9301, kind='html_error'),
    dict(provider='vpsbg', operation='renew_server', order_id=9302, kind='latency', params={'ms': 1500}),
    dict(provider='vpsbg', operation='support_renew', kind='commit_then_500', times=1),
]


# The module path (RENEWALS_HOSTING_EXECUTION=module, AnsiballZ per task) costs a Python process per host: full matrix only;
# tests/integration/test_*secrets.py cover its renewal modules in CI.
@pytest.mark.parametrize('execution', ['controller', 'module'] if FULL else ['controller'])
def test_module_results_printed_with_debug_leak_no_credential(ansible, tmp_path, execution):
    log = tmp_path / 'ansible.log'
    env = {'ANSIBLE_LOG_PATH': str(log)}
    if execution == 'module':
        env['RENEWALS_HOSTING_EXECUTION'] = 'module'
    with SandboxProcess(fixture=module_fixture()) as sandbox:
        sandbox.set_faults(MODULE_RULES)
        hosts = module_cases(sandbox.url)
        env.update((variable, 'unused-env-' + secret) for _option, variable, secret in SECRETS.values())
        run = ansible.play(str(PLAYBOOKS / 'modules.yml'), hosts, sandbox, verbosity=4, env=env)
        request_log = str(sandbox.requests())
    for host in hosts:
        result = run[host]
        if host.endswith('-wrong') or host.endswith('-reads-fail'):
            assert result.get('failed'), (host, result)
        if host.endswith('-clean') and 'renewal' in host:
            assert result.get('changed') and not result.get('failed'), (host, result.get('msg'))
    assert 'ok: [vpsbg_support_renewal-clean] => {' in run.stdout and '"renewal": {' in run.stdout, 'debug printed the results'
    secrets = ALL_SECRETS + ['unused-env-' + secret for _o, _e, secret in SECRETS.values()]
    for name, text in (('stdout', run.stdout), ('stderr', run.stderr), ('log', log.read_text()), ('results', str(run.results))):
        assert not leaks(text, secrets), (name, leaks(text, secrets))
    assert not leaks(request_log, secrets)
