# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the LogicBoxes product table.

Every per-product difference (path, regions, id parameter, period unit, extra
parameters) is data here, so the client has no product branches. Sources are in
docs/logicboxes.md; rows marked UNCONFIRMED there are assumptions from the API
reference, kept here and nowhere else.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._errors import (
    AlreadyPendingError,
    AlreadyRenewedError,
    AuthError,
    NotFoundError,
)

MONTHS = 'months'
YEARS = 'years'

# Renewal period limits (unconfirmed upper bounds: the KB gives none; 10 years is the registry maximum).
PERIOD_RANGE = {MONTHS: (1, 120), YEARS: (1, 10)}

# Extra renew parameters a product accepts: module option -> wire name.
EMAIL_EXTRAS = {'no_of_accounts': 'no-of-accounts', 'no_of_storage5_blocks': 'no-of-storage5-blocks'}


class Product:
    def __init__(self, key, path, regions=None, id_param='order-id', period=MONTHS, period_required=True,
                 auto_renew=True, exp_date=False, extras=None, details_options=None, catalogue=None):
        self.key = key
        self.path = path                          # may contain {region}
        self.regions = regions                    # None: the product has no region
        self.id_param = id_param
        self.period = period                      # MONTHS or YEARS
        self.period_required = period_required    # False: period sent only when the user sets it
        self.auto_renew = auto_renew              # the renew call accepts auto-renew
        self.exp_date = exp_date                  # compare-and-set on the current expiry (domains)
        self.extras = extras or {}
        self.details_options = details_options    # details.json needs options=... (domains)
        self.catalogue = catalogue                # layout of its products/*-price.json entry; None: not listed

    def base_path(self, region):
        return self.path.format(region=region) if self.regions else self.path


_HOSTING_REGIONS = ('us', 'in')

# Layouts of products/reseller-cost-price.json and customer-price.json (reference section 7.5). The entry is found
# under the order's ``productkey`` (details.json); servers, VPS and hosting pick their plan by ``planid``, email by
# the account band that holds ``emailaccounts``. Backup, SiteLock, CodeGuard and SSL have no known layout.
DOMAIN_PRICES = 'domain'      # productkey -> renewdomain -> years
HOSTING_PRICES = 'hosting'    # cost: productkey -> productkey -> plan -> pricing -> renew; customer: productkey -> plan -> renew -> months
SERVER_PRICES = 'server'      # productkey -> plans -> plan -> renew -> months (cost layout UNCONFIRMED: assumed the same)
EMAIL_PRICES = 'email'        # productkey -> email_account_ranges -> "1-5" -> renew -> months (cost layout UNCONFIRMED: the same)

PRODUCTS = dict((product.key, product) for product in (
    Product('domain', 'domains', period=YEARS, exp_date=True, details_options='OrderDetails', catalogue=DOMAIN_PRICES),
    Product('dedicated_server_linux', 'dedicatedserver/linux/{region}', regions=('us', 'in'), catalogue=SERVER_PRICES),
    Product('managed_server_linux', 'managedserver/linux/{region}', regions=('us',), catalogue=SERVER_PRICES),
    Product('vps_linux', 'virtualserver/linux/{region}', regions=('us', 'in'), catalogue=SERVER_PRICES),
    Product('cloud_hosting', 'cloudsites/linux/{region}', regions=('us', 'in'), auto_renew=False, catalogue=HOSTING_PRICES),
    Product('single_domain_hosting_linux', 'singledomainhosting/linux/{region}', regions=_HOSTING_REGIONS, catalogue=HOSTING_PRICES),
    Product('single_domain_hosting_windows', 'singledomainhosting/windows/{region}', regions=_HOSTING_REGIONS, catalogue=HOSTING_PRICES),
    Product('multi_domain_hosting_linux', 'multidomainhosting/linux/{region}', regions=('us', 'uk'), catalogue=HOSTING_PRICES),
    Product('multi_domain_hosting_windows', 'multidomainhosting/windows/{region}', regions=_HOSTING_REGIONS, catalogue=HOSTING_PRICES),
    Product('reseller_hosting_linux', 'resellerhosting/linux/{region}', regions=_HOSTING_REGIONS, catalogue=HOSTING_PRICES),
    Product('reseller_hosting_windows', 'resellerhosting/windows/{region}', regions=_HOSTING_REGIONS, catalogue=HOSTING_PRICES),
    Product('backup', 'backup/{region}', regions=('us', 'asia'), id_param='backup-order-id'),
    Product('business_email', 'eelite/{region}', regions=('us',), extras=EMAIL_EXTRAS, catalogue=EMAIL_PRICES),
    Product('enterprise_email', 'enterpriseemail/{region}', regions=('us',), extras=EMAIL_EXTRAS, catalogue=EMAIL_PRICES),
    Product('sitelock', 'sitelock', period_required=False),
    Product('codeguard', 'codeguard'),
    Product('ssl', 'sslcert', auto_renew=False),
))

