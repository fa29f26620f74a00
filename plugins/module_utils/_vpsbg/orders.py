# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: VPSBG orders, the artefact of every renewal.

A renewal is an order (``type: renew-service``) with one ``services[]`` line per renewed service.
The provider places another one on every renew call, so these helpers find the open renew order of
a service, report it, and change its period in place (the documented PATCH) instead of ordering again.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._dates import from_epoch, to_iso
from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError, ProviderError
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Adjustment, Pending, Receipt
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.client import as_int, parse_time, unwrap
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.data import (
    CURRENCY,
    MAX_PAID_ORDER_PAGES,
    OPEN_ORDER_FILTER,
    OPEN_ORDER_STATUSES,
    ORDERS_PER_PAGE,
    PAID_ORDER_STATUS,
    RENEW_ORDER_TYPE,
)


class OrderLine:
    """One service line of one full order."""

    def __init__(self, order, line):
        self.order = order
        self.line = line

    @property
    def order_id(self):
        return self.order.get('id')

    @property
    def billing_cycle(self):
        return as_int(self.line.get('service_billing_cycle'))

    @property
    def period_to(self):
        return _epoch(self.line.get('period_to'))

    @property
    def period_changeable(self):
        return self.line.get('is_period_changeable') is True

    def as_result(self):
        """The ``order`` of a module result."""
        return order_result(self.order, self.line)

    def invoice(self):
        """The ``invoice`` of a module result: the order's first (proforma) invoice, or None."""
        invoices = [item for item in self.order.get('invoices') or [] if isinstance(item, dict)]
        if not invoices:
            return None
        first = invoices[0]
        return {'id': first.get('id'), 'number': first.get('invoice_number'), 'amount': first.get('amount_with_vat'),
                'currency': CURRENCY}


class PendingOrder(Pending):
    """An open renew order, with the order line it was found by (so its period can be changed)."""

    def __init__(self, found):
        super(PendingOrder, self).__init__('orders', order=found.as_result(), invoice=found.invoice())
        self.found = found


def order_result(order, line=None):
    """Order fields a user needs: id, status, amounts, currency, dates, the service line's period, invoices."""
    result = {
        'id': order.get('id'),
        'type': order.get('type'),
        'status': order.get('status'),
        'amount': order.get('amount'),
        'amount_with_vat': order.get('amount_with_vat'),
        'currency': CURRENCY,
        'created_at': to_iso(parse_time(order.get('created_at'), 'order created_at')),
        'due_at': to_iso(parse_time(order.get('due_at'), 'order due_at')),
        'auto_pay': order.get('auto_pay'),
        'payment_method': order.get('payment_method'),
        'invoices': [{'id': item.get('id'), 'number': item.get('invoice_number'), 'type': item.get('type'),
                      'amount': item.get('amount'), 'amount_with_vat': item.get('amount_with_vat')}
                     for item in order.get('invoices') or [] if isinstance(item, dict)],
    }
    if line is not None:
        result.update(
            billing_cycle=as_int(line.get('service_billing_cycle')),
            period_from=to_iso(_moment(line.get('period_from'))),
            period_to=to_iso(_moment(line.get('period_to'))),
            period_changeable=line.get('is_period_changeable') is True,
        )
    return result


def lines_of(order, service_type, service_id=None):
    """The order's lines for a service type (and id, when given)."""
    return [line for line in order.get('services') or []
            if isinstance(line, dict) and line.get('service_type') == service_type
            and (service_id is None or str(line.get('service_id')) == str(service_id))]


