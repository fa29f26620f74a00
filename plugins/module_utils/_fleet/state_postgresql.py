# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the fleet's state in one PostgreSQL database, shared by every controller and container.

The same interface as state_file.StateDir, with what one controller's disk cannot give:

* order locks and concurrency slots are session advisory locks: they die with the connection, so a SIGKILLed
  worker or container never leaves an order locked;
* ledger intents are committed (synchronous commit) before the paying request is sent, and every run's
  reconcile step sees every controller's open intents; an order whose intent is still open when its lock is free
  belongs to a run that died mid-request, so it is held (``interrupted``);
* claims, held orders, the budget and the slots are per run group (the slices of one sliced AWX job), the report
  rows per run; the budget is reserved and committed by single atomic statements.

One connection per process and thread, reused by every order that thread handles (batch mode). Statements
run in autocommit. Check mode writes nothing here: its claims, budget and report rows stay in the local
state directory, the database is only read.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import hashlib
import json
import os
import threading
import time

try:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict
except ImportError:  # state.open_state says what to install before anything here is used
    psycopg = None

from ansible_collections.renewals.hosting.plugins.module_utils._dates import to_iso, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet import state_pg_schema
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state_file import (
    POLL_SECONDS,
    LockTimeout,
    OrderJournal,
    StateDir,
    budget_refusal,
    funds_refusal,
    limited_currency,
)

CONNECT_TIMEOUT = 10
LOCK_NOT_AVAILABLE = '55P03'
_connections = {}  # (pid, thread, dsn) -> connection: reused by the orders one thread handles
_guard = threading.Lock()


class StateUnavailable(RenewalError):
    code = 'state_unavailable'


def lock_key(*parts):
    """A signed 64-bit advisory lock key for ``parts`` (a collision only makes two orders wait for each other)."""
    return int.from_bytes(hashlib.sha256('|'.join(parts).encode('utf-8')).digest()[:8], 'big', signed=True)


def _scrub(text, dsn):
    """``text`` without the DSN or its password (libpq messages name host and user, never the password; be sure)."""
    secrets = [dsn]
    try:
        secrets.append(conninfo_to_dict(dsn).get('password'))
    except psycopg.Error:
        pass
    for secret in secrets:
        if secret:
            text = text.replace(secret, '********')
    return text


def _connect(dsn):
    from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state import DSN_SOURCES
    try:
        params = conninfo_to_dict(dsn)
    except psycopg.Error as error:
        raise StateUnavailable('the state database DSN does not parse (%s); check %s'
                               % (_scrub(str(error), dsn), DSN_SOURCES))
    params.setdefault('connect_timeout', CONNECT_TIMEOUT)
    params.setdefault('application_name', 'renewals.hosting')
    try:
        return psycopg.connect(autocommit=True, **params)
    except psycopg.Error as error:
        raise StateUnavailable('cannot connect to the state database: %s; check %s'
                               % (_scrub(str(error).strip(), dsn), DSN_SOURCES))


def connection_for(dsn, pinned=False):
    """This thread's connection. ``pinned``: a lock is held on it, so a lost connection must not be replaced."""
    key = (os.getpid(), threading.get_ident(), dsn)
    connection = _connections.get(key)
    if connection is not None and not connection.broken and not connection.closed:
        return connection
    if pinned:
        raise StateUnavailable('the connection to the state database that held the lock was lost')
    connection = _connect(dsn)
    with _guard:
        _connections[key] = connection
    return connection


def close_connections():
    """Close this process's connections (end of a task; a forked worker inherits none that are its own)."""
    pid = os.getpid()
    with _guard:
        mine = [key for key in _connections if key[0] == pid]
        connections = [_connections.pop(key) for key in mine]
    for connection in connections:
        try:
            connection.close()
        except psycopg.Error:
            pass


