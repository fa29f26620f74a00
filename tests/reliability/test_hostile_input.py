# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hostile and malformed input to the provider modules, the fleet (renew_order and the role's variables) and the
inventory plugin: each case fails with an error that names the option, and the sandbox saw no API call at all.

Table-driven: one playbook run for every module case, one fleet run for every order case, one ansible-inventory run
for every inventory source.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re
import subprocess
from pathlib import Path

import pytest

from harness import BIN, HU_KEY, LB_KEY, LB_USERID, VPSBG_TOKEN, SandboxProcess, hu_fixture, hu_service, lb_fixture, lb_order
from harness import vpsbg_fixture, vpsbg_server
from fleet import fleet_command

PLAYBOOKS = Path(__file__).resolve().parent / 'playbooks'
URL_PASSWORD = 'hunter2-in-the-url'
HUGE = 10 ** 30

# (case, module, options that replace the valid ones (None removes one), the option the error must name)
MODULE_CASES = [
    ('lb id not a number', 'logicboxes_renewal', {'order_id': 'abc'}, 'order_id'),
    ('lb id smuggles a parameter', 'logicboxes_renewal', {'order_id': '1&api-key=x'}, 'order_id'),
    ('lb id is a path', 'logicboxes_renewal', {'order_id': '../1'}, 'order_id'),
    ('lb id negative', 'logicboxes_renewal', {'order_id': -5}, 'order_id'),
    ('lb id huge', 'logicboxes_renewal', {'order_id': HUGE}, 'order_id'),
    ('lb id a list', 'logicboxes_order_info', {'order_id': [7001, 7002]}, 'order_id'),
    ('lb unknown product', 'logicboxes_renewal', {'product': 'spaceship'}, 'product'),
    ('lb product not in that region', 'logicboxes_renewal', {'region': 'mars'}, 'region'),
    ('lb region on a product without regions', 'logicboxes_renewal', {'product': 'domain', 'region': 'us'}, 'region'),
    ('lb months zero', 'logicboxes_renewal', {'months': 0}, 'months'),
    ('lb months beyond ten years', 'logicboxes_renewal', {'months': 121}, 'months'),
    ('lb years on a monthly product', 'logicboxes_renewal', {'years': 2}, 'years'),
    ('lb discount negative', 'logicboxes_renewal', {'discount_amount': -1.5}, 'discount_amount'),
    ('lb invoice option unknown', 'logicboxes_renewal', {'invoice_option': 'FreeMoney'}, 'invoice_option'),
    ('lb reseller id not a number', 'logicboxes_renewal', {'auth_userid': 'admin'}, 'auth_userid'),
    ('lb reseller id zero', 'logicboxes_order_info', {'auth_userid': 0}, 'auth_userid'),
    ('lb reseller id huge', 'logicboxes_renewal', {'auth_userid': HUGE}, 'auth_userid'),
    ('lb key empty', 'logicboxes_renewal', {'api_key': ''}, 'api_key'),
    ('lb key with whitespace', 'logicboxes_renewal', {'api_key': ' %s\n' % LB_KEY}, 'api_key'),
    ('lb key missing', 'logicboxes_renewal', {'api_key': None}, 'api_key'),
    ('lb url without scheme', 'logicboxes_renewal', {'api_url': '127.0.0.1/logicboxes/api'}, 'api_url'),
    ('lb url with credentials', 'logicboxes_renewal', {'api_url': 'http://reseller:%s@127.0.0.1:9/api' % URL_PASSWORD}, 'api_url'),
    ('lb url ftp', 'logicboxes_order_info', {'api_url': 'ftp://127.0.0.1/api'}, 'api_url'),
    ('lb url with a query', 'logicboxes_renewal', {'api_url': 'http://127.0.0.1:9/api?api-key=x'}, 'api_url'),
    ('lb timeout zero', 'logicboxes_renewal', {'timeout': 0}, 'timeout'),
    ('lb timeout not a number', 'logicboxes_renewal', {'timeout': 'soon'}, 'timeout'),
    ('lb renew_before_days negative', 'logicboxes_renewal', {'renew_before_days': -1}, 'renew_before_days'),
    ('lb renew_before_days huge', 'logicboxes_order_info', {'renew_before_days': HUGE}, 'renew_before_days'),
    ('lb max_price negative', 'logicboxes_renewal', {'max_price': -1}, 'max_price'),
    ('lb max_price not a number', 'logicboxes_renewal', {'max_price': 'nan'}, 'max_price'),
    ('lb max_retries huge', 'logicboxes_renewal', {'max_retries': 99}, 'max_retries'),
    ('lb validate_certs not a bool', 'logicboxes_renewal', {'validate_certs': 'maybe'}, 'validate_certs'),
    ('lb unknown option', 'logicboxes_renewal', {'order': 7001}, 'order'),
    ('hu id smuggles a parameter', 'hostup_service_renewal', {'account_id': '1&api-key=x'}, 'account_id'),
    ('hu id is a path', 'hostup_service_renewal', {'account_id': '../20000'}, 'account_id'),
    ('hu id with a trailing newline', 'hostup_service_renewal', {'account_id': '20000\n'}, 'account_id'),
    ('hu id with spaces', 'hostup_service_renewal', {'account_id': ' 20000'}, 'account_id'),
    ('hu id unicode digits', 'hostup_service_renewal', {'account_id': '２００００'}, 'account_id'),
    ('hu v2 id unicode', 'hostup_service_info', {'account_id': 'vps_ümlaut'}, 'account_id'),
    ('hu v2 id is a path', 'hostup_service_info', {'account_id': 'acct_x/../../v1/pay'}, 'account_id'),
    ('hu id empty', 'hostup_service_renewal', {'account_id': ''}, 'account_id'),
    ('hu id negative', 'hostup_service_renewal', {'account_id': '-20000'}, 'account_id'),
    ('hu key missing', 'hostup_service_renewal', {'api_key': None}, 'api_key'),
    ('hu key blank', 'hostup_service_info', {'api_key': '   '}, 'api_key'),
    ('hu url with credentials', 'hostup_service_renewal', {'api_url': 'https://me:%s@127.0.0.1:9/api' % URL_PASSWORD}, 'api_url'),
    ('hu pay_invoice not a bool', 'hostup_service_renewal', {'pay_invoice': 'sometimes'}, 'pay_invoice'),
    ('vps id smuggles a parameter', 'vpsbg_server_renewal', {'server_id': '1&x=y'}, 'server_id'),
    ('vps id is a path', 'vpsbg_server_info', {'server_id': '../1'}, 'server_id'),
    ('vps id negative', 'vpsbg_server_renewal', {'server_id': -1}, 'server_id'),
    ('vps id huge', 'vpsbg_server_renewal', {'server_id': HUGE}, 'server_id'),
    ('vps billing cycle not offered', 'vpsbg_server_renewal', {'billing_cycle': 7}, 'billing_cycle'),
    ('vps billing cycle negative', 'vpsbg_support_renewal', {'billing_cycle': -1}, 'billing_cycle'),
    ('vps promo code with a space', 'vpsbg_server_renewal', {'promo_code': 'fall 2406'}, 'promo_code'),
    ('vps promo code too long', 'vpsbg_server_info', {'promo_code': 'x' * 65}, 'promo_code'),
    ('vps token empty', 'vpsbg_support_renewal', {'api_token': ''}, 'api_token'),
    ('vps token missing', 'vpsbg_server_renewal', {'api_token': None}, 'api_token'),
    ('vps url without scheme', 'vpsbg_server_renewal', {'api_url': 'api.vps.bg/v1'}, 'api_url'),
    ('vps url with credentials', 'vpsbg_support_renewal', {'api_url': 'http://u:%s@127.0.0.1:9/v1' % URL_PASSWORD}, 'api_url'),
]


