# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: options shared by every provider, and their checks.

Everything here runs before any API call, so bad input never reaches a provider.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import urlsplit

from ansible.module_utils.basic import env_fallback

from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError


def connection_options(credentials, url_env, default_url):
    """Credentials (a provider-specific dict of option specs) plus the common transport options."""
    options = dict(credentials)
    options.update(
        api_url=dict(type='str', default=default_url, fallback=(env_fallback, [url_env])),
        validate_certs=dict(type='bool', default=True),
        ca_path=dict(type='path'),
        timeout=dict(type='float', default=30.0),
    )
    return options


POLICY_OPTIONS = dict(
    renew_before_days=dict(type='int', default=30),
    force=dict(type='bool', default=False),
    max_price=dict(type='float'),
    max_retries=dict(type='int', default=1),
)

INFO_OPTIONS = dict(
    renew_before_days=dict(type='int', default=30),
)


def check_api_url(url):
    parts = urlsplit(url or '')
    if parts.scheme not in ('http', 'https') or not parts.hostname:
        raise InputError('api_url', 'must be an http:// or https:// URL with a host, got %r' % (url,))
    if parts.username or parts.password:
        raise InputError('api_url', 'must not contain credentials; use the credential options or their environment variables')
    if parts.query or parts.fragment:
        raise InputError('api_url', 'must not contain a query string or fragment')


def check_secret(option, value):
    if not value or not value.strip():
        raise InputError(option, 'is empty; set it or its environment variable')
    if value != value.strip() or any(char.isspace() for char in value):
        raise InputError(option, 'contains whitespace (a trailing newline from a file or variable?)')


def check_common(params):
    check_api_url(params['api_url'])
    if not 0 < params['timeout'] <= 600:
        raise InputError('timeout', 'must be between 0 and 600 seconds')
    if params.get('renew_before_days') is not None and not 0 <= params['renew_before_days'] <= 3650:
        raise InputError('renew_before_days', 'must be between 0 and 3650')
    if params.get('max_price') is not None and not 0 <= params['max_price'] < 1e9:
        raise InputError('max_price', 'must be a non-negative amount')
    if params.get('max_retries') is not None and not 0 <= params['max_retries'] <= 5:
        raise InputError('max_retries', 'must be between 0 and 5')


# Provider ids are integers a JSON API can hold; anything larger is a typo or an attack, never an order.
MAX_ID = 2 ** 63 - 1


def check_id(option, value):
    if not 1 <= value <= MAX_ID:
        raise InputError(option, 'must be a positive id of at most %d, got %s' % (MAX_ID, value))


def check_range(option, value, low, high):
    if value is not None and not low <= value <= high:
        raise InputError(option, 'must be between %s and %s, got %s' % (low, high, value))
