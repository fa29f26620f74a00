# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HostUp as a fleet run lists it: the v1 account list, one call, the next due date as the expiry."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.client import HostUpClient
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.provider import run_listing

from fakes import ScriptedSession, reply

PARAMS = dict(api_key='hostup-key-1', api_url='https://cloud.hostup.se/api', timeout=5, validate_certs=True, ca_path=None)


def test_the_account_list_is_one_page():
    scope = run_listing(PARAMS, [{'service': 'service', 'id': 71}], None)[0]
    accounts = [{'id': '71', 'status': 'Active', 'next_due': '2027-01-01'}, {'id': '72', 'status': 'Active'}]
    session = ScriptedSession(reply(200, {'success': True, 'requestId': 'r-1', 'data': {'accounts': accounts}}))
    page = scope.read_page(HostUpClient(PARAMS, session=session), 1)
    assert page.last_page == 1 and [order.order_id for order in page.orders] == ['71', '72']
    assert page.orders[0].expires_at == datetime.datetime(2027, 1, 1, tzinfo=UTC) and page.orders[1].expires_at is None
