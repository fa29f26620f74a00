# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the PostgreSQL state backend's schema, created and migrated by the collection itself.

Everything lives in the schema ``renewals_hosting`` (creating it needs only CREATE on the database). The table
``schema_version`` lists the migrations applied; a run applies the missing ones under a session advisory lock, so
two runs starting at once never race each other. Documents (ledger records, report rows) are ``json`` text with
sorted keys, as the file backend writes them.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

SCHEMA = 'renewals_hosting'
MIGRATION_LOCK = 7231900417  # advisory lock key held while migrating (any bigint unlikely to clash)

MIGRATIONS = (
    (1, (
        # ledger: append-only journal of paying requests (intent before, outcome/recovered after)
        'CREATE TABLE renewals_hosting.ledger (seq bigserial PRIMARY KEY, event text NOT NULL, intent_id text NOT NULL,'
        ' order_key text, run_id text, recorded_at timestamptz NOT NULL DEFAULT now(), record json NOT NULL)',
        'CREATE INDEX ledger_by_intent ON renewals_hosting.ledger (intent_id)',
        "CREATE INDEX ledger_intents_by_order ON renewals_hosting.ledger (order_key) WHERE event = 'intent'",
        # per run group: claims (an order listed twice is renewed once), held orders, budget
        'CREATE TABLE renewals_hosting.claims (run_group text NOT NULL, order_key text NOT NULL, host text NOT NULL,'
        ' claimed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (run_group, order_key))',
        'CREATE TABLE renewals_hosting.held (run_group text NOT NULL, order_key text NOT NULL, record json NOT NULL,'
        ' PRIMARY KEY (run_group, order_key))',
        'CREATE TABLE renewals_hosting.budget (run_group text NOT NULL, currency text NOT NULL,'
        ' spent numeric NOT NULL DEFAULT 0, reserved numeric NOT NULL DEFAULT 0, PRIMARY KEY (run_group, currency))',
        # per run: the report's rows
        'CREATE TABLE renewals_hosting.entries (seq bigserial PRIMARY KEY, run_id text NOT NULL, entry json NOT NULL,'
        ' recorded_at timestamptz NOT NULL DEFAULT now())',
        'CREATE INDEX entries_by_run ON renewals_hosting.entries (run_id)',
    )),
    (2, (
        # per run group: documents every fork reads (listings, price catalogues)
        'CREATE TABLE renewals_hosting.shared (run_group text NOT NULL, name text NOT NULL, value json NOT NULL,'
        ' shared_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (run_group, name))',
        # across runs: small documents a later run may reuse
        'CREATE TABLE renewals_hosting.memo (key text PRIMARY KEY, value json NOT NULL,'
        ' updated_at timestamptz NOT NULL DEFAULT now())',
    )),
)
LATEST = MIGRATIONS[-1][0]


def schema_version(cursor):
    """The version applied, 0 when the schema is not there (read-only: check mode uses it)."""
    cursor.execute("SELECT to_regclass('renewals_hosting.schema_version') IS NOT NULL")
    if not cursor.fetchone()[0]:
        return 0
    cursor.execute('SELECT coalesce(max(version), 0) FROM renewals_hosting.schema_version')
    return cursor.fetchone()[0]


def migrate(connection):
    """Bring the schema to LATEST. Returns the version found; raises ValueError for a newer schema than known."""
    with connection.cursor() as cursor:
        found = schema_version(cursor)
        if found == LATEST:
            return found
        cursor.execute('SELECT pg_advisory_lock(%s)', (MIGRATION_LOCK,))
        try:
            cursor.execute('CREATE SCHEMA IF NOT EXISTS renewals_hosting')
            cursor.execute('CREATE TABLE IF NOT EXISTS renewals_hosting.schema_version (version integer PRIMARY KEY,'
                           ' applied_at timestamptz NOT NULL DEFAULT now())')
            found = schema_version(cursor)  # another run may have migrated while we waited for the lock
            if found > LATEST:
                raise ValueError('the state database has schema version %d, newer than this collection knows (%d): '
                                 'upgrade renewals.hosting' % (found, LATEST))
            for version, statements in MIGRATIONS:
                if version <= found:
                    continue
                with connection.transaction():
                    for statement in statements:
                        cursor.execute(statement)
                    cursor.execute('INSERT INTO renewals_hosting.schema_version (version) VALUES (%s)', (version,))
        finally:
            cursor.execute('SELECT pg_advisory_unlock(%s)', (MIGRATION_LOCK,))
    return found
