# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad VPSBG input fails before any API call, naming the option."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._runner import execute
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.modules import SERVER_INFO, SERVER_RENEWAL, SUPPORT_RENEWAL


def params(**overrides):
    base = dict(api_token='vpsbg-token', api_url='https://api.vpsbg.eu/v1', timeout=30.0, validate_certs=True, ca_path=None,
                server_id=2864, billing_cycle=None, promo_code=None, renew_before_days=30, force=False, max_price=None,
                max_retries=1)
    base.update(overrides)
    return base


def without_api(spec):
    def no_api(_params):
        raise AssertionError('an API client was built for bad input')

    return spec.__class__(spec.argument_spec, spec.check, no_api, spec.kind)


@pytest.mark.parametrize('spec', [SERVER_RENEWAL, SERVER_INFO])
@pytest.mark.parametrize('overrides,option', [
    (dict(server_id=0), 'server_id'),
    (dict(server_id=-3), 'server_id'),
    (dict(billing_cycle=2), 'billing_cycle'),
    (dict(billing_cycle=36), 'billing_cycle'),
    (dict(promo_code=''), 'promo_code'),
    (dict(promo_code='fall 2406'), 'promo_code'),
    (dict(promo_code='x' * 65), 'promo_code'),
    (dict(api_token=''), 'api_token'),
    (dict(api_token='token\n'), 'api_token'),
    (dict(api_url='api.vpsbg.eu/v1'), 'api_url'),
    (dict(api_url='https://api.vpsbg.eu/v1?token=x'), 'api_url'),
    (dict(api_url='https://api.vpsbg.eu/v2'), 'api_url'),
    (dict(timeout=0), 'timeout'),
    (dict(renew_before_days=-1), 'renew_before_days'),
])
def test_bad_server_input_names_the_option_and_calls_nothing(spec, overrides, option):
    result = execute(without_api(spec), params(**overrides), check_mode=False, diff=False)
    assert result['failed'] and result['error']['code'] == 'invalid_input' and result['error']['option'] == option


@pytest.mark.parametrize('overrides,option', [
    (dict(billing_cycle=5), 'billing_cycle'),
    (dict(max_retries=9), 'max_retries'),
    (dict(max_price=-1.0), 'max_price'),
    (dict(api_token=' '), 'api_token'),
])
def test_bad_support_input_names_the_option_and_calls_nothing(overrides, option):
    result = execute(without_api(SUPPORT_RENEWAL), params(**overrides), check_mode=False, diff=False)
    assert result['failed'] and result['error']['option'] == option


def test_the_token_is_scrubbed_from_failures():
    token = 'vpsbg-secret-token'
    result = execute(without_api(SERVER_RENEWAL), params(api_token=token, api_url='https://api.vpsbg.eu/v1?t=%s' % token),
                     check_mode=False, diff=False)
    assert result['failed'] and token not in repr(result)


def test_argument_specs_offer_the_documented_billing_cycles():
    for spec in (SERVER_RENEWAL, SUPPORT_RENEWAL, SERVER_INFO):
        assert spec.argument_spec['billing_cycle']['choices'] == [1, 3, 6, 12, 24]
        assert spec.argument_spec['api_token']['no_log'] is True


def test_another_api_version_in_the_url_says_so():
    result = execute(without_api(SERVER_RENEWAL), params(api_url='https://api.vpsbg.eu/v2/'), check_mode=False, diff=False)
    assert result['msg'] == ('api_url: ends in /v2, but the VPSBG API this collection speaks is v1 '
                             '(for example https://api.vpsbg.eu/v1)')


def test_the_support_memory_key_tells_accounts_apart_without_holding_the_token():
    key = SUPPORT_RENEWAL.memory_key
    first = key(params(api_token='token-of-account-a'))
    assert first == key(params(api_token='token-of-account-a')) and first.startswith('vpsbg|support|')
    assert first != key(params(api_token='token-of-account-b'))
    assert first != key(params(api_token='token-of-account-a', api_url='http://127.0.0.1:8080/vpsbg/v1'))
    assert 'token' not in first and 'api.vpsbg.eu' not in first
