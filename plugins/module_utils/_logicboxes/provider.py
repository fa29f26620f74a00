# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: LogicBoxes as the fleet and the inventory plugin see it (registered in _registry)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._dates import from_epoch, to_epoch
from ansible_collections.renewals.hosting.plugins.module_utils._declaration import (
    ANY_SERVICE,
    FleetTarget,
    ListedOrder,
    ListingPage,
    ListingScope,
    Provider,
    configured_periods,
    renewal_period,
)
from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError, RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.catalogue import priced
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.client import LogicBoxesClient
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.data import DEFAULT_RENEWAL_PERIODS, DOMAIN_PRICES, PRODUCTS
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.funds import account_of, account_prices
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.forecast import forecast_support
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.modules import CONNECTION, RENEWAL
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.service import not_renewable_reason
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.wire import to_bool

NAME = 'logicboxes'


def order_params(order):
    """An inventory order as logicboxes_renewal options: the period goes to the product's own unit (months or years)."""
    params = {'product': order['service'], 'order_id': order['id'], 'region': order.get('region')}
    product = PRODUCTS.get(order['service'])
    if product is not None and order.get('period') is not None:
        params[product.period] = order['period']
    return params


def products_listed(section):
    """(product, region, period) for each product an inventory section lists: a key (all its regions) or a dict."""
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


def listed_price(client, prices, product, region, row, period):
    """The renewal's reseller cost for the inventory's renewal_price, or None. Domains are priced from the search row
    (its product key); other products need the order's plan or account count, so their details are read."""
    if prices.get('error') or product.catalogue is None:
        return None
    order_id = row.get('orders.orderid') or row.get('entity.entityid')
    details = {'productkey': row.get('entitytype.entitytypekey')}
    if product.catalogue != DOMAIN_PRICES:
        query = {product.id_param: order_id}
        try:
            details = client.get(product.base_path(region) + '/details.json', query)
        except RenewalError:
            return None  # the run reads the order again and prices it there, or says why not
    quote = priced(prices, product, details if isinstance(details, dict) else {}, period or 1)[0]
    return None if quote is None else {'amount': quote.amount, 'currency': quote.currency}


def listed_order(row, product, region=None, period=None, price=None):
    """One search.json row as a ListedOrder (no expiry when the row lacks orders.endtime)."""
    endtime = row.get('orders.endtime')
    order_id = row.get('orders.orderid') or row.get('entity.entityid')
    status = row.get('entity.currentstatus')
    reason = not_renewable_reason(order_id, status)
    return ListedOrder(NAME, product.key, order_id,
                       from_epoch(endtime) if endtime not in (None, '') else None, status,
                       region=region, period=period, auto_renew=to_bool(row.get('orders.autorenew')),
                       description=row.get('entity.description'), price=price, renewable=reason is None,
                       not_renewable_reason=reason, details={'productkey': row.get('entitytype.entitytypekey')})


def list_orders(section):
    """Every order of the listed products, page by page (<product>/search.json), priced from the catalogue (read once).

    The lists tell no term: renewal_period is the product's ``period``, else the section's ``periods``, else the
    product's default (DEFAULT_RENEWAL_PERIODS).
    """
    periods = configured_periods(section, NAME, PRODUCTS)
    wanted = list(products_listed(section))  # a product or region the section gets wrong fails before any call
    client = LogicBoxesClient(PROVIDER.connection_params(section))
    try:
        prices = account_prices(client, client.auth_userid)
        for product, region, period in wanted:
            period = period or renewal_period(periods, product.key, default=DEFAULT_RENEWAL_PERIODS.get(product.key))
            for row in client.search_orders(product.base_path(region)):
                yield listed_order(row, product, region, period, price=listed_price(client, prices, product, region, row, period))
    finally:
        client.close()


def run_listing(params, orders, expiring_after):
    """One scope per product path (product and region) the run's orders name, filtered to orders expiring after
    ``expiring_after`` (expiry-date-start): the due ones are read one by one anyway, so their rows need no page."""
    filters = {'expiry-date-start': to_epoch(expiring_after)} if expiring_after is not None else {}
    paths = sorted(set((order['service'], order.get('region') or None) for order in orders if order['service'] in PRODUCTS))
    scopes = []
    for key, region in paths:
        product = PRODUCTS[key]
        if product.regions and region not in product.regions:
            continue  # the order's own read names the mistake
        scopes.append(_scope(params, product, region, filters))
    return scopes


def _scope(params, product, region, filters):
    base = product.base_path(region)

    def read_page(client, page):
        rows, last_page = client.search_page(base, page, filters=filters)
        return ListingPage([listed_order(row, product, region) for row in rows], last_page=last_page)
    return ListingScope('%s/search.json' % base, lambda: LogicBoxesClient(params), read_page)


PROVIDER = Provider(
    NAME,
    'LogicBoxes',
    targets={ANY_SERVICE: FleetTarget('renewals.hosting.logicboxes_renewal', RENEWAL, order_params, account_of,
                                      {'product': 'service', 'order_id': 'id', 'region': 'region', 'months': 'period',
                                       'years': 'period'})},
    connection=CONNECTION,
    list_orders=list_orders,
    run_listing=run_listing,
    forecast=forecast_support,
)
