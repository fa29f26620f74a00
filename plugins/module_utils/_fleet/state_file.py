# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the fleet's state on the controller, shared by every fork and run.

One directory holds it (``state_dir``):

* ``ledger.jsonl``: append-only journal of paying requests: an ``intent`` line before
  the request is sent and an ``outcome`` line after. An intent without an outcome
  means a run died in between; the next run re-reads that order first.
* ``locks/``: one lock file per order (concurrent runs never work on one order at
  once) and the per-provider concurrency slots.
* ``runs/<run_id>/``: the run's budget, its per-order markers (an order listed twice
  is renewed once) and its report entries.

Everything is plain files with ``fcntl`` locks, so forks and separate
``ansible-playbook`` processes on one controller see the same state.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import threading
import time
import uuid

from ansible_collections.renewals.hosting.plugins.module_utils._dates import to_iso, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError

POLL_SECONDS = 0.05        # the longest pause between two tries of a busy lock
FIRST_POLL_SECONDS = 0.001  # the first pause (doubled up to POLL_SECONDS)
_THREAD_LOCKS = {}
_THREAD_LOCKS_GUARD = threading.Lock()


class LockTimeout(RenewalError):
    code = 'lock_timeout'


def order_key(provider, account, service, order_id):
    """Identifies one order across runs: provider, account, service and id."""
    return '%s|%s|%s|%s' % (provider, account or '', service, order_id)


def _digest(text):
    return hashlib.sha256(text.encode('utf-8')).hexdigest()[:32]


def _makedirs(path):
    if os.path.isdir(path):  # the common case, once the first order of a run created it
        return
    try:
        os.makedirs(path, 0o700)
    except OSError as exc:
        if exc.errno != errno.EEXIST:
            raise


@contextlib.contextmanager
def flocked(path, timeout, what):
    """Hold an exclusive lock on ``path``, waiting at most ``timeout`` seconds.

    The threads of one process (batch mode) queue on a thread lock first, without polling; other processes are
    polled with a backoff from 1 ms, since what these locks guard takes about a millisecond (a fixed 50 ms pause made
    every collision cost 50 ms).
    """
    deadline = time.monotonic() + timeout
    if not _thread_lock(path).acquire(timeout=max(0.0, timeout)):
        raise LockTimeout('%s is busy (another run holds it); gave up after %ss' % (what, timeout))
    try:
        handle = open(path, 'a+')
        try:
            pause = FIRST_POLL_SECONDS
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() >= deadline:
                        raise LockTimeout('%s is busy (another run holds it); gave up after %ss' % (what, timeout))
                    time.sleep(pause)
                    pause = min(pause * 2, POLL_SECONDS)
            yield handle
        finally:
            handle.close()  # closing releases the lock
    finally:
        _thread_lock(path).release()


def _thread_lock(path):
    """This process's thread lock for ``path`` (keyed by pid too: a forked worker never inherits one held)."""
    key = (os.getpid(), path)
    with _THREAD_LOCKS_GUARD:
        lock = _THREAD_LOCKS.get(key)
        if lock is None:
            lock = _THREAD_LOCKS[key] = threading.Lock()
        return lock


def _append_line(path, record, durable=False):
    """Append one JSON line atomically with respect to other writers; ``durable`` waits until it is on disk."""
    line = (json.dumps(record, sort_keys=True) + '\n').encode('utf-8')
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, line)
        fcntl.flock(fd, fcntl.LOCK_UN)  # the line is whole in the file; other writers need not wait for the disk
        if durable:
            os.fsync(fd)  # returns once this line (and any before it) is on disk
    finally:
        os.close(fd)


def _read_lines(path):
    try:
        with open(path) as handle:
            lines = handle.readlines()
    except IOError as exc:
        if exc.errno == errno.ENOENT:
            return []
        raise
    records = []
    for line in lines:
        try:
            records.append(json.loads(line))
        except ValueError:
            continue  # a line cut short by a crash carries nothing we can use
    return records


def _write_json(path, value):
    """Replace ``path`` atomically: a reader sees the old document or the new one, never half of one."""
    temp = '%s.%d.%s.tmp' % (path, os.getpid(), uuid.uuid4().hex[:8])
    with open(temp, 'w') as handle:
        json.dump(value, handle, sort_keys=True)
    os.rename(temp, path)


def _read_json(path):
    try:
        with open(path) as handle:
            return json.load(handle)
    except (IOError, ValueError):
        return None


