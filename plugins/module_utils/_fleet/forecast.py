# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the renewal forecast's rows and totals, from what forecast_read read of each order.

Each order expiring within the horizon gets the date the fleet's policy would renew it (``renew_before_days`` before
its expiry) and what it would cost, or the reason it will expire without being renewed.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ansible_collections.renewals.hosting.plugins.module_utils._dates import to_iso
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Quote

RENEW = 'renew'
EXPIRES = 'expires'      # will expire without being renewed (see ``reason``)
UNREADABLE = 'unreadable'


def _quote(outcome, order):
    price = order.get('price')
    return outcome.price or (Quote(price['amount'], price['currency']) if price else None)


def _verdict(outcome, quote, max_price):
    """None when the policy renews it, else why it will expire unrenewed."""
    if outcome.pending:
        return 'a renewal is in flight (awaiting payment or processing): it expires unless that completes'
    if not outcome.state.renewable:
        return 'the provider says it is not renewable: %s' % outcome.state.not_renewable_reason
    if max_price is not None and quote is None:
        return 'the price is unknown and max_price is set'
    if max_price is not None and quote.amount > max_price:
        return 'the price %.2f %s is above max_price %.2f' % (quote.amount, quote.currency, max_price)
    return None


def forecast_row(order, outcome, error, settings, now, source=None):
    """One row of forecast.json (None when the order does not expire within the horizon). ``source``: whether its
    expiry came from the run's listing or from reading the order alone."""
    row = {'host': order['host'], 'provider': order['provider'], 'service': order['service'], 'id': str(order['id']),
           'expires_at': None, 'renew_on': None, 'price': None, 'action': UNREADABLE, 'reason': error, 'source': source}
    if outcome is None:
        return row
    expires = outcome.state.expires_at
    if expires is None:
        return dict(row, reason='the provider tells no expiry')
    if expires > now + datetime.timedelta(days=settings['horizon_days']):
        return None
    quote = _quote(outcome, order)
    reason = _verdict(outcome, quote, settings.get('max_price'))
    renew_on = max(now, expires - datetime.timedelta(days=settings['renew_before_days']))
    return dict(row, expires_at=to_iso(expires), price=quote.as_dict() if quote else None,
                renew_on=None if reason else to_iso(renew_on), action=EXPIRES if reason else RENEW, reason=reason)


def _add(totals, key, currency, amount):
    per_currency = totals.setdefault(key, {})
    per_currency[currency] = round(per_currency.get(currency, 0.0) + amount, 2)


def week_of(iso):
    year, week, _day = datetime.datetime.strptime(iso[:10], '%Y-%m-%d').isocalendar()
    return '%d-W%02d' % (year, week)


def build_forecast(rows, settings, now, reads=None):
    """Rows, totals per currency per ISO week and per month of the renewal date, and what expires unrenewed."""
    weekly, monthly, total = {}, {}, {}
    unpriced = 0
    for row in rows:
        if row['action'] != RENEW:
            continue
        if row['price'] is None:
            unpriced += 1
            continue
        currency, amount = row['price']['currency'], float(row['price']['amount'])
        _add(weekly, week_of(row['renew_on']), currency, amount)
        _add(monthly, row['renew_on'][:7], currency, amount)
        total[currency] = round(total.get(currency, 0.0) + amount, 2)
    return {
        'generated_at': to_iso(now),
        'horizon_days': settings['horizon_days'],
        'renew_before_days': settings['renew_before_days'],
        'max_price': settings.get('max_price'),
        'orders': sorted(rows, key=lambda r: (r['expires_at'] or '9999', r['host'])),
        'totals': {'total': total, 'weekly': dict(sorted(weekly.items())), 'monthly': dict(sorted(monthly.items())),
                   'renewals': sum(1 for r in rows if r['action'] == RENEW), 'unpriced_renewals': unpriced},
        'expiring_unrenewed': [r['host'] for r in rows if r['action'] == EXPIRES],
        'unreadable': [r['host'] for r in rows if r['action'] == UNREADABLE],
        'reads': reads or {},
    }
