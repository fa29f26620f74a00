# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the forecast reads, over real HTTP against the sandbox: each account's listing once, then alone only what the
listing cannot tell. Every forecast is compared with the one that reads each order alone (listing off): the listing
may only save calls, never change a row."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._dates import utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.forecast_read import forecast
from ansible_collections.renewals.hosting.plugins.module_utils._http import READ_ATTEMPTS

LB_KEY, HU_KEY, VPSBG_TOKEN = 'forecast-lb-key-1', 'forecast-hu-key-1', 'forecast-vpsbg-token-1'
SETTINGS = {'horizon_days': 90, 'renew_before_days': 30, 'max_price': None}
DOMAINS = 620          # two pages of domains/search.json (500 a page)
DUE_DOMAINS = 12       # of them expiring within the horizon


def fixture():
    domains = [dict(order_id=9000 + index, product='domain', price='9.00', cost_price='8.00',
                    expires_in_days=5 + 7 * index if index < DUE_DOMAINS else 120 + index, description='d%d.example' % index)
               for index in range(DOMAINS)]
    domains.append(dict(order_id=9900, product='domain', price='9.00', cost_price='8.00', expires_in_days=20, description='waiting.example',
                        pending={'invoice_option': 'OnlyAdd'}))          # an unpaid renewal: the rows do not show it
    domains.append(dict(order_id=9901, product='domain', price='9.00', cost_price='8.00', expires_in_days=25, status='Deleted',
                        description='gone.example'))
    servers = [dict(order_id=9950, product='dedicated_server_linux', region='us', price='80.00', expires_in_days=40),
               dict(order_id=9951, product='dedicated_server_linux', region='us', price='80.00', expires_in_days=200)]
    return {
        'logicboxes': {'auth_userid': '1001', 'api_key': LB_KEY, 'selling_currency': 'USD', 'orders': domains + servers},
        'hostup': {'api_key': HU_KEY, 'services': [dict(account_id=7001, next_due_in_days=30),
                                                   dict(account_id=7002, next_due_in_days=200)]},
        'vpsbg': {'token': VPSBG_TOKEN, 'support': None,
                  'servers': [dict(id=700, expires_in_days=20, price='10.00', hostname='s0'),
                              dict(id=701, expires_in_days=150, price='10.00', hostname='s1')]},
    }


def play_orders():
    orders = [{'provider': 'logicboxes', 'service': 'domain', 'id': order_id, 'host': 'lb-%d' % order_id, 'period': 1}
              for order_id in list(range(9000, 9000 + DOMAINS)) + [9900, 9901]]
    orders += [{'provider': 'logicboxes', 'service': 'dedicated_server_linux', 'region': 'us', 'id': order_id,
                'host': 'lb-%d' % order_id} for order_id in (9950, 9951)]
    orders += [{'provider': 'hostup', 'service': 'service', 'id': account_id, 'host': 'hu-%d' % account_id}
               for account_id in (7001, 7002)]
    orders += [{'provider': 'vpsbg', 'service': 'server', 'id': server_id, 'host': 'vps-%d' % server_id} for server_id in (700, 701)]
    return orders


def credentials(sandbox):
    by_module = {
        'renewals.hosting.logicboxes_renewal': {'auth_userid': 1001, 'api_key': LB_KEY, 'api_url': sandbox.logicboxes_url},
        'renewals.hosting.hostup_service_renewal': {'api_key': HU_KEY, 'api_url': sandbox.url + '/hostup/api'},
        'renewals.hosting.vpsbg_server_renewal': {'api_token': VPSBG_TOKEN, 'api_url': sandbox.url + '/vpsbg/v1'},
    }
    return lambda module: by_module.get(module, {})


NOW = utcnow()  # one clock for every forecast compared (renew_on is "now" for orders already due)


def run(sandbox, listing='auto'):
    sandbox.admin_delete('/_admin/requests')
    data, reads = forecast(play_orders(), SETTINGS, credentials(sandbox), workers=8, now=NOW, listing=listing)
    return data, reads, sandbox.request_counts()['by_operation']


