# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: argument specs, input checks and wiring of the VPSBG modules."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import re
from urllib.parse import urlsplit

from ansible.module_utils.basic import env_fallback

from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._memory import NO_MEMORY
from ansible_collections.renewals.hosting.plugins.module_utils._options import (
    INFO_OPTIONS,
    POLICY_OPTIONS,
    check_common,
    check_id,
    check_secret,
    connection_options,
)
from ansible_collections.renewals.hosting.plugins.module_utils._runner import ModuleSpec
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.client import VpsbgClient
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.data import API_VERSION, BILLING_CYCLES, DEFAULT_API_URL
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.server import VpsbgServer
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.support import VpsbgSupport

CONNECTION = connection_options(
    credentials=dict(
        api_token=dict(type='str', required=True, no_log=True, fallback=(env_fallback, ['VPSBG_API_TOKEN'])),
    ),
    url_env='VPSBG_API_URL',
    default_url=DEFAULT_API_URL,
)

BILLING_CYCLE = dict(billing_cycle=dict(type='int', choices=list(BILLING_CYCLES)))
SERVER = dict(server_id=dict(type='int', required=True), promo_code=dict(type='str'), **BILLING_CYCLE)

PAY = dict(pay=dict(type='bool', default=False))

SERVER_RENEWAL_ARGS = dict(CONNECTION, **SERVER)
SERVER_RENEWAL_ARGS.update(POLICY_OPTIONS, **PAY)

SUPPORT_RENEWAL_ARGS = dict(CONNECTION, **BILLING_CYCLE)
SUPPORT_RENEWAL_ARGS.update(POLICY_OPTIONS, **PAY)

SERVER_INFO_ARGS = dict(CONNECTION, **SERVER)
SERVER_INFO_ARGS.update(INFO_OPTIONS)

PROMO_CODE_MAX_LENGTH = 64


def check_connection(params):
    check_common(params)
    check_secret('api_token', params['api_token'])
    version = urlsplit(params['api_url']).path.rstrip('/').rsplit('/', 1)[-1]
    if re.match(r'^v[0-9]+$', version) and version != API_VERSION:
        raise InputError('api_url', 'ends in /%s, but the VPSBG API this collection speaks is %s (for example %s)'
                                    % (version, API_VERSION, DEFAULT_API_URL))


def check_billing_cycle(params):
    cycle = params.get('billing_cycle')
    if cycle is not None and cycle not in BILLING_CYCLES:
        raise InputError('billing_cycle', 'must be one of %s months, got %s' % (', '.join(map(str, BILLING_CYCLES)), cycle))


def check_server(params):
    """Everything about a server request that can be wrong without asking VPSBG."""
    check_connection(params)
    check_id('server_id', params['server_id'])
    check_billing_cycle(params)
    promo = params.get('promo_code')
    if promo is not None and (not promo.strip() or promo != promo.strip() or any(char.isspace() for char in promo)):
        raise InputError('promo_code', 'must be a code without spaces, got %r' % (promo,))
    if promo is not None and len(promo) > PROMO_CODE_MAX_LENGTH:
        raise InputError('promo_code', 'must be at most %d characters' % PROMO_CODE_MAX_LENGTH)


def check_support(params):
    check_connection(params)
    check_billing_cycle(params)


def build_server(params):
    return VpsbgServer(VpsbgClient(params), params)


def build_support(params, memory=NO_MEMORY):
    return VpsbgSupport(VpsbgClient(params), params, memory)


def support_memory_key(params):
    """The fleet state key of what is remembered of an account's support plan.

    Accounts are told apart by endpoint and token (every account shares the public endpoint): a digest of both, from
    which the token cannot be read back. A new token starts from an empty memory.
    """
    digest = hashlib.sha256(('%s\n%s' % (params['api_url'], params['api_token'])).encode('utf-8')).hexdigest()[:24]
    return 'vpsbg|support|%s' % digest


SERVER_RENEWAL = ModuleSpec(SERVER_RENEWAL_ARGS, check_server, build_server, kind='renewal')
SUPPORT_RENEWAL = ModuleSpec(SUPPORT_RENEWAL_ARGS, check_support, build_support, kind='renewal', memory_key=support_memory_key)
SERVER_INFO = ModuleSpec(SERVER_INFO_ARGS, check_server, build_server, kind='info')
