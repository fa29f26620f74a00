# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: what one renewal came to, as the engine, the journal, the budget and the fleet
report read it. It becomes a module result once, at the edge (``to_result``, called by _runner)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._dates import to_iso

# Outcomes a renewal can end in (the modules' ``outcome`` return value and the fleet report's column).
RENEWED = 'renewed'
NOT_DUE = 'not_due'
PENDING = 'pending'
ALREADY_RENEWED = 'already_renewed'
SKIPPED_BUDGET = 'skipped_budget'
DUPLICATE = 'duplicate'
FAILED = 'failed'
NOT_RENEWED = 'not_renewed'   # a journal-only outcome: an attempt proven harmless before it was re-sent
# Refusals of a run that applies an approved plan (see _fleet/plan_guard.py): nothing was paid.
NOT_IN_PLAN = 'not_in_plan'
PRICE_CHANGED = 'price_changed'
PLAN_STALE = 'plan_stale'

UNKNOWN_OUTCOME_CODE = 'unknown_outcome'


class Outcome:
    """One service's renewal: the state read first, what happened, what was bought, and why."""

    def __init__(self, kind=None, state=None, now=None, should_renew=False, msg=None, error=None):
        self.kind = kind                  # one of the outcomes above; None while undecided (and for *_info reads)
        self.state = state                # ServiceState as first read (None when nothing was read)
        self.now = now
        self.should_renew = should_renew
        self.changed = False
        self.renewed = False
        self.pending = False              # a renewal is in flight at the provider (ours or someone else's)
        self.action = None
        self.invoice = None
        self.order = None                 # providers that bill through orders
        self.price = None                 # Quote known before paying
        self.expires_after = None         # datetime
        self.state_after = None           # ServiceState re-read after the renewal, when it was
        self.error = error                # RenewalError when failed
        self.notes = [msg] if msg else []
        self.extra = {}                   # provider-specific documented result keys (HostUp's ``paid``)
        self.diff = False                 # the caller asked for a diff
        self.duplicate_of = None          # fleet: the host that handles the same order in this run

    @property
    def msg(self):
        return '; '.join(note for note in self.notes if note)

    def say(self, *notes):
        """Replace the message."""
        self.notes = [note for note in notes if note]

    def add(self, note):
        if note:
            self.notes.append(note)

    def in_flight(self, pending):
        """A renewal is in flight: take what the provider shows of it."""
        self.pending = True
        if pending is not None:
            self.action = pending.action
            self.invoice = pending.invoice
            if pending.order is not None:
                self.order = pending.order

    @property
    def failed(self):
        return self.kind == FAILED

    @property
    def may_have_paid(self):
        """Money may have moved: renewed, or a paying request whose outcome is unknown (keep it counted)."""
        return self.renewed or (self.error is not None and self.error.code == UNKNOWN_OUTCOME_CODE)

    @property
    def expires_before(self):
        return self.state.expires_at if self.state is not None else None

    def to_result(self, info=False):
        """The module result (``failed`` set on failure; the runner hands it to fail_json/exit_json)."""
        result = {'pending': self.pending}
        if not info:
            result.update(changed=self.changed, renewed=self.renewed, outcome=self.kind, msg=self.msg)
        if self.state is not None:
            service = self.state.as_dict(self.now)
            result.update(should_renew=self.should_renew, service=service, expires_after=to_iso(self.expires_after),
                          action=self.action, invoice=self.invoice, price=self.price.as_dict() if self.price else None)
            if info:
                result['days_remaining'] = service['days_remaining']
            if self.order is not None:
                result['order'] = self.order
            if self.state_after is not None:
                result['service_after'] = self.state_after.as_dict(self.now)
            if self.diff:
                after = self.expires_after if self.expires_after is not None else self.state.expires_at
                result['diff'] = {'before': {'expires_at': to_iso(self.state.expires_at)},
                                  'after': {'expires_at': to_iso(after)}}
        result.update(self.extra)
        if self.duplicate_of is not None:
            result['duplicate_of'] = self.duplicate_of
        if self.failed:
            result.update(failed=True, changed=False if self.state is None else self.changed, msg=self.msg,
                          error=self.error.as_dict() if self.error is not None else {'message': self.msg})
        return result


class RenewalFailed(Exception):
    """Carries a failed Outcome (with whatever was learnt before failing)."""

    def __init__(self, outcome):
        super(RenewalFailed, self).__init__(outcome.msg)
        self.outcome = outcome
