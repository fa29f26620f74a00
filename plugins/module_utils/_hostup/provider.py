# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: HostUp as the fleet and the inventory plugin see it (registered in _registry)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._declaration import FleetTarget, ListedOrder, ListingPage, ListingScope, Provider, by_api_url
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.client import HostUpClient
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.data import V1, V1_ACCOUNTS
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.modules import CONNECTION, RENEWAL
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.v1 import account_rows
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.wire import parse_day

NAME = 'hostup'


def order_params(order):
    return {'account_id': str(order['id'])}


def listed_account(row):
    """One row of the v1 account list as a ListedOrder (the next due date is the service's expiry)."""
    return ListedOrder(NAME, 'service', row.get('id'), parse_day(row.get('next_due')), row.get('status'),
                       description=row.get('domain') or row.get('label'))


def list_orders(section):
    """The account's services from the v1 account list (one call; v2 ids are not listed there)."""
    client = HostUpClient(PROVIDER.connection_params(section))
    try:
        for row in account_rows(client.read(V1, 'GET', V1_ACCOUNTS)):
            yield listed_account(row)
    finally:
        client.close()


def run_listing(params, orders, expiring_after):
    """The v1 account list, one call (services known by a v2 id are not on it: they are read one by one)."""

    def read_page(client, page):
        return ListingPage([listed_account(row) for row in account_rows(client.read(V1, 'GET', V1_ACCOUNTS))], last_page=1)
    return [ListingScope(V1_ACCOUNTS, lambda: HostUpClient(params), read_page)]


PROVIDER = Provider(
    NAME,
    'HostUp',
    targets={'service': FleetTarget('renewals.hosting.hostup_service_renewal', RENEWAL, order_params, by_api_url,
                                    {'account_id': 'id'})},
    connection=CONNECTION,
    list_orders=list_orders,
    run_listing=run_listing,
)
