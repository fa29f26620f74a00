# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""VPSBG as a fleet run lists it: every page of the servers, 50 a page, in-flight renewals visible on a row."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.client import VpsbgClient
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.provider import listed_server, run_listing

from fakes import ScriptedSession, reply

PARAMS = dict(api_token='vpsbg-token-1', api_url='https://api.vpsbg.eu/v1', timeout=5, validate_certs=True, ca_path=None)
SERVER = {'id': 7, 'status': 'active', 'expiry_at': '2027-01-01T00:00:00Z', 'potential_expiry_at': '2027-01-01T00:00:00Z',
          'billing_cycle': 1, 'auto_renew': False, 'hostname': 'web1'}


def test_servers_are_listed_page_by_page_and_the_support_plan_is_not():
    assert run_listing(PARAMS, [{'service': 'support', 'id': 'plan'}], None) == []
    scope = run_listing(PARAMS, [{'service': 'server', 'id': 7}], None)[0]
    session = ScriptedSession(reply(200, {'data': [SERVER], 'meta': {'last_page': 4}, 'links': {'next': 'x'}}))
    page = scope.read_page(VpsbgClient(PARAMS, session=session), 2)
    assert page.last_page == 4 and page.more and page.orders[0].order_id == '7' and not page.orders[0].in_flight
    assert session.sent[0]['params'] == {'per_page': 50, 'page': 2}


def test_a_row_whose_potential_expiry_is_later_shows_a_renewal_in_flight():
    assert listed_server(dict(SERVER, potential_expiry_at='2027-02-01T00:00:00Z')).in_flight is True
    assert listed_server(dict(SERVER, expiry_at=None)).expires_at is None
