# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plan -> approve -> apply through `ansible-playbook renewals.hosting.renew_fleet`, counted at the sandbox."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import subprocess

import pytest

from harness import SandboxProcess
from fleet import fleet_command, run_fleet
from plan_fixtures import PLANNED, bought, plan_fixture, plan_hosts, renew_elsewhere


def make_plan(ansible, sandbox, hosts, tmp_path):
    check = run_fleet(ansible, sandbox, hosts, tmp_path, check=True, name='plan')
    assert check.rc == 0, check.output[-3000:]
    assert set(bought(sandbox).values()) == {0}, 'the check run bought something'
    path = tmp_path / 'report-plan' / 'plan.json'
    plan = json.loads(path.read_text())
    assert set(o['host'] for o in plan['orders']) == check.hosts_with('would_renew') == PLANNED
    return path, plan


@pytest.mark.parametrize('playbook', ['renewals.hosting.renew_fleet', 'renewals.hosting.renew_fleet_batch'])
def test_apply_renews_exactly_the_planned_orders(ansible, tmp_path, playbook):
    hosts = plan_hosts()
    with SandboxProcess(fixture=plan_fixture()) as sandbox:
        path, plan = make_plan(ansible, sandbox, hosts, tmp_path)
        vps = dict((o['id'], o) for o in plan['orders'] if o['provider'] == 'vpsbg')
        assert vps['300001']['price']['currency'] == 'EUR' and vps['300001']['price']['amount'] > 0
        assert plan['totals']['would_spend']['USD'] == 40.0 and plan['digest'].startswith('sha256:')

        # the apply run looks further ahead: lb-5003 is due now, but nobody approved it
        apply = run_fleet(ansible, sandbox, hosts, tmp_path, name='apply', playbook=playbook,
                          extra_vars={'renew_orders_plan': str(path), 'renew_orders_before_days': 60})
        assert apply.rc == 0, apply.output[-3000:]
        assert set(host for host, count in bought(sandbox).items() if count) == PLANNED
        assert set(bought(sandbox).values()) == {0, 1}
        assert apply.hosts_with('renewed') == PLANNED
        assert apply.hosts_with('not_in_plan') == {'lb-5003'}
        assert apply.report['totals']['outcomes']['not_in_plan'] == 1
        assert apply.report['totals']['spent']['USD'] == 40.0
        assert not (tmp_path / 'report-apply' / 'plan.json').exists(), 'a real run writes no plan'


def test_a_price_raised_after_the_plan_refuses_that_order_only(ansible, tmp_path):
    hosts = plan_hosts()
    with SandboxProcess(fixture=plan_fixture()) as sandbox:
        path, plan = make_plan(ansible, sandbox, hosts, tmp_path)
        planned = dict((o['host'], o['price']['amount']) for o in plan['orders'])
        sandbox.admin_post('/_admin/vpsbg/server-price', {'server_id': 300001, 'price': '15.00'})  # +5 a month
        sandbox.admin_post('/_admin/vpsbg/server-price', {'server_id': 300002, 'price': '20.40'})  # within the tolerance
        apply = run_fleet(ansible, sandbox, hosts, tmp_path, name='apply',
                          extra_vars={'renew_orders_plan': str(path), 'renew_orders_plan_price_tolerance': 1})
        counts = bought(sandbox)
        assert apply.hosts_with('price_changed') == {'vps-300001'} and counts['vps-300001'] == 0
        assert apply.hosts_with('renewed') == PLANNED - {'vps-300001'}
        assert all(counts[host] == 1 for host in PLANNED - {'vps-300001'})
        entry = next(e for e in apply.report['orders'] if e['host'] == 'vps-300001')
        assert ('%.2f EUR in the approved plan' % planned['vps-300001']) in entry['msg'] and entry['amount'] is None
        assert apply.rc == 0, 'a refusal is not a failure unless renew_orders_fail_on says so'


def test_an_order_renewed_elsewhere_since_the_plan_is_stale_and_not_renewed_again(ansible, tmp_path):
    hosts = plan_hosts()
    with SandboxProcess(fixture=plan_fixture()) as sandbox:
        path, _plan = make_plan(ansible, sandbox, hosts, tmp_path)
        renew_elsewhere(sandbox, 5001)
        apply = run_fleet(ansible, sandbox, hosts, tmp_path, name='apply',
                          extra_vars={'renew_orders_plan': str(path), 'renew_orders_before_days': 60})
        counts = bought(sandbox)
        assert counts['lb-5001'] == 1, 'renewed again on top of the renewal made elsewhere'
        assert apply.hosts_with('plan_stale') == {'lb-5001'}
        assert apply.hosts_with('renewed') == PLANNED - {'lb-5001'}


def tampered_price(path):
    plan = json.loads(path.read_text())
    plan['orders'][0]['price']['amount'] = 0.01
    path.write_text(json.dumps(plan))
    return str(path)


@pytest.mark.parametrize('tamper, says', [
    (tampered_price, 'does not match its digest'),
    (lambda path: {'path': str(path), 'digest': 'sha256:' + '0' * 64}, 'is not the approved'),
    (lambda path: {'content': dict(json.loads(path.read_text()), created_at='2020-01-01T00:00:00Z')}, 'does not match'),
])
def test_a_tampered_plan_is_refused_before_any_provider_call(ansible, tmp_path, tamper, says):
    hosts = plan_hosts()
    with SandboxProcess(fixture=plan_fixture()) as sandbox:
        path, _plan = make_plan(ansible, sandbox, hosts, tmp_path)
        sandbox.admin_delete('/_admin/requests')
        command = fleet_command(ansible, hosts, tmp_path, {'renew_orders_plan': tamper(path)}, name='apply')
        completed = subprocess.run(command, env=ansible.env(sandbox), capture_output=True, text=True, timeout=600, check=False)
        output = completed.stdout + completed.stderr
        assert completed.returncode != 0 and says in output, output[-3000:]
        assert sandbox.request_counts()['total'] == 0, 'the provider was called before the plan was refused'
        assert set(bought(sandbox).values()) == {0}


def test_a_plan_older_than_its_max_age_is_refused_before_any_provider_call(ansible, tmp_path):
    hosts = plan_hosts()
    with SandboxProcess(fixture=plan_fixture()) as sandbox:
        path, _plan = make_plan(ansible, sandbox, hosts, tmp_path)
        sandbox.admin_delete('/_admin/requests')
        command = fleet_command(ansible, hosts, tmp_path, {'renew_orders_plan': str(path), 'renew_orders_plan_max_age': 0},
                                name='apply')
        completed = subprocess.run(command, env=ansible.env(sandbox), capture_output=True, text=True, timeout=600, check=False)
        assert completed.returncode != 0 and 'older than renew_orders_plan_max_age' in completed.stdout, completed.stdout[-3000:]
        assert sandbox.request_counts()['total'] == 0
