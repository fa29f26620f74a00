# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: reading HostUp values (dates, amounts, cycles, invoices) from either API.

v1 passes HostBill rows through (every scalar a string, dates ``YYYY-MM-DD``); v2 sends JSON
numbers and ISO 8601 timestamps. Results always carry ISO 8601 UTC and floats.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import re

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC, from_iso, to_iso
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.data import CYCLE_MONTHS, V1_NO_DATE


def parse_day(text):
    """A v1 date (``YYYY-MM-DD``, taken as midnight UTC; the zone is unconfirmed), or None when empty."""
    if text in (None, '', V1_NO_DATE):
        return None
    try:
        return datetime.datetime.strptime(str(text)[:10], '%Y-%m-%d').replace(tzinfo=UTC)
    except ValueError:
        return None


def parse_instant(text):
    """A v2 ISO 8601 timestamp as an aware datetime, or None when absent or unreadable."""
    try:
        return from_iso(text) if 'T' in str(text or '') else parse_day(text)
    except ValueError:
        return parse_day(text)


def amount(value):
    """A price as a float ("99.00" in v1, 99 in v2), or None."""
    try:
        return float(value) if value not in (None, '') else None
    except (TypeError, ValueError):
        return None


def cycle_key(value):
    """A billing cycle in v2 spelling: v1 "Semi-Annually" and v2 "semiannually" both give "semiannually"."""
    return re.sub(r'[^a-z]', '', str(value or '').lower()) or None


def cycle_months(key):
    """Months a cycle renews for, or None when nothing recurs (free, one time, unknown)."""
    return CYCLE_MONTHS.get(key)


def invoice_view(invoice_id, number=None, total=None, currency=None, due_at=None, status=None, payment_url=None):
    """An invoice as results show it, the same for both APIs."""
    return {
        'id': None if invoice_id is None else str(invoice_id),
        'number': None if number is None else str(number),
        'amount': amount(total),
        'currency': currency,
        'due_at': to_iso(due_at),
        'status': None if status is None else str(status).lower(),
        'payment_url': payment_url,
    }


def dig(data, path):
    """data[path[0]][path[1]]..., or None when any step is missing."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data
