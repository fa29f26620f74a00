# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: VPSBG as the fleet and the inventory plugin see it (registered in _registry)."""

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
from ansible_collections.renewals.hosting.plugins.module_utils._errors import ProviderError
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.client import VpsbgClient, as_int, parse_time
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.data import SERVERS_PER_PAGE
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.modules import CONNECTION, SERVER_RENEWAL, SUPPORT_RENEWAL
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.support import NO_SUPPORT_PLAN, VpsbgSupport

NAME = 'vpsbg'


def server_params(order):
    return {'server_id': order['id'], 'billing_cycle': order.get('period')}


def support_params(order):
    return {'billing_cycle': order.get('period')}  # one support plan per account: the id (its service id) names it


def listed_server(row, period=None):
    """One row of GET /v1/servers as a ListedOrder; ``in_flight`` when potential_expiry_at is past expiry_at (an
    unpaid or processing renew order)."""
    expires_at = parse_time(row.get('expiry_at'), 'expiry_at')
    potential = parse_time(row.get('potential_expiry_at'), 'potential_expiry_at')
    return ListedOrder(NAME, 'server', row.get('id'), expires_at, row.get('status'), period=period or row.get('billing_cycle'),
                       auto_renew=row.get('auto_renew'), description=row.get('hostname') or row.get('name'),
                       in_flight=bool(potential and expires_at and potential > expires_at))


def list_orders(section):
    """The account's servers, every page of GET /v1/servers, then its support plan (``support_plan: false`` skips it).

    renewal_period is the section's ``periods`` for the service, else the current term: a server's billing cycle,
    the support plan's cycle in its last paid order.
    """
    periods = configured_periods(section, NAME, PROVIDER.targets)
    client = VpsbgClient(PROVIDER.connection_params(section))
    try:
        for row in client.pages('servers', {}):
            yield listed_server(row, period=renewal_period(periods, 'server', as_int(row.get('billing_cycle'))))
        if section.get('support_plan', True):
            plan = support_plan(client)
            if plan is not None:
                plan.period = renewal_period(periods, 'support', plan.period)
                yield plan
    finally:
        client.close()


def support_plan(client):
    """The account's support plan as one listed order (id: its service id), or None when no paid support order exists."""
    try:
        state = VpsbgSupport(client, {}).read_state()
    except ProviderError as error:
        if error.code == NO_SUPPORT_PLAN:
            return None
        raise
    return ListedOrder(NAME, 'support', state.service_id, state.expires_at, state.status, period=state.extra['billing_cycle'],
                       description=state.extra['plan'])


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
                              {'server_id': 'id', 'billing_cycle': 'period'}, pay_option='pay'),
        'support': FleetTarget('renewals.hosting.vpsbg_support_renewal', SUPPORT_RENEWAL, support_params, by_api_url,
                               {'billing_cycle': 'period'}, one_per_account=True, pay_option='pay'),
    },
    connection=CONNECTION,
    list_orders=list_orders,
    run_listing=run_listing,
)
