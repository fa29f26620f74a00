# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the account's price catalogues and balances, read once and kept as one JSON document.

The documents are shared by every fork of a fleet run, so they hold plain JSON, and a failed read is kept as its
reason (``error``): the forks then report the price unknown instead of asking again, order after order.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.data import (
    CUSTOMER_BALANCE,
    CUSTOMER_PRICES,
    RESELLER_BALANCE,
    RESELLER_COST_PRICES,
)


def available(body, balance_key='sellingcurrencybalance', locked_key='sellingcurrencylockedbalance'):
    """What a balance can spend: the balance less the locked part (UNCONFIRMED: clients differ); None if unreadable."""
    if not isinstance(body, dict):
        return None
    try:
        return round(float(body[balance_key]) - float(body.get(locked_key) or 0), 2)
    except (KeyError, TypeError, ValueError):
        return None


PRICES_DOCUMENT = 'logicboxes prices|%s'  # account_prices of one account (account_of), read once per run or task


def account_of(params):
    """What identifies a reseller account (one endpoint serves many resellers); never a secret."""
    return '%s#%s' % (params['api_url'], params['auth_userid'])


def account_prices(client, reseller_id):
    """{cost, customer, currency, available} or {error}: the reseller cost and customer catalogues, and the balance."""
    try:
        cost = client.get(RESELLER_COST_PRICES, {})
        balance = client.get(RESELLER_BALANCE, {'reseller-id': reseller_id})
    except RenewalError as error:
        return {'error': 'reading the price catalogue failed: %s' % error.message}
    if not isinstance(cost, dict) or not cost:
        return {'error': '%s answered no catalogue' % RESELLER_COST_PRICES}
    currency = balance.get('sellingcurrencysymbol') if isinstance(balance, dict) else None
    if not currency:
        return {'error': '%s names no currency (sellingcurrencysymbol)' % RESELLER_BALANCE}
    try:
        customer = client.get(CUSTOMER_PRICES, {})
    except RenewalError:
        customer = None  # the customer price is only reported beside the cost
    return {'cost': cost, 'customer': customer if isinstance(customer, dict) else None, 'currency': currency,
            'available': available(balance)}


def customer_funds(client, customer_id):
    """{available, currency} of one customer's balance (what PayInvoice draws on), or {error}."""
    try:
        body = client.get(CUSTOMER_BALANCE, {'customer-id': customer_id})
    except RenewalError as error:
        return {'error': error.message}
    return {'available': available(body), 'currency': body.get('currencysymbol') if isinstance(body, dict) else None}
