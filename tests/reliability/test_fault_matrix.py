# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fault matrix: every fault kind of the sandbox x every provider, through `ansible-playbook renewals.hosting.renew_fleet`.

Each run has >= 100 orders and faults in >= 20% of the calls (seeded). Pass: no order renewed twice (sandbox state),
every order ends renewed, pending, not_due or failed with a reason a person understands, and a rerun without faults
buys exactly what is still missing. CI runs all kinds in one fleet run (different orders meet different kinds, so
every outcome is still attributed exactly); the full matrix gives each kind its own run over ~270 orders.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import time
from collections import defaultdict

import pytest

from harness import SandboxProcess
from fleet import purchases, run_fleet
from reliability import (
    FINAL_OUTCOMES,
    FULL,
    INTERNALS,
    KIND_NAMES,
    MODE,
    ORDER_OPS,
    PROVIDERS,
    REASONS,
    TABLES,
    Cell,
    assign_kinds,
    fault_rules,
    matrix_fleet,
    matrix_table,
    open_intents,
)

GROUPS = [(kind,) for kind in KIND_NAMES] if FULL else [KIND_NAMES]
UNKNOWN_OUTCOME = re.compile(r'outcome is unknown|not re-sent', re.I)


@pytest.fixture(scope='module')
def matrix():
    """Cells filled by every run of this module; the table is printed at the end of the session."""
    state = {'cells': {}, 'runs': []}
    yield state
    if state['cells']:
        TABLES.append(('Fault matrix (%s, seed %s)' % (MODE.name, MODE.seed),
                       _table(state)))


def _table(state):
    return matrix_table(state['cells'], 'Runs: ' + '; '.join(state['runs']))


