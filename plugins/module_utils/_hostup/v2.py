# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: a HostUp VPS (``vps_...``) or shared hosting account (``acct_...``) through v2.

The v2 renew action is guarded by HostUp: while an unpaid renewal invoice exists it answers 409
``existing_invoice_blocking``, which is the normal "already pending" outcome. The module still
looks at ``blockingInvoices`` first, so a run with an invoice in flight sends no renew call at
all. A renewal invoice may be created asynchronously (``renewalInvoice: null`` with
``invoiceLookupPending: true``); it is then looked up a few times before giving up on naming it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._errors import ProviderError, RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.data import (
    INVOICE_LOOKUP_ATTEMPTS,
    INVOICE_LOOKUP_POLL,
    MAX_PAGES,
    UNPAID_STATUS,
    V2,
    V2_INVOICES,
    V2_PAGE_SIZE,
    V2_PAY,
)
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.client import InvoiceBlockingError
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.service import HostUpService, ServiceFacts
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.wire import (
    amount,
    cycle_key,
    dig,
    invoice_view,
    parse_instant,
)
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Receipt

LOOKUP_WARNING = ('HostUp is still creating the renewal invoice (invoiceLookupPending); it was not found within %d '
                  'looks, and a later run reports (or pays) it' % INVOICE_LOOKUP_ATTEMPTS)


def v2_invoice(raw):
    """An invoice view from a v2 invoice object."""
    return invoice_view(raw.get('id'), number=raw.get('number'), total=raw.get('amount'), currency=raw.get('currencyCode'),
                        due_at=parse_instant(raw.get('dueAt')), status=raw.get('status'), payment_url=raw.get('paymentUrl'))


def blocking_invoices(raw_list):
    """Unpaid blocking invoices, oldest due first."""
    invoices = [v2_invoice(raw) for raw in raw_list or [] if isinstance(raw, dict)]
    return sorted([invoice for invoice in invoices if invoice['status'] in (None, UNPAID_STATUS)],
                  key=lambda invoice: invoice['due_at'] or '')


class HostUpV2Service(HostUpService):
    api_name = 'v2'

    def __init__(self, client, account_id, resource, **kwargs):
        super(HostUpV2Service, self).__init__(client, account_id, **kwargs)
        self.resource = resource

    def read_facts(self):
        body = self.client.read(V2, 'GET', self.resource.details % self.account_id)
        if not isinstance(body, dict):
            raise ProviderError('HostUp answered the %s %s without its details' % (self.resource.label, self.account_id))
        billing = body.get('billing') or {}
        unpaid = None
        if self.resource.blocking_source is None:  # the blocking invoices come with the service itself
            unpaid = blocking_invoices(dig(body, self.resource.blocking_path))
        return ServiceFacts(
            status=body.get('serviceStatus'),
            next_due=parse_instant(body.get('nextDueAt')),
            paid_until=parse_instant(body.get('expiresAt')),
            cycle=cycle_key(billing.get('billingCycle')),
            amount=amount(billing.get('amount')),
            currency=billing.get('currencyCode'),
            name=body.get('name'),
            payg=billing.get('isPayg') is True,
            unpaid_invoices=unpaid,
        )

    def fetch_unpaid_invoices(self, facts):
        if self.resource.blocking_source is None:
            return blocking_invoices(dig(self.client.read(V2, 'GET', self.resource.details % self.account_id),
                                         self.resource.blocking_path))
        body = self.client.read(V2, 'GET', self.resource.blocking_source % self.account_id)
        return blocking_invoices(dig(body, self.resource.blocking_path))

    def send_renewal(self, state):
        try:
            body = self.client.pay(V2, 'POST', self.resource.renew % self.account_id, json_body={})
        except InvoiceBlockingError as exc:
            if exc.invoice:
                self._answered_invoice = v2_invoice(exc.invoice)
            raise
        body = body if isinstance(body, dict) else {}
        raw_invoice = body.get('renewalInvoice')
        invoice = v2_invoice(raw_invoice) if isinstance(raw_invoice, dict) else self._look_up_new_invoice(state)
        return Receipt(invoice=invoice, in_flight=True, warning=None if invoice else LOOKUP_WARNING,
                       expires_after=parse_instant(body.get('newExpiresAt')) or self.predicted_expiry(state))

    def send_payment(self, invoice_id):
        self.client.pay(V2, 'POST', V2_PAY % invoice_id, json_body={})

    def invoice_status(self, invoice_id):
        cursor = None
        for _page in range(MAX_PAGES):
            query = {'limit': V2_PAGE_SIZE}
            if cursor:
                query['cursor'] = cursor
            body = self.client.read(V2, 'GET', V2_INVOICES, params=query)
            body = body if isinstance(body, dict) else {}
            for raw in body.get('data') or []:
                if isinstance(raw, dict) and raw.get('id') == invoice_id:
                    return str(raw.get('status')).lower()
            cursor = body.get('nextCursor')
            if not cursor:
                return None
        return None

    def _look_up_new_invoice(self, state):
        """renewalInvoice is null while HostUp creates it: re-read the blocking invoices a bounded number of times.

        Any unpaid invoice now blocking the service is the renewal's: there was none before renewing.
        """
        for _attempt in range(INVOICE_LOOKUP_ATTEMPTS):
            self.sleep(INVOICE_LOOKUP_POLL)
            try:
                invoices = self.fetch_unpaid_invoices(state.facts)
            except RenewalError:
                continue  # the renewal is placed; a failed look must not turn that into a failure
            if invoices:
                return invoices[0]
        return None