class PostgresState:
    def __init__(self, dsn, run_group, state_dir, check_mode=False, migrate=False):
        self.dsn = dsn
        self.run_group = run_group
        self.state_dir = state_dir
        self.check_mode = check_mode
        self._locks = threading.local()
        connection = connection_for(dsn)
        if check_mode:
            with self._sql('reading the schema version') as cursor:
                self.schema_present = state_pg_schema.schema_version(cursor) > 0
            return
        self.schema_present = True
        if migrate:
            try:
                state_pg_schema.migrate(connection)
            except psycopg.Error as error:
                raise StateUnavailable('cannot create or migrate the state database schema (the role needs CREATE on '
                                       'the database): %s' % _scrub(str(error).strip(), dsn))
            except ValueError as error:
                raise StateUnavailable(str(error))

    # -- plumbing -----------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _sql(self, doing):
        """A cursor on this thread's connection; a database error becomes StateUnavailable saying what failed."""
        connection = connection_for(self.dsn, pinned=bool(self._mine))
        try:
            with connection.cursor() as cursor:
                yield cursor
        except psycopg.Error as error:
            raise StateUnavailable('the state database failed while %s: %s' % (doing, _scrub(str(error).strip(), self.dsn)))

    @contextlib.contextmanager
    def _advisory(self, key, what, timeout):
        """Hold session advisory lock ``key``, waiting at most ``timeout`` seconds (the server times the wait)."""
        busy = LockTimeout('%s is busy (another run holds it); gave up after %ss' % (what, timeout))
        if key in self._mine:
            raise busy  # advisory locks nest within a session: this thread holding it must count as busy
        with self._sql('locking %s' % what) as cursor:
            try:
                if timeout > 0:
                    cursor.execute("SELECT set_config('lock_timeout', %s, false), pg_advisory_lock(%s)",
                                   ('%dms' % max(1, int(timeout * 1000)), key))
                else:
                    cursor.execute('SELECT pg_try_advisory_lock(%s)', (key,))
                    if not cursor.fetchone()[0]:
                        raise busy
            except psycopg.Error as error:
                if getattr(error, 'sqlstate', None) != LOCK_NOT_AVAILABLE:
                    raise
                raise busy
        yield from self._holding(key)

    @property
    def _mine(self):
        if not hasattr(self._locks, 'keys'):
            self._locks.keys = set()
        return self._locks.keys

    def _holding(self, key):
        self._mine.add(key)
        try:
            yield
        finally:
            self._mine.discard(key)
            self._unlock(key)

    def _unlock(self, key):
        key_connection = _connections.get((os.getpid(), threading.get_ident(), self.dsn))
        if key_connection is None or key_connection.broken or key_connection.closed:
            return  # the lock went with the connection
        try:
            key_connection.execute('SELECT pg_advisory_unlock(%s)', (key,))
        except psycopg.Error:
            pass  # a lost connection released it

    def close(self):
        close_connections()

    # -- locks and slots ----------------------------------------------------------------------------

    def order_lock(self, key, timeout):
        return self._advisory(lock_key('order', key), 'order %s' % key, timeout)

    @contextlib.contextmanager
    def slot(self, provider, slots, timeout):
        """One of ``slots`` concurrent places for ``provider`` in the run group, on every controller."""
        if not slots:
            yield
            return
        keys = [lock_key('slot', self.run_group or '', provider, str(index)) for index in range(int(slots))]
        deadline = time.monotonic() + timeout
        while True:
            with self._sql('taking a %s concurrency slot' % provider) as cursor:
                for key in keys:
                    if key in self._mine:
                        continue
                    cursor.execute('SELECT pg_try_advisory_lock(%s)', (key,))
                    if cursor.fetchone()[0]:
                        break
                else:
                    key = None
            if key is not None:
                yield from self._holding(key)
                return
            if time.monotonic() >= deadline:
                raise LockTimeout('no free %s concurrency slot within %ss' % (provider, timeout))
            time.sleep(POLL_SECONDS)

    # -- ledger -------------------------------------------------------------------------------------

    def journal(self, run_id, key, host, provider, order):
        return PostgresJournal(self, run_id, key, host, provider, order)

    def record(self, record):
        """Append a ledger record; committed (durable) when this returns."""
        record.setdefault('time', to_iso(utcnow()))
        with self._sql('writing the ledger') as cursor:
            cursor.execute('INSERT INTO renewals_hosting.ledger (event, intent_id, order_key, run_id, record)'
                           ' VALUES (%s, %s, %s, %s, %s)', (record.get('event'), record.get('intent_id'), record.get('key'),
                                                            record.get('run_id'), json.dumps(record, sort_keys=True)))

    _OPEN = ("SELECT i.record FROM renewals_hosting.ledger i WHERE i.event = 'intent'%s AND NOT EXISTS"
             " (SELECT 1 FROM renewals_hosting.ledger c WHERE c.intent_id = i.intent_id AND c.event <> 'intent')"
             " ORDER BY i.seq")

    def dangling_intents(self):
        """Every controller's intents that never got an outcome, oldest first."""
        if not self.schema_present:
            return []
        with self._sql('reading the ledger') as cursor:
            cursor.execute(self._OPEN % '')
            return [row[0] for row in cursor.fetchall()]

    def interrupted(self, key):
        """The open intent of a run that died mid-request on this order (call it holding the order's lock), or None."""
        if not self.schema_present:
            return None
        with self._sql('reading the ledger') as cursor:
            cursor.execute(self._OPEN % ' AND i.order_key = %s' + ' LIMIT 1', (key,))
            row = cursor.fetchone()
        return row[0] if row else None

    # -- runs ---------------------------------------------------------------------------------------

    def remember(self, key, value):
        """Keep a small JSON document across runs; check mode writes nothing."""
        if self.check_mode:
            return
        with self._sql('remembering %s' % key) as cursor:
            cursor.execute('INSERT INTO renewals_hosting.memo (key, value) VALUES (%s, %s) ON CONFLICT (key)'
                           ' DO UPDATE SET value = EXCLUDED.value, updated_at = now()', (key, json.dumps(value, sort_keys=True)))

    def recall(self, key):
        if not self.schema_present:
            return None
        with self._sql('reading what was remembered of %s' % key) as cursor:
            cursor.execute('SELECT value FROM renewals_hosting.memo WHERE key = %s', (key,))
            row = cursor.fetchone()
        return row[0] if row else None

    def run(self, run_id):
        if self.check_mode:  # nothing written to the database: the run's own records stay on this controller
            return StateDir(self.state_dir).run(run_id)
        if not run_id or not isinstance(run_id, str):
            raise RenewalError('invalid run_id %r' % (run_id,), code='invalid_input')
        return PostgresRun(self, run_id, self.run_group or run_id)


