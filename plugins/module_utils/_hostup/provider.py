# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: HostUp as the fleet and the inventory plugin see it (registered in _registry)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._declaration import (
    FleetTarget,
    ListedOrder,
    ListingPage,
    ListingScope,
    Provider,
    by_api_url,
    configured_periods,
    renewal_period,
)
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.client import HostUpClient
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.data import V1, V1_ACCOUNTS
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.modules import CONNECTION, RENEWAL
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.service import due_moved_ahead
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.v1 import account_rows
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.wire import cycle_key, cycle_months, parse_day

NAME = 'hostup'


def order_params(order):
    return {'account_id': str(order['id'])}


def listed_account(row, period=None):
    """One row of the v1 account list as a ListedOrder (the next due date is the service's expiry). A due date moved
    past the paid period means a renewal invoice may wait for payment: in flight, so a run reads the account alone."""
    next_due = parse_day(row.get('next_due'))
    return ListedOrder(NAME, 'service', row.get('id'), next_due, row.get('status'), period=period,
                       description=row.get('domain') or row.get('label'),
                       in_flight=due_moved_ahead(next_due, parse_day(row.get('expires'))))


def list_orders(section):
    """The account's services from the v1 account list (one call).

    renewal_period is the section's ``periods`` for ``service``, else the row's billing cycle in months (informational:
    HostUp renews a service for its own cycle). v2 ids are not listed: neither API tells how its ids map to the other's.
    """
    periods = configured_periods(section, NAME, PROVIDER.targets)
    client = HostUpClient(PROVIDER.connection_params(section))
    try:
        for row in account_rows(client.read(V1, 'GET', V1_ACCOUNTS)):
            yield listed_account(row, period=renewal_period(periods, 'service', cycle_months(cycle_key(row.get('billingcycle')))))
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
