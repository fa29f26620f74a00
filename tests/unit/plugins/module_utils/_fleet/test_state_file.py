# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet's shared state: budget under real process concurrency, duplicate claims, the ledger, the report."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import multiprocessing

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.report import build_report
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.report_writer import markdown_summary
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state_file import LockTimeout, StateDir
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Quote


def _buy(args):
    path, run_id, amount = args
    budget = StateDir(path).run(run_id).budget({'EUR': 100})
    token, refusal = budget.reserve(Quote(amount, 'EUR'))
    if refusal:
        return 0.0
    budget.commit(token)
    return amount


def test_budget_holds_across_processes(tmp_path):
    with multiprocessing.get_context('fork').Pool(8) as pool:
        bought = pool.map(_buy, [(str(tmp_path), 'run1', 7.0)] * 40)
    assert sum(bought) == 98.0 and bought.count(7.0) == 14


def test_budget_release_and_other_currencies(tmp_path):
    budget = StateDir(str(tmp_path)).run('r').budget({'eur': 10})
    token, refusal = budget.reserve(Quote(8, 'EUR'))
    assert refusal is None
    assert budget.reserve(Quote(5, 'EUR'))[1].startswith('the run budget of 10.00 EUR would be exceeded')
    budget.release(token)
    assert budget.reserve(Quote(5, 'EUR'))[1] is None
    assert budget.reserve(Quote(1000, 'USD')) == (None, None), 'currencies not named are not limited'
    assert 'renewal_price' in budget.reserve(None)[1]
    assert StateDir(str(tmp_path)).run('r').budget({}).reserve(None) == (None, None)


def test_an_order_is_claimed_once_per_run(tmp_path):
    run = StateDir(str(tmp_path)).run('r')
    assert run.claim('k', 'host-a') is None
    assert run.claim('k', 'host-b') == 'host-a'
    assert StateDir(str(tmp_path)).run('other').claim('k', 'host-b') is None


def test_dangling_intents_are_those_without_outcome(tmp_path):
    state = StateDir(str(tmp_path))
    for intent_id, event in (('a', 'intent'), ('b', 'intent'), ('a', 'outcome'), ('c', 'intent'), ('c', 'recovered')):
        state.record({'event': event, 'intent_id': intent_id})
    with open(state.ledger_path, 'a') as handle:
        handle.write('{"event": "intent", "intent_id": "torn')  # a line cut short by a crash
    assert [record['intent_id'] for record in state.dangling_intents()] == ['b']


def test_order_lock_times_out_while_held(tmp_path):
    state = StateDir(str(tmp_path))
    with state.order_lock('k', 1):
        with pytest.raises(LockTimeout):
            with StateDir(str(tmp_path)).order_lock('k', 0.2):
                pass


def test_report_has_every_host_and_adds_up():
    entries = [
        {'host': 'a', 'outcome': 'renewed', 'amount': 10.0, 'currency': 'EUR', 'check_mode': False},
        {'host': 'b', 'outcome': 'renewed', 'amount': 2.5, 'currency': 'EUR', 'check_mode': False},
        {'host': 'c', 'outcome': 'not_due', 'amount': None, 'currency': None, 'check_mode': False},
    ]
    report = build_report('r', entries, ['a', 'b', 'c', 'd'])
    assert [e['host'] for e in report['orders']] == ['a', 'b', 'c', 'd']
    assert report['orders'][3]['outcome'] == 'failed' and 'no result' in report['orders'][3]['error']
    assert report['totals']['outcomes']['renewed'] == 2 and report['totals']['spent'] == {'EUR': 12.5}
    assert '| EUR | 12.50 | 0.00 |' in markdown_summary(report)