def rows(data):
    """Each host's row without where it came from (the one thing the listing may change)."""
    return dict((row['host'], dict((key, value) for key, value in row.items() if key != 'source')) for row in data['orders'])


def per_order_reads(sandbox, provider, operation):
    return sorted(entry.get('order_id') for entry in sandbox.requests(provider=provider, operation=operation))


def test_the_listing_changes_no_row_and_costs_pages_not_orders(fresh):
    alone, alone_reads, alone_calls = run(fresh, listing='off')
    listed, reads, calls = run(fresh)
    assert rows(listed) == rows(alone)
    assert listed['totals'] == alone['totals'] and listed['totals']['total'] == {'USD': 8.0 * DUE_DOMAINS + 80.0, 'SEK': 99.0,
                                                                                 'EUR': rows(alone)['vps-700']['price']['amount']}
    assert rows(listed)['lb-9900']['action'] == 'expires' and 'in flight' in rows(listed)['lb-9900']['reason']
    assert 'Deleted' in rows(listed)['lb-9901']['reason']
    # without the listing every order is read; with it only those the listing cannot tell
    assert alone_reads.read_alone == len(play_orders()) and alone_calls['logicboxes:details'] == DOMAINS + 4
    assert (reads.from_listing, reads.read_alone) == (DUE_DOMAINS + 1, 4)
    assert reads.beyond_horizon == len(play_orders()) - DUE_DOMAINS - 1 - 4
    assert calls['logicboxes:search'] == 2 + 1 and calls['logicboxes:search_current'] == 1 + 2
    assert calls['logicboxes:details'] == 2  # the order with an action in flight, the server priced by its plan
    assert calls['logicboxes:reseller_cost_price'] == 1  # one catalogue for the listing and the orders read alone
    assert reads.pages == 2 + 1 + 1 + 1 + 1  # domains, servers, current actions, HostUp's list, VPSBG's servers
    assert [sorted(row['host'] for row in listed['orders'] if row['source'] == 'read')] == [
        ['hu-7001', 'lb-9900', 'lb-9950', 'vps-700']]


def test_a_failed_search_page_reads_its_orders_alone_and_says_so(fresh):
    alone = run(fresh, listing='off')[0]
    fresh.set_faults([{'provider': 'logicboxes', 'operation': 'search', 'listing': True, 'page': 1, 'kind': 'html_error',
                       'status': 500, 'times': 100}])
    listed, reads, calls = run(fresh)
    assert rows(listed) == rows(alone)
    assert [warning for warning in reads.warnings if 'page 1 could not be read' in warning]
    assert reads.read_alone > 4 and calls['logicboxes:details'] >= 2


def test_current_actions_unread_means_no_logicboxes_row_is_trusted(fresh):
    alone = run(fresh, listing='off')[0]
    # as many failures as the listing's read tries (READ_ATTEMPTS); the orders' own reads then get answers
    fresh.set_faults([{'provider': 'logicboxes', 'operation': 'search_current', 'listing': True, 'page': 1,
                       'kind': 'html_error', 'status': 500, 'times': READ_ATTEMPTS}])
    listed, reads, calls = run(fresh)
    assert rows(listed)['lb-9900']['action'] == 'expires' and 'in flight' in rows(listed)['lb-9900']['reason']
    assert [warning for warning in reads.warnings if 'search-current.json page 1 could not be read' in warning]
    assert reads.from_listing == 0 and calls['logicboxes:details'] == DUE_DOMAINS + 3  # 9900, 9901, 9950 too
    assert set(rows(listed)) == set(rows(alone))


def test_bad_input_is_unreadable_and_reaches_no_api(fresh):
    orders = [{'provider': 'logicboxes', 'service': 'domain', 'id': 9000, 'host': 'bad', 'period': 0}]
    fresh.admin_delete('/_admin/requests')
    data = forecast(orders, SETTINGS, credentials(fresh), listing='auto')[0]
    assert data['unreadable'] == ['bad'] and fresh.requests() == []
