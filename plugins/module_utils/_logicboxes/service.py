# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: one LogicBoxes order as the renewal engine sees it (RenewalApi)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._dates import add_months, from_epoch
from ansible_collections.renewals.hosting.plugins.module_utils._errors import NotFoundError, ProviderError, RenewalError, UnknownOutcomeError
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.catalogue import priced
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.data import (
    CURRENT_ACTIONS,
    CUSTOMER_PAY,
    EXECUTED_STATUS,
    NOT_RENEWABLE_STATUSES,
    PAYABLE_INVOICE_OPTIONS,
    PRODUCTS,
    YEARS,
)
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.funds import PRICES_DOCUMENT, account_of, account_prices, customer_funds
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.wire import search_rows, to_bool
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Funds, Payment, Pending, Quote, Receipt, RenewalApi, ServiceState, Settlement


def not_renewable_reason(order_id, status):
    """Why LogicBoxes will not renew an order in this status, or None (details and search rows alike)."""
    if status in NOT_RENEWABLE_STATUSES:
        return 'order %s is %s at LogicBoxes and cannot be renewed' % (order_id, status)
    return None


def _action(body):
    if str(body.get('eaqid') or '0') == '0' and not body.get('actiontype'):
        return None
    return {
        'id': body.get('eaqid'),
        'type': body.get('actiontype'),
        'status': body.get('actionstatus'),
        'description': body.get('actiontypedesc') or body.get('actionstatusdesc'),
    }


def _invoice(body):
    if not body.get('invoiceid'):
        return None
    amount = body.get('sellingamount')
    return {
        'id': str(body['invoiceid']),
        'amount': abs(float(amount)) if amount not in (None, '') else None,  # the API reports charges as negative
        'currency': body.get('sellingcurrencysymbol'),
    }