# The inventory plugin's renewal_period for a product when its section sets none: the order lists tell no term.
# In the product's own unit (domains in years). A collection default, not a LogicBoxes fact; docs/logicboxes.md lists it.
DEFAULT_RENEWAL_PERIODS = {
    'domain': 1,
    'dedicated_server_linux': 12,
    'managed_server_linux': 12,
    'vps_linux': 1,
    'cloud_hosting': 12,
    'single_domain_hosting_linux': 12,
    'single_domain_hosting_windows': 12,
    'multi_domain_hosting_linux': 12,
    'multi_domain_hosting_windows': 12,
    'reseller_hosting_linux': 12,
    'reseller_hosting_windows': 12,
    'backup': 12,
    'business_email': 12,
    'enterprise_email': 12,
    'sitelock': 12,
    'codeguard': 12,
    'ssl': 12,
}

INVOICE_OPTIONS = ('NoInvoice', 'PayInvoice', 'KeepInvoice', 'OnlyAdd')

WHITELIST_HINT = ('the API refused this client: check the credentials, and that the calling IP address is on the '
                  "reseller's API whitelist (control panel: Settings > API; a new entry takes up to an hour)")

# Error messages mapped to outcomes, matched by prefix. Everything else is a plain ProviderError.
KNOWN_MESSAGES = (
    ('There is already an action pending', AlreadyPendingError),
    ('Domain already renewed', AlreadyRenewedError),
    ('No Entity found for Entityid', NotFoundError),
    ("Website doesn't exist for", NotFoundError),
    ('Invalid credentials', AuthError),
    ('Access Denied', AuthError),
)

NOT_RENEWABLE_STATUSES = ('Deleted', 'Archived', 'Pending Delete Restorable')
CURRENT_ACTIONS = 'actions/search-current.json'   # queued actions; with no order-id, every one of the account's
CURRENT_ACTIONS_PAGE_SIZE = 500   # UNCONFIRMED: the largest page search-current.json serves (search.json's 500 assumed)
EXECUTED_STATUS = 'Success'

# -- prices and funds (reference sections 7.5 and 7.6) ------------------------------------------------------
RESELLER_COST_PRICES = 'products/reseller-cost-price.json'   # what the reseller pays: debited from its balance
CUSTOMER_PRICES = 'products/customer-price.json'             # what a customer invoice bills
RESELLER_BALANCE = 'billing/reseller-balance.json'
CUSTOMER_BALANCE = 'billing/customer-balance.json'
CUSTOMER_PAY = 'billing/customer-pay.json'   # pays invoices from the customer's balance (reference section 8.3)
PAYABLE_INVOICE_OPTIONS = ('PayInvoice', 'OnlyAdd')   # the renewal waits for its invoice: pay_invoice pays it
# UNCONFIRMED: a domain's renewdomain value is read as the price of one year (value["1"] x years, the conservative
# reading where catalogues differ); a period between two listed tenures pays the largest listed tenure below it;
# email prices are per account per month; the spendable balance is the balance less the locked part.
DOMAIN_PRICE_TENURE = '1'
