# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: one HostUp service, whichever API serves it.

What both APIs share lives here: turning what HostUp reports into the engine's ServiceState,
the price, the predicted next due date, the unpaid-invoice guard and opt-in payment
(``pay_invoice``). The v1 and v2 subclasses only say how to read, renew and pay.

"Renewed" means a renewal invoice exists; the next due date moves when it is paid.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.renewals.hosting.plugins.module_utils._dates import add_months, to_iso
from ansible_collections.renewals.hosting.plugins.module_utils._errors import ProviderError, RenewalError, UnknownOutcomeError
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.data import (
    NOT_RENEWABLE_STATUSES,
    PAID_STATUS,
    PAYMENT_POLL,
    PAYMENT_WAIT,
)
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.client import PaymentRunningError
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.wire import cycle_months
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Payment, Pending, Quote, RenewalApi, ServiceState, Settlement


class ServiceFacts:
    """What HostUp reports about a service, in one shape for both APIs."""

    def __init__(self, status, next_due, paid_until, cycle, amount, currency, name=None, payg=False, unpaid_invoices=None):
        self.status = status
        self.next_due = next_due              # payment due for the next period: what "due" is measured against
        self.paid_until = paid_until          # end of the paid period, when the API tells it
        self.cycle = cycle
        self.amount = amount                  # the recurring amount: the price of a renewal
        self.currency = currency
        self.name = name
        self.payg = payg
        self.unpaid_invoices = unpaid_invoices  # known with the service itself (v2 hosting), else None


class HostUpState(ServiceState):
    """ServiceState plus the unpaid invoices covering the service, once looked up (None before)."""

    unpaid_invoices = None
    facts = None


def due_moved_ahead(next_due, paid_until, payg=False):
    """The next due date is past the paid period: a renewal invoice was made (v1 moves the due date when it makes
    one) and may be unpaid, so it is looked up even when the service is not due (and a run's listing never decides it)."""
    return not payg and paid_until is not None and next_due is not None and next_due > paid_until


