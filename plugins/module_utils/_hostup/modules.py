# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: argument specs, input checks and wiring of the HostUp modules."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.basic import env_fallback

from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.data import ACCOUNT_ID_SHAPES
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.client import HostUpClient
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.v1 import HostUpV1Account
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.v2 import HostUpV2Service
from ansible_collections.renewals.hosting.plugins.module_utils._options import (
    INFO_OPTIONS,
    POLICY_OPTIONS,
    check_common,
    check_secret,
    connection_options,
)
from ansible_collections.renewals.hosting.plugins.module_utils._runner import ModuleSpec

CONNECTION = connection_options(
    credentials=dict(
        api_key=dict(type='str', required=True, no_log=True, fallback=(env_fallback, ['HOSTUP_API_KEY'])),
    ),
    url_env='HOSTUP_API_URL',
    default_url='https://cloud.hostup.se/api',
)

SERVICE = dict(
    account_id=dict(type='str', required=True),
)

RENEWAL_ARGS = dict(CONNECTION, **SERVICE)
RENEWAL_ARGS.update(POLICY_OPTIONS)
RENEWAL_ARGS.update(
    pay_invoice=dict(type='bool', default=False),
)

INFO_ARGS = dict(CONNECTION, **SERVICE)
INFO_ARGS.update(INFO_OPTIONS)


def api_of(account_id):
    """Which API serves an account id: 'v1', or the v2 resource (VPS or shared hosting); None when no shape fits."""
    for shape, api in ACCOUNT_ID_SHAPES:
        if shape.match(account_id or ''):
            return api
    return None


def check_service(params):
    """Everything about the request that can be wrong without asking HostUp."""
    check_common(params)
    check_secret('api_key', params['api_key'])
    if api_of(params['account_id']) is None:
        raise InputError('account_id', 'must be a numeric v1 account id (e.g. "20000"), a v2 VPS id (vps_...) or a v2 shared '
                                       'hosting id (acct_...), got %r' % (params['account_id'],))


def build_service(params, list_invoices=False):
    client = HostUpClient(params)
    api = api_of(params['account_id'])
    options = dict(pay_invoice=params.get('pay_invoice', False), list_invoices=list_invoices)
    if api == 'v1':
        return HostUpV1Account(client, params['account_id'], **options)
    return HostUpV2Service(client, params['account_id'], api, **options)


def build_info(params):
    return build_service(params, list_invoices=True)


RENEWAL = ModuleSpec(RENEWAL_ARGS, check_service, build_service, kind='renewal')
INFO = ModuleSpec(INFO_ARGS, check_service, build_info, kind='info')
