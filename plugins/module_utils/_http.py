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
  refused); a TLS handshake failure fails at once, as for ``read()``. A timeout, a reset or an unusable 5xx raises UnknownOutcomeError and
  the engine re-reads the provider before deciding anything.

HTTP goes through ``requests``: one Session per thread of a process (a forked worker makes
its own, never reusing its parent's sockets), connections kept alive, no redirects followed,
connect and read timeouts set, and urllib3's own retries off, so the rules above are the only
ones. The environment is read as requests documents (``HTTPS_PROXY``/``NO_PROXY``,
``REQUESTS_CA_BUNDLE``), once per origin and Session. ``_http_failures`` tells from requests'
exceptions how far a failed request got; its messages never contain a URL, and every message is
scrubbed anyway, since LogicBoxes reads carry the API key in the query string.

``requests`` is imported here, at module level: the action plugins import this module in the
controller before Ansible forks a worker per order, so the workers inherit it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import logging
import os
import random
import threading
import time
import warnings

from urllib.parse import urlsplit

try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.exceptions import InsecureRequestWarning
    from urllib3.util.retry import Retry
    HAS_REQUESTS = True
except ImportError:
    HAS_REQUESTS = False

from ansible_collections.renewals.hosting.plugins.module_utils._errors import (
    RateLimitedError,
    RenewalError,
    TransportError,
    UnknownOutcomeError,
)
from ansible_collections.renewals.hosting.plugins.module_utils._http_failures import TlsFailure, classify

READ_ATTEMPTS = 4            # one try plus three retries
READ_BACKOFF = (0.5, 1.0, 2.0)
RATE_LIMIT_ATTEMPTS = 6      # 429 answers waited out per request
RETRY_AFTER_DEFAULT = 5.0
RETRY_AFTER_MAX = 60.0
USER_AGENT = 'renewals.hosting'

# urllib3 logs every request line, query string (and so the LogicBoxes api-key) included, at DEBUG.
logging.getLogger('urllib3').setLevel(logging.INFO)
if HAS_REQUESTS:
    # validate_certs: false is the user's explicit, documented choice; urllib3 would print a
    # warning from every forked worker of a fleet.
    warnings.filterwarnings('ignore', category=InsecureRequestWarning)

    class _Session(requests.Session):
        """A Session that reads the environment (proxies, NO_PROXY, CA bundle) once per origin, not per request."""

        def __init__(self):
            super(_Session, self).__init__()
            # urllib3's retries off: a retry below the collection's rules could re-send a paying request.
            adapter = HTTPAdapter(max_retries=Retry(total=0, read=False, redirect=False))
            self.mount('https://', adapter)
            self.mount('http://', adapter)
            # The collection's credentials are its options: requests would otherwise read ~/.netrc on every
            # request and let an entry for the provider's host replace the Authorization header.
            self.auth = _headers_as_given
            self._environment = {}

        def merge_environment_settings(self, url, proxies, stream, verify, cert):
            if proxies or stream or cert:
                return super(_Session, self).merge_environment_settings(url, proxies, stream, verify, cert)
            parts = urlsplit(url)
            key = (parts.scheme, parts.netloc, verify)
            if key not in self._environment:
                self._environment[key] = super(_Session, self).merge_environment_settings(url, proxies, stream, verify, cert)
            return dict(self._environment[key])


def _headers_as_given(request):
    """An auth hook that adds nothing (it stops requests from consulting ~/.netrc)."""
    return request


_REQUEST_ERRORS = requests.exceptions.RequestException if HAS_REQUESTS else ()
_THREAD = threading.local()


def new_session():
    """A requests Session with the collection's settings (see _Session)."""
    return _Session()


def thread_session():
    """This thread's Session; a forked child makes its own rather than share its parent's connections."""
    if getattr(_THREAD, 'pid', None) != os.getpid():
        _THREAD.session = new_session()
        _THREAD.pid = os.getpid()
    return _THREAD.session


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
        self.hostname = parts.hostname
        self.origin = '%s://%s' % (parts.scheme, parts.hostname + (':%s' % parts.port if parts.port else ''))
        self.timeout = timeout
        self.verify = ca_path if (validate_certs and ca_path) else bool(validate_certs)
        self.redactor = redactor
        self.default_headers = dict(default_headers or {})
        self.default_headers.setdefault('User-Agent', USER_AGENT)
        self.is_definite_error = is_definite_error or (lambda response: False)
        self.sleep = sleep
        if session is None and not HAS_REQUESTS:
            raise RenewalError('the Python library requests is required on the controller (pip install requests)',
                               code='missing_library')
        self._session = session   # None: the thread's shared Session
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
            try:
                response = self._send(method, path, params, data, json, headers, paying=True)
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
        """Closes a Session the caller handed in; the thread's shared one keeps its connections for the next client."""
        if self._session is not None:
            self._session.close()
            self._session = None

    # -- internals --------------------------------------------------------------------

    def _backoff(self, failures):
        base = READ_BACKOFF[min(failures, len(READ_BACKOFF)) - 1]
        self.sleep(base * (0.5 + random.random()))  # jitter keeps forks from retrying in lockstep

    def _wait_rate_limit(self, response, count):
        if count >= RATE_LIMIT_ATTEMPTS:
            raise RateLimitedError(
                'the provider at %s kept answering 429 Too Many Requests (%d times); nothing was renewed'
                % (self.origin, count), http_status=429)
        self.sleep(retry_after_seconds(response))

    def _send(self, method, path, params, data, json, headers, paying=False):
        all_headers = dict(self.default_headers)
        all_headers.update(headers or {})
        url = '%s/%s' % (self.base_url, path.lstrip('/'))
        self.calls += 1
        session = self._session or thread_session()
        if paying:
            # A fresh connection: a pooled one the server already closed would turn a harmless
            # failure into an unknown outcome. (Closing drops the idle connections; the Session stays usable.)
            session.close()
        try:
            reply = session.request(
                method, url, params=params, data=data, json=json, headers=all_headers,
                timeout=(self.timeout, self.timeout), verify=self.verify, allow_redirects=False)
        except _REQUEST_ERRORS as exc:
            failure = classify(exc, self.hostname, self.timeout)
            if isinstance(failure, TlsFailure):
                raise _SendFailure('%s; set validate_certs or ca_path' % self._scrub(failure.message), kind=failure.kind,
                                   not_sent=True, retryable=False)
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
