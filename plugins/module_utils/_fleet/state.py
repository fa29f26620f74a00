# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: which store holds the fleet's state (ledger, locks, budget, claims, report rows).

Both backends offer the interface of state_file.StateDir (order_lock, slot, journal, record, dangling_intents,
interrupted, remember/recall, run -> RunState with claim/hold/held/budget/add_entry/entries/share/shared, close):

* ``file``: the state directory on one controller (state_file.py); nothing to install.
* ``postgresql``: one database shared by every run, controller and execution node (state_postgresql.py, needs
  psycopg 3, imported only when this backend is used).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys
from importlib import import_module

from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError, RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state_file import StateDir

FILE = 'file'
POSTGRESQL = 'postgresql'
BACKENDS = (FILE, POSTGRESQL)
DSN_ENV = 'RENEWALS_STATE_DSN'
_SHARED = {}  # (pid, backend, run, name) -> a run document this process has read (shared_once)
POSTGRESQL_MODULE = 'ansible_collections.renewals.hosting.plugins.module_utils._fleet.state_postgresql'
DSN_SOURCES = 'the %s environment variable or the role variable renew_orders_state_dsn (option state_dsn)' % DSN_ENV


def state_dsn(options):
    """The database to connect to: the option, else the environment (AWX's credential injects it there)."""
    return options.get('state_dsn') or os.environ.get(DSN_ENV) or None


def open_state(options, check_mode=False, migrate=False):
    """The backend the options name. ``options``: state_backend, state_dir, state_dsn, run_group.

    ``migrate`` creates or upgrades the database schema (the run's start does it, once per run).
    """
    backend = options.get('state_backend') or FILE
    if backend == FILE:
        return StateDir(options['state_dir'])
    if backend != POSTGRESQL:
        raise InputError('state_backend', 'must be one of %s, got %r' % (', '.join(BACKENDS), backend))
    dsn = state_dsn(options)
    if not dsn:
        raise InputError('state_dsn', 'state_backend is postgresql but no database is given: set %s' % DSN_SOURCES)
    backend = import_module(POSTGRESQL_MODULE)
    if backend.psycopg is None:
        raise RenewalError('state_backend postgresql needs the Python package psycopg (version 3) where Ansible runs '
                           '(pip install "psycopg[binary]"; meta/ee-requirements.txt for an execution environment)',
                           code='missing_requirement')
    PostgresState = backend.PostgresState  # pylint: disable=invalid-name
    return PostgresState(dsn, options.get('run_group'), options.get('state_dir'), check_mode=check_mode, migrate=migrate)


def release_connections():
    """Close the database connections this process holds (end of a task); nothing to do for the file backend."""
    backend = sys.modules.get(POSTGRESQL_MODULE)
    if backend is not None:
        backend.close_connections()


def preload_client():
    """Import the PostgreSQL backend (and psycopg) in the controller's main process when the database comes from the
    environment.

    Ansible forks one worker per order and task from that process: imported there once, the backend costs the workers
    nothing, where importing it in every worker costs more than the order's own state work (about 11 ms of CPU a
    worker, measured). Without RENEWALS_STATE_DSN nothing is imported (the file backend, or a DSN given as a variable:
    then each worker imports it).
    """
    if os.environ.get(DSN_ENV) and POSTGRESQL_MODULE not in sys.modules:
        import_module(POSTGRESQL_MODULE)  # without psycopg it imports all the same; the run's start says what is missing


class RunShare:
    """What a provider reads once (a price catalogue, a balance), read once per run and shared by every fork:
    the fleet's stand-in for the per-task share of _provider.TaskShare."""

    def __init__(self, state, run):
        self.state = state
        self.run = run

    def get(self, name, produce):
        return shared_once(self.state, self.run, name, produce)


class RunFunds:
    """The engine's funds guard in a fleet run: each balance as read once, then less what the run spends from it,
    kept by the state backend (atomically across forks, like the run budget)."""

    def __init__(self, run):
        self.run = run

    def reserve(self, funds, quote):
        book = self.run.funds(funds.pot, (funds.available.currency or '').upper(), funds.available.amount)
        token, refusal = book.reserve(quote)
        if refusal:
            return None, '%s cannot pay it: %s; nothing was sent' % (funds.what, refusal)
        return (book, token), None

    @staticmethod
    def commit(token, amount=None):
        book, inner = token
        book.commit(inner, amount)

    @staticmethod
    def release(token):
        book, inner = token
        book.release(inner)


def shared_once(state, run, name, produce, timeout=600):
    """The run's document ``name``: made once, by the first fork that asks (``produce()``, under a lock), and read by
    every other fork (and, on PostgreSQL, every slice of the run group) from the state backend. A document never
    changes once made, so each process reads it once (batch mode decides every order in one process)."""
    scope = getattr(run, 'run_group', None) or run.run_id
    cached = (os.getpid(), getattr(state, 'dsn', None) or getattr(state, 'path', None), scope, name)
    value = _SHARED.get(cached)
    if value is not None:
        return value
    value = run.shared(name)
    if value is None:
        with state.order_lock('shared|%s|%s' % (getattr(run, 'run_group', run.run_id), name), timeout):
            value = run.shared(name)
            if value is None:
                value = produce()
                run.share(name, value)
    _SHARED[cached] = value
    return value
