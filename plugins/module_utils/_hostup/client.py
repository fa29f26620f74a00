# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the HostUp HTTP client, v1 and v2.

Wire facts this file encodes (docs/hostup.md has the sources):
* v1 authenticates with ``X-API-Key``, v2 with ``Authorization: Bearer``; the key is never in a URL;
* v1 wraps successes in ``{success, timestamp, requestId, data}``, v2 sends bare objects;
* v1 errors are ``{code, error, message, requestId, timestamp}``, v2 errors RFC 7807 problem
  documents; both carry a machine-readable ``code``, and only the code (with the HTTP status as a
  fallback) decides what an error means: messages are for people, and some are Swedish;
* a 5xx that carries a code (``INTERNAL_ERROR``, ``upstream_*``) is retried on reads and is an
  unknown outcome on a paying call.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible_collections.renewals.hosting.plugins.module_utils._errors import (
    AlreadyPendingError,
    AuthError,
    NotFoundError,
    ProviderError,
    RateLimitedError,
    TransportError,
    UnknownOutcomeError,
)
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.data import (
    AUTH,
    NOT_FOUND,
    PAYMENT_RUNNING,
    PENDING,
    RATE_LIMITED,
    UNKNOWN,
    UNKNOWN_LATE,
    V2_BLOCKING_INVOICE_PATHS,
    meaning_of,
)
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.wire import dig
from ansible_collections.renewals.hosting.plugins.module_utils._http import HttpClient
from ansible_collections.renewals.hosting.plugins.module_utils._redact import Redactor

AUTH_HINT = 'check api_key: reading needs the read scopes, renewing and paying need write:billing'
NOT_FOUND_HINT = 'check account_id (numeric ids use the v1 API, vps_/acct_ ids the v2 API) and api_url'


class InvoiceBlockingError(AlreadyPendingError):
    """v2 409 existing_invoice_blocking: an unpaid renewal invoice exists; ``invoice`` is the one the answer names."""

    def __init__(self, message, invoice=None, **details):
        super(InvoiceBlockingError, self).__init__(message, **details)
        self.invoice = invoice


class PaymentRunningError(ProviderError):
    """v2 409 invoice_payment_in_progress: wait for it, never pay again."""

    code = 'payment_in_progress'


class HostUpUnknownOutcome(UnknownOutcomeError):
    """A paying call answered with a server-side error code: HostUp may or may not have acted."""

    def __init__(self, message, may_still_commit, **details):
        super(HostUpUnknownOutcome, self).__init__(message, kind='provider_error', may_still_commit=may_still_commit)
        self.details.update((key, value) for key, value in details.items() if value is not None)


ERROR_CLASSES = {PENDING: InvoiceBlockingError, PAYMENT_RUNNING: PaymentRunningError, AUTH: AuthError,
                 NOT_FOUND: NotFoundError, RATE_LIMITED: RateLimitedError}
HINTS = {AUTH: AUTH_HINT, NOT_FOUND: NOT_FOUND_HINT}


class Refusal:
    """An error answer, read from its machine-readable fields."""

    def __init__(self, http_status, body):
        body = body if isinstance(body, dict) else {}
        self.http_status = http_status
        self.code = body.get('code') if isinstance(body.get('code'), str) else None
        self.request_id = body.get('requestId')
        self.text = body.get('detail') or body.get('message') or body.get('title') or body.get('error')
        self.meaning = meaning_of(self.code, http_status)
        self.invoice = None
        if self.meaning == PENDING:
            self.invoice = next((dig(body, path) for path in V2_BLOCKING_INVOICE_PATHS if isinstance(dig(body, path), dict)), None)

    @property
    def uncertain(self):
        return self.meaning in (UNKNOWN, UNKNOWN_LATE)

    def describe(self, note=None):
        """e.g. 'HostUp answered HTTP 500 INTERNAL_ERROR: Could not refresh pricing ... (request id 2121...)'."""
        said = 'HostUp answered HTTP %s%s' % (self.http_status, ' %s' % self.code if self.code else '')
        if self.text:
            said = '%s: %s' % (said, self.text)
        facts = [fact for fact in ('request id %s' % self.request_id if self.request_id else None, note) if fact]
        if facts:
            said = '%s (%s)' % (said, ', '.join(facts))
        hint = HINTS.get(self.meaning)
        return '%s; %s' % (said, hint) if hint else said

    def details(self):
        return dict(http_status=self.http_status, provider_code=self.code, request_id=self.request_id)

    def error(self, note=None):
        error_class = ERROR_CLASSES.get(self.meaning, ProviderError)
        if error_class is InvoiceBlockingError:
            return InvoiceBlockingError(self.describe(note), invoice=self.invoice, **self.details())
        return error_class(self.describe(note), **self.details())

    def unknown_outcome(self):
        return HostUpUnknownOutcome('the request got a server error answer (%s); its outcome is unknown' % self.describe(),
                                    may_still_commit=self.meaning == UNKNOWN_LATE, **self.details())


