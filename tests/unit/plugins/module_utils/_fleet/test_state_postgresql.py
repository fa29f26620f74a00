# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What only the PostgreSQL backend does: run groups, its own schema (made by an unprivileged role, migrated once
when runs start at once), locks that die with their holder, a lost connection, check mode, clear connection errors."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import multiprocessing
import os
import signal
import time

import psycopg
import pytest

from postgres_fixture import APP_PASSWORD, free_port

from ansible_collections.renewals.hosting.plugins.module_utils._fleet import state_pg_schema
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state import open_state, release_connections
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state_postgresql import StateUnavailable
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Quote


def options(dsn, tmp_path, run_group=None):
    return {'state_backend': 'postgresql', 'state_dsn': dsn, 'state_dir': str(tmp_path / 'local'), 'run_group': run_group}


def query(dsn, sql):
    with psycopg.connect(dsn) as connection:
        return connection.execute(sql).fetchall()


def _migrate(dsn):
    try:
        state = open_state({'state_backend': 'postgresql', 'state_dsn': dsn, 'state_dir': '/nonexistent'}, migrate=True)
        state.run('r').claim('k-%d' % os.getpid(), 'h')
        return 'ok'
    finally:
        release_connections()


def test_claims_budget_and_slots_are_per_run_group(state_dsn, tmp_path):
    first = open_state(options(state_dsn, tmp_path, 'job-7'), migrate=True).run('slice-1')
    second = open_state(options(state_dsn, tmp_path, 'job-7')).run('slice-2')
    assert first.claim('k', 'host-a') is None and second.claim('k', 'host-b') == 'host-a'
    assert first.budget({'EUR': 10}).reserve(Quote(6, 'EUR'))[1] is None
    assert 'would be exceeded (6.00 committed' in second.budget({'EUR': 10}).reserve(Quote(6, 'EUR'))[1]
    assert open_state(options(state_dsn, tmp_path, 'job-8')).run('other').budget({'EUR': 10}).reserve(Quote(6, 'EUR'))[1] is None
    assert first.entries() == [] and open_state(options(state_dsn, tmp_path)).run('lonely').claim('k', 'h') is None


def test_schema_is_made_once_by_an_unprivileged_role_even_when_runs_start_at_once(state_dsn):
    assert query(state_dsn, 'SELECT rolsuper, rolcreatedb FROM pg_roles WHERE rolname = current_user') == [(False, False)]
    with multiprocessing.get_context('fork').Pool(6) as pool:
        assert pool.map(_migrate, [state_dsn] * 6) == ['ok'] * 6
    assert _migrate(state_dsn) == 'ok'
    assert query(state_dsn, 'SELECT version FROM renewals_hosting.schema_version ORDER BY version') == [
        (version,) for version, _statements in state_pg_schema.MIGRATIONS]
    assert query(state_dsn, 'SELECT count(*) FROM renewals_hosting.claims') == [(7,)]


def test_a_newer_schema_is_refused(state_dsn, postgres_server, tmp_path):
    open_state(options(state_dsn, tmp_path), migrate=True)
    release_connections()
    database = psycopg.conninfo.conninfo_to_dict(state_dsn)['dbname']
    postgres_server.admin('INSERT INTO renewals_hosting.schema_version (version) VALUES (99)', database=database)
    with pytest.raises(StateUnavailable, match='schema version 99, newer than this collection knows'):
        open_state(options(state_dsn, tmp_path), migrate=True)


@pytest.mark.parametrize('wrong', ['password', 'port'])
def test_connection_errors_name_the_setting_and_never_the_password(state_dsn, tmp_path, wrong):
    if wrong == 'password':
        dsn = state_dsn.replace(APP_PASSWORD, 'not-the-password-9x')
    else:
        dsn = '%s port=%d' % (state_dsn, free_port())  # a port nobody listens on (the last setting wins)
    with pytest.raises(StateUnavailable) as caught:
        open_state(options(dsn, tmp_path), migrate=True)
    message = caught.value.message
    assert 'RENEWALS_STATE_DSN' in message and 'renew_orders_state_dsn' in message
    assert 'not-the-password-9x' not in message and APP_PASSWORD not in message
    assert ('password authentication failed' in message) if wrong == 'password' else ('Connection refused' in message)


def _hold_and_wait(args):
    dsn, tmp_path, ready = args
    state = open_state(options(dsn, tmp_path))
    with state.order_lock('k', 5):
        state.journal('run-x', 'k', 'h', 'logicboxes', {}).intent(type('Read', (), {'expires_at': None}), 0)
        ready.set()
        time.sleep(60)


def test_a_killed_holder_leaves_no_lock_and_its_intent_holds_the_order(state_dsn, tmp_path):
    state = open_state(options(state_dsn, tmp_path), migrate=True)
    context = multiprocessing.get_context('fork')
    ready = context.Event()
    holder = context.Process(target=_hold_and_wait, args=((state_dsn, tmp_path, ready),))
    holder.start()
    assert ready.wait(30)
    with pytest.raises(Exception, match='busy'):
        with state.order_lock('k', 0.2):
            pass
    os.kill(holder.pid, signal.SIGKILL)
    holder.join()
    with state.order_lock('k', 10):  # the server ended the dead session, and its lock with it
        assert state.interrupted('k')['run_id'] == 'run-x'
        assert state.interrupted('another') is None


def test_a_lost_connection_under_a_lock_is_never_replaced(state_dsn, postgres_server, tmp_path):
    state = open_state(options(state_dsn, tmp_path), migrate=True)
    run = state.run('r')
    with pytest.raises(StateUnavailable):
        with state.order_lock('k', 1):
            postgres_server.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'renewals'")
            time.sleep(0.2)
            run.claim('k', 'h')  # a reconnect here would work without the order's lock
    with pytest.raises(StateUnavailable, match='the connection to the state database that held the lock was lost'):
        with state.order_lock('k', 1):
            postgres_server.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'renewals'")
            try:
                run.claim('k', 'h')
            except StateUnavailable:
                pass
            run.claim('k', 'h')
    assert run.claim('k', 'h') is None, 'outside a lock, the next statement reconnects'


def test_check_mode_writes_nothing_to_the_database(state_dsn, tmp_path):
    check = open_state(options(state_dsn, tmp_path, 'job-1'), check_mode=True, migrate=True)
    assert query(state_dsn, "SELECT to_regclass('renewals_hosting.schema_version') IS NULL") == [(True,)], 'no schema made'
    assert check.dangling_intents() == [] and check.interrupted('k') is None
    run = check.run('r')
    assert run.claim('k', 'h') is None and run.budget({'EUR': 5}).reserve(Quote(4, 'EUR'))[1] is None
    run.add_entry({'host': 'h', 'outcome': 'renewed'})
    with check.order_lock('k', 1), check.slot('logicboxes', 1, 1):
        pass
    assert check.run('r').entries() == [{'host': 'h', 'outcome': 'renewed'}], 'kept in the local state directory'
    open_state(options(state_dsn, tmp_path, 'job-1'), migrate=True)
    release_connections()
    check = open_state(options(state_dsn, tmp_path, 'job-1'), check_mode=True)
    check.run('r2').claim('k', 'h')
    tables = ('ledger', 'claims', 'held', 'budget', 'entries')
    assert [query(state_dsn, 'SELECT count(*) FROM renewals_hosting.%s' % table)[0][0] for table in tables] == [0] * 5
