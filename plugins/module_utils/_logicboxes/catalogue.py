# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the price of one LogicBoxes renewal from the whole-catalogue price lists.

The catalogue (``products/reseller-cost-price.json``, ``products/customer-price.json``) comes in one call for every
product, so it is read once per run (shared by every fork) and priced here without further calls. A price is only
ever read from the catalogue: anything missing or malformed gives no price and says why, never a guess.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import math

from ansible_collections.renewals.hosting.plugins.module_utils._provider import Quote

from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.data import (
    DOMAIN_PRICE_TENURE,
    DOMAIN_PRICES,
    EMAIL_PRICES,
    HOSTING_PRICES,
    SERVER_PRICES,
    YEARS,
)


class Unpriced(Exception):
    """The catalogue does not give this renewal's price (the message says why)."""


def _amount(value, where):
    """Catalogue amounts are strings in some products and numbers in others."""
    if isinstance(value, bool):
        raise Unpriced('%s is not an amount (%r)' % (where, value))
    try:
        amount = float(value)
    except (TypeError, ValueError):
        raise Unpriced('%s is not an amount (%r)' % (where, value))
    if amount < 0 or math.isnan(amount) or math.isinf(amount):
        raise Unpriced('%s is not an amount (%r)' % (where, value))
    return amount


def _node(tree, path, where):
    for key in path:
        if not isinstance(tree, dict) or key not in tree:
            raise Unpriced('the catalogue has no %s' % ' > '.join([where] + list(path[:path.index(key) + 1])))
        tree = tree[key]
    return tree


def tenure_price(by_tenure, period, where):
    """The per-month price for ``period`` months: the listed tenure, else the largest listed tenure below it."""
    if not isinstance(by_tenure, dict) or not by_tenure:
        raise Unpriced('%s lists no tenures' % where)
    listed = {}
    for tenure, value in by_tenure.items():
        if str(tenure).isdigit():
            listed[int(tenure)] = value
    below = sorted(tenure for tenure in listed if tenure <= period)
    if not below:
        raise Unpriced('%s lists no tenure of %d months or less' % (where, period))
    return _amount(listed[below[-1]], '%s > %d' % (where, below[-1]))


def email_band(ranges, accounts, where):
    """The account band ("1-5", "6-25", ...) holding ``accounts``."""
    if not isinstance(ranges, dict):
        raise Unpriced('%s is not a list of account bands' % where)
    for band, prices in ranges.items():
        low, _sep, high = str(band).partition('-')
        if low.isdigit() and high.isdigit() and int(low) <= accounts <= int(high):
            return band, prices
    raise Unpriced('%s has no band for %d accounts' % (where, accounts))


def _per_month(catalogue, layout, key, plan, accounts, months):
    """The monthly price of one order's plan (per account for email)."""
    entry = _node(catalogue, [key], 'entry')
    if layout == SERVER_PRICES:
        return tenure_price(_node(entry, ['plans', plan, 'renew'], key), months, '%s > plans > %s > renew' % (key, plan))
    if layout == HOSTING_PRICES:
        if isinstance(entry, dict) and isinstance(entry.get(key), dict):  # the reseller-cost layout: no tenure level
            return _amount(_node(entry, [key, plan, 'pricing', 'renew'], key), '%s > %s > pricing > renew' % (key, plan))
        return tenure_price(_node(entry, [plan, 'renew'], key), months, '%s > %s > renew' % (key, plan))
    if layout == EMAIL_PRICES:
        band, prices = email_band(_node(entry, ['email_account_ranges'], key), accounts, '%s > email_account_ranges' % key)
        return tenure_price(_node(prices, ['renew'], band), months, '%s > %s > renew' % (key, band))
    raise Unpriced('products of this kind are not in the catalogue')


def renewal_price(catalogue, product, details, period, extra_accounts=0):
    """The renewal's amount from one catalogue (reseller cost or customer price). Raises Unpriced.

    ``details``: the order's details.json (productkey, planid, emailaccounts); ``period``: months, or years for domains.
    """
    if product.catalogue is None:
        raise Unpriced('LogicBoxes publishes no catalogue price for %s' % product.key)
    if not isinstance(catalogue, dict):
        raise Unpriced('the catalogue is not a JSON object')
    key = details.get('productkey')
    if not key:
        raise Unpriced('the order details carry no productkey')
    if product.catalogue == DOMAIN_PRICES:
        years = period if product.period == YEARS else 1
        one_year = _node(catalogue, [key, 'renewdomain', DOMAIN_PRICE_TENURE], 'entry')
        return round(_amount(one_year, '%s > renewdomain > 1' % key) * years, 2)
    plan = None if product.catalogue == EMAIL_PRICES else str(details.get('planid') or '')
    if plan == '':
        raise Unpriced('the order details carry no planid')
    accounts = _accounts(details) if product.catalogue == EMAIL_PRICES else 1
    monthly = _per_month(catalogue, product.catalogue, key, plan, accounts, period)
    return round(monthly * period * (accounts + (extra_accounts or 0) if product.catalogue == EMAIL_PRICES else 1), 2)


def _accounts(details):
    for name in ('emailaccounts', 'noofaccounts'):
        value = details.get(name)
        if value not in (None, '') and str(value).isdigit():
            return max(1, int(value))
    raise Unpriced('the order details carry no account count (emailaccounts)')


def priced(prices, product, details, period, extra_accounts=0):
    """(Quote or None, why not or None) of one renewal from ``account_prices``: the reseller cost (what LogicBoxes
    debits), the customer price beside it. ``details`` holds what the price depends on (productkey, planid, ...)."""
    if prices.get('error'):
        return None, 'the LogicBoxes price is unknown: %s' % prices['error']
    try:
        cost = renewal_price(prices.get('cost'), product, details, period, extra_accounts)
    except Unpriced as why:
        # a product the catalogue lists, yet this order is not priced, says why; the others have no catalogue layout
        return None, 'the LogicBoxes price is unknown: reseller-cost-price.json: %s' % why if product.catalogue else None
    try:
        customer = renewal_price(prices.get('customer'), product, details, period, extra_accounts)
    except Unpriced:
        customer = None
    return Quote(cost, prices.get('currency'), customer_amount=customer), None
