# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: a HostUp service through the v1 API (numeric HostBill account id).

v1 renew (``POST /api/services/{accountId}/renew``) is HostBill's ``generateNextInvoice``: it has
no guard, so every call makes another invoice and moves the next due date one more cycle. The
only guard is here: the unpaid invoices are searched (``skipCache`` so a fresh one is never
missed) and tied to the account through their HostBill items, never through the amount.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._errors import NotFoundError, ProviderError
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.data import (
    MAX_PAGES,
    V1,
    V1_ACCOUNT_LIST_KEYS,
    V1_ACCOUNTS,
    V1_CARD,
    V1_DEFAULT_CURRENCY,
    V1_INVOICE,
    V1_INVOICE_PAGE_SIZE,
    V1_INVOICES,
    V1_PAY,
    V1_RENEW,
    V1_SERVICE_ITEM_TYPES,
    V1_UNPAID,
)
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.client import NOT_FOUND_HINT
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.service import HostUpService, ServiceFacts
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.wire import (
    amount,
    cycle_key,
    dig,
    invoice_view,
    parse_day,
)
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Receipt


def account_rows(data):
    """The rows of GET /api/client-accounts: a list, or a list under one of the known keys."""
    if isinstance(data, list):
        return [row for row in data if isinstance(row, dict)]
    for key in V1_ACCOUNT_LIST_KEYS:
        if isinstance(dig(data, (key,)), list):
            return [row for row in data[key] if isinstance(row, dict)]
    raise ProviderError('HostUp answered GET /api/client-accounts without an account list')


def covers(items, account_id):
    """Whether HostBill invoice items include a line for the account."""
    return any(str(item.get('item_id')) == account_id and str(item.get('type', '')).lower() in V1_SERVICE_ITEM_TYPES
               for item in items if isinstance(item, dict))


class HostUpV1Account(HostUpService):
    api_name = 'v1'

    def read_facts(self):
        rows = account_rows(self.client.read(V1, 'GET', V1_ACCOUNTS))
        row = next((row for row in rows if str(row.get('id')) == self.account_id), None)
        if row is None:
            raise NotFoundError('HostUp lists no account %s for this API key; %s' % (self.account_id, NOT_FOUND_HINT))
        return ServiceFacts(
            status=row.get('status'),
            next_due=parse_day(row.get('next_due')),
            paid_until=parse_day(row.get('expires')),
            cycle=cycle_key(row.get('billingcycle')),
            amount=amount(row.get('total')),
            currency=row.get('currency') or V1_DEFAULT_CURRENCY,
            name=row.get('domain') or row.get('label'),
        )

    def fetch_unpaid_invoices(self, facts):
        found = []
        for page in range(1, MAX_PAGES + 1):
            data = self.client.read(V1, 'POST', V1_INVOICES, json_body={
                'filters': {'status': V1_UNPAID, 'limit': V1_INVOICE_PAGE_SIZE, 'page': page}, 'skipCache': True})
            data = data if isinstance(data, dict) else {}
            for row in data.get('invoices') or []:
                if isinstance(row, dict) and str(row.get('status')) == V1_UNPAID and covers(self._items(row), self.account_id):
                    found.append(self._view(row, facts))
            if not data.get('hasMore'):
                return sorted(found, key=lambda invoice: invoice['due_at'] or '')
        raise ProviderError('more than %d pages of unpaid invoices: cannot check them all for account %s, so nothing was '
                            'renewed' % (MAX_PAGES, self.account_id))

    def send_renewal(self, state):
        data = self.client.pay(V1, 'POST', V1_RENEW % self.account_id)
        data = data if isinstance(data, dict) else {}
        invoice_id = data.get('invoiceId') or dig(data, ('raw', 'invoice_id'))
        invoice = invoice_view(invoice_id, currency=state.facts.currency, status=V1_UNPAID) if invoice_id else None
        return Receipt(invoice=invoice, in_flight=True, expires_after=self.predicted_expiry(state))

    def send_payment(self, invoice_id):
        self.client.pay(V1, 'POST', V1_PAY, json_body={'invoiceId': invoice_id, 'cardId': V1_CARD})

    def invoice_status(self, invoice_id):
        status = dig(self.client.read(V1, 'GET', V1_INVOICE % invoice_id), ('invoice', 'status'))
        return None if status is None else str(status).lower()

    def _items(self, row):
        """The invoice's HostBill items: on the list row when present, else from the invoice detail."""
        items = row.get('items')
        if not isinstance(items, list):
            items = dig(self.client.read(V1, 'GET', V1_INVOICE % row.get('id')), ('invoice', 'items'))
        if not isinstance(items, list):
            raise ProviderError('HostUp does not show which services unpaid invoice %s covers (no items), so it cannot be ruled '
                                'out as the renewal of %s; nothing was renewed (pay or cancel it, then run again)'
                                % (row.get('id'), self.account_id), code='invoice_items_unknown')
        return items

    @staticmethod
    def _view(row, facts):
        return invoice_view(row.get('id'), number=row.get('formatted_id') or row.get('id'), total=row.get('total'),
                            currency=row.get('currency') or facts.currency, due_at=parse_day(row.get('duedate')),
                            status=row.get('status'))