class StateDir:
    def __init__(self, path):
        self.path = os.path.abspath(os.path.expanduser(path))
        _makedirs(os.path.join(self.path, 'locks'))

    @property
    def ledger_path(self):
        return os.path.join(self.path, 'ledger.jsonl')

    def order_lock(self, key, timeout):
        return flocked(os.path.join(self.path, 'locks', 'order-%s.lock' % _digest(key)), timeout, 'order %s' % key)

    def run(self, run_id):
        return RunState(self, run_id)

    def interrupted(self, key):
        """One controller's disk: a dead run's open intent is found by the reconcile step at the start of a run."""
        return None

    def close(self):
        """Nothing held open between calls."""

    # -- ledger -------------------------------------------------------------------------------

    def journal(self, run_id, key, host, provider, order):
        return OrderJournal(self, run_id, key, host, provider, order)

    def record(self, record):
        record.setdefault('time', to_iso(utcnow()))
        _append_line(self.ledger_path, record, durable=True)  # the ledger must survive the crash it is there for

    def dangling_intents(self):
        """Intents that never got an outcome, oldest first."""
        open_intents = {}
        for record in _read_lines(self.ledger_path):
            if record.get('event') == 'intent':
                open_intents[record['intent_id']] = record
            elif record.get('event') in ('outcome', 'recovered'):
                open_intents.pop(record.get('intent_id'), None)
        return list(open_intents.values())

    # -- what later runs may reuse -------------------------------------------------------------------

    def remember(self, key, value):
        """Keep a small JSON document across runs (for example what a costly provider scan found)."""
        _makedirs(os.path.join(self.path, 'memo'))
        _write_json(os.path.join(self.path, 'memo', _digest(key)), value)

    def recall(self, key):
        """What ``remember`` kept under ``key``, or None."""
        return _read_json(os.path.join(self.path, 'memo', _digest(key)))

    # -- concurrency ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def slot(self, provider, slots, timeout):
        """One of ``slots`` concurrent places for ``provider`` across every fork and run."""
        if not slots:
            yield
            return
        deadline = time.monotonic() + timeout
        paths = [os.path.join(self.path, 'locks', 'slot-%s-%d.lock' % (provider, index)) for index in range(int(slots))]
        while True:
            for path in paths:
                handle = open(path, 'a+')
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    handle.close()
                    continue
                try:
                    yield
                finally:
                    handle.close()
                return
            if time.monotonic() >= deadline:
                raise LockTimeout('no free %s concurrency slot within %ss' % (provider, timeout))
            time.sleep(POLL_SECONDS)


class OrderJournal:
    """The engine's journal for one order: ledger lines around each paying request."""

    def __init__(self, state_dir, run_id, key, host, provider, order):
        self.state_dir = state_dir
        self.base = {'run_id': run_id, 'key': key, 'host': host, 'provider': provider, 'order': order}
        self.intent_id = None

    def intent(self, state, attempt):
        self.intent_id = uuid.uuid4().hex
        record = dict(self.base, event='intent', intent_id=self.intent_id, attempt=attempt,
                      expires_before=to_iso(state.expires_at))
        self.state_dir.record(record)

    def outcome(self, outcome):
        """Record what came of the paying request (an Outcome)."""
        if self.intent_id is None:
            return
        self.state_dir.record(dict(self.base, event='outcome', intent_id=self.intent_id, outcome=outcome.kind,
                                   expires_after=to_iso(outcome.expires_after), invoice_id=(outcome.invoice or {}).get('id'),
                                   error=outcome.error.code if outcome.error is not None else None))


