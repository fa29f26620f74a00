# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet speaks the user's vocabulary: a wrong run variable fails the run once, naming it, before any API call;
an empty budget (a cleared AWX survey field) means no budget; a strict budget refuses currencies it does not name."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import subprocess

import pytest

from fleet import due_ids, fleet_command, lb_fleet_fixture, lb_hosts, renewals_by_order, run_fleet
from playbook_fixtures import ansible, collections_path  # noqa: F401 pylint: disable=unused-import

from sandbox.client import SandboxProcess  # pylint: disable=wrong-import-order

SPEC_TEXT = 'Maximum total spend of the run per currency'  # from the role's argument spec: never dumped


@pytest.mark.parametrize('extra_vars,said', [
    ({'renew_orders_budget': 500}, 'renew_orders_budget: must be a mapping like {"EUR": 500}, or empty for none; got 500'),
    ({'renew_orders_budget': {'USD': 'abc'}}, "renew_orders_budget: the USD budget must be a non-negative amount, got 'abc'"),
    ({'renew_orders_before_days': -5}, 'renew_orders_before_days: must be 0 or more, got -5'),
    ({'renew_orders_before_days': 'soon'}, "argument 'renew_orders_before_days' is of type str"),
])
def test_a_wrong_run_variable_fails_the_run_once_before_any_api_call(ansible, tmp_path, extra_vars, said):  # noqa: F811
    fixture = lb_fleet_fixture(6, 0.5, seed=61)
    with SandboxProcess(fixture=fixture) as sandbox:
        command = fleet_command(ansible, lb_hosts(fixture), tmp_path / 'state', extra_vars=extra_vars, name='vocabulary')
        completed = subprocess.run(command, env=ansible.env(sandbox, {'ANSIBLE_FORKS': '5'}), capture_output=True, text=True,
                                   timeout=600, check=False)
        calls = sandbox.requests()
    output = completed.stdout + completed.stderr
    assert completed.returncode != 0
    assert said in output and output.count('fatal:') == 1, output[-3000:]  # once for the run, not once per order
    assert SPEC_TEXT not in output, 'the argument spec is not dumped'
    assert 'Renew the order when it is due' not in output, 'no order task ran'
    assert calls == [], 'nothing reached the provider'


def test_an_empty_budget_is_no_budget_and_a_strict_one_refuses_other_currencies(ansible, tmp_path):  # noqa: F811
    fixture = lb_fleet_fixture(10, 0.5, seed=62)
    hosts = lb_hosts(fixture, declare_prices=True)
    with SandboxProcess(fixture=fixture) as sandbox:
        strict = run_fleet(ansible, sandbox, hosts, tmp_path / 'strict', name='strict',
                           extra_vars={'renew_orders_budget': '{"EUR": 1000}', 'renew_orders_budget_strict': True})
        assert sum(renewals_by_order(sandbox).values()) == 0, 'USD prices are refused by an EUR-only strict budget'
        assert strict.report['totals']['outcomes']['skipped_budget'] == len(due_ids(fixture))
        assert all('renew_orders_budget_strict' in entry['msg'] for entry in strict.report['orders']
                   if entry['outcome'] == 'skipped_budget')
        cleared = run_fleet(ansible, sandbox, hosts, tmp_path / 'cleared', name='cleared', extra_vars={'renew_orders_budget': ''})
    assert cleared.rc == 0, cleared.output[-3000:]
    assert cleared.report['totals']['outcomes']['renewed'] == len(due_ids(fixture))
