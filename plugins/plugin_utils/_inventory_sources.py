# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: list the orders of each provider account for the ``orders`` inventory plugin.

A provider slots in with one entry in SOURCES: a function that takes the provider's
section of the inventory file and yields Order records. Credentials come only from the
provider modules' environment variables, so inventory files hold no secrets.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.renewals.hosting.plugins.module_utils._dates import from_epoch
from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._hostup_catalog import V1, V1_ACCOUNTS
from ansible_collections.renewals.hosting.plugins.module_utils._hostup_client import HostUpClient
from ansible_collections.renewals.hosting.plugins.module_utils._hostup_modules import CONNECTION as HOSTUP_CONNECTION
from ansible_collections.renewals.hosting.plugins.module_utils._hostup_v1 import account_rows
from ansible_collections.renewals.hosting.plugins.module_utils._hostup_values import parse_day
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes_api import LogicBoxesClient, to_bool
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes_modules import CONNECTION as LOGICBOXES_CONNECTION
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes_products import PRODUCTS
from ansible_collections.renewals.hosting.plugins.module_utils._options import check_common, check_secret
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg_client import VpsbgClient, parse_time
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg_modules import CONNECTION as VPSBG_CONNECTION


class Order:
    """One renewable thing, as the inventory turns it into a host."""

    def __init__(self, provider, service, order_id, expires_at, status, region=None, period=None, auto_renew=None,
                 description=None):
        self.provider = provider
        self.service = service
        self.order_id = str(order_id)
        self.expires_at = expires_at
        self.status = status
        self.region = region
        self.period = period
        self.auto_renew = auto_renew
        self.description = description


def connection_params(connection_spec, section):
    """Validate the non-secret connection settings of a section; credentials come from the environment."""
    settings = dict((key, section[key]) for key in ('api_url', 'validate_certs', 'ca_path', 'timeout') if key in section)
    validation = ArgumentSpecValidator(connection_spec).validate(settings)
    if validation.error_messages:
        raise InputError('providers', '; '.join(validation.error_messages))
    params = validation.validated_parameters
    check_common(params)
    for name, spec in connection_spec.items():
        if spec.get('no_log'):
            check_secret(name, params.get(name))
    return params


def _logicboxes_products(section):
    """(product, region, period) for each product listed: a key (all its regions) or a dict."""
    for item in section.get('products') or sorted(PRODUCTS):
        item = item if isinstance(item, dict) else {'product': item}
        product = PRODUCTS.get(item.get('product'))
        if product is None:
            raise InputError('providers.logicboxes.products', 'unknown product %r' % (item.get('product'),))
        regions = item.get('regions') or product.regions or [None]
        unknown = sorted(set(regions) - set(product.regions or [None]))
        if unknown:
            raise InputError('providers.logicboxes.products.regions', 'product %s is offered in %s, not in %s'
                             % (product.key, ', '.join(product.regions or ['no region']), ', '.join(map(str, unknown))))
        for region in regions:
            yield product, region, item.get('period')


def list_logicboxes(section):
    client = LogicBoxesClient(connection_params(LOGICBOXES_CONNECTION, section))
    try:
        for product, region, period in _logicboxes_products(section):
            for row in client.search_orders(product.base_path(region)):
                yield Order('logicboxes', product.key, row.get('orders.orderid') or row.get('entity.entityid'),
                            from_epoch(row['orders.endtime']), row.get('entity.currentstatus'), region=region,
                            period=period, auto_renew=to_bool(row.get('orders.autorenew')),
                            description=row.get('entity.description'))
    finally:
        client.close()


def list_hostup(section):
    """The account's services from the v1 account list (one call; v2 ids are not listed there)."""
    client = HostUpClient(connection_params(HOSTUP_CONNECTION, section))
    try:
        for row in account_rows(client.read(V1, 'GET', V1_ACCOUNTS)):
            yield Order('hostup', 'service', row.get('id'), parse_day(row.get('next_due')), row.get('status'),
                        description=row.get('domain') or row.get('label'))
    finally:
        client.close()


def list_vpsbg(section):
    """The account's servers, every page of GET /v1/servers (the support plan is one host per account, added by hand)."""
    client = VpsbgClient(connection_params(VPSBG_CONNECTION, section))
    try:
        for row in client.pages('servers', {}):
            yield Order('vpsbg', 'server', row.get('id'), parse_time(row.get('expiry_at'), 'expiry_at'), row.get('status'),
                        period=row.get('billing_cycle'), auto_renew=row.get('auto_renew'),
                        description=row.get('hostname') or row.get('name'))
    finally:
        client.close()


SOURCES = {
    'logicboxes': list_logicboxes,
    'hostup': list_hostup,
    'vpsbg': list_vpsbg,
}
