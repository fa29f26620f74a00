# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the one HTTP client every provider uses.

Two entry points with different retry rules (see docs/reliability.md):

* ``read()`` is for requests that change nothing. It retries connection failures,
  timeouts, resets and transient 5xx with backoff, and 429 after ``Retry-After``.
* ``pay()`` is for a request that may bill the customer. It is sent once. Only a
  refusal that provably happened before the provider acted is retried (429, connection
  refused). A timeout, a reset or an unusable 5xx raises UnknownOutcomeError and
  the engine re-reads the provider before deciding anything.

The transport (``_transport.py``, the standard library's http.client) reports how far
a request got; its messages never contain a URL, and every message is scrubbed anyway,
since LogicBoxes reads carry the API key in the query string.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import random
import time

from urllib.parse import urlsplit

from ansible_collections.renewals.hosting.plugins.module_utils._errors import (
    RateLimitedError,
    TransportError,
    UnknownOutcomeError,
)
from ansible_collections.renewals.hosting.plugins.module_utils._transport import StdlibSession, TlsFailure, TransportFailure

READ_ATTEMPTS = 4            # one try plus three retries
READ_BACKOFF = (0.5, 1.0, 2.0)
RATE_LIMIT_ATTEMPTS = 6      # 429 answers waited out per request
RETRY_AFTER_DEFAULT = 5.0
RETRY_AFTER_MAX = 60.0
USER_AGENT = 'renewals.hosting'


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode('utf-8', 'replace')

    def header(self, name, default=None):
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return default


def retry_after_seconds(response):
    """Seconds to wait on a 429, from ``Retry-After`` (seconds form), clamped to a sane range."""
    raw = response.header('Retry-After')
    try:
        wait = float(raw)
    except (TypeError, ValueError):
        wait = RETRY_AFTER_DEFAULT
    return min(max(wait, 0.0), RETRY_AFTER_MAX)


class HttpClient:
    """Requests against one API base URL.

    ``is_definite_error(response)`` is supplied by the provider: it tells whether a 5xx
    reply carries a provider error body (a definite answer) rather than being transient.
    """

    def __init__(self, base_url, timeout, validate_certs=True, ca_path=None, redactor=None,
                 default_headers=None, is_definite_error=None, sleep=time.sleep, session=None):
        self.base_url = base_url.rstrip('/')
        parts = urlsplit(self.base_url)
        self.origin = '%s://%s' % (parts.scheme, parts.hostname + (':%s' % parts.port if parts.port else ''))
        self.timeout = timeout
        self.verify = ca_path if (validate_certs and ca_path) else bool(validate_certs)
        self.redactor = redactor
        self.default_headers = dict(default_headers or {})
        self.default_headers.setdefault('User-Agent', USER_AGENT)
        self.is_definite_error = is_definite_error or (lambda response: False)
        self.sleep = sleep
        self._session = session
        self.calls = 0

    # -- public API -------------------------------------------------------------------

    def read(self, method, path, params=None, data=None, json=None, headers=None, decode=None):
        """A request that changes nothing: retried on anything transient.

        ``decode(response)`` turns the reply into data; a ValueError from it (an unreadable
        body) counts as transient too.
        """
        failures = 0
        rate_limited = 0
        while True:
            try:
                response = self._send(method, path, params, data, json, headers)
            except _SendFailure as failure:
                failures += 1
                if failures >= READ_ATTEMPTS or not failure.retryable:
                    raise TransportError(failure.message, kind=failure.kind)
                self._backoff(failures)
                continue
            if response.status == 429:
                rate_limited += 1
                self._wait_rate_limit(response, rate_limited)
                continue
            if response.status >= 500 and not self.is_definite_error(response):
                failures += 1
                if failures >= READ_ATTEMPTS:
                    raise TransportError('%s answered HTTP %s without a usable body %d times'
                                         % (self.origin, response.status, failures), kind='bad_response',
                                         http_status=response.status)
                self._backoff(failures)
                continue
            if decode is None:
                return response
            try:
                return decode(response)
            except ValueError:
                failures += 1
                if failures >= READ_ATTEMPTS:
                    raise TransportError('%s sent an unreadable reply (HTTP %s) %d times'
                                         % (self.origin, response.status, failures), kind='bad_response')
                self._backoff(failures)

    def pay(self, method, path, params=None, data=None, json=None, headers=None, decode=None):
        """A request that may bill: never re-sent unless the provider provably did not act."""
        refused = 0
        rate_limited = 0
        while True:
            # A fresh connection: a pooled one the server already closed would turn a harmless
            # failure into an unknown outcome.
            if self._session is not None:
                self._session.close()
            try:
                response = self._send(method, path, params, data, json, headers)
            except _SendFailure as failure:
                if failure.not_sent:
                    refused += 1
                    if refused >= READ_ATTEMPTS or not failure.retryable:  # a TLS failure will not heal
                        raise TransportError(failure.message, kind=failure.kind)
                    self._backoff(refused)
                    continue
                raise UnknownOutcomeError(
                    'the renewal request was sent but %s; its outcome is unknown' % failure.message,
                    kind=failure.kind, may_still_commit=failure.kind == 'timeout')
            if response.status == 429:
                rate_limited += 1
                self._wait_rate_limit(response, rate_limited)
                continue
            if response.status >= 500 and not self.is_definite_error(response):
                raise UnknownOutcomeError(
                    'the renewal request got HTTP %s without a provider answer from %s; its outcome is unknown'
                    % (response.status, self.origin),
                    kind='bad_response', may_still_commit=False)
            if decode is None:
                return response
            try:
                return decode(response)
            except ValueError:
                raise UnknownOutcomeError(
                    'the renewal request got an unreadable reply (HTTP %s) from %s; its outcome is unknown'
                    % (response.status, self.origin), kind='bad_response', may_still_commit=False)

    def close(self):
        if self._session is not None:
            self._session.close()
            self._session = None

    # -- internals --------------------------------------------------------------------

    def _session_(self):
        if self._session is None:
            self._session = StdlibSession()
        return self._session

    def _backoff(self, failures):
        base = READ_BACKOFF[min(failures, len(READ_BACKOFF)) - 1]
        self.sleep(base * (0.5 + random.random()))  # jitter keeps forks from retrying in lockstep

    def _wait_rate_limit(self, response, count):
        if count >= RATE_LIMIT_ATTEMPTS:
            raise RateLimitedError(
                'the provider at %s kept answering 429 Too Many Requests (%d times); nothing was renewed'
                % (self.origin, count), http_status=429)
        self.sleep(retry_after_seconds(response))

    def _send(self, method, path, params, data, json, headers):
        all_headers = dict(self.default_headers)
        all_headers.update(headers or {})
        url = '%s/%s' % (self.base_url, path.lstrip('/'))
        self.calls += 1
        try:
            reply = self._session_().request(
                method, url, params=params, data=data, json=json, headers=all_headers,
                timeout=self.timeout, verify=self.verify, allow_redirects=False)
        except TlsFailure as failure:
            raise _SendFailure('%s; set validate_certs or ca_path' % self._scrub(failure.message), kind=failure.kind,
                               not_sent=True, retryable=False)
        except TransportFailure as failure:
            raise _SendFailure('%s (%s)' % (self._scrub(failure.message), self.origin), kind=failure.kind,
                               not_sent=failure.not_sent)
        return Response(reply.status_code, dict(reply.headers), reply.content)

    def _scrub(self, text):
        return self.redactor.scrub(text) if self.redactor else text


class _SendFailure(Exception):
    def __init__(self, message, kind, not_sent=False, retryable=True):
        super(_SendFailure, self).__init__(message)
        self.message = message
        self.kind = kind
        self.not_sent = not_sent
        self.retryable = retryable
