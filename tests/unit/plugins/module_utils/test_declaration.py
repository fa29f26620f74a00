# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an inventory section says about renewal periods, and the order in which a listed order's period is chosen."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._declaration import configured_periods, renewal_period
from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.data import DEFAULT_RENEWAL_PERIODS, PRODUCTS, YEARS


def test_the_configured_period_comes_first_then_the_current_term_then_the_default():
    periods = configured_periods({'periods': {'support': 6}}, 'vpsbg', ('server', 'support'))
    assert renewal_period(periods, 'support', term=12, default=1) == 6
    assert renewal_period(periods, 'server', term=3, default=1) == 3
    assert renewal_period(periods, 'server', default=12) == 12
    assert renewal_period(periods, 'server') is None


@pytest.mark.parametrize('periods,words', [
    ('12', 'must be a mapping'),
    ({'servers': 3}, "vpsbg has no 'servers'; known: server, support"),
    ({'server': 0}, 'server: must be a whole number of 1 or more, got 0'),
    ({'server': True}, 'server: must be a whole number'),
    ({'server': '3'}, 'server: must be a whole number'),
])
def test_a_bad_periods_setting_names_the_option(periods, words):
    with pytest.raises(InputError) as caught:
        configured_periods({'periods': periods}, 'vpsbg', ('server', 'support'))
    assert caught.value.message.startswith('providers.vpsbg.periods: ') and words in caught.value.message


def test_every_logicboxes_product_has_a_default_period_within_its_unit():
    assert set(DEFAULT_RENEWAL_PERIODS) == set(PRODUCTS)
    assert DEFAULT_RENEWAL_PERIODS['domain'] == 1 and PRODUCTS['domain'].period == YEARS
    assert DEFAULT_RENEWAL_PERIODS['dedicated_server_linux'] == 12
