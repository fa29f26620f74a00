# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The state interface every backend offers, one behaviour suite run against each (file and PostgreSQL): order locks,
ledger intents and outcomes, held orders, the budget under real process concurrency, claims, concurrency slots."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import multiprocessing
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state import RunFunds, release_connections, shared_once
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state_file import LockTimeout
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import RENEWED, Outcome
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Funds, Quote


class Read:
    expires_at = None


def _buy(args):
    backend, run_group, amount, task = args
    try:
        budget = backend.open(run_group).run('run-%d' % task).budget({'EUR': 100})
        token, refusal = budget.reserve(Quote(amount, 'EUR'))
        if refusal:
            return 0.0
        budget.commit(token)
        return amount
    finally:
        release_connections()


def _pay_from_balance(args):
    """One fork renewing at ``amount`` USD from a reseller balance of 50.00 USD read at the run's start."""
    backend, run_id, amount = args
    try:
        funds = RunFunds(backend.open('group-funds').run(run_id))
        balance = Funds('logicboxes|acct|reseller', Quote('50.00', 'USD'), 'the reseller balance')
        token, refusal = funds.reserve(balance, Quote(amount, 'USD'))
        if refusal:
            return 0.0
        funds.commit(token, amount)
        return amount
    finally:
        release_connections()


def test_a_balance_pays_only_what_it_holds_across_processes(backend):
    backend.open('group-funds')
    with multiprocessing.get_context('fork').Pool(8) as pool:
        paid = pool.map(_pay_from_balance, [(backend, 'run-funds', 10.0)] * 12)
    assert sum(paid) == 50.0 and paid.count(10.0) == 5


def test_a_balance_pays_only_what_it_holds_across_the_threads_of_one_process(backend):
    """Batch mode: one process, many threads, one balance; each thread opens the state as a batch order does."""
    backend.open('group-funds')

    def pay(amount):  # each thread its own state and connection; they are closed at the end, as batch mode does
        funds = RunFunds(backend.open('group-funds').run('run-threads'))
        token, refusal = funds.reserve(Funds('logicboxes|acct|reseller', Quote('50.00', 'USD'), 'the reseller balance'),
                                       Quote(amount, 'USD'))
        if refusal:
            return 0.0
        funds.commit(token, amount)
        return amount

    try:
        with ThreadPoolExecutor(12) as pool:
            paid = list(pool.map(pay, [10.0] * 12))
    finally:
        release_connections()
    assert sum(paid) == 50.0 and paid.count(10.0) == 5


def test_an_order_lock_held_by_another_thread_times_out(backend):
    state, held, done = backend.open(), threading.Event(), threading.Event()

    def hold():
        with backend.open().order_lock('k-thread', 5):
            held.set()
            done.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(5)
        with pytest.raises(LockTimeout, match='order k-thread is busy'):
            with state.order_lock('k-thread', 0.3):
                pass
    finally:
        done.set()
        holder.join()
    with state.order_lock('k-thread', 1):  # released when its holder let go
        pass
    release_connections()


def test_a_balance_is_kept_per_account_and_released_when_nothing_was_bought(backend):
    funds = RunFunds(backend.open().run('r-funds'))
    reseller = Funds('logicboxes|a|reseller', Quote(20, 'USD'), 'the reseller balance')
    other = Funds('logicboxes|b|reseller', Quote(20, 'USD'), 'the reseller balance')
    token, refusal = funds.reserve(reseller, Quote(15, 'USD'))
    assert refusal is None
    refusal = funds.reserve(reseller, Quote(10, 'USD'))[1]
    assert refusal == ('the reseller balance cannot pay it: 5.00 USD left of the 20.00 USD balance read at the start of the '
                       'run (15.00 spent or held by this run), this renewal costs 10.00 USD; nothing was sent')
    assert funds.reserve(other, Quote(10, 'USD'))[1] is None, 'another account has its own balance'
    funds.release(token)
    assert funds.reserve(reseller, Quote(20, 'USD'))[1] is None
    assert backend.open().run('r-funds').budget({'USD': 5}).reserve(Quote(5, 'USD'))[1] is None, 'the budget is apart'


def _hold_lock(args):
    backend, key, seconds = args
    with backend.open().order_lock(key, 5):
        time.sleep(seconds)
    release_connections()


def test_budget_holds_across_processes(backend):
    backend.open()  # create the schema first, as the run's start does
    with multiprocessing.get_context('fork').Pool(8) as pool:
        bought = pool.map(_buy, [(backend, 'group-1', 7.0, task) for task in range(40)])
    if backend.name == 'postgresql':  # one run group: the slices' runs (their own run ids) share it
        assert sum(bought) == 98.0 and bought.count(7.0) == 14
    else:  # one controller's file budget is per run (each purchase here is its own run)
        assert sum(bought) == 40 * 7.0


def test_budget_release_and_other_currencies(backend):
    budget = backend.open().run('r').budget({'eur': 10})
    token, refusal = budget.reserve(Quote(8, 'EUR'))
    assert refusal is None
    assert budget.reserve(Quote(5, 'EUR'))[1].startswith('the run budget of 10.00 EUR would be exceeded (8.00 committed')
    assert budget.reserve(Quote(11, 'EUR'))[1].startswith('the run budget of 10.00 EUR would be exceeded')
    budget.release(token)
    token, refusal = budget.reserve(Quote(5, 'EUR'))
    assert refusal is None
    budget.commit(token, 4.5)
    assert budget.reserve(Quote(5.5, 'EUR'))[1] is None
    assert budget.reserve(Quote(0.01, 'EUR'))[1] is not None, 'committed 4.50 and reserved 5.50 fill the budget'
    assert budget.reserve(Quote(1000, 'USD')) == (None, None), 'currencies not named are not limited'
    assert 'renewal_price' in budget.reserve(None)[1]
    assert backend.open().run('r').budget({}).reserve(None) == (None, None)