class HostUpService(RenewalApi):
    provider = 'HostUp'
    api_name = None

    def __init__(self, client, account_id, pay_invoice=False, list_invoices=False, sleep=time.sleep, clock=time.monotonic):
        self.client = client
        self.account_id = account_id
        self.pay_invoice = pay_invoice
        self.list_invoices = list_invoices  # info module: always report the unpaid invoices
        self.sleep = sleep
        self.clock = clock
        self._answered_invoice = None       # the invoice a "pending" answer to the renew call named

    # -- what each API implements ----------------------------------------------------------

    def read_facts(self):
        raise NotImplementedError

    def fetch_unpaid_invoices(self, facts):
        """Unpaid invoices with a line for this service, oldest due first (invoice views)."""
        raise NotImplementedError

    def send_renewal(self, state):
        raise NotImplementedError

    def send_payment(self, invoice_id):
        raise NotImplementedError

    def invoice_status(self, invoice_id):
        """The invoice's status in lower case ('paid', 'unpaid', ...), or None when HostUp does not show it."""
        raise NotImplementedError

    # -- RenewalApi ------------------------------------------------------------------------

    def read_state(self):
        facts = self.read_facts()
        months = cycle_months(facts.cycle)
        reason = self._not_renewable_reason(facts, months)
        if reason is None and facts.next_due is None:
            raise ProviderError('HostUp reported no next due date for %s' % self.account_id)
        state = HostUpState(
            service_id=self.account_id,
            status=facts.status,
            expires_at=facts.next_due,
            renewable=reason is None,
            not_renewable_reason=reason,
            paid_until=facts.paid_until,
            extra={
                'api': self.api_name,
                'name': facts.name,
                'next_due_at': to_iso(facts.next_due),
                'paid_until': to_iso(facts.paid_until),
                'billing_cycle': facts.cycle,
                'amount': facts.amount,
                'currency': facts.currency,
                'payg': facts.payg,
            },
        )
        state.facts = facts
        state.unpaid_invoices = facts.unpaid_invoices
        if state.unpaid_invoices is None and (self.list_invoices or due_moved_ahead(facts.next_due, facts.paid_until, facts.payg)):
            state.unpaid_invoices = self.fetch_unpaid_invoices(facts)
        if self.list_invoices:
            state.extra['unpaid_invoices'] = state.unpaid_invoices
        if state.unpaid_invoices:
            state.pending = Pending('invoices', invoice=state.unpaid_invoices[0])
        return state

    def find_pending(self, state):
        if state.pending is not None:
            return state.pending
        if state.facts.payg:
            return None  # billed by usage: no renewal invoice to look for
        if state.unpaid_invoices is None:
            state.unpaid_invoices = self.fetch_unpaid_invoices(state.facts)
        if state.unpaid_invoices:
            return Pending('invoices', invoice=state.unpaid_invoices[0])
        if self._answered_invoice is not None:  # HostUp said one exists but does not list it (yet)
            return Pending('answer', invoice=self._answered_invoice)
        return None

    def quote(self, state):
        facts = state.facts
        return Quote(facts.amount, facts.currency) if facts.amount is not None else None

    def predicted_expiry(self, state):
        months = cycle_months(state.facts.cycle)
        if state.expires_at is None or months is None:
            return None
        return add_months(state.expires_at, months)

    def place_renewal(self, state):
        return self.send_renewal(state)

    def payment(self, outcome):
        """pay_invoice pays the renewal invoice by card: no balance to check, but journalled like any payment."""
        invoice = outcome.invoice or {}
        if not self.pay_invoice or not invoice.get('id'):
            return None
        price = outcome.price
        amount = invoice.get('amount') if invoice.get('amount') is not None else (price.amount if price else None)
        return Payment(Quote(amount, invoice.get('currency') or price.currency) if amount is not None else None)

    def settle(self, outcome, check_mode):
        """Pay the renewal invoice (new or already there) when pay_invoice is set, and wait until HostUp shows it paid."""
        if not self.pay_invoice:
            return None
        invoice = outcome.invoice or {}
        invoice_id = invoice.get('id')
        if not invoice_id:
            return Settlement('the renewal invoice is not known yet, so it was not paid (a later run pays it)', paid=False)
        if check_mode:
            return Settlement('would pay invoice %s (check mode)' % invoice_id, changed=True, paid=False)
        if self.invoice_status(invoice_id) == PAID_STATUS:
            return self._paid(invoice, 'invoice %s is already paid' % invoice_id, changed=outcome.changed)
        note = 'paid invoice %s' % invoice_id
        try:
            self.send_payment(invoice_id)
        except PaymentRunningError:
            note = 'a payment of invoice %s was already running, so it was not paid again' % invoice_id
        except UnknownOutcomeError as exc:
            note = ('the payment request for invoice %s got no usable answer (%s), so it was not sent again'
                    % (invoice_id, exc.message))
        if self._wait_until_paid(invoice_id):
            return self._paid(invoice, note, changed=True)
        return Settlement('%s, but HostUp did not show it paid within %d seconds; it stays pending (payments are '
                          'asynchronous)' % (note, PAYMENT_WAIT), changed=True, paid=False)

    def close(self):
        self.client.close()

    # -- internals -------------------------------------------------------------------------

    def _not_renewable_reason(self, facts, months):
        if facts.payg:
            return '%s is pay-as-you-go: HostUp bills it by usage and there is nothing to renew' % self.account_id
        if str(facts.status or '').lower() in NOT_RENEWABLE_STATUSES:
            return '%s is %s at HostUp and cannot be renewed' % (self.account_id, facts.status)
        if months is None:
            return '%s has billing cycle %s: nothing recurs, so there is nothing to renew' % (self.account_id, facts.cycle)
        return None

    def _wait_until_paid(self, invoice_id):
        deadline = self.clock() + PAYMENT_WAIT
        while True:
            try:
                if self.invoice_status(invoice_id) == PAID_STATUS:
                    return True
            except RenewalError:
                pass  # a failed status read is not a reason to stop waiting (or to pay again)
            if self.clock() + PAYMENT_POLL > deadline:
                return False
            self.sleep(PAYMENT_POLL)

    def _paid(self, invoice, note, changed):
        expires_after = None
        try:
            expires_after = self.read_state().expires_at
        except RenewalError:
            pass  # the invoice is paid; a failed re-read only leaves expires_after as it was
        return Settlement(note, changed=changed, paid=True, pending=False, invoice=dict(invoice, status=PAID_STATUS),
                          expires_after=expires_after)