class OrderBook:
    """The account's orders as seen through the API (list rows may lack ``services``: then each is fetched)."""

    def __init__(self, client):
        self.client = client

    def full(self, row):
        """The full order of a list row (which may lack ``services``)."""
        if isinstance(row.get('services'), list):
            return row
        order = unwrap(self.client.get('orders/%s' % row['id'], not_found='VPSBG has no order %s' % row['id']))
        if not isinstance(order, dict):
            raise ProviderError('VPSBG sent no order for id %s' % row['id'])
        return order

    def open_renewals(self, service_type, service_id=None):
        """Open (awaiting payment or processing) renew orders with a line for the service, oldest first."""
        rows = self.client.pages('orders', {'filter[status]': OPEN_ORDER_FILTER, 'per_page': ORDERS_PER_PAGE})
        found = []
        for row in sorted(rows, key=lambda item: as_int(item.get('id')) or 0):
            # the filter is verified, not trusted: its documented default already misnames a status
            if row.get('status') not in OPEN_ORDER_STATUSES or row.get('type') != RENEW_ORDER_TYPE:
                continue
            order = self.full(row)
            found.extend(OrderLine(order, line) for line in lines_of(order, service_type, service_id))
        return found

    def paid_rows(self):
        """``(id, row)`` of the paid orders, newest first, page by page until the caller stops.

        An order that new orders pushed onto the next page while paging shows twice and counts once. A row newer than
        the one before it means the list is not newest first (UNCONFIRMED, see MAX_PAID_ORDER_PAGES): that fails,
        since a reader that stops at the first match would then stop early.
        """
        seen, oldest = set(), None
        rows = self.client.rows('orders', {'filter[status]': PAID_ORDER_STATUS, 'per_page': ORDERS_PER_PAGE},
                                MAX_PAID_ORDER_PAGES)
        for row in rows:
            order_id = as_int(row.get('id'))
            if order_id is None or not row.get('status') or not row.get('type'):
                raise ProviderError('VPSBG listed a paid order without its id, status or type (%s); the latest paid period '
                                    'cannot be told from an incomplete list' % (row.get('id'),))
            if order_id in seen or row.get('status') != PAID_ORDER_STATUS:
                continue
            if oldest is not None and order_id > oldest:
                raise ProviderError('VPSBG listed the paid order %s after the older order %s: the list is not newest first, '
                                    'so the latest paid period cannot be told from it' % (order_id, oldest))
            seen.add(order_id)
            oldest = order_id
            yield order_id, row

    def period_lines(self, row, service_type):
        """The lines of this service type with a period end, in the full order of a list row."""
        order = self.full(row)
        return [OrderLine(order, line) for line in lines_of(order, service_type) if _epoch(line.get('period_to'))]


def receipt(order, service_type, service_id, look_up):
    """What a renew call's reply means. ``look_up()`` finds the pending order when the reply names none."""
    if not isinstance(order, dict) or 'id' not in order:
        pending = look_up()  # accepted without naming the order: the provider's order list is the truth
        if pending is None:
            return Receipt(in_flight=True, warning='VPSBG accepted the renewal but named no order, and none is listed yet')
        return Receipt(order=pending.order, invoice=pending.invoice, in_flight=True)
    lines = lines_of(order, service_type, service_id)
    found = OrderLine(order, lines[0] if lines else {})
    paid = order.get('status') == PAID_ORDER_STATUS
    expires_after = from_epoch(found.period_to) if paid and found.period_to else None
    return Receipt(order=found.as_result(), invoice=found.invoice(), in_flight=not paid, expires_after=expires_after)


def change_period(client, pending, service_type, billing_cycle, promo_code, minimum, check_mode):
    """Bring an open renew order to ``billing_cycle`` with the documented PATCH; a sentence, or None when it matches.

    Only when the user asked for a period, the order has one for this service, and VPSBG says it can change.
    """
    if billing_cycle is None or not isinstance(pending, PendingOrder):
        return None
    found = pending.found
    if found.billing_cycle == billing_cycle or not found.period_changeable:
        return None
    if minimum and billing_cycle < minimum:
        raise InputError('billing_cycle', '%s months is below the minimum of %s months, so the pending renew order %s was left '
                                          'at %s months' % (billing_cycle, minimum, found.order_id, found.billing_cycle))
    service_id = found.line.get('service_id')
    if service_id is None:
        return None
    change = 'its period from %s to %s months' % (found.billing_cycle, billing_cycle)
    if check_mode:
        return Adjustment('would change %s in place (check mode)' % change, pending)
    body = {'billing_cycle': billing_cycle}
    if promo_code is not None:
        body['promo_code'] = promo_code
    client.patch('orders/%s/%s/%s' % (found.order_id, service_type, service_id), body,
                 not_found='VPSBG has no order %s with a %s line %s' % (found.order_id, service_type, service_id))
    refreshed = OrderBook(client).full({'id': found.order_id})
    lines = lines_of(refreshed, service_type, service_id)
    updated = PendingOrder(OrderLine(refreshed, lines[0] if lines else {}))
    updated.invoice = updated.invoice or pending.invoice  # the refreshed order may not list its invoice yet
    return Adjustment('changed %s in place with VPSBG\'s period change; no new order' % change, updated)


def _epoch(value):
    number = as_int(value)
    return number if number and number > 0 else None


def _moment(value):
    epoch = _epoch(value)
    return from_epoch(epoch) if epoch else None
