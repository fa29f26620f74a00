# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the LogicBoxes (ResellerClub family) HTTP client.

Credentials travel as ``auth-userid``/``api-key`` parameters: in the form body for POSTs, and
(the API has no other way) in the query string for GETs. Reads may be retried; the paying POST never is.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._errors import ProviderError
from ansible_collections.renewals.hosting.plugins.module_utils._http import HttpClient
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.wire import decode_body, is_definite_error, pairs, provider_error, search_rows
from ansible_collections.renewals.hosting.plugins.module_utils._redact import Redactor

SEARCH_PAGE_SIZE = 500  # the largest page search.json serves (reference 7.4: 10 to 500)


class LogicBoxesClient:
    def __init__(self, params, session=None):
        self.redactor = Redactor([params['api_key']])
        self.auth_userid = params['auth_userid']
        self._credentials = [('auth-userid', str(params['auth_userid'])), ('api-key', params['api_key'])]
        self.http = HttpClient(params['api_url'], params['timeout'], params['validate_certs'], params.get('ca_path'),
                               redactor=self.redactor, is_definite_error=is_definite_error, session=session)

    def get(self, path, query):
        return self.http.read('GET', path, params=self._credentials + pairs(query), decode=self._decode)

    def post(self, path, form):
        return self.http.pay('POST', path, data=self._credentials + pairs(form), decode=self._decode)

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

    def search_orders(self, base_path, page_size=SEARCH_PAGE_SIZE):
        """Every order of one product path, page by page (``<path>/search.json``)."""
        page = 1
        while True:
            rows, last_page = self.search_page(base_path, page, page_size)
            yield from rows
            if not rows or page >= last_page:
                return
            page += 1

    def search_page(self, base_path, page, page_size=SEARCH_PAGE_SIZE, filters=None):
        """(rows, page count) of one page of ``<path>/search.json``; ``filters`` e.g. expiry-date-start (epoch)."""
        return self.page(base_path + '/search.json', page, page_size, filters)

    def page(self, path, page, page_size, filters=None):
        """(rows, page count) of one page of a paged search (search.json, actions/search-current.json)."""
        query = dict(filters or {}, **{'no-of-records': page_size, 'page-no': page})
        body = self.get(path, query)
        if not isinstance(body, dict) or 'recsindb' not in body:
            raise ProviderError('LogicBoxes answered %s page %d without recsindb' % (path, page))
        try:
            total = int(body['recsindb'])
        except (TypeError, ValueError):
            raise ProviderError('LogicBoxes answered %s page %d with an unreadable recsindb %r'
                                % (path, page, body['recsindb']))
        return search_rows(body), max(1, -(-total // page_size))

    def close(self):
        self.http.close()
