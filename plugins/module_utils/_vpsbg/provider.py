# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: VPSBG as the fleet and the inventory plugin see it (registered in _registry)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._declaration import FleetTarget, ListedOrder, ListingPage, ListingScope, Provider, by_api_url
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.client import VpsbgClient, parse_time
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.data import SERVERS_PER_PAGE
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.modules import CONNECTION, SERVER_RENEWAL, SUPPORT_RENEWAL

NAME = 'vpsbg'


def server_params(order):
    return {'server_id': order['id'], 'billing_cycle': order.get('period')}


def support_params(order):
    return {'billing_cycle': order.get('period')}  # one support plan per account: the id only names the host


def listed_server(row):
    """One row of GET /v1/servers as a ListedOrder; ``in_flight`` when potential_expiry_at is past expiry_at (an
    unpaid or processing renew order)."""
    expires_at = parse_time(row.get('expiry_at'), 'expiry_at')
    potential = parse_time(row.get('potential_expiry_at'), 'potential_expiry_at')
    return ListedOrder(NAME, 'server', row.get('id'), expires_at, row.get('status'), period=row.get('billing_cycle'),
                       auto_renew=row.get('auto_renew'), description=row.get('hostname') or row.get('name'),
                       in_flight=bool(potential and expires_at and potential > expires_at))


def list_orders(section):
    """The account's servers, every page of GET /v1/servers (the support plan is one host per account, added by hand)."""
    client = VpsbgClient(PROVIDER.connection_params(section))
    try:
        for row in client.pages('servers', {}):
            yield listed_server(row)
    finally:
        client.close()


def run_listing(params, orders, expiring_after):
    """The servers, every page of GET /v1/servers (no expiry filter is documented); the support plan is read alone."""
    if not any(order['service'] == 'server' for order in orders):
        return []

    def read_page(client, page):
        rows, last, more = client.page('servers', {'per_page': SERVERS_PER_PAGE}, page)
        return ListingPage([listed_server(row) for row in rows], last_page=last, more=more)
    return [ListingScope('servers', lambda: VpsbgClient(params), read_page)]


PROVIDER = Provider(
    NAME,
    'VPSBG',
    targets={
        'server': FleetTarget('renewals.hosting.vpsbg_server_renewal', SERVER_RENEWAL, server_params, by_api_url,
                              {'server_id': 'id', 'billing_cycle': 'period'}),
        'support': FleetTarget('renewals.hosting.vpsbg_support_renewal', SUPPORT_RENEWAL, support_params, by_api_url,
                               {'billing_cycle': 'period'}),
    },
    connection=CONNECTION,
    list_orders=list_orders,
    run_listing=run_listing,
)
