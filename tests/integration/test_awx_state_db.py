# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWX jobs sharing one state database (renew_orders_state_backend: postgresql). Every job runs through ansible-runner
in a fresh "container": its own HOME and state directory, so only the database ties the jobs together."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import psycopg

from awx_job import finish, job_report, state_db_job
from harness import SandboxProcess
from fleet import due_ids, lb_fleet_fixture, lb_hosts, renewals_by_order
from postgres_fixture import APP_PASSWORD, start_server
from test_fleet_crash import crash, wait_for


SLOW_MS = 8000  # per renew call: longer than a relaunch takes to reach its reconcile step on a busy machine


def open_intents(dsn):
    with psycopg.connect(dsn) as connection:
        if connection.execute("SELECT to_regclass('renewals_hosting.ledger') IS NULL").fetchone()[0]:
            return 0  # the job has not created the schema yet
        return connection.execute(
            "SELECT count(*) FROM renewals_hosting.ledger i WHERE event = 'intent' AND NOT EXISTS (SELECT 1 FROM "
            "renewals_hosting.ledger c WHERE c.intent_id = i.intent_id AND c.event <> 'intent')").fetchone()[0]


def never_twice(sandbox):
    twice = dict((order, count) for order, count in renewals_by_order(sandbox).items() if count > 1)
    assert not twice, ('renewed more than once', twice)


def test_two_overlapping_jobs_renew_every_due_order_once(collections_path, tmp_path, state_dsn):
    fixture = lb_fleet_fixture(60, 0.6, seed=41)
    hosts = lb_hosts(fixture, declare_prices=True)
    names = sorted(hosts)
    with SandboxProcess(fixture=fixture, latency_ms=20) as sandbox:
        first = dict((name, hosts[name]) for name in names[:45])   # two templates over overlapping inventories
        second = dict((name, hosts[name]) for name in names[15:])
        jobs = [state_db_job(tmp_path, 'job-a', first, sandbox, collections_path, state_dsn),
                state_db_job(tmp_path, 'job-b', second, sandbox, collections_path, state_dsn)]
        results = [finish(job) for job in jobs]
        assert all(rc == 0 for rc, _output in results), [output[-2000:] for _rc, output in results]
        counts = renewals_by_order(sandbox)
        assert set(o for o, n in counts.items() if n) == due_ids(fixture) and set(counts.values()) <= {0, 1}
        reports = [job_report(tmp_path, 'job-a'), job_report(tmp_path, 'job-b')]
        assert sum(r['totals']['outcomes']['renewed'] for r in reports) == len(due_ids(fixture))
        assert all(APP_PASSWORD not in output for _rc, output in results)


def test_three_slices_share_one_budget(collections_path, tmp_path, state_dsn):
    fixture = lb_fleet_fixture(90, 0.6, seed=43)
    hosts = lb_hosts(fixture, declare_prices=True)
    names = sorted(hosts)
    due = due_ids(fixture)
    prices = dict((o['order_id'], float(o['price'])) for o in fixture['logicboxes']['orders'])
    budget = round(sum(prices[o] for o in due) / 3, 2)  # each slice alone would have spent it all
    with SandboxProcess(fixture=fixture, latency_ms=20) as sandbox:
        jobs = [state_db_job(tmp_path, 'slice%d' % index, dict((name, hosts[name]) for name in names[index::3]), sandbox,
                             collections_path, state_dsn, renew_orders_budget='{"USD": %s}' % budget,
                             awx_workflow_job_id=900) for index in range(3)]
        results = [finish(job) for job in jobs]
        assert all(rc == 0 for rc, _output in results), [output[-2000:] for _rc, output in results]
        counts = renewals_by_order(sandbox)
        spent = round(sum(prices[o] * n for o, n in counts.items()), 2)
        reports = [job_report(tmp_path, 'slice%d' % index) for index in range(3)]
        outcomes = [entry['outcome'] for report in reports for entry in report['orders']]
        assert spent <= budget and set(counts.values()) <= {0, 1}
        assert outcomes.count('renewed') == sum(counts.values()) > 0
        assert outcomes.count('renewed') + outcomes.count('skipped_budget') == len(due)
        assert outcomes.count('skipped_budget') > 0
        assert round(sum(r['totals']['spent'].get('USD', 0) for r in reports), 2) == spent