def test_an_order_is_claimed_once_per_run(backend):
    run = backend.open().run('r')
    assert run.claim('k', 'host-a') is None
    assert run.claim('k', 'host-b') == 'host-a'
    assert backend.open().run('other').claim('k', 'host-b') is None


def test_the_ledger_keeps_intents_without_outcome(backend):
    state = backend.open()
    journal = state.journal('run-1', 'lb|1|x|1', 'host-1', 'logicboxes', {'provider': 'logicboxes', 'id': 1})
    journal.intent(Read(), 0)
    done = state.journal('run-1', 'lb|1|x|2', 'host-2', 'logicboxes', {'provider': 'logicboxes', 'id': 2})
    done.intent(Read(), 0)
    done.outcome(Outcome(kind=RENEWED))
    later = backend.open()  # another run, process or controller
    dangling = later.dangling_intents()
    assert [(record['key'], record['host'], record['event']) for record in dangling] == [('lb|1|x|1', 'host-1', 'intent')]
    assert dangling[0]['order'] == {'provider': 'logicboxes', 'id': 1} and dangling[0]['time']
    later.record({'event': 'recovered', 'intent_id': dangling[0]['intent_id'], 'key': 'lb|1|x|1', 'outcome': 'renewed'})
    assert backend.open().dangling_intents() == []


def test_held_orders_are_per_run(backend):
    run = backend.open().run('run-2')
    assert run.held('k') is None
    run.hold('k', {'time': '2026-01-01T00:00:00Z', 'intent_id': 'abc'})
    assert backend.open().run('run-2').held('k') == {'time': '2026-01-01T00:00:00Z', 'intent_id': 'abc'}
    assert backend.open().run('run-3').held('k') is None


def test_report_rows_come_back_in_order(backend):
    run = backend.open().run('r')
    rows = [{'host': 'h%d' % i, 'outcome': 'renewed', 'zeta': i, 'alpha': None} for i in range(5)]
    for entry in rows:
        run.add_entry(entry)
    assert backend.open().run('r').entries() == rows
    assert backend.open().run('other').entries() == []


def test_order_lock_times_out_while_held(backend):
    state = backend.open()
    process = multiprocessing.get_context('fork').Process(target=_hold_lock, args=((backend, 'k', 3),))
    process.start()
    try:
        time.sleep(1.5)  # the child holds the lock by now
        with pytest.raises(LockTimeout, match='order k is busy'):
            with state.order_lock('k', 0.3):
                pass
        with state.order_lock('other', 0.3):
            pass
    finally:
        process.join()
    with state.order_lock('k', 1):  # released when its holder let go
        pass


def test_concurrency_slots_cap_every_process(backend):
    state = backend.open('group-1')
    with state.slot('logicboxes', 2, 1):
        with state.slot('logicboxes', 2, 1):
            other = multiprocessing.get_context('fork').Pool(1)
            try:
                with pytest.raises(LockTimeout, match='no free logicboxes concurrency slot'):
                    other.apply(_take_slot, ((backend, 'group-1', 'logicboxes'),))
                assert other.apply(_take_slot, ((backend, 'group-1', 'hostup'),)) == 'got one'
            finally:
                other.close()
                other.join()
    assert multiprocessing.get_context('fork').Pool(1).apply(_take_slot, ((backend, 'group-1', 'logicboxes'),)) == 'got one'


def _take_slot(args):
    backend, run_group, provider = args
    try:
        with backend.open(run_group).slot(provider, 2, 0.3):
            return 'got one'
    finally:
        release_connections()


def _share_catalogue(args):
    backend, run_id, marker = args
    try:
        state = backend.open('group-share')
        made = []

        def produce():
            made.append(1)
            with open(marker, 'a') as handle:  # counts how many processes made it
                handle.write('x')
            time.sleep(0.2)
            return {'dotnet': {'renewdomain': {'1': '9.5'}}}

        value = shared_once(state, state.run(run_id), 'logicboxes:catalogue', produce)
        return value['dotnet']['renewdomain']['1'], len(made)
    finally:
        release_connections()


def test_a_run_document_is_made_once_and_read_by_every_fork(backend, tmp_path):
    backend.open('group-share')
    marker = tmp_path / 'made'
    with multiprocessing.get_context('fork').Pool(6) as pool:
        answers = pool.map(_share_catalogue, [(backend, 'run-share', str(marker))] * 12)
    assert [price for price, _made in answers] == ['9.5'] * 12
    assert marker.read_text() == 'x', 'one process made the document, the others read it'
    assert backend.open('group-share').run('run-share').shared('logicboxes:catalogue') == {'dotnet': {'renewdomain': {'1': '9.5'}}}
    assert backend.open('group-share').run('run-share').shared('another') is None


def test_what_a_run_remembers_is_there_for_the_next_run(backend):
    state = backend.open()
    assert state.recall('vpsbg|acct|support') is None
    state.remember('vpsbg|acct|support', {'order_id': 77, 'period_to': '2027-01-01T00:00:00Z'})
    state.remember('vpsbg|acct|support', {'order_id': 78, 'period_to': '2027-02-01T00:00:00Z'})
    assert backend.open().recall('vpsbg|acct|support') == {'order_id': 78, 'period_to': '2027-02-01T00:00:00Z'}
