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
RENEWED = 'renewed'                    # paid: the expiry moved (or moves as the provider processes it)
AWAITING_PAYMENT = 'awaiting_payment'  # placed: an invoice or order waits for payment (or the account's funds)
WOULD_RENEW = 'would_renew'            # check mode: a renewal would be placed
INSUFFICIENT_FUNDS = 'insufficient_funds'  # the balance it is paid from cannot cover it: nothing sent
NOT_DUE = 'not_due'
PENDING = 'pending'                    # someone else's renewal is in flight
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
# Order statuses that wait for payment, and invoice statuses that are settled (lower case).
AWAITING_ORDER_STATUSES = ('awaiting_payment', 'pending_payment', 'unpaid')
SETTLED_INVOICE_STATUSES = ('paid', 'cancelled')


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
        self.charge = None                # Quote the provider debits when it is not the invoice (LogicBoxes reseller cost)
        self.queued = False               # the provider accepted the renewal but queued it (for example for funds)
        self.warnings = []                # shown by Ansible as warnings (for example why the price is unknown)

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
    def awaiting_payment(self):
        """The renewal in flight waits for money: an unpaid invoice, an order awaiting payment, or queued for funds."""
        if not self.pending:
            return False
        if self.queued:
            return True
        if self.order is not None:  # providers that bill through orders: the order's status says (VPSBG processing: paid)
            return str(self.order.get('status') or '').lower() in AWAITING_ORDER_STATUSES
        invoice = self.invoice or {}
        return bool(invoice.get('id')) and str(invoice.get('status') or '').lower() not in SETTLED_INVOICE_STATUSES

    def waiting(self):
        """What awaits payment: ids, amount, due date, and when the service runs out if it is not paid."""
        invoice, order = self.invoice or {}, self.order or {}
        amount = invoice.get('amount')
        if amount is None:
            amount = order.get('amount_with_vat') if order.get('amount_with_vat') is not None else order.get('amount')
        if amount is None and self.price is not None:
            amount = self.price.customer_amount if self.price.customer_amount is not None else self.price.amount
        currency = invoice.get('currency') or order.get('currency') or (self.price.currency if self.price else None)
        return {'invoice_id': invoice.get('id'), 'order_id': order.get('id'),
                'amount': None if amount is None else float(amount), 'currency': currency,
                'due_at': invoice.get('due_at') or order.get('due_at'),
                'runs_out_at': to_iso(self.state.paid_until) if self.state is not None else None}

    @property
    def spent(self):
        """(amount, currency) the renewal debited or paid, (None, None) when it did not or the amount is unknown."""
        if self.kind != RENEWED:
            return None, None
        if self.charge is not None:
            return self.charge.amount, self.charge.currency
        invoice = self.invoice or {}
        if invoice.get('amount') is not None:
            return float(invoice['amount']), invoice.get('currency') or (self.price.currency if self.price else None)
        if self.price is not None:
            return self.price.amount, self.price.currency
        return None, None

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
        if self.kind == AWAITING_PAYMENT or (info and self.awaiting_payment):
            result['awaiting_payment'] = self.waiting()
        if self.warnings:
            result['warnings'] = list(self.warnings)
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
