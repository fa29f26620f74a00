# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the support plan's latest paid period, on an account of any size.

VPSBG shows the support plan's period only in its orders. The paid orders are read newest first, list rows only,
and an order's details are fetched only when its row can be a support purchase or renewal, until the newest one with
a ``support`` line. A server renewal is the same order type and the list row tells no lines, so those rows are
fetched too: the first scan costs one call per order newer than the support order.

What the scan found is remembered (a ``Memory``; the fleet keeps it in its state): the paid support order, the
newest paid order already checked, and the open support renewals to watch. A later run then reads only the paid
orders newer than that (one page when nothing changed) and the watched orders that are no longer open.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ansible_collections.renewals.hosting.plugins.module_utils._dates import utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._errors import NotFoundError, ProviderError
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.client import as_int, parse_time
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.data import (
    PAID_ORDER_STATUS,
    SUPPORT_MEMORY_RECHECK_SECONDS,
    SUPPORT_MEMORY_VERSION,
    SUPPORT_PERIOD_ORDER_TYPES,
    SUPPORT_SERVICE_TYPE,
)
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.orders import OrderLine

# The order and line fields kept in memory: what the support plan's state and result show.
ORDER_FIELDS = ('id', 'type', 'status', 'amount', 'amount_with_vat', 'created_at', 'due_at', 'auto_pay', 'payment_method')
LINE_FIELDS = ('label', 'service_id', 'service_type', 'service_billing_cycle', 'period_from', 'period_to')


def can_be_support_period(row):
    """Whether a paid list row can be an order that paid a support period (its type; the row has no lines)."""
    return row.get('type') in SUPPORT_PERIOD_ORDER_TYPES


class SupportPeriodReader:
    """``latest_paid(open_renewals)``: the support line of the latest paid period (an OrderLine), or None."""

    def __init__(self, book, memory, now=utcnow):
        self.book = book
        self.memory = memory
        self.now = now

    def latest_paid(self, open_renewals):
        document = self.memory.recall()
        kept = recalled(document)
        floor = kept['checked_up_to'] if kept else None
        cutoff = self.now() - datetime.timedelta(seconds=SUPPORT_MEMORY_RECHECK_SECONDS)
        found, checked_up_to, fetched = [], floor, set()
        for order_id, row in self.book.paid_rows():
            if floor is not None and order_id <= floor:
                break
            if checked_up_to is None or order_id > checked_up_to:
                if _created_before(row, cutoff):
                    checked_up_to = order_id  # newest first: every paid order from here down was checked or is older
            if kept and order_id == as_int(kept['order']['id']):
                break  # the remembered support order itself: nothing newer paid a support period
            if not can_be_support_period(row):
                continue
            fetched.add(order_id)
            lines = self.book.period_lines(row, SUPPORT_SERVICE_TYPE)
            if lines:
                found.extend(lines)
                break
        open_ids = set(line.order_id for line in open_renewals)
        watched = [order_id for order_id in (kept['watching'] if kept else ()) if order_id not in open_ids | fetched]
        found.extend(self._settled(watched))
        if kept:
            found.append(OrderLine(kept['order'], kept['line']))
        latest = max(found, key=lambda line: line.period_to) if found else None
        if latest is not None and checked_up_to is not None:
            learnt = memory_document(latest, checked_up_to, sorted(open_ids))
            if learnt != document:
                self.memory.remember(learnt)
        return latest

    def _settled(self, order_ids):
        """The support lines of watched renew orders that left the open list and were paid."""
        lines = []
        for order_id in order_ids:
            try:
                order = self.book.full({'id': order_id})
            except NotFoundError:
                continue  # deleted while unpaid
            if order.get('status') == PAID_ORDER_STATUS:
                lines.extend(self.book.period_lines(order, SUPPORT_SERVICE_TYPE))
        return lines


def memory_document(line, checked_up_to, watching):
    """What a later run needs: the paid support order and line, the newest paid order checked, the open ones to watch."""
    return {
        'version': SUPPORT_MEMORY_VERSION,
        'order': dict((key, line.order.get(key)) for key in ORDER_FIELDS),
        'line': dict((key, line.line.get(key)) for key in LINE_FIELDS),
        'checked_up_to': checked_up_to,
        'watching': [order_id for order_id in watching if order_id is not None],
    }


def recalled(document):
    """A remembered document of the current format, else None (then the paid orders are read from the newest)."""
    if not isinstance(document, dict) or document.get('version') != SUPPORT_MEMORY_VERSION:
        return None
    order, line, checked_up_to = document.get('order'), document.get('line'), as_int(document.get('checked_up_to'))
    watching = document.get('watching')
    if not isinstance(order, dict) or as_int(order.get('id')) is None or not isinstance(line, dict) \
            or as_int(line.get('period_to')) is None or checked_up_to is None or not isinstance(watching, list):
        return None
    return {'order': order, 'line': line, 'checked_up_to': checked_up_to,
            'watching': [as_int(order_id) for order_id in watching if as_int(order_id) is not None]}


def _created_before(row, cutoff):
    try:
        created = parse_time(row.get('created_at'), 'order created_at')
    except ProviderError:
        return False  # an unreadable date proves nothing: the order is checked again next time
    return created is not None and created <= cutoff
