# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: VPSBG API facts as data.

The API is marked beta ("changes might occur without prior notice"), so every path, enum string and
limit the VPSBG modules rely on is here, and nowhere else. Entries marked UNCONFIRMED are assumptions;
docs/vpsbg.md lists them with their sources.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DEFAULT_API_URL = 'https://api.vpsbg.eu/v1'
API_VERSION = 'v1'   # every documented path is under /v1; another version segment in api_url is a mistake
PROVIDER = 'VPSBG'

BILLING_CYCLES = (1, 3, 6, 12, 24)  # months, from the renew, calculate and change-period documentation

# -- orders ---------------------------------------------------------------------------
OPEN_ORDER_STATUSES = ('awaiting_payment', 'processing')
# Always sent explicitly: the documented default filter ("pending_payment,paid") names a status no order has.
OPEN_ORDER_FILTER = ','.join(OPEN_ORDER_STATUSES)
PAID_ORDER_STATUS = 'paid'
RENEW_ORDER_TYPE = 'renew-service'
# Orders whose support line records a paid support period (UNCONFIRMED: the purchase and renewal types).
SUPPORT_PERIOD_ORDER_TYPES = ('new-service', 'renew-service', 'combined')
# `services[].service_type` of a server and of the support plan in renew orders (UNCONFIRMED: the enum lists both).
SERVER_SERVICE_TYPE = 'server'
SUPPORT_SERVICE_TYPE = 'support'
# The documented per_page maximum of the server list (1-50); the order list is assumed to take the same (UNCONFIRMED).
ORDERS_PER_PAGE = 50
SERVERS_PER_PAGE = 50      # the run's listing of GET /v1/servers; assumed to share the orders' maximum [unconfirmed]
MAX_PAGES = 20            # 1000 rows per listing read whole; more fails loudly rather than guessing
# The paid orders are paged until the newest support order: up to 50,000 orders, then it fails rather than guess.
# UNCONFIRMED: the order list is newest first and order ids grow with creation time (the reference shows neither;
# OrderBook.paid_rows fails on an id out of order, since the reader stops at the first support order it meets).
MAX_PAID_ORDER_PAGES = 1000
# What is remembered of the support plan across runs (the fleet's state): the format's version, and how old a paid
# order must be before a later run trusts that it was checked (an order created during a run may be paid after
# that run listed the paid orders; orders newer than this are checked again).
SUPPORT_MEMORY_VERSION = 1
SUPPORT_MEMORY_RECHECK_SECONDS = 3600

# -- server renew call (UNCONFIRMED) ----------------------------------------------------
# The "Renew server" page has not been read. These are the two candidate shapes, tried in this order.
# A 404/405 answer means the API has no such route, so nothing happened and the next shape is tried.
# Once the live page is checked, keep only the right one.
SERVER_RENEW_CALLS = (
    # POST /v1/servers/renew {"server_ids": [id], "billing_cycle": n, "promo_code"?}: mirrors renew/calculate
    {'path': 'servers/renew', 'server_ids_in_body': True},
    # POST /v1/servers/{id}/renew {"billing_cycle": n, "promo_code"?}
    {'path': 'servers/{server_id}/renew', 'server_ids_in_body': False},
)
ROUTE_MISSING_STATUSES = (404, 405)

# -- servers ---------------------------------------------------------------------------
NOT_RENEWABLE_STATUSES = ('terminated',)   # billing status; suspended servers are renewed to reactivate them

# -- money -----------------------------------------------------------------------------
CURRENCY = 'EUR'   # UNCONFIRMED for quotes and orders: they carry no currency; GET /v1/balance reports EUR
BALANCE_PATH = 'balance'
AWAITING_PAYMENT_STATUS = 'awaiting_payment'
# UNCONFIRMED: "Pay orders" is only a menu item in the reference; POST /v1/orders/pay {order_ids, payment_method}
# is its likely shape. Only the balance can pay through the API (cards and transfers need the panel).
PAY_ORDERS_PATH = 'orders/pay'
PAYMENT_METHOD = 'balance'

# -- transport -------------------------------------------------------------------------
# 423 Locked ("resource locked at the moment") is a refusal before anything happened: wait and retry,
# this many times with these waits in seconds, then fail.
LOCKED_WAITS = (1.0, 2.0, 4.0)

# Request fields named by 422 validation errors -> the module option to blame.
FIELD_OPTIONS = {
    'billing_cycle': 'billing_cycle',
    'promo_code': 'promo_code',
    'server_ids': 'server_id',
    'server': 'server_id',
}
