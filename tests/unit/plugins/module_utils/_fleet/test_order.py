# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One fleet order with its guards (FleetOrder), on each state backend, against the sandbox over real HTTP: a due
order renewed once, held orders and duplicates never sent, the run budget, the report row of every order."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.dispatch import identity, module_params, validate
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.order import FleetOrder
from ansible_collections.renewals.hosting.plugins.module_utils._registry import target_for

LB_KEY = 'order-test-lb-key'
DUE, LATER = 9001, 9002


def fixture():
    return {'logicboxes': {'auth_userid': '1001', 'api_key': LB_KEY, 'orders': [
        dict(order_id=DUE, product='dedicated_server_linux', region='us', price='10.00', cost_price='10.00', expires_in_days=5),
        dict(order_id=9003, product='dedicated_server_linux', region='us', price='10.00', cost_price='10.00', expires_in_days=6),
        dict(order_id=LATER, product='dedicated_server_linux', region='us', price='10.00', cost_price='10.00',
             expires_in_days=200)]}}


def credentials(sandbox):
    return lambda module: {'auth_userid': 1001, 'api_key': LB_KEY, 'api_url': sandbox.logicboxes_url}


def order(order_id, **extra):
    return dict({'provider': 'logicboxes', 'service': 'dedicated_server_linux', 'id': order_id, 'region': 'us', 'period': 1,
                 'options': {}, 'price': None, 'renew_before_days': 30, 'max_price': None, 'force': False}, **extra)


def renewals(sandbox, order_id):
    return sandbox.state('logicboxes')['orders'][str(order_id)]['renewals']


def run_order(backend, sandbox, the_order, run_id, host, check_mode=False, **fleet):
    settings = backend.fleet(run_id=run_id, host=host, budget={}, concurrency={}, lock_timeout=10, listing='off')
    settings.update(fleet)
    result, _no_log = FleetOrder(the_order, settings, credentials(sandbox), check_mode, False).settle()
    return result


def key_of(sandbox, the_order):
    target = target_for('logicboxes', the_order['service'])
    params = validate(target, module_params(target, the_order, credentials(sandbox)(target.module)))[0]
    return identity(target, params, the_order)


def test_a_due_order_is_renewed_once_and_a_later_run_finds_it_not_due(backend, fresh):
    backend.open()
    first = run_order(backend, fresh, order(DUE), 'run-1', 'due-host')
    second = run_order(backend, fresh, order(DUE), 'run-2', 'due-host')
    assert (first['outcome'], second['outcome'], renewals(fresh, DUE)) == ('renewed', 'not_due', 1)
    rows = backend.open().run('run-1').entries()
    assert [(row['host'], row['outcome'], row['amount'], row['currency']) for row in rows] == [('due-host', 'renewed', 10.0, 'USD')]


def test_check_mode_buys_nothing_and_writes_no_ledger_intent(backend, fresh):
    state = backend.open()
    result = run_order(backend, fresh, order(DUE), 'run-check', 'due-host', check_mode=True)
    assert result['outcome'] == 'would_renew' and renewals(fresh, DUE) == 0
    assert state.dangling_intents() == []


def test_a_held_order_is_reported_pending_and_not_sent(backend, fresh):
    run = backend.open().run('run-held')
    run.hold(key_of(fresh, order(DUE)), {'time': '2026-12-01T00:00:00Z', 'intent_id': 'killed-run-intent'})
    result = run_order(backend, fresh, order(DUE), 'run-held', 'due-host')
    assert result['outcome'] == 'pending' and 'may still be processed' in result['msg']
    assert renewals(fresh, DUE) == 0 and fresh.requests(provider='logicboxes') == []


def test_an_order_listed_twice_is_renewed_once_and_the_second_host_is_a_duplicate(backend, fresh):
    backend.open()
    first = run_order(backend, fresh, order(DUE), 'run-dup', 'host-a')
    second = run_order(backend, fresh, order(DUE), 'run-dup', 'host-b')
    assert (first['outcome'], second['outcome'], second['duplicate_of']) == ('renewed', 'duplicate', 'host-a')
    assert renewals(fresh, DUE) == 1


def test_the_run_budget_stops_the_purchase_that_would_exceed_it(backend, fresh):
    backend.open()
    budget = {'USD': 15}
    first = run_order(backend, fresh, order(DUE), 'run-budget', 'host-a', budget=budget)
    second = run_order(backend, fresh, order(9003), 'run-budget', 'host-b', budget=budget)
    assert (first['outcome'], second['outcome']) == ('renewed', 'skipped_budget')
    assert 'the run budget of 15.00 USD would be exceeded (10.00 committed' in second['msg']
    assert (renewals(fresh, DUE), renewals(fresh, 9003)) == (1, 0)


def test_bad_input_is_a_failed_row_naming_the_host_var_with_no_call(backend, fresh):
    backend.open()
    result = run_order(backend, fresh, order(DUE, period=500), 'run-bad', 'bad-host')
    assert result['outcome'] == 'failed' and result['msg'].startswith('renewal_period: must be between 1 and 120, got 500')
    assert fresh.requests(provider='logicboxes') == []
    assert [row['outcome'] for row in backend.open().run('run-bad').entries()] == ['failed']


def test_on_the_database_an_open_intent_of_a_dead_run_holds_the_order(backend, fresh):
    """A run killed between its intent and its outcome, on any controller: the next order sees the open intent under the
    order's lock and holds the order (the file backend's run start does this by recovery, see test_recovery)."""
    state = backend.open()
    if backend.name != 'postgresql':
        assert state.interrupted(key_of(fresh, order(DUE))) is None  # the file backend leaves this to the run's start
        return

    class Read:
        expires_at = None

    state.journal('dead-run', key_of(fresh, order(DUE)), 'due-host', 'logicboxes', {'provider': 'logicboxes'}).intent(Read(), 0)
    result = run_order(backend, fresh, order(DUE), 'next-run', 'due-host')
    assert result['outcome'] == 'pending' and renewals(fresh, DUE) == 0
