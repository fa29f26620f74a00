# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: UTC date helpers for expiry arithmetic."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import datetime
import re

UTC = datetime.timezone.utc
DAY_SECONDS = 86400


def utcnow():
    return datetime.datetime.now(UTC)


def from_epoch(value):
    return datetime.datetime.fromtimestamp(int(value), UTC)


def to_epoch(moment):
    return int(calendar.timegm(moment.utctimetuple()))


ISO_FORMAT = '%Y-%m-%dT%H:%M:%SZ'


def to_iso(moment):
    """ISO 8601 UTC with a Z suffix, or None."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime(ISO_FORMAT)


# ISO 8601 as providers send it: 'T' or a space, optional fraction, 'Z', an offset or no zone (taken as UTC).
_ISO_8601 = re.compile(r'^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$')


def from_iso(text):
    """An ISO 8601 timestamp (what ``to_iso`` writes, and the providers' variants) as an aware UTC datetime;
    ValueError when ``text`` is not one."""
    found = _ISO_8601.match(str(text).strip())
    if not found:
        raise ValueError('not an ISO 8601 timestamp: %r' % (text,))
    moment = datetime.datetime(*[int(part) for part in found.groups()[:6]], tzinfo=UTC)
    zone = found.group(7)
    if zone and zone != 'Z':
        sign = 1 if zone[0] == '+' else -1
        digits = zone[1:].replace(':', '')
        moment -= sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return moment


def days_remaining(expires_at, now):
    """Whole days left (negative once expired), rounded down like a person counts them."""
    return int((expires_at - now).total_seconds() // DAY_SECONDS)


def add_months(moment, months):
    """Calendar months, clamping the day (Jan 31 + 1 month = Feb 28/29)."""
    month_index = moment.month - 1 + months
    year = moment.year + month_index // 12
    month = month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