def sigkill_and_relaunch(collections_path, tmp_path, dsn, seed):
    """Kill a job while its renew calls are slow, relaunch it at once in a fresh container; later, one after settle."""
    fixture = lb_fleet_fixture(30, 0.7, seed=seed)
    hosts = lb_hosts(fixture, declare_prices=True)
    due = due_ids(fixture)
    with SandboxProcess(fixture=fixture) as sandbox:
        sandbox.set_faults([dict(provider='logicboxes', operation='renew', kind='latency', params={'ms': SLOW_MS})])
        victim = state_db_job(tmp_path, 'killed', hosts, sandbox, collections_path, dsn, forks=10)
        try:
            assert wait_for(lambda: open_intents(dsn) >= 3, timeout=120), 'no renewal was in flight'
        finally:
            crash(victim)
        sandbox.set_faults([])
        relaunch = state_db_job(tmp_path, 'relaunch', hosts, sandbox, collections_path, dsn, forks=10)
        rc, output = finish(relaunch)
        report = job_report(tmp_path, 'relaunch')
        assert report is not None, output[-3000:]
        never_twice(sandbox)
        held = set(int(e['id']) for e in report['orders'] if e['outcome'] == 'pending')
        assert held, 'the killed job left renewals in flight: the relaunch must hold them'
        assert all(renewals_by_order(sandbox)[o] == 1 for o in due - held)
        time.sleep(SLOW_MS / 1000.0 + 0.5)  # the killed job's slow requests land meanwhile
        later = state_db_job(tmp_path, 'later', hosts, sandbox, collections_path, dsn, forks=10,
                             renew_orders_settle_seconds=0)
        rc, output = finish(later)
        assert rc == 0, output[-3000:]
        never_twice(sandbox)
        counts = renewals_by_order(sandbox)
        assert all(counts[o] == 1 for o in due) and all(counts[o] == 0 for o in counts if o not in due)
        assert open_intents(dsn) == 0
        return len(held)


def test_sigkill_while_renewals_are_slow_and_an_immediate_relaunch(collections_path, tmp_path, state_dsn):
    assert sigkill_and_relaunch(collections_path, tmp_path, state_dsn, seed=45) > 0


def test_the_database_stopped_mid_run_buys_nothing_twice_and_a_rerun_converges(collections_path, tmp_path):
    server = start_server()  # its own server: this test stops it
    try:
        dsn = server.dsn(server.new_database())
        fixture = lb_fleet_fixture(50, 0.8, seed=47)
        hosts = lb_hosts(fixture, declare_prices=True)
        due = due_ids(fixture)
        with SandboxProcess(fixture=fixture) as sandbox:
            sandbox.set_faults([dict(provider='logicboxes', operation='renew', kind='latency', params={'ms': 300})])
            job = state_db_job(tmp_path, 'cut', hosts, sandbox, collections_path, dsn, forks=5)
            assert wait_for(lambda: sum(renewals_by_order(sandbox).values()) >= 5, timeout=120)
            server.stop(mode='immediate')
            time.sleep(2)
            server.start()
            rc, output = finish(job)
            assert APP_PASSWORD not in output
            never_twice(sandbox)
            assert rc != 0 and 'state_unavailable' in output, output[-3000:]  # the cut orders failed, so did the job
            first = job_report(tmp_path, 'cut')  # none when the database was still down at the report step
            failed = [e for e in (first or {'orders': []})['orders'] if e['outcome'] == 'failed']
            assert all('state database' in e['error'] or 'no result' in e['error'] for e in failed)
            assert first is not None or 'no report: cannot connect to the state database' in output
            sandbox.set_faults([])
            rc, output = finish(state_db_job(tmp_path, 'rerun', hosts, sandbox, collections_path, dsn,
                                             renew_orders_settle_seconds=0))
            assert rc == 0, output[-3000:]
            never_twice(sandbox)
            counts = renewals_by_order(sandbox)
            assert all(counts[o] == 1 for o in due) and open_intents(dsn) == 0
    finally:
        server.destroy()
