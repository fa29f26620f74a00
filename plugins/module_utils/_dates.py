# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: UTC date helpers for expiry arithmetic."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import datetime

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


def from_iso(text):
    """The moment ``to_iso`` wrote; ValueError when ``text`` is not one."""
    return datetime.datetime.strptime(text, ISO_FORMAT).replace(tzinfo=UTC)


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
