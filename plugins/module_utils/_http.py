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

No text from the HTTP library reaches a result unscrubbed: its exception texts
contain the URL, and LogicBoxes reads carry the API key in the query string.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import logging
import random
import time
import traceback

from urllib.parse import urlsplit

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

from ansible_collections.renewals.hosting.plugins.module_utils._errors import (
    RateLimitedError,
    TransportError,
    UnknownOutcomeError,
)

# urllib3 logs every request line, query string (and so the LogicBoxes api-key) included, at DEBUG.
logging.getLogger('urllib3').setLevel(logging.INFO)

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
                if failures >= READ_ATTEMPTS or not failure.retryable_read:
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
            try:
                response = self._send(method, path, params, data, json, headers)
            except _SendFailure as failure:
                if failure.not_sent:
                    refused += 1
                    if refused >= READ_ATTEMPTS:
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
            self._session = requests.Session()
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
            return Response(reply.status_code, dict(reply.headers), reply.content)
        except requests.exceptions.SSLError as exc:
            raise _SendFailure('TLS certificate verification failed for %s (%s); set validate_certs or ca_path'
                               % (self.origin, self._reason(exc)), kind='tls', not_sent=True, retryable_read=False)
        except requests.exceptions.ConnectTimeout:
            raise _SendFailure('connecting to %s timed out after %ss' % (self.origin, self.timeout),
                               kind='connect_timeout', not_sent=True)
        except requests.exceptions.ReadTimeout:
            raise _SendFailure('no reply from %s within %ss' % (self.origin, self.timeout), kind='timeout')
        except requests.exceptions.ConnectionError as exc:
            if _never_connected(exc):
                raise _SendFailure('cannot connect to %s (%s)' % (self.origin, self._reason(exc)),
                                   kind='connect', not_sent=True)
            raise _SendFailure('the connection to %s was reset before a reply' % self.origin, kind='reset')
        except requests.exceptions.RequestException as exc:
            raise _SendFailure('the reply from %s was unreadable (%s)' % (self.origin, type(exc).__name__),
                               kind='reset')

    def _reason(self, exc):
        """A short, scrubbed cause: the innermost exception's class and text, never a URL."""
        cause = exc
        while getattr(cause, '__context__', None) is not None and cause.__context__ is not cause:
            cause = cause.__context__
        text = '%s: %s' % (type(cause).__name__, cause)
        return self.redactor.scrub(text) if self.redactor else text


class _SendFailure(Exception):
    def __init__(self, message, kind, not_sent=False, retryable_read=True):
        super(_SendFailure, self).__init__(message)
        self.message = message
        self.kind = kind
        self.not_sent = not_sent
        self.retryable_read = retryable_read


def _never_connected(exc):
    """True when requests failed while opening the connection, so nothing was sent."""
    seen = []
    pending = [exc]
    while pending and len(seen) < 20:
        cause = pending.pop()
        if cause is None or any(cause is other for other in seen):
            continue
        seen.append(cause)
        pending.extend([getattr(cause, 'reason', None), cause.__context__, cause.__cause__])
        pending.extend(arg for arg in getattr(cause, 'args', ()) if isinstance(arg, BaseException))
    names = set(type(cause).__name__ for cause in seen)
    return bool(names & {'NewConnectionError', 'NameResolutionError', 'ConnectionRefusedError', 'gaierror'})
