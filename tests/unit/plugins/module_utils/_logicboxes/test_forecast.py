# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a forecast takes from a LogicBoxes listing: current actions as order ids (none trusted when one names no
order), domain prices from the catalogue read once, and NotTold for prices only an order's details tell."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._declaration import ListedOrder, NotTold
from ansible_collections.renewals.hosting.plugins.module_utils._errors import ProviderError
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.forecast import forecast_support, read_actions_page
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.funds import PRICES_DOCUMENT, account_of
from ansible_collections.renewals.hosting.plugins.module_utils._provider import TaskShare

PARAMS = {'api_url': 'https://reseller.example/api', 'auth_userid': '1001', 'api_key': 'k', 'timeout': 5,
          'validate_certs': True}
PRICES = {'cost': {'dotnet': {'renewdomain': {'1': '9.5'}}}, 'customer': {'dotnet': {'renewdomain': {'1': '12'}}},
          'currency': 'USD', 'available': 100.0}


class Pages:
    """A client whose one paged call answers the given rows (what LogicBoxesClient.page returns)."""

    def __init__(self, rows, last_page=1):
        self.rows, self.last_page = rows, last_page

    def page(self, path, page, page_size, filters=None):
        return self.rows, self.last_page


def test_current_actions_become_the_ids_of_their_orders():
    page = read_actions_page(Pages([{'entityid': '9000', 'eaqid': '1'}, {'entityid': 9001}], last_page=3), 1)
    assert page.in_flight_ids == {'9000', '9001'} and page.orders == [] and page.last_page == 3


def test_an_action_that_names_no_order_makes_the_page_fail():
    with pytest.raises(ProviderError, match='without its order'):
        read_actions_page(Pages([{'entityid': '9000'}, {'eaqid': '2'}]), 1)


def support():
    share = TaskShare()
    share.get(PRICES_DOCUMENT % account_of(PARAMS), lambda: PRICES)  # the catalogue as the run already read it
    return forecast_support(PARAMS, share)


def listed(service, productkey=None):
    return ListedOrder('logicboxes', service, 1, None, 'Active', details={'productkey': productkey})


def test_domains_are_priced_from_the_shared_catalogue_for_the_order_s_years():
    quote = support().quote(listed('domain', 'dotnet'), {'years': 2})
    assert (quote.amount, quote.currency, quote.customer_amount) == (19.0, 'USD', 24.0)
    assert support().quote(listed('domain', 'dotorg'), {'years': 1}) is None  # not in the catalogue: no price


def test_plan_priced_products_are_not_told_and_uncatalogued_ones_have_no_price():
    with pytest.raises(NotTold):
        support().quote(listed('dedicated_server_linux'), {'months': 1})
    assert support().quote(listed('backup'), {'months': 1}) is None
