# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A renewal's price from the catalogue layouts of products/*-price.json: every layout, strings and numbers, and no
price (with the reason) wherever the catalogue does not say it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.catalogue import Unpriced, renewal_price
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.data import PRODUCTS

CATALOGUE = {
    'dotnet': {'addnewdomain': {'1': '9.0'}, 'renewdomain': {'1': '9.5', '2': '19.0'}},
    'singledomainhostinglinuxus': {'singledomainhostinglinuxus': {'1': {'pricing': {'renew': 3.0, 'add': 3.0, 'ssl': 15.0}}}},
    'multidomainhostinglinuxus': {'2': {'renew': {'3': 4.0, '12': 3.5}, 'ssl': 20.0}},
    'dedicatedserverlinuxus': {'addons': {'cpanel': 15.0}, 'plans': {'105': {'renew': {'1': 80.0, '3': 78.0, '12': 75.0}}}},
    'eeliteus': {'email_account_ranges': {'1-5': {'renew': {'1': 1.0, '12': 0.9}}, '6-25': {'renew': {'1': '0.8'}}}},
}


def price(product, details, period, extra=0):
    return renewal_price(CATALOGUE, PRODUCTS[product], details, period, extra)


def test_domains_are_priced_per_year_from_the_one_year_price():
    assert price('domain', {'productkey': 'dotnet'}, 2) == 19.0
    assert price('domain', {'productkey': 'dotnet'}, 3) == 28.5


def test_servers_pay_the_tenure_price_per_month_and_the_largest_listed_tenure_below_the_period():
    details = {'productkey': 'dedicatedserverlinuxus', 'planid': '105'}
    assert price('dedicated_server_linux', details, 1) == 80.0
    assert price('dedicated_server_linux', details, 6) == 468.0   # 6 months at the 3-month price
    assert price('dedicated_server_linux', details, 12) == 900.0


def test_hosting_reads_both_layouts():
    assert price('single_domain_hosting_linux', {'productkey': 'singledomainhostinglinuxus', 'planid': '1'}, 3) == 9.0
    assert price('multi_domain_hosting_linux', {'productkey': 'multidomainhostinglinuxus', 'planid': '2'}, 12) == 42.0


def test_email_is_priced_per_account_in_the_band_of_the_current_count():
    assert price('business_email', {'productkey': 'eeliteus', 'emailaccounts': 5}, 12) == 54.0
    assert price('business_email', {'productkey': 'eeliteus', 'emailaccounts': 5}, 1, extra=2) == 7.0
    assert price('business_email', {'productkey': 'eeliteus', 'emailaccounts': '10'}, 1) == 8.0


@pytest.mark.parametrize('product, details, why', [
    ('codeguard', {'productkey': 'codeguard'}, 'publishes no catalogue price for codeguard'),
    ('dedicated_server_linux', {'productkey': 'dedicatedserverlinuxus'}, 'no planid'),
    ('dedicated_server_linux', {'productkey': 'vpslinuxus', 'planid': '1'}, 'the catalogue has no entry > vpslinuxus'),
    ('dedicated_server_linux', {'planid': '1'}, 'no productkey'),
    ('business_email', {'productkey': 'eeliteus'}, 'no account count'),
    ('business_email', {'productkey': 'eeliteus', 'emailaccounts': 30}, 'no band for 30 accounts'),
])
def test_what_the_catalogue_does_not_say_is_unpriced_with_the_reason(product, details, why):
    with pytest.raises(Unpriced) as caught:
        price(product, details, 1)
    assert why in str(caught.value)


def test_malformed_amounts_are_never_guessed():
    broken = {'dotnet': {'renewdomain': {'1': 'n/a'}}, 'dedicatedserverlinuxus': {'plans': {'105': {'renew': {'3': 5}}}}}
    with pytest.raises(Unpriced, match="is not an amount"):
        renewal_price(broken, PRODUCTS['domain'], {'productkey': 'dotnet'}, 1)
    with pytest.raises(Unpriced, match='no tenure of 1 months or less'):
        renewal_price(broken, PRODUCTS['dedicated_server_linux'], {'productkey': 'dedicatedserverlinuxus', 'planid': '105'}, 1)
    with pytest.raises(Unpriced, match='not a JSON object'):
        renewal_price(['x'], PRODUCTS['domain'], {'productkey': 'dotnet'}, 1)
