# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the VPSBG HTTP API (a Laravel backend).

Wire facts this file encodes (docs/vpsbg.md has the sources):
* ``Authorization: Bearer <token>`` and ``Accept: application/json`` on every request (without
  the latter the backend may answer HTML or redirects); JSON bodies;
* errors are ``{"message": ...}``, plus ``{"errors": {field: [texts]}}`` on 422;
* 423 Locked is a refusal before anything happened: waited out a bounded number of times;
* a 5xx never counts as a definite answer: after a paying request its outcome is unknown;
* lists are Laravel pages (``data``, ``links``, ``meta``); the page links may drop the filters,
  so the next page is asked for with the client's own parameters.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import time

from ansible_collections.renewals.hosting.plugins.module_utils._dates import from_iso
from ansible_collections.renewals.hosting.plugins.module_utils._errors import AuthError, NotFoundError, ProviderError
from ansible_collections.renewals.hosting.plugins.module_utils._http import HttpClient
from ansible_collections.renewals.hosting.plugins.module_utils._redact import Redactor
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.data import FIELD_OPTIONS, LOCKED_WAITS, MAX_PAGES


class LockedError(ProviderError):
    """423: the resource is busy (snapshot, backup, ...); nothing was done."""

    code = 'locked'


class ValidationFailed(ProviderError):
    """422: the request was refused field by field; ``fields`` maps each field to its texts."""

    code = 'validation_failed'

    def __init__(self, message, fields, http_status=422):
        super(ValidationFailed, self).__init__(message, http_status=http_status)
        self.details['fields'] = fields


# -- reply decoding --------------------------------------------------------------------

def never_definite(response):
    """No 5xx answer of this API proves that a request was refused (Laravel's 500 body is "Server Error")."""
    return False


def _message(body):
    if isinstance(body, dict) and isinstance(body.get('message'), str) and body['message'].strip():
        return body['message'].strip()
    return None


def validation_failure(body):
    """A 422 body turned into a failure that names the offending fields and the module options behind them."""
    errors = body.get('errors') if isinstance(body, dict) else None
    fields = {}
    if isinstance(errors, dict):
        for field, texts in errors.items():
            fields[str(field)] = [str(text) for text in (texts if isinstance(texts, list) else [texts])]
    parts = []
    for field, texts in fields.items():
        option = FIELD_OPTIONS.get(field.split('.')[0])
        label = '%s (option %s)' % (field, option) if option and option != field else field
        parts.append('%s: %s' % (label, ' '.join(texts)))
    summary = '; '.join(parts) or _message(body) or 'no details given'
    return ValidationFailed('VPSBG refused the request as invalid (HTTP 422): %s' % summary, fields)


def provider_error(status, body, not_found=None):
    """The definite refusal a 3xx/4xx reply carries, or None for a success (5xx are never definite)."""
    message = _message(body)
    said = ' (%s)' % message if message else ''
    if status == 401:
        return AuthError('VPSBG refused the API token (HTTP 401%s): check api_token' % said, http_status=status)
    if status == 403:
        return AuthError('VPSBG refused access (HTTP 403%s): the token may lack permission, or a firewall blocks this address'
                         % said, http_status=status)
    if status == 404:
        return NotFoundError('%s (HTTP 404%s)' % (not_found or 'VPSBG has no such resource', said), http_status=status)
    if status == 422:
        return validation_failure(body)
    if status == 423:
        return LockedError('VPSBG reports the resource as locked (HTTP 423%s): a snapshot, backup or other task is running'
                           % said, http_status=status)
    if 300 <= status < 500:
        return ProviderError('VPSBG answered HTTP %s%s' % (status, said), http_status=status)
    return None


def decode(response, not_found=None):
    """A reply's JSON (None for an empty success). ValueError for an unreadable success; the provider's refusal raised."""
    text = response.text.strip()
    if 200 <= response.status < 300:
        return json.loads(text) if text else None
    try:
        body = json.loads(text) if text else None
    except ValueError:
        body = None  # a refusal needs no readable body to be one (HTML error pages, firewalls)
    error = provider_error(response.status, body, not_found)
    if error is not None:
        raise error
    raise ValueError('HTTP %s' % response.status)


