# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""An inventory order becomes the provider module's options: precedence, validation, and what the ledger may keep."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError, RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.dispatch import check, identity, module_params, public_order, validate
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.host_vars import in_host_var_terms
from ansible_collections.renewals.hosting.plugins.module_utils._registry import target_for

CREDENTIALS = {'auth_userid': 1001, 'api_key': 'lb-key', 'api_url': 'http://127.0.0.1:1/api'}


def test_the_order_overrides_module_defaults_and_its_own_options_override_both():
    target = target_for('logicboxes', 'dedicated_server_linux')
    order = {'service': 'dedicated_server_linux', 'id': 5001, 'region': 'us', 'period': 12, 'renew_before_days': 10,
             'options': {'invoice_option': 'KeepInvoice', 'months': 6}}
    params = module_params(target, order, dict(CREDENTIALS, renew_before_days=30, months=1))
    assert params == dict(CREDENTIALS, product='dedicated_server_linux', order_id=5001, region='us', months=6,
                          renew_before_days=10, invoice_option='KeepInvoice')


def test_a_yearly_product_takes_the_period_in_years():
    params = module_params(target_for('logicboxes', 'domain'), {'service': 'domain', 'id': 1, 'period': 2}, {})
    assert params['years'] == 2 and 'months' not in params and 'region' not in params


def test_options_that_do_not_validate_name_the_host_var_and_the_module():
    target = target_for('vpsbg', 'server')
    with pytest.raises(RenewalError) as caught:
        validate(target, module_params(target, {'service': 'server', 'id': 'web-one'}, {'api_token': 't'}))
    assert caught.value.message.startswith("renewals.hosting.vpsbg_server_renewal: argument 'renewal_id (server_id)' is of type str")


def test_missing_credentials_name_the_environment_variables_and_the_awx_credential_type():
    target = target_for('logicboxes', 'domain')
    with pytest.raises(RenewalError) as caught:
        validate(target, module_params(target, {'service': 'domain', 'id': 1}, {}))
    assert caught.value.message == ('no LogicBoxes credentials: set LOGICBOXES_API_KEY and LOGICBOXES_AUTH_USERID (the AWX '
                                    'credential type "LogicBoxes API (renewals.hosting)" injects them), or module_defaults '
                                    'for group/renewals.hosting.logicboxes')


def test_a_period_out_of_range_names_renewal_period_the_unit_and_the_product():
    target = target_for('logicboxes', 'dedicated_server_linux')
    order = {'service': 'dedicated_server_linux', 'id': 6001, 'region': 'us', 'period': 500}
    params = validate(target, module_params(target, order, CREDENTIALS))[0]
    with pytest.raises(InputError) as caught:
        check(target, params, order)
    assert caught.value.message == ('renewal_period: must be between 1 and 120, got 500 '
                                    '(months of logicboxes_renewal dedicated_server_linux)')


def test_renew_order_validation_speaks_of_host_vars():
    said = in_host_var_terms(['missing required arguments: id, service',
                              "argument 'period' is of type str and we were unable to convert to int: 'x'",
                              'missing required arguments: currency found in price',
                              'value of provider must be one of: hostup, logicboxes, vpsbg, got: acme'])
    assert said[0].startswith('renewal_id, renewal_service not set for this host')
    assert said[1].startswith("argument 'renewal_period' is of type str")
    assert said[2:] == ['renewal_price: missing currency', 'value of renewal_provider must be one of: hostup, logicboxes, vpsbg, got: acme']


def test_the_ledger_never_stores_an_option_the_module_keeps_secret():
    target = target_for('hostup', 'service')
    stored = public_order(target, {'provider': 'hostup', 'service': 'service', 'id': '77',
                                   'options': {'api_key': 'hu-secret', 'pay_invoice': True}})
    assert stored == {'provider': 'hostup', 'service': 'service', 'id': '77', 'region': None, 'period': None,
                      'options': {'pay_invoice': True}}


def test_the_support_plan_is_one_order_per_account_whatever_id_a_host_names_it_by():
    target = target_for('vpsbg', 'support')
    keys = set()
    for order_id in ('support', 'plan', '77'):
        order = {'provider': 'vpsbg', 'service': 'support', 'id': order_id}
        params = validate(target, module_params(target, order, {'api_token': 'vpsbg-token'}))[0]
        keys.add(identity(target, params, order))
    assert len(keys) == 1
    server = target_for('vpsbg', 'server')
    orders = [{'provider': 'vpsbg', 'service': 'server', 'id': server_id} for server_id in (1, 2)]
    assert len(set(identity(server, validate(server, module_params(server, order, {'api_token': 't'}))[0], order)
                   for order in orders)) == 2
