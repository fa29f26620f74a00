# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet killed with SIGKILL at seeded random points (some renewals slow, so kills land mid-request), sometimes
twice in a row: the next complete run recovers through the ledger, renews nothing twice and reports every order.
And two fleet runs at once over overlapping inventories on one controller: no order renewed twice."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import random
import subprocess
import time

import pytest

from harness import SandboxProcess
from fleet import fleet_command, purchases, run_fleet
from reliability import MODE, TABLES, age_open_intents, ledger, matrix_fleet, open_intents
from test_fleet_crash import crash  # SIGKILL of the whole process tree (Ansible's workers call setsid)


SLOWEST_MS = 1500
SETTLE_SECONDS = 900  # the role's renew_orders_settle_seconds default


def slow_renewals(orders, rng, share, low_ms, high_ms):
    """Fault rules that delay a ``share`` of the due orders' paying calls (a delay, not a failure: timeout is 30 s)."""
    due = [order for order in orders if order['due']]
    return [dict(provider=order['provider'], operation=order['paying_op'], order_id=order['key'], kind='latency', times=1,
                 params={'ms': rng.randint(low_ms, high_ms)}) for order in rng.sample(due, int(len(due) * share))]


def start(ansible, sandbox, hosts, state_dir, name, forks=10):
    command = fleet_command(ansible, hosts, state_dir, name=name)
    return subprocess.Popen(command, env=ansible.env(sandbox, {'ANSIBLE_FORKS': str(forks)}),  # pylint: disable=consider-using-with
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_at_random_point(process, sandbox, state_dir, rng, due_count):
    """SIGKILL the run at a seeded point: while its k-th paying request is in flight (an intent in the ledger and no
    outcome yet), once k renewals reached the provider, or after a random time. Returns a description of the point."""
    mode = rng.choice(('in flight', 'in flight', 'renewals', 'time'))
    deadline = time.monotonic() + 60
    if mode == 'in flight':
        wanted = rng.randint(1, max(1, due_count // 2))
        while process.poll() is None and time.monotonic() < deadline and not (
                len([r for r in ledger(state_dir) if r['event'] == 'intent']) >= wanted and open_intents(state_dir)):
            time.sleep(0.02)
        where = 'with paying request %d in flight' % wanted
    elif mode == 'renewals':
        wanted = rng.randint(0, max(1, due_count // 2))
        while sum(purchases(sandbox).values()) < wanted and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rng.uniform(0, 0.4))
        where = 'after %d renewal(s)' % wanted
    else:
        delay = rng.uniform(0.2, 3.5)  # a run over these ~60 orders takes 3 to 5 s
        while process.poll() is None and time.monotonic() < deadline - 60 + delay:
            time.sleep(0.05)
        where = 'after %.1f s' % delay
    finished = process.poll() is not None
    crash(process)
    return where + (' (too late: the run had finished)' if finished else '')


def check_run(run, bought, orders, hosts, held=()):
    """What a complete run after the crash(es) must show; ``held`` are the hosts whose unfinished renewal the ledger
    step could not see yet (it may still land): reported pending and not renewed again."""
    problems = []
    if sorted(entry['host'] for entry in run.report['orders']) != sorted(hosts):
        problems.append('the report does not account for every order')
    entries = dict((entry['host'], entry) for entry in run.report['orders'])
    for order in orders:
        host, entry = order['host'], entries.get(order['host']) or {}
        if bought[host] > 1:
            problems.append('%s: renewed %d times' % (host, bought[host]))
        elif host in held:
            if entry.get('outcome') != 'pending' or 'may still be processed' not in (entry.get('msg') or ''):
                problems.append('%s: held, but reported %s: %s' % (host, entry.get('outcome'), entry.get('msg')))
        elif bought[host] != (1 if order['due'] else 0):
            problems.append('%s: %d renewals at the provider (due: %s)' % (host, bought[host], order['due']))
        if entry.get('outcome') not in ('renewed', 'awaiting_payment', 'pending', 'not_due'):
            problems.append('%s: %s: %s' % (host, entry.get('outcome'), entry.get('msg')))
    if run.rc != 0:
        problems.append('the complete run failed (rc %s)' % run.rc)
    return problems


@pytest.fixture(scope='module')
def crash_trials():
    rows = []
    yield rows
    if rows:
        TABLES.append(('SIGKILL trials (%s, seed %s)' % (MODE.name, MODE.seed), '\n'.join([
            '| Trial | Killed | Renewals placed by the killed run(s) | Intents left open | Next run: recovered renewed / not / held | '
            'Next run: renewed / pending / not_due | After settle_seconds: renewed | Orders renewed twice |',
            '|---|---|---|---|---|---|---|---|'] + rows)))


@pytest.mark.parametrize('trial', range(MODE.crash_trials))
def test_sigkill_at_a_random_point_is_recovered_by_the_next_run(ansible, tmp_path, crash_trials, trial):
    rng = random.Random('%s/crash/%d' % (MODE.seed, trial))
    fixture, hosts, orders = matrix_fleet(20, 0.6, '%s/crash/%d' % (MODE.seed, trial))
    due_count = sum(1 for order in orders if order['due'])
    state_dir = tmp_path / 'state'
    kills = []
    later = None
    with SandboxProcess(fixture=fixture) as sandbox:
        sandbox.set_faults(slow_renewals(orders, rng, 0.3, 200, SLOWEST_MS))
        # every run starts right after the previous one was killed, as an AWX relaunch would: a slow renewal the killed run
        # sent may still land while the next run works
        kills.append(kill_at_random_point(start(ansible, sandbox, hosts, state_dir, 'killed'), sandbox, state_dir, rng, due_count))
        if rng.random() < 0.4:  # the run that would recover is killed too
            kills.append(kill_at_random_point(start(ansible, sandbox, hosts, state_dir, 'killed-again'), sandbox, state_dir, rng,
                                              due_count))
        sandbox.clear_faults()
        at_crash = purchases(sandbox)
        dangling = open_intents(state_dir)
        final = run_fleet(ansible, sandbox, hosts, state_dir, name='after')
        time.sleep(SLOWEST_MS / 1000.0)  # whatever the killed runs sent has landed by now
        bought = purchases(sandbox)
        held = open_intents(state_dir)  # sent just before the crash and not showing: they may still land, so not re-sent
        if held:
            age_open_intents(state_dir, SETTLE_SECONDS + 60)  # the next scheduled run, after renewal_ledger's settle_seconds
            later = run_fleet(ansible, sandbox, hosts, state_dir, name='later')
        converged = purchases(sandbox)
    recovered = dict((r['intent_id'], r['outcome']) for r in ledger(state_dir) if r['event'] == 'recovered')
    crash_trials.append('| %d | %s | %d | %d | %d / %d / %d | %s | %s | %d |' % (
        trial, '; then '.join(kills), sum(at_crash.values()), len(dangling), list(recovered.values()).count('renewed'),
        list(recovered.values()).count('not_renewed'), len(held),
        ' / '.join(str(len(final.hosts_with(o))) for o in ('renewed', 'pending', 'not_due')),
        len(later.hosts_with('renewed')) if later else '-', sum(1 for count in converged.values() if count > 1)))
    assert all(count <= 1 for count in at_crash.values())
    assert set(r['intent_id'] for r in dangling) <= set(recovered) | set(r['intent_id'] for r in held), \
        'the next run neither reconciled nor held what the crash left open'
    problems = check_run(final, bought, orders, hosts, held=set(r['host'] for r in held))
    if later is not None:
        problems += ['later run: %s' % problem for problem in check_run(later, converged, orders, hosts)]
    if open_intents(state_dir):
        problems.append('intents still open after the runs: %s' % [r['host'] for r in open_intents(state_dir)])
    assert not problems, 'trial %d, killed %s; %d intent(s) open at the crash:\n%s' % (
        trial, ', then '.join(kills), len(dangling), '\n'.join(problems))


def test_two_runs_at_once_over_overlapping_inventories(ansible, tmp_path):
    rng = random.Random('%s/concurrent' % MODE.seed)
    fixture, hosts, orders = matrix_fleet(30, 0.6, '%s/concurrent' % MODE.seed)
    names = sorted(hosts)
    third = len(names) // 3
    first = dict((name, hosts[name]) for name in names[:2 * third])
    # the second inventory names the shared orders differently: the lock is the order's, not the host name's
    second = dict((('other-' + name) if name in first else name, hosts[name]) for name in names[third:])
    shared = names[third:2 * third]
    state_dir = tmp_path / 'state'
    with SandboxProcess(fixture=fixture) as sandbox:
        sandbox.set_faults(slow_renewals(orders, rng, 0.5, 100, 800))
        processes = [start(ansible, sandbox, first, state_dir, 'a'), start(ansible, sandbox, second, state_dir, 'b')]
        codes = [process.wait(timeout=600) for process in processes]
        bought = purchases(sandbox)
    reports = [json.loads((state_dir / ('report-%s' % name) / 'report.json').read_text()) for name in 'ab']
    outcomes = [dict((entry['host'], entry['outcome']) for entry in report['orders']) for report in reports]
    assert codes == [0, 0], (codes, reports[0]['totals'], reports[1]['totals'])
    assert sorted(outcomes[0]) == sorted(first) and sorted(outcomes[1]) == sorted(second), 'each report accounts for its orders'
    for order in orders:
        assert bought[order['host']] == (1 if order['due'] else 0), (order['host'], bought[order['host']])
    due = set(order['host'] for order in orders if order['due'])
    both = [(outcomes[0][name], outcomes[1]['other-' + name]) for name in shared if name in due]
    assert both and all(sorted(pair)[1] == 'renewed' and sorted(pair)[0] in ('not_due', 'pending') for pair in both), both
    assert not open_intents(state_dir)
    assert not any(entry['outcome'] == 'duplicate' for report in reports for entry in report['orders'])


def test_next_run_while_the_provider_still_processes_the_killed_runs_request(ansible, tmp_path):
    """The relaunched run holds the order (pending, not re-sent); a run after settle_seconds finds the late renewal."""
    fixture, hosts, orders = matrix_fleet(4, 0.5, '%s/late-commit' % MODE.seed)
    slow = next(order for order in orders if order['due'] and order['provider'] == 'logicboxes')
    state_dir = tmp_path / 'state'
    with SandboxProcess(fixture=fixture) as sandbox:
        # the provider takes 3 s to act on this renewal, and acts even though the client is gone
        sandbox.set_faults([dict(provider='logicboxes', operation='renew', order_id=slow['key'], kind='latency', times=1,
                                 params={'ms': 3000})])
        process = start(ansible, sandbox, hosts, state_dir, 'killed')
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline and not any(
                r['host'] == slow['host'] for r in open_intents(state_dir)):
            time.sleep(0.02)
        time.sleep(0.5)  # the request is at the provider now (written to the ledger first, then sent), and takes 3 s
        crash(process)
        sandbox.clear_faults()
        relaunched = run_fleet(ansible, sandbox, hosts, state_dir, name='relaunched')  # at once, as an AWX relaunch would
        time.sleep(3.5)  # the late renewal lands
        bought = purchases(sandbox)
        # the next scheduled run, once the request has settled: renew_orders_settle_seconds says when that is
        later = run_fleet(ansible, sandbox, hosts, state_dir, name='later', extra_vars={'renew_orders_settle_seconds': 2})
        after_later = purchases(sandbox)
    entry = next(e for e in relaunched.report['orders'] if e['host'] == slow['host'])
    assert bought[slow['host']] == 1, 'renewed %d times; the relaunched run said %s: %s' % (
        bought[slow['host']], entry['outcome'], entry['msg'])
    assert entry['outcome'] == 'pending' and 'may still be processed' in entry['msg'], entry
    assert after_later[slow['host']] == 1 and later.outcomes()[slow['host']] == 'not_due' and later.rc == 0
    # other renewals the kill caught before they reached the provider were held too; the later run renews them, once
    assert all(after_later[order['host']] == (1 if order['due'] else 0) for order in orders), after_later
    assert [r['outcome'] for r in ledger(state_dir) if r['event'] == 'recovered' and r['host'] == slow['host']] == ['renewed']
    assert not open_intents(state_dir)