def valid_options(sandbox_url):
    """Options under which each module would make its API calls: every case breaks exactly one thing."""
    lb = dict(product='dedicated_server_linux', region='us', order_id=7001, auth_userid=int(LB_USERID), api_key=LB_KEY,
              api_url=sandbox_url + '/logicboxes/api')
    hu = dict(account_id='20000', api_key=HU_KEY, api_url=sandbox_url + '/hostup/api')
    vps = dict(api_token=VPSBG_TOKEN, api_url=sandbox_url + '/vpsbg/v1')
    return {
        'logicboxes_renewal': lb, 'logicboxes_order_info': lb,
        'hostup_service_renewal': hu, 'hostup_service_info': hu,
        'vpsbg_server_renewal': dict(vps, server_id=8001), 'vpsbg_server_info': dict(vps, server_id=8001),
        'vpsbg_support_renewal': vps,
    }


def all_providers_fixture():
    fixture = lb_fixture(lb_order(7001, days=5))
    fixture.update(hu_fixture(hu_service(20000, days=5)))
    fixture.update(vpsbg_fixture(vpsbg_server(8001, days=5), support=dict(service_id=77, price='15.00', expires_in_days=8)))
    return fixture


def host_name(case):
    return re.sub(r'[^a-z0-9]+', '-', case)