def unwrap(body):
    """The object of a reply, also when wrapped Laravel-resource style as {"data": {...}}."""
    if isinstance(body, dict) and 'id' not in body and isinstance(body.get('data'), dict):
        return body['data']
    return body


def as_int(value):
    """An integer from a reply field (numbers or digit strings), else None."""
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_time(value, field='timestamp'):
    """ISO 8601 (``2024-10-27T11:03:10.000000Z``) as an aware UTC datetime; None stays None."""
    if value in (None, ''):
        return None
    try:
        return from_iso(value)
    except ValueError:
        raise ProviderError('VPSBG sent an unreadable %s: %r' % (field, value))


# -- client ----------------------------------------------------------------------------

class VpsbgClient:
    def __init__(self, params, session=None, sleep=time.sleep):
        self.redactor = Redactor([params['api_token']])
        self.sleep = sleep
        headers = {'Authorization': 'Bearer %s' % params['api_token'], 'Accept': 'application/json'}
        self.http = HttpClient(params['api_url'], params['timeout'], params['validate_certs'], params.get('ca_path'),
                               redactor=self.redactor, default_headers=headers, is_definite_error=never_definite,
                               sleep=sleep, session=session)

    def get(self, path, query=None, not_found=None):
        """A read."""
        return self._unlocked(lambda: self.http.read('GET', path, params=query, decode=_decoder(not_found)))

    def ask(self, path, body, not_found=None):
        """A POST that changes nothing (a price calculation): retried like a read."""
        return self._unlocked(lambda: self.http.read('POST', path, json=body, decode=_decoder(not_found)))

    def patch(self, path, body, not_found=None):
        """A PATCH that sets values: sending it twice gives the same result, so it is retried like a read."""
        return self._unlocked(lambda: self.http.read('PATCH', path, json=body, decode=_decoder(not_found)))

    def order(self, path, body, not_found=None):
        """The paying request: sent once (see HttpClient.pay); a 423 refusal is waited out and sent again."""
        return self._unlocked(lambda: self.http.pay('POST', path, json=body, decode=_decoder(not_found)))

    def pages(self, path, query):
        """Every row of a paginated list, asking for page N+1 with the same parameters."""
        return list(self.rows(path, query, MAX_PAGES))

    def rows(self, path, query, max_pages):
        """The rows of a paginated list, one page at a time (a caller that found what it needs stops the paging).

        Asks for page N+1 with the same parameters; more than ``max_pages`` pages, or a list that ends before the last
        page it announced, fails rather than act on part of a list.
        """
        for number in range(1, max_pages + 1):
            rows, last, more = self.page(path, query, number)
            yield from rows
            if not more:
                if last is not None and number < last:
                    raise ProviderError('VPSBG ended the %s list at page %d of %d; refusing to act on a partial list'
                                        % (path, number, last))
                return
        raise ProviderError('VPSBG lists more than %d pages for %s; refusing to act on a partial list' % (max_pages, path))

    def page(self, path, query, number):
        """(rows, last page or None, whether a next page follows) of page ``number`` of a paginated list."""
        body = self.get(path, dict(query, page=number))
        if not isinstance(body, dict) or not isinstance(body.get('data'), list):
            raise ProviderError('VPSBG sent a list without "data" for %s' % path)
        rows = [row for row in body['data'] if isinstance(row, dict)]
        meta = body.get('meta') if isinstance(body.get('meta'), dict) else {}
        links = body.get('links') if isinstance(body.get('links'), dict) else {}
        last = meta.get('last_page') if isinstance(meta.get('last_page'), int) else None
        more = bool(body['data']) and bool(links.get('next')) and (last is None or number < last)
        return rows, last, more

    def _unlocked(self, send):
        """Send, waiting out 423 Locked answers a bounded number of times."""
        waited = 0.0
        for wait in LOCKED_WAITS + (None,):
            try:
                return send()
            except LockedError as exc:
                if wait is None:
                    raise LockedError('%s; still locked after %d retries over %.0f s, nothing was done: run again later'
                                      % (exc.message, len(LOCKED_WAITS), waited), http_status=423)
                self.sleep(wait)
                waited += wait

    def close(self):
        self.http.close()


def _decoder(not_found):
    return lambda response: decode(response, not_found)
