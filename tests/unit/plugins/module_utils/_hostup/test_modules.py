# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad HostUp input fails before any API call, naming the option; good ids pick the right API."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._hostup.data import V2_HOSTING, V2_VPS
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.modules import INFO, RENEWAL, api_of
from ansible_collections.renewals.hosting.plugins.module_utils._runner import execute


def params(**overrides):
    base = dict(api_key='hu-secret-key', api_url='https://cloud.hostup.se/api', timeout=30.0, validate_certs=True, ca_path=None,
                account_id='20000', renew_before_days=30, force=False, max_price=None, max_retries=1, pay_invoice=False)
    base.update(overrides)
    return base


@pytest.mark.parametrize('overrides,option', [
    (dict(account_id='abc'), 'account_id'),
    (dict(account_id='0'), 'account_id'),
    (dict(account_id='-5'), 'account_id'),
    (dict(account_id='20000/../1'), 'account_id'),
    (dict(account_id='vps_'), 'account_id'),
    (dict(account_id='vps_a1/actions/renew'), 'account_id'),
    (dict(account_id='acct_x?key=1'), 'account_id'),
    (dict(account_id='inv_123'), 'account_id'),
    (dict(account_id=''), 'account_id'),
    (dict(api_key=''), 'api_key'),
    (dict(api_key='key\n'), 'api_key'),
    (dict(api_url='cloud.hostup.se/api'), 'api_url'),
    (dict(api_url='https://user:pw@cloud.hostup.se/api'), 'api_url'),
    (dict(api_url='https://cloud.hostup.se/api?key=x'), 'api_url'),
    (dict(timeout=0), 'timeout'),
    (dict(renew_before_days=-1), 'renew_before_days'),
    (dict(max_price=-1.0), 'max_price'),
    (dict(max_retries=9), 'max_retries'),
])
@pytest.mark.parametrize('spec', [RENEWAL, INFO], ids=['renewal', 'info'])
def test_bad_input_names_the_option_and_calls_nothing(spec, overrides, option):
    def no_api(_params):
        raise AssertionError('an API client was built for bad input')

    checked = spec.__class__(spec.argument_spec, spec.check, no_api, spec.kind)
    result = execute(checked, params(**overrides), check_mode=False, diff=False)
    assert result['failed'] and result['error']['code'] == 'invalid_input' and result['error']['option'] == option
    assert option in result['msg']


@pytest.mark.parametrize('account_id,api', [
    ('20000', 'v1'),
    ('1', 'v1'),
    ('vps_8f2k1c', V2_VPS),
    ('vps_01HX-abc_9', V2_VPS),
    ('acct_3hq9d0', V2_HOSTING),
])
def test_account_id_shape_selects_the_api(account_id, api):
    assert api_of(account_id) == api


def test_the_key_is_the_only_secret_and_is_scrubbed_from_failures():
    result = execute(RENEWAL, params(api_key='hu-secret-key', account_id='hu-secret-key'), check_mode=False, diff=False)
    assert result['failed'] and 'hu-secret-key' not in str(result)
    assert RENEWAL.secrets(params()) == ['hu-secret-key']
