# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The run's listing at the start of a run, over real HTTP against the sandbox: each account listed once, in pages,
only the play's orders kept, and every failure a warning whose orders are read one by one."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest


from ansible_collections.renewals.hosting.plugins.module_utils._fleet.listing import renewal_listing
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.listing_store import lookup
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import LISTING_VALIDATOR
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state_file import StateDir, order_key

LB_KEY, HU_KEY, VPSBG_TOKEN = 'listing-lb-key-1', 'listing-hu-key-1', 'listing-vpsbg-token-1'


def fixture():
    orders = [dict(order_id=8000 + index, product='dedicated_server_linux', region='us', price='10.00', status='Active',
                   expires_in_days=5 if index < 2 else 100 + index, description='o%d.example' % index) for index in range(8)]
    orders.append(dict(order_id=8100, product='domain', price='9.00', status='Active', expires_in_days=200,
                       description='d.example'))
    return {
        'logicboxes': {'auth_userid': '1001', 'api_key': LB_KEY, 'customer_balance': '1000.00', 'selling_currency': 'USD',
                       'orders': orders},
        'hostup': {'api_key': HU_KEY, 'services': [dict(account_id=7001, next_due_in_days=100)]},
        'vpsbg': {'token': VPSBG_TOKEN, 'support': None,
                  'servers': [dict(id=600 + index, expires_in_days=80, price='10.00', hostname='s%d' % index)
                              for index in range(55)]},
    }


def credentials(sandbox):
    by_module = {
        'renewals.hosting.logicboxes_renewal': {'auth_userid': 1001, 'api_key': LB_KEY, 'api_url': sandbox.logicboxes_url},
        'renewals.hosting.hostup_service_renewal': {'api_key': HU_KEY, 'api_url': sandbox.url + '/hostup/api'},
        'renewals.hosting.vpsbg_server_renewal': {'api_token': VPSBG_TOKEN, 'api_url': sandbox.url + '/vpsbg/v1'},
    }
    return lambda module: by_module.get(module, {})


def play_orders():
    orders = [{'provider': 'logicboxes', 'service': 'dedicated_server_linux', 'id': 8000 + index, 'region': 'us',
               'host': 'lb-%d' % index} for index in range(8)]
    orders.append({'provider': 'hostup', 'service': 'service', 'id': 7001, 'host': 'hu'})
    orders.extend({'provider': 'vpsbg', 'service': 'server', 'id': 600 + index, 'host': 'vps-%d' % index} for index in range(55))
    return orders


def listing(tmp_path, orders, **options):
    args = dict({'state_dir': str(tmp_path / 'state'), 'run_id': 'run-1', 'orders': orders}, **options)
    validation = LISTING_VALIDATOR.validate(args)
    assert not validation.error_messages
    return validation.validated_parameters


def row(tmp_path, result, provider, account, service, order_id):
    run = StateDir(str(tmp_path / 'state')).run('run-1')
    return lookup(run, result['listing_id'], order_key(provider, account, service, order_id))[0]


def test_each_account_is_listed_once_and_only_the_play_s_orders_are_kept(fresh, tmp_path):
    result, no_log = renewal_listing(listing(tmp_path, play_orders()), False, defaults_for=credentials(fresh))
    assert 'warnings' not in result, result
    lb_account = '%s#1001' % fresh.logicboxes_url
    # the due LogicBoxes orders are left out by the expiry window; the domain path is not in the play, so not listed
    assert result['listed'] == 6 + 1 + 55 and result['pages'] == 1 + 1 + 2
    assert row(tmp_path, result, 'logicboxes', lb_account, 'dedicated_server_linux', 8005)[1:] == ['Active', False, False]
    assert row(tmp_path, result, 'logicboxes', lb_account, 'dedicated_server_linux', 8000) is None
    assert row(tmp_path, result, 'vpsbg', fresh.url + '/vpsbg/v1', 'server', 654)[0] is not None
    assert row(tmp_path, result, 'hostup', fresh.url + '/hostup/api', 'service', 7001)[0] is not None
    searches = fresh.requests(operation='search')
    assert [entry['path'] for entry in searches] == ['/logicboxes/api/dedicatedserver/linux/us/search.json']
    assert 'expiry-date-start' in searches[0]['params'] and LB_KEY in no_log


def test_a_failed_page_leaves_its_orders_out_with_a_warning(fresh, tmp_path):
    fresh.set_faults([{'provider': 'vpsbg', 'operation': 'servers', 'listing': True, 'page': 2, 'kind': 'html_error',
                       'status': 500}])
    result = renewal_listing(listing(tmp_path, play_orders()), False, defaults_for=credentials(fresh))[0]
    assert result['listed'] == 6 + 1 + 50 and result['listing_id'] != 'off'
    assert [warning for warning in result['warnings'] if 'servers page 2 could not be read' in warning]
    assert row(tmp_path, result, 'vpsbg', fresh.url + '/vpsbg/v1', 'server', 654) is None
    assert row(tmp_path, result, 'vpsbg', fresh.url + '/vpsbg/v1', 'server', 649) is not None


def test_rows_without_an_expiry_are_kept_incomplete(fresh, tmp_path):
    fresh.set_faults([{'provider': 'vpsbg', 'operation': 'servers', 'listing': True, 'page': 1, 'kind': 'drop_fields',
                       'rows': 3}])
    result = renewal_listing(listing(tmp_path, play_orders()), False, defaults_for=credentials(fresh))[0]
    assert row(tmp_path, result, 'vpsbg', fresh.url + '/vpsbg/v1', 'server', 600)[0] is None  # decided by its own read


def test_missing_credentials_are_a_warning_not_a_failure(fresh, tmp_path):
    defaults = credentials(fresh)
    result = renewal_listing(listing(tmp_path, play_orders()), False,
                             defaults_for=lambda module: {} if 'hostup' in module else defaults(module))[0]
    assert result['listed'] == 6 + 55 and [warning for warning in result['warnings'] if warning.startswith('HostUp orders')]


@pytest.mark.parametrize('options, said', [({'listing': 'off'}, 'listing is off'), ({'force': True}, 'force is set')])
def test_off_or_forced_lists_nothing(fresh, tmp_path, options, said):
    result = renewal_listing(listing(tmp_path, play_orders(), **options), False, defaults_for=credentials(fresh))[0]
    assert result['listing_id'] == 'off' and said in result['msg'] and fresh.requests() == []
