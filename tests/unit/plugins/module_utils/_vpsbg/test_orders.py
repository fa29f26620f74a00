# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""VPSBG paid orders, newest first, through the real client with a scripted session."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._errors import ProviderError
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.client import VpsbgClient
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.orders import OrderBook

from fakes import ScriptedSession, reply


def book(*pages):
    script = [reply(200, {'data': rows, 'links': {'next': None if number == len(pages) else '?page=%d' % (number + 1)},
                          'meta': {'current_page': number, 'last_page': len(pages)}}) for number, rows in enumerate(pages, 1)]
    params = dict(api_token='token', api_url='https://api.vpsbg.eu/v1', timeout=5.0, validate_certs=True, ca_path=None)
    return OrderBook(VpsbgClient(params, session=ScriptedSession(*script), sleep=lambda seconds: None))


def paid(order_id, order_type='renew-service', status='paid'):
    return {'id': order_id, 'type': order_type, 'status': status}


def test_an_order_pushed_onto_the_next_page_counts_once_and_unpaid_rows_are_skipped():
    """A new order arrived between two pages: the last row of page 1 shows again at the top of page 2."""
    rows = book([paid(9), paid(8), paid(7)], [paid(7), paid(6, status='cancelled'), paid(5)])
    assert [order_id for order_id, _row in rows.paid_rows()] == [9, 8, 7, 5]


def test_a_list_that_is_not_newest_first_is_refused():
    with pytest.raises(ProviderError) as caught:
        list(book([paid(5), paid(9)]).paid_rows())
    assert 'not newest first' in caught.value.message


@pytest.mark.parametrize('row', [{'type': 'renew-service', 'status': 'paid'}, {'id': 4, 'status': 'paid'}, {'id': 4, 'type': 'custom'}])
def test_a_row_without_id_status_or_type_is_refused(row):
    with pytest.raises(ProviderError) as caught:
        list(book([paid(5), row]).paid_rows())
    assert 'without its id, status or type' in caught.value.message
