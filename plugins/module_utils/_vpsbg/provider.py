# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: VPSBG as the fleet and the inventory plugin see it (registered in _registry)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._declaration import FleetTarget, ListedOrder, Provider, by_api_url
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.client import VpsbgClient, parse_time
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.modules import CONNECTION, SERVER_RENEWAL, SUPPORT_RENEWAL

NAME = 'vpsbg'


def server_params(order):
    return {'server_id': order['id'], 'billing_cycle': order.get('period')}


def support_params(order):
    return {'billing_cycle': order.get('period')}  # one support plan per account: the id only names the host


def list_orders(section):
    """The account's servers, every page of GET /v1/servers (the support plan is one host per account, added by hand)."""
    client = VpsbgClient(PROVIDER.connection_params(section))
    try:
        for row in client.pages('servers', {}):
            yield ListedOrder(NAME, 'server', row.get('id'), parse_time(row.get('expiry_at'), 'expiry_at'), row.get('status'),
                              period=row.get('billing_cycle'), auto_renew=row.get('auto_renew'),
                              description=row.get('hostname') or row.get('name'))
    finally:
        client.close()


PROVIDER = Provider(
    NAME,
    'VPSBG',
    targets={
        'server': FleetTarget('renewals.hosting.vpsbg_server_renewal', SERVER_RENEWAL, server_params, by_api_url,
                              {'server_id': 'id', 'billing_cycle': 'period'}, pay_option='pay'),
        'support': FleetTarget('renewals.hosting.vpsbg_support_renewal', SUPPORT_RENEWAL, support_params, by_api_url,
                               {'billing_cycle': 'period'}, pay_option='pay'),
    },
    connection=CONNECTION,
    list_orders=list_orders,
)