def names_option(message, option):
    """The collection's own input error about ``option`` (not, say, a provider's 404 that mentions it in passing)."""
    name = re.escape(option)
    return re.search(r"(^|: )%s: |(argument|value of) '?%s'?|arguments: ([\w, ]+, )?%s\b|found in %s|\b%s\. Supported parameters"
                     r"|^(renewal_\w+, )*%s(, renewal_\w+)* not set for this host"
                     % (name, name, name, name, name, name), message) is not None


def test_module_cases_fail_before_any_api_call(ansible):
    assert len(MODULE_CASES) >= 30
    with SandboxProcess(fixture=all_providers_fixture()) as sandbox:
        valid = valid_options(sandbox.url)
        hosts = {}
        for case, module, change, _option in MODULE_CASES:
            args = dict(valid[module])
            args.update(change)
            hosts[host_name(case)] = {'case_module': module, 'case_args': dict((k, v) for k, v in args.items() if v is not None)}
        # the environment holds no credentials: a missing option is missing (sandbox=None gives no provider variables)
        run = ansible.play(str(PLAYBOOKS / 'modules.yml'), hosts, sandbox=None, env={'ANSIBLE_FORKS': '20'})
        calls = sandbox.requests()
    problems = []
    for case, module, _change, option in MODULE_CASES:
        result = run[host_name(case)]
        if not result.get('failed'):
            problems.append('%s (%s): not refused: %s' % (case, module, result.get('msg')))
        elif not names_option(result.get('msg', ''), option):
            problems.append('%s (%s): the error does not name %s: %s' % (case, module, option, result.get('msg')))
    assert not problems, '\n'.join(problems)
    assert calls == [], 'input that should have been refused reached the API: %s' % [(c['provider'], c['path']) for c in calls]
    assert URL_PASSWORD not in run.output and URL_PASSWORD not in json.dumps(run.results)


# Fleet orders: (case, host vars, the option the error must name)
LB_ORDER = {'renewal_provider': 'logicboxes', 'renewal_service': 'dedicated_server_linux', 'renewal_id': 7001, 'renewal_region': 'us'}
HU_ORDER = {'renewal_provider': 'hostup', 'renewal_service': 'service', 'renewal_id': '20000'}
VPS_ORDER = {'renewal_provider': 'vpsbg', 'renewal_service': 'server', 'renewal_id': 8001}
# Errors about a host's order name its host var (renewal_*); options given in renewal_options keep their own names.
FLEET_CASES = [
    ('unknown provider', dict(LB_ORDER, renewal_provider='acme'), 'renewal_provider'),
    ('provider missing', dict((k, v) for k, v in LB_ORDER.items() if k != 'renewal_provider'), 'renewal_provider'),
    ('unknown service', dict(HU_ORDER, renewal_service='vps'), 'renewal_service'),
    ('unknown lb product', dict(LB_ORDER, renewal_service='spaceship'), 'renewal_service'),
    ('id missing', dict((k, v) for k, v in LB_ORDER.items() if k != 'renewal_id'), 'renewal_id'),
    ('lb id smuggles a parameter', dict(LB_ORDER, renewal_id='1&api-key=x'), 'renewal_id'),
    ('lb id is a path', dict(LB_ORDER, renewal_id='../7001'), 'renewal_id'),
    ('lb id negative', dict(LB_ORDER, renewal_id=-3), 'renewal_id'),
    ('lb id huge', dict(LB_ORDER, renewal_id=HUGE), 'renewal_id'),
    ('lb region not offered', dict(LB_ORDER, renewal_region='mars'), 'renewal_region'),
    ('lb period zero', dict(LB_ORDER, renewal_period=0), 'renewal_period'),
    ('lb period beyond ten years', dict(LB_ORDER, renewal_period=500), 'renewal_period'),
    ('period not a number', dict(LB_ORDER, renewal_period='twelve'), 'renewal_period'),
    ('hu id with a newline', dict(HU_ORDER, renewal_id='20000\n'), 'renewal_id'),
    ('hu id is a path', dict(HU_ORDER, renewal_id='../20000'), 'renewal_id'),
    ('vps id not a number', dict(VPS_ORDER, renewal_id='ñ'), 'renewal_id'),
    ('vps period not offered', dict(VPS_ORDER, renewal_period=5), 'renewal_period'),
    ('price negative', dict(LB_ORDER, renewal_price={'amount': -1, 'currency': 'USD'}), 'renewal_price'),
    ('price not a dict', dict(LB_ORDER, renewal_price='cheap'), 'renewal_price'),
    ('price without currency', dict(LB_ORDER, renewal_price={'amount': 5}), 'renewal_price'),
    ('options not a dict', dict(LB_ORDER, renewal_options=['timeout', 1]), 'renewal_options'),
    ('options with an unknown option', dict(HU_ORDER, renewal_options={'acount_id': '1'}), 'acount_id'),
    ('options with an ftp url', dict(VPS_ORDER, renewal_options={'api_url': 'ftp://127.0.0.1/v1'}), 'api_url'),
    ('options with an empty key', dict(LB_ORDER, renewal_options={'api_key': ''}), 'api_key'),
    ('options with credentials in the url', dict(HU_ORDER, renewal_options={'api_url': 'http://a:%s@127.0.0.1:9/api' % URL_PASSWORD}),
     'api_url'),
    ('options with a negative timeout', dict(VPS_ORDER, renewal_options={'timeout': -1}), 'timeout'),
]


