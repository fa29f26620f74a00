# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The run's settings: checked once, errors naming the role variable, an empty budget meaning none."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.settings import run_settings


@pytest.mark.parametrize('budget', [{}, '', None, '{}'])
def test_an_empty_budget_is_no_budget(budget):
    assert run_settings({'budget': budget})['budget'] == {}


def test_a_budget_as_json_text_is_read_and_currencies_are_upper_case():
    assert run_settings({'budget': '{"usd": "35", "EUR": 12.5}'})['budget'] == {'USD': 35.0, 'EUR': 12.5}


@pytest.mark.parametrize('settings,message', [
    ({'budget': 500}, 'renew_orders_budget: must be a mapping like {"EUR": 500}, or empty for none; got 500'),
    ({'budget': 'lots'}, "renew_orders_budget: must be a mapping like {\"EUR\": 500}, or empty for none; got 'lots'"),
    ({'budget': {'USD': 'abc'}}, "renew_orders_budget: the USD budget must be a non-negative amount, got 'abc'"),
    ({'budget': {'USD': -1}}, 'renew_orders_budget: the USD budget must be a non-negative amount, got -1'),
    ({'renew_before_days': -5}, 'renew_orders_before_days: must be 0 or more, got -5'),
    ({'max_price': -0.5}, 'renew_orders_max_price: must be 0 or more, got -0.5'),
    ({'concurrency': {'acme': 2}}, "renew_orders_concurrency: unknown provider 'acme'; known: hostup, logicboxes, vpsbg"),
    ({'concurrency': {'hostup': 0}}, 'renew_orders_concurrency: the hostup concurrency must be a whole number of 1 or more, got 0'),
])
def test_a_wrong_setting_names_the_role_variable(settings, message):
    with pytest.raises(InputError) as caught:
        run_settings(settings)
    assert caught.value.message == message
