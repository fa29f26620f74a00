# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""LogicBoxes as a fleet run lists it: one scope per product path the play names, pages of search.json."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC
from ansible_collections.renewals.hosting.plugins.module_utils._errors import ProviderError
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.client import LogicBoxesClient
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.data import PRODUCTS
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.provider import listed_order, run_listing

from fakes import ScriptedSession, reply

PARAMS = dict(auth_userid=1001, api_key='lb-secret-key', api_url='https://test.httpapi.com/api', timeout=5,
              validate_certs=True, ca_path=None)
AFTER = datetime.datetime(2027, 1, 1, tzinfo=UTC)
ROW = {'orders.orderid': '5001', 'orders.endtime': '1798761600', 'orders.autorenew': 'true',
       'entity.currentstatus': 'Active', 'entity.description': 'example.com'}


def test_only_the_product_paths_of_the_play_are_listed_past_the_window():
    orders = [{'service': 'domain', 'id': 1}, {'service': 'domain', 'id': 2},
              {'service': 'vps_linux', 'id': 3, 'region': 'in'}, {'service': 'vps_linux', 'id': 4, 'region': 'mars'},
              {'service': 'not_a_product', 'id': 5}]
    scopes = run_listing(PARAMS, orders, AFTER)
    assert [scope.name for scope in scopes] == ['domains/search.json', 'virtualserver/linux/in/search.json']
    session = ScriptedSession(reply(200, {'recsonpage': '1', 'recsindb': '1201', '1': ROW}))
    page = scopes[0].read_page(LogicBoxesClient(PARAMS, session=session), 3)
    assert page.last_page == 3 and [order.order_id for order in page.orders] == ['5001']
    params = dict(session.sent[0]['params'])
    assert params['expiry-date-start'] == '1798761600' and params['page-no'] == '3' and params['no-of-records'] == '500'


def test_a_row_without_an_expiry_is_listed_without_one():
    listed = listed_order(dict(ROW, **{'orders.endtime': ''}), PRODUCTS['domain'])
    assert listed.expires_at is None and listed.auto_renew is True and listed.status == 'Active'
    assert listed_order(ROW, PRODUCTS['domain']).expires_at == datetime.datetime(2027, 1, 1, tzinfo=UTC)


def test_a_page_without_its_record_count_is_refused():
    client = LogicBoxesClient(PARAMS, session=ScriptedSession(reply(200, {'1': ROW})))
    with pytest.raises(ProviderError, match='without recsindb'):
        client.search_page('domains', 1)