def fleet_for(kinds):
    per_cell = MODE.matrix_orders_per_cell
    seed = '%s/%s' % (MODE.seed, '+'.join(kinds))
    if len(kinds) == 1:
        fixture, hosts, orders = matrix_fleet(per_cell, 0.5, seed)
        return fixture, hosts, orders, dict((order['host'], kinds[0]) for order in orders), seed
    n = per_cell * len(kinds) + MODE.matrix_controls
    due_share = ((per_cell - per_cell // 3) * len(kinds) + MODE.matrix_controls // 2) / float(n)
    fixture, hosts, orders = matrix_fleet(n, due_share, seed)
    return fixture, hosts, orders, assign_kinds(orders, kinds, per_cell, seed), seed


def faults_met(log, orders):
    """(provider, sandbox id) -> the fault kinds the calls about that order met, and how many such calls there were."""
    owned = dict(((order['provider'], order['key']), order) for order in orders)
    met, calls = defaultdict(list), defaultdict(int)
    for entry in log:
        key = (entry['provider'], entry['order_id'])
        if key in owned and entry['operation'] in ORDER_OPS[entry['provider']]:
            calls[key] += 1
            if entry['fault']:
                met[key].append(entry['fault'])
    return met, calls


def check_order(order, entry, rerun_entry, bought, after, kinds_met):
    """Problems with one order, as sentences (empty when it behaved)."""
    problems = []
    host, outcome = order['host'], entry['outcome']
    text = entry.get('error') or entry.get('msg') or ''
    if bought > 1 or after > 1:
        problems.append('renewed %d times' % max(bought, after))
    if outcome not in FINAL_OUTCOMES:
        problems.append('ended %s' % outcome)
    if outcome in ('renewed', 'awaiting_payment') and bought != 1:
        problems.append('reported %s, the provider saw %d renewals' % (outcome, bought))
    if outcome == 'pending' and bought != 1:
        problems.append('reported pending with %d renewals placed' % bought)
    if outcome == 'not_due' and (order['due'] or bought):
        problems.append('reported not_due (due %s, bought %d)' % (order['due'], bought))
    if outcome == 'failed':
        if not text.strip() or INTERNALS.search(text):
            problems.append('failed without a readable reason: %r' % text)
        elif not kinds_met:
            problems.append('failed though no fault reached it: %r' % text)
        elif not any(re.search(REASONS[kind], text, re.I) for kind in kinds_met):
            problems.append('failed after %s with a reason that does not say so: %r' % ('/'.join(sorted(kinds_met)), text))
        if bought and not UNKNOWN_OUTCOME.search(text):
            problems.append('failed although the renewal went through, without saying the outcome is unknown: %r' % text)
    # the fault-free rerun converges: everything due is renewed exactly once, nothing bought again
    if rerun_entry['outcome'] not in ('renewed', 'awaiting_payment', 'pending', 'not_due'):
        problems.append('rerun ended %s: %s' % (rerun_entry['outcome'], rerun_entry.get('error') or rerun_entry.get('msg')))
    if after != (1 if order['due'] else 0):
        problems.append('after the rerun the provider saw %d renewals (due: %s)' % (after, order['due']))
    if bought and rerun_entry['outcome'] == 'renewed':
        problems.append('the rerun renewed it again')
    if '%s' % host != entry['host']:
        problems.append('report entry of another host')
    return ['%s: %s' % (host, problem) for problem in problems]


@pytest.mark.parametrize('kinds', GROUPS, ids=['+'.join(group) if len(group) == 1 else 'all-kinds' for group in GROUPS])
def test_fault_matrix(ansible, tmp_path, matrix, kinds):
    fixture, hosts, orders, assignment, seed = fleet_for(kinds)
    assert len(hosts) >= 100
    single = len(kinds) == 1
    rules = fault_rules(orders, assignment, seed, MODE.matrix_probability, shared_kind=kinds[0] if single else None)
    started = time.monotonic()
    with SandboxProcess(fixture=fixture) as sandbox:
        sandbox.set_faults(rules)
        faulty = run_fleet(ansible, sandbox, hosts, tmp_path, name='faulty')
        left_open = open_intents(tmp_path)
        log = sandbox.requests()
        bought = purchases(sandbox)
        sandbox.clear_faults()
        rerun = run_fleet(ansible, sandbox, hosts, tmp_path, name='rerun')
        after = purchases(sandbox)
    elapsed = time.monotonic() - started

    met, calls = faults_met(log, orders)
    entries, rerun_entries = faulty.report['orders'], rerun.report['orders']
    assert sorted(e['host'] for e in entries) == sorted(hosts) == sorted(e['host'] for e in rerun_entries), 'one entry per order'
    by_host = dict((e['host'], e) for e in entries)
    rerun_by_host = dict((e['host'], e) for e in rerun_entries)

    problems = []
    for order in orders:
        key = (order['provider'], order['key'])
        kinds_met = set(met.get(key, ())) | ({kinds[0]} if single else set())
        problems += check_order(order, by_host[order['host']], rerun_by_host[order['host']], bought[order['host']],
                                after[order['host']], kinds_met)

    # the cells of the table
    faulted_total = sum(1 for entry in log if entry['fault'])
    for order in orders:
        kind = assignment.get(order['host'])
        if kind is None:
            continue
        cell = matrix['cells'].setdefault((order['provider'], kind), Cell())
        key = (order['provider'], order['key'])
        cell.orders += 1
        cell.due += order['due']
        if not single:
            cell.calls += calls.get(key, 0)
            cell.faulted += len(met.get(key, ()))
        cell.outcomes[by_host[order['host']]['outcome']] += 1
        cell.rerun_bought += after[order['host']] - bought[order['host']]
        cell.double += max(bought[order['host']], after[order['host']]) > 1
    for provider in PROVIDERS:
        provider_calls = [entry for entry in log if entry['provider'] == provider]
        if single:  # a single kind owns every call of the run, shared ones included
            cell = matrix['cells'][(provider, kinds[0])]
            cell.calls += len(provider_calls)
            cell.faulted += sum(1 for entry in provider_calls if entry['fault'])
    matrix['runs'].append('%s: %d orders, %d/%d calls faulted (%d%%), %.0f s' % (
        kinds[0] if single else 'all kinds', len(hosts), faulted_total, len(log), round(100.0 * faulted_total / len(log)), elapsed))

    assert faulted_total >= 0.2 * len(log), 'only %d of %d calls met a fault' % (faulted_total, len(log))
    for (provider, kind), cell in matrix['cells'].items():
        if kind in kinds:
            assert cell.faulted >= 0.2 * cell.calls, '%s x %s: only %d of %d calls faulted' % (provider, kind, cell.faulted, cell.calls)
    failed = [e for e in entries if e['outcome'] == 'failed']
    assert (faulty.rc != 0) == bool(failed), 'the job status must say whether an order failed (rc %s)' % faulty.rc
    assert rerun.rc == 0, rerun.output[-3000:]
    # a run that was not killed leaves a paying request open only when the provider may still carry it out (no reply
    # in time, nothing showing yet): the next run re-reads it first
    still_processing = set(e['host'] for e in entries if e['still_processing'])
    assert all(e['outcome'] == 'failed' for e in entries if e['still_processing'])
    left_open = [intent for intent in left_open if intent['host'] not in still_processing]
    assert not left_open, 'a run that was not killed left paying requests open in the ledger: %s' % left_open[:3]
    assert not open_intents(tmp_path)
    assert not problems, '%d problem(s):\n%s\n\n%s' % (len(problems), '\n'.join(problems[:60]), _table(matrix))


# The run's listing failing in each way it can: every order it did not cover is read alone, none is mis-decided.
# HostUp v1 reads a service from the same account list, so its rule ends after the listing's own tries (4 reads of a
# 5xx or an unreadable page, 6 answers of 429) and the orders' reads after it meet no fault.
LISTING_FAULTS = {
    'failed page': ('error_before_commit', [
        {'provider': 'logicboxes', 'operation': 'search', 'listing': True, 'page': 1, 'kind': 'error_before_commit', 'status': 503},
        {'provider': 'vpsbg', 'operation': 'servers', 'listing': True, 'page': 2, 'kind': 'error_before_commit', 'status': 503},
        {'provider': 'hostup', 'operation': 'accounts', 'kind': 'error_before_commit', 'status': 503, 'times': 4}]),
    'malformed page': ('malformed_json', [
        {'provider': 'logicboxes', 'operation': 'search', 'listing': True, 'page': 1, 'kind': 'malformed_json'},
        {'provider': 'vpsbg', 'operation': 'servers', 'listing': True, 'page': 1, 'kind': 'drop_fields'},
        {'provider': 'hostup', 'operation': 'accounts', 'kind': 'drop_fields', 'times': 1}]),
    '429 storm': ('rate_limit', [
        {'provider': 'logicboxes', 'operation': 'search', 'listing': True, 'kind': 'rate_limit', 'retry_after': 0},
        {'provider': 'vpsbg', 'operation': 'servers', 'listing': True, 'kind': 'rate_limit', 'retry_after': 0},
        {'provider': 'hostup', 'operation': 'accounts', 'kind': 'rate_limit', 'retry_after': 0, 'times': 6}]),
}
LISTED = "from the run's listing"


@pytest.mark.parametrize('failure', sorted(LISTING_FAULTS))
def test_listing_failures_fall_back_without_mis_deciding(ansible, tmp_path, failure):
    kind, rules = LISTING_FAULTS[failure]
    fixture, hosts, orders = matrix_fleet(60, 0.4, '%s/listing/%s' % (MODE.seed, failure))  # 60 servers: two VPSBG pages
    with SandboxProcess(fixture=fixture) as sandbox:
        sandbox.set_faults(rules)
        faulty = run_fleet(ansible, sandbox, hosts, tmp_path, name='faulty')
        bought = purchases(sandbox)
        faulted = [entry for entry in sandbox.requests() if entry['fault']]
        sandbox.clear_faults()
        rerun = run_fleet(ansible, sandbox, hosts, tmp_path, name='rerun')
        after = purchases(sandbox)
    by_host = dict((entry['host'], entry) for entry in faulty.report['orders'])
    rerun_by_host = dict((entry['host'], entry) for entry in rerun.report['orders'])
    problems = []
    for order in orders:
        problems += check_order(order, by_host[order['host']], rerun_by_host[order['host']], bought[order['host']],
                                after[order['host']], {kind})
    assert not problems, '%d problem(s):\n%s' % (len(problems), '\n'.join(problems[:60]))
    assert faulted and all(entry['operation'] in ('search', 'servers', 'accounts') for entry in faulted)
    assert faulty.rc == 0 and 'read one by one' in faulty.output, faulty.output[-3000:]
    for provider in ('logicboxes', 'hostup'):  # their whole listing failed: every order was read alone
        assert not [e for e in faulty.report['orders'] if e['provider'] == provider and LISTED in (e['msg'] or '')]
    # the fault-free rerun lists again and decides the not-due orders from it
    assert [e for e in rerun.report['orders'] if e['provider'] == 'logicboxes' and LISTED in (e['msg'] or '')]