class LogicBoxesOrder(RenewalApi):
    provider = 'LogicBoxes'

    def __init__(self, client, params):
        self.client = client
        self.params = params
        self.product = PRODUCTS[params['product']]
        self.base = self.product.base_path(params.get('region'))
        self.order_id = params['order_id']
        self.account = account_of(params)
        self._quote = None

    def _period(self):
        value = self.params.get(self.product.period)
        if value is None and self.product.period_required:
            value = 1
        return value

    def read_state(self):
        query = {self.product.id_param: self.order_id}
        if self.product.details_options:
            query['options'] = self.product.details_options
        try:
            body = self.client.get(self.base + '/details.json', query)
        except NotFoundError as error:
            raise NotFoundError('%s; order %s is not a %s order%s at this reseller: check the product and region'
                                % (error.message, self.order_id, self.product.key,
                                   ' in region %s' % self.params['region'] if self.params.get('region') else ''),
                                http_status=error.details.get('http_status'))
        if not isinstance(body, dict) or not body.get('endtime'):
            raise ProviderError('LogicBoxes returned no expiry (endtime) for order %s' % self.order_id)
        status = body.get('currentstatus')
        reason = not_renewable_reason(self.order_id, status)
        in_flight = str(body.get('eaqid', '0')) not in ('0', '') or 'actiontype' in body
        state = ServiceState(
            service_id=str(self.order_id),
            status=status,
            expires_at=from_epoch(body['endtime']),
            auto_renew=to_bool(body.get('recurring')),
            pending=Pending('details', action=_action(body)) if in_flight else None,
            renewable=reason is None,
            not_renewable_reason=reason,
            extra={'description': body.get('description')},
        )
        state.details = body
        if state.pending is not None:  # the action's invoice (OnlyAdd, PayInvoice) shows only among the current actions
            deeper = self.find_pending(state)
            if deeper is not None and deeper.invoice is not None:
                state.pending = deeper
        return state

    def find_pending(self, state):
        body = self.client.get(CURRENT_ACTIONS,
                               {'order-id': self.order_id, 'no-of-records': 10, 'page-no': 1})
        for row in search_rows(body):
            if str(row.get('entityid', self.order_id)) == str(self.order_id):
                return Pending('actions', action=_action(row), invoice=_invoice(row))
        return None

    def _prices(self):
        """The account's catalogues and balance, read once per run (shared by every fork) or per task."""
        return self.shared(PRICES_DOCUMENT % self.account, lambda: account_prices(self.client, self.params['auth_userid']))

    def quote(self, state):
        """The reseller cost of this renewal (what LogicBoxes debits), the customer price beside it; None with a warning."""
        quote, why = priced(self._prices(), self.product, getattr(state, 'details', None) or {}, self._period() or 1,
                            self.params.get('no_of_accounts') or 0)
        if why:
            self.warn(why)
        self._quote = quote
        return quote

    def funds(self, state, quote):
        """The reseller balance pays the reseller cost; with PayInvoice the customer's balance pays the invoice too."""
        prices = self._prices()
        if prices.get('error') or prices.get('available') is None:
            return []
        pots = [Funds('logicboxes|%s|reseller' % self.account, Quote(prices['available'], prices.get('currency')),
                      'the reseller balance')]
        if self.params['invoice_option'] == 'PayInvoice' and quote.customer_amount is not None:
            pots.extend(self._customer_funds(state))
        return pots

    def _customer_funds(self, state):
        """The balance of the order's customer (what PayInvoice and customer-pay draw on), read once; [] if unknown."""
        customer_id = (getattr(state, 'details', None) or {}).get('customerid')
        if not customer_id:
            return []
        balance = self.shared('logicboxes customer balance|%s|%s' % (self.account, customer_id),
                              lambda: customer_funds(self.client, customer_id))
        if balance.get('available') is None:
            return []
        return [Funds('logicboxes|%s|customer %s' % (self.account, customer_id),
                      Quote(balance['available'], balance.get('currency')), "customer %s's balance" % customer_id)]

    def _payable(self, outcome):
        invoice = outcome.invoice or {}
        if not self.params.get('pay_invoice') or self.params['invoice_option'] not in PAYABLE_INVOICE_OPTIONS:
            return None
        return invoice if invoice.get('id') else None

    def payment(self, outcome):
        invoice = self._payable(outcome)
        if invoice is None:
            return None
        if invoice.get('amount') is None:
            return Payment(None)
        return Payment(Quote(invoice['amount'], invoice.get('currency')), self._customer_funds(outcome.state))

    def settle(self, outcome, check_mode):
        """pay_invoice: pay the renewal's own invoice from the customer's balance (customer-pay), once."""
        invoice = self._payable(outcome)
        if invoice is None:
            return None
        if check_mode:
            return Settlement("would pay invoice %s from the customer's balance (check mode)" % invoice['id'],
                              changed=True, paid=False)
        note = "paid invoice %s from the customer's balance" % invoice['id']
        try:
            self.client.post(CUSTOMER_PAY, {'invoice-ids': invoice['id']})
        except UnknownOutcomeError as exc:  # the order says whether it went through: never sent again
            note = 'the payment of invoice %s got no usable answer (%s), so it was not sent again' % (invoice['id'], exc.message)
        try:
            after = self.read_state()
        except RenewalError:
            return Settlement('%s; re-reading the order failed, so whether it is paid shows on the next run' % note,
                              changed=True, paid=False)
        moved = after.expires_at is not None and outcome.state.expires_at is not None and after.expires_at > outcome.state.expires_at
        if after.pending is not None and not moved:
            return Settlement('%s; the renewal still waits' % note, changed=True, paid=False)
        return Settlement(note, changed=True, paid=True, pending=False, invoice=dict(invoice, status='paid'),
                          expires_after=after.expires_at)

    def predicted_expiry(self, state):
        period = self._period()
        if period is None:
            return None  # e.g. SiteLock renewed without months: the provider decides the term
        if self.product.period == YEARS:
            return add_months(state.expires_at, 12 * period)
        return add_months(state.expires_at, period)

    def place_renewal(self, state):
        form = {self.product.id_param: self.order_id, 'invoice-option': self.params['invoice_option']}
        period = self._period()
        if period is not None:
            form[self.product.period] = period
        if self.product.exp_date:
            form['exp-date'] = int(state.expires_at.timestamp())  # compare-and-set on the expiry just read
        auto_renew = self.params.get('auto_renew')
        if auto_renew is None:
            auto_renew = state.auto_renew  # the order's own setting, just read: sending it never changes it
        if self.product.auto_renew and auto_renew is not None:
            form['auto-renew'] = auto_renew  # the renew page lists it as required
        if self.params.get('discount_amount') is not None:
            form['discount-amount'] = '%.2f' % self.params['discount_amount']
        for option, wire_name in self.product.extras.items():
            form[wire_name] = self.params.get(option)
        body = self.client.post(self.base + '/renew.json', form)
        if not isinstance(body, dict):
            body = {}
        executed = body.get('actionstatus') == EXECUTED_STATUS
        warning = None
        queued = bool(body.get('error'))
        if queued:  # accepted but queued, e.g. until the reseller account has funds
            executed = False
            warning = 'LogicBoxes accepted the renewal but queued it: %s' % self.client.redactor.scrub(str(body['error']))
        return Receipt(action=_action(body), invoice=_invoice(body), in_flight=not executed, warning=warning,
                       charge=self._quote, queued=queued)

    def close(self):
        self.client.close()