class PostgresJournal(OrderJournal):
    """OrderJournal writing to the database. An outcome the database did not take is remembered (``unrecorded``):
    the request may have been paid, so the order is reported as an unknown outcome and its open intent holds it."""

    unrecorded = None

    def intent(self, state, attempt):
        try:
            super(PostgresJournal, self).intent(state, attempt)
        except StateUnavailable as error:
            raise StateUnavailable('%s; so the renewal was not sent (nothing bought)' % error.message)

    def outcome(self, outcome):
        try:
            super(PostgresJournal, self).outcome(outcome)
        except StateUnavailable as error:
            self.unrecorded = error


class PostgresRun:
    """One run's report rows, and its run group's claims, held orders and budget."""

    def __init__(self, state, run_id, run_group):
        self.state = state
        self.run_id = run_id
        self.run_group = run_group

    def add_entry(self, entry):
        with self.state._sql('storing the report row') as cursor:
            cursor.execute('INSERT INTO renewals_hosting.entries (run_id, entry) VALUES (%s, %s)',
                           (self.run_id, json.dumps(entry, sort_keys=True)))  # as the file backend

    def entries(self):
        with self.state._sql('reading the report rows') as cursor:
            cursor.execute('SELECT entry FROM renewals_hosting.entries WHERE run_id = %s ORDER BY seq', (self.run_id,))
            return [row[0] for row in cursor.fetchall()]

    def claim(self, key, host):
        """First host to claim an order in this run group gets None; later ones get the first host's name."""
        with self.state._sql('claiming the order') as cursor:
            cursor.execute('INSERT INTO renewals_hosting.claims (run_group, order_key, host) VALUES (%s, %s, %s)'
                           ' ON CONFLICT DO NOTHING RETURNING host', (self.run_group, key, host))
            if cursor.fetchone() is not None:
                return None
            cursor.execute('SELECT host FROM renewals_hosting.claims WHERE run_group = %s AND order_key = %s',
                           (self.run_group, key))
            row = cursor.fetchone()
        return row[0] if row else 'another host'

    def hold(self, key, intent):
        record = {'time': intent.get('time'), 'intent_id': intent.get('intent_id')}
        with self.state._sql('holding the order') as cursor:
            cursor.execute('INSERT INTO renewals_hosting.held (run_group, order_key, record) VALUES (%s, %s, %s)'
                           ' ON CONFLICT DO NOTHING', (self.run_group, key, json.dumps(record)))

    def held(self, key):
        with self.state._sql('reading held orders') as cursor:
            cursor.execute('SELECT record FROM renewals_hosting.held WHERE run_group = %s AND order_key = %s',
                           (self.run_group, key))
            row = cursor.fetchone()
        return row[0] if row else None

    def budget(self, limits, timeout=60, strict=False):
        return PostgresBudget(self, limits, strict=strict)

    def funds(self, pot, currency, available, timeout=60):
        """What one balance can still pay in this run group: the budget's atomic book, under the pot's own name."""
        return PostgresBudget(self, {currency: available}, pot=pot, refusal=funds_refusal)

    def share(self, name, value):
        """Keep a JSON document for every fork and slice of this run group (a listing, a price catalogue)."""
        with self.state._sql('sharing %s' % name) as cursor:
            cursor.execute('INSERT INTO renewals_hosting.shared (run_group, name, value) VALUES (%s, %s, %s)'
                           ' ON CONFLICT (run_group, name) DO UPDATE SET value = EXCLUDED.value, shared_at = now()',
                           (self.run_group, name, json.dumps(value, sort_keys=True)))

    def shared(self, name):
        with self.state._sql('reading %s' % name) as cursor:
            cursor.execute('SELECT value FROM renewals_hosting.shared WHERE run_group = %s AND name = %s',
                           (self.run_group, name))
            row = cursor.fetchone()
        return row[0] if row else None