def test_fleet_orders_fail_before_any_api_call(ansible, tmp_path):
    hosts = dict((host_name(case), variables) for case, variables, _option in FLEET_CASES)
    with SandboxProcess(fixture=all_providers_fixture()) as sandbox:
        command = fleet_command(ansible, hosts, tmp_path / 'state', name='hostile')
        completed = subprocess.run(command, env=ansible.env(sandbox, {'ANSIBLE_FORKS': '20'}), capture_output=True, text=True,
                                   timeout=600, check=False)
        calls = sandbox.requests()
    report_path = tmp_path / 'state' / 'report-hostile' / 'report.json'
    assert report_path.exists(), (completed.stdout + completed.stderr)[-4000:]
    report = json.loads(report_path.read_text())
    entries = dict((entry['host'], entry) for entry in report['orders'])
    assert sorted(entries) == sorted(hosts), 'the report accounts for every order'
    problems = []
    for case, _variables, option in FLEET_CASES:
        entry = entries[host_name(case)]
        text = entry.get('error') or entry.get('msg') or ''
        if entry['outcome'] != 'failed':
            problems.append('%s: ended %s' % (case, entry['outcome']))
        elif not names_option(text, option):
            problems.append('%s: the error does not name %s: %s' % (case, option, text))
    assert not problems, '\n'.join(problems)
    assert completed.returncode != 0 and '%d order(s) ended failed' % len(FLEET_CASES) in completed.stdout
    assert calls == [], 'input that should have been refused reached the API: %s' % [(c['provider'], c['path']) for c in calls]
    assert URL_PASSWORD not in completed.stdout + completed.stderr + report_path.read_text()


ROLE_CASES = [
    ('renew_orders_before_days', 'soon'),
    ('renew_orders_fail_on', ['failed', 'sometimes']),
    ('renew_orders_budget', {'EUR': 'lots'}),
    ('renew_orders_concurrency', {'acme': 2}),
    ('renew_orders_lock_timeout', 'forever'),
]


@pytest.mark.parametrize('variable,value', ROLE_CASES, ids=[case[0] for case in ROLE_CASES])
def test_role_variables_fail_before_any_api_call(ansible, tmp_path, variable, value):
    hosts = {'lb-7001': LB_ORDER, 'hu-20000': HU_ORDER}
    with SandboxProcess(fixture=all_providers_fixture()) as sandbox:
        command = fleet_command(ansible, hosts, tmp_path / 'state', extra_vars={variable: value}, name='role')
        completed = subprocess.run(command, env=ansible.env(sandbox), capture_output=True, text=True, timeout=300, check=False)
        calls = sandbox.requests()
    output = completed.stdout + completed.stderr
    assert completed.returncode != 0, output[-3000:]
    short = variable[len('renew_orders_'):]
    assert re.search(r'\b(%s|%s)\b' % (variable, short), output), output[-3000:]
    assert calls == []


