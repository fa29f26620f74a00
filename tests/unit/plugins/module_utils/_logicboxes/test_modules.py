# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad input fails before any API call, naming the option."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.modules import RENEWAL
from ansible_collections.renewals.hosting.plugins.module_utils._runner import execute


def params(**overrides):
    base = dict(auth_userid=1001, api_key='lb-secret-key', api_url='https://httpapi.com/api', timeout=30.0,
                validate_certs=True, ca_path=None, product='dedicated_server_linux', region='us', order_id=5001,
                months=None, years=None, invoice_option='NoInvoice', discount_amount=None, auto_renew=None,
                no_of_accounts=None, no_of_storage5_blocks=None, renew_before_days=30, force=False, max_price=None,
                max_retries=1)
    base.update(overrides)
    return base


@pytest.mark.parametrize('overrides,option', [
    (dict(region='asia'), 'region'),
    (dict(region=None), 'region'),
    (dict(product='domain', region='us'), 'region'),
    (dict(product='backup', region='in'), 'region'),
    (dict(product='business_email', region='in'), 'region'),
    (dict(months=0), 'months'),
    (dict(months=121), 'months'),
    (dict(years=1), 'years'),
    (dict(product='domain', region=None, years=11), 'years'),
    (dict(product='domain', region=None, months=12), 'months'),
    (dict(order_id=0), 'order_id'),
    (dict(order_id=-5), 'order_id'),
    (dict(auth_userid=0), 'auth_userid'),
    (dict(api_key=''), 'api_key'),
    (dict(api_key='key\n'), 'api_key'),
    (dict(api_url='httpapi.com/api'), 'api_url'),
    (dict(api_url='ftp://httpapi.com/api'), 'api_url'),
    (dict(api_url='https://user:pw@httpapi.com/api'), 'api_url'),
    (dict(api_url='https://httpapi.com/api?api-key=x'), 'api_url'),
    (dict(timeout=0), 'timeout'),
    (dict(renew_before_days=-1), 'renew_before_days'),
    (dict(max_price=-1.0), 'max_price'),
    (dict(max_retries=9), 'max_retries'),
    (dict(product='ssl', region=None, auto_renew=True), 'auto_renew'),
    (dict(no_of_accounts=2), 'no_of_accounts'),
    (dict(product='business_email', no_of_accounts=0), 'no_of_accounts'),
    (dict(discount_amount=-2.0), 'discount_amount'),
])
def test_bad_input_names_the_option_and_calls_nothing(overrides, option):
    def no_api(_params):
        raise AssertionError('an API client was built for bad input')

    spec = RENEWAL.__class__(RENEWAL.argument_spec, RENEWAL.check, no_api, RENEWAL.kind)
    result = execute(spec, params(**overrides), check_mode=False, diff=False)
    assert result['failed'] and result['error']['code'] == 'invalid_input'
    assert result['error']['option'] == option and result['msg'].startswith(option + ':')
    assert 'lb-secret-key' not in repr(result)


def test_good_input_passes():
    RENEWAL.check(params())
    RENEWAL.check(params(product='domain', region=None, years=10))
    RENEWAL.check(params(product='business_email', no_of_accounts=3))
    with pytest.raises(InputError):
        RENEWAL.check(params(product='domain', region=None, years=0))