class PostgresBudget:
    """Spend limit per run group and currency; each reservation is one atomic statement, so no fork, thread or slice
    on any node can overspend. A reservation the database could not settle stays counted (it errs on spending less)."""

    def __init__(self, run, limits, pot=None, refusal=budget_refusal, strict=False):
        self.run = run
        self.limits = dict((currency.upper(), float(amount)) for currency, amount in (limits or {}).items())
        self.pot = pot
        self.refusal = refusal
        self.strict = strict

    def _book(self, currency):
        """The budget table's key: the currency, or the balance's pot and currency."""
        return currency if self.pot is None else 'funds|%s|%s' % (self.pot, currency)

    def reserve(self, quote):
        currency, refusal = limited_currency(self.limits, quote, self.strict)
        if currency is None:
            return None, refusal
        limit, amount = self.limits[currency], float(quote.amount)
        book = self._book(currency)
        with self.run.state._sql('reserving the budget') as cursor:
            if amount <= limit + 1e-9:
                cursor.execute(
                    'INSERT INTO renewals_hosting.budget AS b (run_group, currency, reserved) VALUES (%s, %s, %s)'
                    ' ON CONFLICT (run_group, currency) DO UPDATE SET reserved = b.reserved + excluded.reserved'
                    ' WHERE b.spent + b.reserved + excluded.reserved <= %s RETURNING 1',
                    (self.run.run_group, book, amount, limit + 1e-9))
                if cursor.fetchone() is not None:
                    return (book, amount), None
            cursor.execute('SELECT spent + reserved FROM renewals_hosting.budget WHERE run_group = %s AND currency = %s',
                           (self.run.run_group, book))
            row = cursor.fetchone()
        used = float(row[0]) if row else 0.0
        return None, self.refusal(limit, currency, used, amount)

    def _settle(self, token, spent):
        currency, reserved = token
        try:
            with self.run.state._sql('settling the budget') as cursor:
                cursor.execute('UPDATE renewals_hosting.budget SET reserved = reserved - %s, spent = spent + %s'
                               ' WHERE run_group = %s AND currency = %s', (reserved, spent, self.run.run_group, currency))
        except StateUnavailable:
            pass  # the reservation stays counted: the rest of the run group may spend less, never more

    def commit(self, token, amount=None):
        if token is not None:
            self._settle(token, token[1] if amount is None else float(amount))

    def release(self, token):
        if token is not None:
            self._settle(token, 0.0)
