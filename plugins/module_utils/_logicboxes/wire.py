# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: LogicBoxes reply decoding and request encoding.

Wire facts this file encodes (docs/logicboxes.md has the sources):
* form-encoded bodies, repeated keys for lists, lowercase ``true``/``false``;
* almost every scalar in a reply is a string; some replies are bare values;
* errors usually come as HTTP 500 with a JSON body, so the body is read first.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible_collections.renewals.hosting.plugins.module_utils._errors import AuthError, NotFoundError, ProviderError
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.data import KNOWN_MESSAGES, WHITELIST_HINT


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


def pairs(mapping):
    """Form/query pairs: lists become repeated keys, booleans lowercase strings, None is left out."""
    pairs = []
    for key, value in mapping.items():
        for item in (value if isinstance(value, (list, tuple)) else [value]):
            if item is None:
                continue
            pairs.append((key, wire_bool(item) if isinstance(item, bool) else str(item)))
    return pairs
