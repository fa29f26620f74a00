# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the LogicBoxes (ResellerClub family) HTTP API.

Wire facts this file encodes (docs/logicboxes.md has the sources):
* credentials travel as ``auth-userid``/``api-key`` parameters: in the form body for
  POSTs, and (the API has no other way) in the query string for GETs;
* form-encoded bodies, repeated keys for lists, lowercase ``true``/``false``;
* almost every scalar in a reply is a string; some replies are bare values;
* errors usually come as HTTP 500 with a JSON body, so the body is read first.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible_collections.renewals.hosting.plugins.module_utils._dates import add_months, from_epoch
from ansible_collections.renewals.hosting.plugins.module_utils._errors import (
    AlreadyPendingError,
    AlreadyRenewedError,
    AuthError,
    NotFoundError,
    ProviderError,
)
from ansible_collections.renewals.hosting.plugins.module_utils._http import HttpClient
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes_products import PRODUCTS, YEARS
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Pending, Receipt, RenewalApi, ServiceState
from ansible_collections.renewals.hosting.plugins.module_utils._redact import Redactor

WHITELIST_HINT = ('the API refused this client: check the credentials, and that the calling IP address is on the '
                  "reseller's API whitelist (control panel: Settings > API; a new entry takes up to an hour)")

# Error messages mapped to outcomes, matched by prefix. Everything else is a plain ProviderError.
KNOWN_MESSAGES = (
    ('There is already an action pending', AlreadyPendingError),
    ('Domain already renewed', AlreadyRenewedError),
    ('No Entity found for Entityid', NotFoundError),
    ("Website doesn't exist for", NotFoundError),
    ('Invalid credentials', AuthError),
    ('Access Denied', AuthError),
)

NOT_RENEWABLE_STATUSES = ('Deleted', 'Archived', 'Pending Delete Restorable')
EXECUTED_STATUS = 'Success'


# -- reply decoding ------------------------------------------------------------------

