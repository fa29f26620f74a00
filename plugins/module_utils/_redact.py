# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: keep credentials out of every text we produce.

LogicBoxes reads carry ``api-key`` in the query string, and HTTP library exception
texts contain the URL; so every message is scrubbed of the secret values (raw and
URL-encoded) and of URL query strings before it leaves the collection.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from urllib.parse import quote, quote_plus

MASK = '********'
_URL_QUERY = re.compile(r'(https?://[^\s?#\'"]*)\?[^\s#\'"]*')


class Redactor:
    def __init__(self, secrets=()):
        self._needles = []
        for secret in secrets:
            self.add(secret)

    def add(self, secret):
        if secret is None:
            return
        secret = str(secret)
        if len(secret) < 4:  # masking "1" everywhere would mangle messages without protecting anything
            return
        for form in (secret, quote(secret, safe=''), quote_plus(secret, safe='')):
            if form not in self._needles:
                self._needles.append(form)
        self._needles.sort(key=len, reverse=True)

    def scrub(self, text):
        if text is None:
            return text
        text = _URL_QUERY.sub(r'\1?' + MASK, str(text))
        for needle in self._needles:
            text = text.replace(needle, MASK)
        return text

    def scrub_data(self, data):
        """Scrub every string inside nested dicts and lists."""
        if isinstance(data, dict):
            return dict((key, self.scrub_data(value)) for key, value in data.items())
        if isinstance(data, (list, tuple)):
            return [self.scrub_data(value) for value in data]
        if isinstance(data, str):
            return self.scrub(data)
        return data
