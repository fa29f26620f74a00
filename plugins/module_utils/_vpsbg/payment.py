# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: paying a VPSBG renewal's own open order from the account balance (``pay: true``).

The balance (``GET /v1/balance``) is read once per run (or task) and the engine holds the order's amount on it
before this pays. The paying request is sent once; when its reply is lost the order is read again, never re-sent.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError, UnknownOutcomeError
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Funds, Payment, Quote, RenewalApi, Settlement
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.client import unwrap
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.data import (
    AWAITING_PAYMENT_STATUS,
    BALANCE_PATH,
    CURRENCY,
    PAID_ORDER_STATUS,
    PAY_ORDERS_PATH,
    PAYMENT_METHOD,
)


def read_balance(client):
    """{available, currency} from GET /v1/balance, or {error}."""
    try:
        body = unwrap(client.get(BALANCE_PATH))
        return {'available': round(float(body['balance']), 2), 'currency': body.get('currency') or CURRENCY}
    except RenewalError as error:
        return {'error': error.message}
    except (KeyError, TypeError, ValueError):
        return {'error': 'VPSBG answered GET /v1/balance without a balance'}


class PaysFromBalance(RenewalApi):
    """The ``payment``/``settle`` of the VPSBG renewals: set ``client``, ``pay`` and ``account`` in the subclass."""

    client = None
    pay = False
    account = None

    def _unpaid(self, outcome):
        order = outcome.order or {}
        if not self.pay or not order.get('id') or order.get('status') != AWAITING_PAYMENT_STATUS:
            return None
        amount = order.get('amount_with_vat') if order.get('amount_with_vat') is not None else order.get('amount')
        return order if amount is not None else None

    def payment(self, outcome):
        order = self._unpaid(outcome)
        if order is None:
            return None
        amount = order.get('amount_with_vat') if order.get('amount_with_vat') is not None else order.get('amount')
        balance = self.shared('vpsbg balance|%s' % self.account, lambda: read_balance(self.client))
        funds = []
        if balance.get('available') is not None:
            funds.append(Funds('vpsbg|%s|balance' % self.account, Quote(balance['available'], balance['currency']),
                               'the VPSBG balance'))
        return Payment(Quote(amount, CURRENCY), funds)

    def settle(self, outcome, check_mode):
        order = self._unpaid(outcome)
        if order is None:
            return None
        if check_mode:
            return Settlement('would pay order %s from the balance (check mode)' % order['id'], changed=True, paid=False)
        try:
            body = unwrap(self.client.order(PAY_ORDERS_PATH, {'order_ids': [order['id']], 'payment_method': PAYMENT_METHOD}))
            note = 'paid order %s from the balance' % order['id']
        except UnknownOutcomeError as exc:  # the order itself says whether it was paid: never sent again
            body = [unwrap(self.client.get('orders/%s' % order['id']))]
            note = 'the payment of order %s got no usable answer (%s); a re-read shows it %s, and it was not sent again' % (
                order['id'], exc.message, 'paid' if _status(body, order['id']) == PAID_ORDER_STATUS else 'unpaid')
        if _status(body, order['id']) != PAID_ORDER_STATUS:
            return Settlement(note, changed=True, paid=False)
        return Settlement(note, changed=True, paid=True, pending=False, invoice=outcome.invoice)


def _status(body, order_id):
    """The status of ``order_id`` in a reply: one order, or a list of them (bare or under ``data``)."""
    if isinstance(body, dict) and isinstance(body.get('data'), list):
        body = body['data']
    for item in body if isinstance(body, list) else [body]:
        if isinstance(item, dict) and str(item.get('id')) == str(order_id):
            return item.get('status')
    return None