INVENTORY_CASES = [
    # (case, the source's providers section, the words the error must contain)
    ('url without scheme', {'logicboxes': {'api_url': 'no-scheme.example/api'}}, 'api_url'),
    ('url with credentials', {'hostup': {'api_url': 'http://me:%s@127.0.0.1:9/hostup/api' % URL_PASSWORD}}, 'api_url'),
    ('unknown provider', {'acme': {}}, 'acme'),
    ('unknown product', {'logicboxes': {'products': ['spaceship']}}, 'products'),
    ('validate_certs not a bool', {'vpsbg': {'validate_certs': 'maybe'}}, 'validate_certs'),
    ('providers not a dict', 'logicboxes', 'providers'),
    ('timeout negative', {'vpsbg': {'timeout': -1}}, 'timeout'),
    ('region not offered', {'logicboxes': {'products': [{'product': 'dedicated_server_linux', 'regions': ['mars']}]}}, 'region'),
]
EMPTY_CREDENTIALS = (('logicboxes', 'LOGICBOXES_API_KEY', '', 'api_key'), ('hostup', 'HOSTUP_API_KEY', ' ', 'api_key'),
                     ('vpsbg', 'VPSBG_API_TOKEN', '', 'api_token'))


def parse_failures(stderr):
    """source path -> the error ansible-inventory reported for it (each failing source is a warning of its own)."""
    failures = {}
    for block in stderr.split('[WARNING]: Failed to parse inventory')[1:]:
        source = re.search(r"with source '([^']+)'", block)
        if source:
            failures[source.group(1)] = block.split('<<< caused by >>>')[-1].split('Origin:')[0].strip()
    return failures


def list_inventory(ansible, sources, env=None):
    """``ansible-inventory --list`` over inventory files made from ``sources`` ({name: providers}) against a fresh sandbox.

    Returns ({name: error}, whole output, the sandbox's request log)."""
    paths = {}
    for name, providers in sources.items():
        path = ansible.work_dir / ('%s.orders.yml' % host_name(name))
        path.write_text(json.dumps({'plugin': 'renewals.hosting.orders', 'providers': providers}))
        paths[name] = str(path)
    command = [str(BIN / 'ansible-inventory'), '--list'] + [argument for path in paths.values() for argument in ('-i', path)]
    with SandboxProcess(fixture=all_providers_fixture()) as sandbox:
        completed = subprocess.run(command, env=ansible.env(sandbox, dict({'ANSIBLE_INVENTORY_ENABLED': 'renewals.hosting.orders'},
                                                                          **(env or {}))),
                                   capture_output=True, text=True, timeout=300, check=False)
        calls = sandbox.requests()
    failures = parse_failures(completed.stderr)
    return dict((name, failures.get(path, '')) for name, path in paths.items()), completed.stdout + completed.stderr, calls


def test_inventory_sources_fail_before_any_api_call(ansible):
    errors, output, calls = list_inventory(ansible, dict((case, providers) for case, providers, _words in INVENTORY_CASES))
    problems = ['%s: the error does not name %s: %r' % (case, words, errors[case]) for case, _providers, words in INVENTORY_CASES
                if words not in errors[case]]
    assert not problems, '\n'.join(problems) + '\n' + output[-3000:]
    assert calls == [], [call['path'] for call in calls]
    assert URL_PASSWORD not in output


def test_inventory_with_empty_credentials_fails_before_any_api_call(ansible):
    sources = dict(('empty %s' % provider, {provider: {}}) for provider, _variable, _value, _option in EMPTY_CREDENTIALS)
    errors, output, calls = list_inventory(ansible, sources, env=dict((variable, value) for _p, variable, value, _o in EMPTY_CREDENTIALS))
    for provider, _variable, _value, option in EMPTY_CREDENTIALS:
        assert option in errors['empty %s' % provider], output[-3000:]
    assert calls == [], [call['path'] for call in calls]
