# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: argument specs, input checks and wiring of the LogicBoxes modules."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.basic import env_fallback

from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.client import LogicBoxesClient
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.data import (
    INVOICE_OPTIONS,
    MONTHS,
    PERIOD_RANGE,
    PRODUCTS,
    YEARS,
)
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.service import LogicBoxesOrder
from ansible_collections.renewals.hosting.plugins.module_utils._options import (
    INFO_OPTIONS,
    POLICY_OPTIONS,
    check_common,
    check_id,
    check_range,
    check_secret,
    connection_options,
)
from ansible_collections.renewals.hosting.plugins.module_utils._runner import ModuleSpec

CONNECTION = connection_options(
    credentials=dict(
        auth_userid=dict(type='int', required=True, fallback=(env_fallback, ['LOGICBOXES_AUTH_USERID'])),
        api_key=dict(type='str', required=True, no_log=True, fallback=(env_fallback, ['LOGICBOXES_API_KEY'])),
    ),
    url_env='LOGICBOXES_API_URL',
    default_url='https://httpapi.com/api',
)

ORDER = dict(
    product=dict(type='str', required=True, choices=sorted(PRODUCTS)),
    region=dict(type='str'),
    order_id=dict(type='int', required=True),
)

RENEWAL_ARGS = dict(CONNECTION, **ORDER)
RENEWAL_ARGS.update(POLICY_OPTIONS)
RENEWAL_ARGS.update(
    months=dict(type='int'),
    years=dict(type='int'),
    invoice_option=dict(type='str', default='NoInvoice', choices=list(INVOICE_OPTIONS)),
    discount_amount=dict(type='float'),
    auto_renew=dict(type='bool'),
    pay_invoice=dict(type='bool', default=False),
    no_of_accounts=dict(type='int'),
    no_of_storage5_blocks=dict(type='int'),
)

INFO_ARGS = dict(CONNECTION, **ORDER)
INFO_ARGS.update(INFO_OPTIONS)
INFO_ARGS.update(months=dict(type='int'), years=dict(type='int'))


def check_order(params):
    """Everything about the order that can be wrong without asking the provider."""
    check_common(params)
    check_secret('api_key', params['api_key'])
    check_id('auth_userid', params['auth_userid'])
    check_id('order_id', params['order_id'])
    product = PRODUCTS[params['product']]
    region = params.get('region')
    if product.regions is None and region is not None:
        raise InputError('region', 'product %s has no region; remove region' % product.key)
    if product.regions is not None and region not in product.regions:
        raise InputError('region', 'product %s is offered in %s, got %r'
                         % (product.key, ', '.join(product.regions), region))
    other = YEARS if product.period == MONTHS else MONTHS
    if params.get(other) is not None:
        raise InputError(other, 'product %s renews in %s; use %s instead' % (product.key, product.period, product.period))
    check_range(product.period, params.get(product.period), *PERIOD_RANGE[product.period])


def check_renewal(params):
    check_order(params)
    product = PRODUCTS[params['product']]
    if params.get('auto_renew') is not None and not product.auto_renew:
        raise InputError('auto_renew', 'the %s renew call has no auto-renew setting; remove auto_renew' % product.key)
    if params.get('discount_amount') is not None and params['discount_amount'] < 0:
        raise InputError('discount_amount', 'must not be negative')
    for option in ('no_of_accounts', 'no_of_storage5_blocks'):
        if params.get(option) is not None:
            if option not in product.extras:
                raise InputError(option, 'only applies to email products, not %s' % product.key)
            check_range(option, params[option], 1, 10000)


def build_order(params):
    return LogicBoxesOrder(LogicBoxesClient(params), params)


RENEWAL = ModuleSpec(RENEWAL_ARGS, check_renewal, build_order, kind='renewal')
INFO = ModuleSpec(INFO_ARGS, check_order, build_order, kind='info')