def decode_body(text):
    """Replies are JSON objects, or bare values: an id, true/false, or text starting 'Success'."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if text in ('true', 'false'):
        return text == 'true'
    if text.startswith('Success'):
        return {'status': 'Success', 'message': text}
    return json.loads(text)


def _error_message(body):
    if not isinstance(body, dict):
        return None
    status = str(body.get('status', ''))
    if status.upper() == 'ERROR':
        return str(body.get('message') or body.get('error') or 'unspecified error')
    if status == 'Failed' or body.get('actionstatus') == 'Failed':
        return str(body.get('actionstatusdesc') or body.get('message') or 'the action failed')
    return None


def provider_error(status, body):
    """The definite error a reply carries, or None. Reads the body before the HTTP status."""
    message = _error_message(body)
    if status in (401, 403):
        return AuthError('HTTP %s%s: %s' % (status, ' (%s)' % message if message else '', WHITELIST_HINT), http_status=status)
    if message is not None:
        said = 'LogicBoxes answered: %s' % message  # the provider's words alone ("Internal error") do not say whose error it is
        if status not in (200, 500):  # LogicBoxes answers errors as 500; anything else is worth showing
            said = '%s (HTTP %s)' % (said, status)
        for prefix, error_class in KNOWN_MESSAGES:
            if message.startswith(prefix):
                if error_class is AuthError:
                    said = '%s (%s)' % (said, WHITELIST_HINT)
                return error_class(said, http_status=status)
        return ProviderError(said, http_status=status)
    if status == 404:
        return NotFoundError('HTTP 404: the API path was not found (check api_url, product and region)', http_status=status)
    if 400 <= status < 500:
        return ProviderError('HTTP %s from LogicBoxes' % status, http_status=status)
    return None


def _safe_decode(response):
    try:
        return decode_body(response.text)
    except ValueError:
        return None


def is_definite_error(response):
    return provider_error(response.status, _safe_decode(response)) is not None


def search_rows(body):
    """Search replies list rows under numbered keys ("1", "2", ...); accept a 'result' list too."""
    if not isinstance(body, dict):
        return []
    if isinstance(body.get('result'), list):
        return [row for row in body['result'] if isinstance(row, dict)]
    numbered = sorted((int(key), row) for key, row in body.items() if str(key).isdigit() and isinstance(row, dict))
    return [row for _index, row in numbered]


def to_bool(value):
    if isinstance(value, bool) or value is None:
        return value
    return str(value).lower() == 'true'


def wire_bool(value):
    return 'true' if value else 'false'


# -- client ----------------------------------------------------------------------------

class LogicBoxesClient:
    def __init__(self, params, session=None):
        self.redactor = Redactor([params['api_key']])
        self._credentials = [('auth-userid', str(params['auth_userid'])), ('api-key', params['api_key'])]
        self.http = HttpClient(params['api_url'], params['timeout'], params['validate_certs'], params.get('ca_path'),
                               redactor=self.redactor, is_definite_error=is_definite_error, session=session)

    def get(self, path, query):
        return self.http.read('GET', path, params=self._credentials + _pairs(query), decode=self._decode)

    def post(self, path, form):
        return self.http.pay('POST', path, data=self._credentials + _pairs(form), decode=self._decode)

    @staticmethod
    def _decode(response):
        try:
            body = decode_body(response.text)
        except ValueError:
            error = provider_error(response.status, None)  # a 4xx needs no body to be a definite refusal
            if error is not None:
                raise error
            raise
        error = provider_error(response.status, body)
        if error is not None:
            raise error
        return body

    def search_orders(self, base_path, page_size=500):
        """Every order of one product path, page by page (``<path>/search.json``)."""
        page = 1
        while True:
            body = self.get(base_path + '/search.json', {'no-of-records': page_size, 'page-no': page})
            rows = search_rows(body)
            yield from rows
            total = int(body.get('recsindb', 0)) if isinstance(body, dict) else 0
            if not rows or page * page_size >= total:
                return
            page += 1

    def close(self):
        self.http.close()


def _pairs(mapping):
    """Form/query pairs: lists become repeated keys, booleans lowercase strings, None is left out."""
    pairs = []
    for key, value in mapping.items():
        for item in (value if isinstance(value, (list, tuple)) else [value]):
            if item is None:
                continue
            pairs.append((key, wire_bool(item) if isinstance(item, bool) else str(item)))
    return pairs


# -- one order --------------------------------------------------------------------------

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

    def _period(self):
        value = self.params.get(self.product.period)
        if value is None and self.product.period_required:
            value = 1
        return value

    def read_state(self):
        query = {self.product.id_param: self.order_id}
        if self.product.details_options:
            query['options'] = self.product.details_options
        body = self.client.get(self.base + '/details.json', query)
        if not isinstance(body, dict) or not body.get('endtime'):
            raise ProviderError('LogicBoxes returned no expiry (endtime) for order %s' % self.order_id)
        status = body.get('currentstatus')
        in_flight = str(body.get('eaqid', '0')) not in ('0', '') or 'actiontype' in body
        return ServiceState(
            service_id=str(self.order_id),
            status=status,
            expires_at=from_epoch(body['endtime']),
            auto_renew=to_bool(body.get('recurring')),
            pending=Pending('details', action=_action(body)) if in_flight else None,
            renewable=status not in NOT_RENEWABLE_STATUSES,
            not_renewable_reason='order %s is %s at LogicBoxes and cannot be renewed' % (self.order_id, status),
            extra={'description': body.get('description')},
        )

    def find_pending(self, state):
        body = self.client.get('actions/search-current.json',
                               {'order-id': self.order_id, 'no-of-records': 10, 'page-no': 1})
        for row in search_rows(body):
            if str(row.get('entityid', self.order_id)) == str(self.order_id):
                return Pending('actions', action=_action(row), invoice=_invoice(row))
        return None

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
        if self.params.get('auto_renew') is not None:
            form['auto-renew'] = self.params['auto_renew']     # only when asked: sending it overwrites the setting
        if self.params.get('discount_amount') is not None:
            form['discount-amount'] = '%.2f' % self.params['discount_amount']
        for option, wire_name in self.product.extras.items():
            form[wire_name] = self.params.get(option)
        body = self.client.post(self.base + '/renew.json', form)
        if not isinstance(body, dict):
            body = {}
        executed = body.get('actionstatus') == EXECUTED_STATUS
        warning = None
        if body.get('error'):  # accepted but queued, e.g. until the reseller account has funds
            executed = False
            warning = 'LogicBoxes queued the renewal: %s' % self.client.redactor.scrub(body['error'])
        return Receipt(action=_action(body), invoice=_invoice(body), in_flight=not executed, warning=warning)

    def close(self):
        self.client.close()