class RunState:
    """What one run shares between its forks: budget, per-order markers, report entries."""

    def __init__(self, state_dir, run_id):
        if not run_id or '/' in run_id or run_id.startswith('.'):
            raise RenewalError('invalid run_id %r' % (run_id,), code='invalid_input')
        self.state_dir = state_dir
        self.run_id = run_id
        self.path = os.path.join(state_dir.path, 'runs', run_id)
        _makedirs(os.path.join(self.path, 'orders'))

    @property
    def entries_path(self):
        return os.path.join(self.path, 'entries.jsonl')

    def add_entry(self, entry):
        _append_line(self.entries_path, entry)

    def entries(self):
        return _read_lines(self.entries_path)

    def claim(self, key, host):
        """First host to claim an order in this run gets None; later ones get the first host's name."""
        marker = os.path.join(self.path, 'orders', _digest(key))
        try:
            fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            if exc.errno != errno.EEXIST:
                raise
            with open(marker) as handle:
                return handle.read() or 'another host'
        with os.fdopen(fd, 'w') as handle:
            handle.write(host)
        return None

    def hold(self, key, intent):
        """Keep this run from renewing the order (a recent unfinished renewal may still land)."""
        _makedirs(os.path.join(self.path, 'held'))
        with open(os.path.join(self.path, 'held', _digest(key)), 'w') as handle:
            json.dump({'time': intent.get('time'), 'intent_id': intent.get('intent_id')}, handle)

    def held(self, key):
        try:
            with open(os.path.join(self.path, 'held', _digest(key))) as handle:
                return json.load(handle)
        except (IOError, ValueError):
            return None

    def budget(self, limits, timeout=60, strict=False):
        return Budget(os.path.join(self.path, 'budget.json'), limits, timeout, strict=strict)

    def funds(self, pot, currency, available, timeout=60):
        """What one balance (``pot``: provider, account, whose) can still pay in this run, as it spends."""
        return Budget(os.path.join(self.path, 'funds-%s.json' % _digest(pot)), {currency: available}, timeout,
                      refusal=funds_refusal)

    def share(self, name, value):
        """Keep a JSON document for every fork of this run (a listing, a price catalogue)."""
        _makedirs(os.path.join(self.path, 'shared'))
        _write_json(os.path.join(self.path, 'shared', _digest(name)), value)

    def shared(self, name):
        """The document ``share`` kept under ``name`` in this run, or None."""
        return _read_json(os.path.join(self.path, 'shared', _digest(name)))


def limited_currency(limits, quote, strict):
    """What a budget decides before it opens its book: (None, refusal or None when the purchase is not limited), or
    (the currency, None) when the book must be asked."""
    if not limits:
        return None, None
    if quote is None:
        return None, ('the price is not known before paying, so it cannot be checked against the budget '
                      '(declare renewal_price for this order)')
    currency = (quote.currency or '').upper()
    if currency not in limits:
        return None, unlimited_currency(currency, limits, strict)
    return currency, None


def unlimited_currency(currency, limits, strict):
    """None (not limited) for a currency the budget does not name; with ``strict``, the refusal."""
    if not strict:
        return None
    return ('the budget names no %s amount (it limits %s) and renew_orders_budget_strict is set'
            % (currency or 'currency', ', '.join(sorted(limits))))


def budget_refusal(limit, currency, used, amount):
    return 'the run budget of %.2f %s would be exceeded (%.2f committed, this renewal %.2f)' % (limit, currency, used, amount)


def funds_refusal(limit, currency, used, amount):
    return ('%.2f %s left of the %.2f %s balance read at the start of the run (%.2f spent or held by this run), '
            'this renewal costs %.2f %s' % (max(0.0, limit - used), currency, limit, currency, used, amount, currency))


class Budget:
    """Run-wide spend limit per currency; reservations are taken under a file lock, so forks cannot overspend.

    The same book keeps a balance's funds through the run (``refusal`` says which it is)."""

    def __init__(self, path, limits, timeout, refusal=budget_refusal, strict=False):
        self.path = path
        self.limits = dict((currency.upper(), float(amount)) for currency, amount in (limits or {}).items())
        self.timeout = timeout
        self.refusal = refusal
        self.strict = strict

    @contextlib.contextmanager
    def _ledger(self):
        with flocked(self.path + '.lock', self.timeout, 'the run budget'):
            try:
                with open(self.path) as handle:
                    book = json.load(handle)
            except (IOError, ValueError):
                book = {}
            yield book
            temp = '%s.%d.tmp' % (self.path, os.getpid())
            with open(temp, 'w') as handle:
                json.dump(book, handle)
            os.rename(temp, self.path)

    def reserve(self, quote):
        """(token, None) when the purchase fits, (None, reason) when it does not."""
        currency, refusal = limited_currency(self.limits, quote, self.strict)
        if currency is None:
            return None, refusal
        with self._ledger() as book:
            spent = book.setdefault(currency, {'spent': 0.0, 'reserved': 0.0})
            if spent['spent'] + spent['reserved'] + quote.amount > self.limits[currency] + 1e-9:
                return None, self.refusal(self.limits[currency], currency, spent['spent'] + spent['reserved'], quote.amount)
            spent['reserved'] += quote.amount
        return (currency, quote.amount), None

    def commit(self, token, amount=None):
        if token is None:
            return
        currency, reserved = token
        with self._ledger() as book:
            book[currency]['reserved'] -= reserved
            book[currency]['spent'] += reserved if amount is None else float(amount)

    def release(self, token):
        if token is None:
            return
        currency, reserved = token
        with self._ledger() as book:
            book[currency]['reserved'] -= reserved
