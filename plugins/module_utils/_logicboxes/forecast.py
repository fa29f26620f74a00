# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: what a forecast takes from a LogicBoxes account's listing (ForecastSupport).

The search rows tell expiry, status and product key, not what is in flight: the account's current actions are listed
too (actions/search-current.json, every page), and an order with one is read alone. Domains are priced from the
catalogue (read once per account, shared with the orders read alone); the other products' prices depend on the
order's plan or account count, which only its details tell, so they are read alone.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._declaration import ForecastSupport, ListingPage, ListingScope, NotTold
from ansible_collections.renewals.hosting.plugins.module_utils._errors import ProviderError
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.catalogue import priced
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.client import LogicBoxesClient
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.data import (
    CURRENT_ACTIONS,
    CURRENT_ACTIONS_PAGE_SIZE,
    DOMAIN_PRICES,
    PRODUCTS,
)
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.funds import PRICES_DOCUMENT, account_of, account_prices


def read_actions_page(client, page):
    """One page of the account's current actions as the ids of the orders they are for."""
    rows, last_page = client.page(CURRENT_ACTIONS, page, CURRENT_ACTIONS_PAGE_SIZE)
    ids = [row.get('entityid') for row in rows]
    if any(order_id in (None, '') for order_id in ids):  # an action for an order it does not name: trust no row
        raise ProviderError('LogicBoxes listed a current action without its order (entityid) on page %d' % page)
    return ListingPage([], last_page=last_page, in_flight_ids=ids)


def forecast_support(params, share):
    """The account's current actions as a listing, and domain prices from the account's catalogue."""

    def prices():
        client = LogicBoxesClient(params)
        try:
            return account_prices(client, params['auth_userid'])
        finally:
            client.close()

    def quote(listed, order_params):
        product = PRODUCTS[listed.service]
        if product.catalogue is None:
            return None  # no catalogue layout: the order's own read tells no price either
        if product.catalogue != DOMAIN_PRICES:
            raise NotTold('its price depends on its plan or account count (details)')
        period = order_params.get(product.period) or 1
        return priced(share.get(PRICES_DOCUMENT % account_of(params), prices), product, listed.details, period)[0]

    actions = ListingScope(CURRENT_ACTIONS, lambda: LogicBoxesClient(params), read_actions_page)
    return ForecastSupport([actions], quote)