class _Uncertain(ValueError):
    """A read answered with a server-side error code: retried like an unreadable reply."""

    def __init__(self, refusal):
        super(_Uncertain, self).__init__(refusal.describe())
        self.refusal = refusal


def parse_body(response):
    """The JSON body, None when empty; ValueError when it is not JSON."""
    text = response.text.strip()
    return json.loads(text) if text else None


def refusal_of(status, body):
    """The refusal a reply carries, or None for a success."""
    if 200 <= status < 300 and not (isinstance(body, dict) and body.get('success') is False):
        return None
    return Refusal(status, body)


def is_definite_error(response):
    """A 5xx with a HostUp error code is an answer (decoded by the caller), not a lost reply."""
    try:
        body = parse_body(response)
    except ValueError:
        return False
    return isinstance(body, dict) and isinstance(body.get('code'), str)


def decode(flavor, response, paying):
    """A reply's payload, or the error it carries."""
    try:
        body = parse_body(response)
    except ValueError:
        if response.status >= 300:  # a proxy's HTML page on a 4xx is still a definite refusal
            raise Refusal(response.status, None).error()
        raise
    refusal = refusal_of(response.status, body)
    if refusal is not None:
        if refusal.uncertain:
            if paying:
                raise refusal.unknown_outcome()
            raise _Uncertain(refusal)
        raise refusal.error()
    if flavor.envelope_key is None:
        return {} if body is None else body  # a bare 2xx without content is an accepted request
    if not isinstance(body, dict) or flavor.envelope_key not in body:
        raise ValueError('the reply has no %s' % flavor.envelope_key)
    return body[flavor.envelope_key]


class HostUpClient:
    def __init__(self, params, session=None, sleep=None):
        self.redactor = Redactor([params['api_key']])
        self._api_key = params['api_key']
        extra = {} if sleep is None else {'sleep': sleep}
        self.http = HttpClient(params['api_url'], params['timeout'], params['validate_certs'], params.get('ca_path'),
                               redactor=self.redactor, default_headers={'Accept': 'application/json'},
                               is_definite_error=is_definite_error, session=session, **extra)

    def read(self, flavor, method, path, params=None, json_body=None):
        """A call that changes nothing (GET, or v1's POST invoice search): retried on anything transient."""
        uncertain = []

        def decode_read(response):
            try:
                return decode(flavor, response, paying=False)
            except _Uncertain as exc:
                uncertain.append(exc.refusal)
                raise

        try:
            return self.http.read(method, path, params=params, json=json_body, headers=flavor.auth(self._api_key),
                                  decode=decode_read)
        except TransportError:
            if uncertain:  # say what HostUp said, not just "unreadable"
                raise uncertain[-1].error(note='after %d attempts' % len(uncertain))
            raise

    def pay(self, flavor, method, path, json_body=None):
        """A call that may bill (renew, pay): sent once; see HttpClient.pay()."""
        headers = flavor.auth(self._api_key)
        if json_body is None:
            headers['Content-Type'] = 'application/json'  # v1 renew: documented header, no body
        return self.http.pay(method, path, json=json_body, headers=headers,
                             decode=lambda response: decode(flavor, response, paying=True))

    def close(self):
        self.http.close()
