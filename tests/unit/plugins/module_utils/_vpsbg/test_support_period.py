# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The support plan's latest paid period: paging the paid orders, fetching only candidate rows, and what is remembered
(kept in a real file state directory) so that a later run reads one page."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC, to_epoch
from ansible_collections.renewals.hosting.plugins.module_utils._errors import ProviderError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state_file import StateDir
from ansible_collections.renewals.hosting.plugins.module_utils._memory import NO_MEMORY, Memory
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.client import VpsbgClient
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.orders import OrderBook
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.support_period import SupportPeriodReader

from fakes import ScriptedSession, reply

NOW = datetime.datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
URL = 'https://api.vpsbg.eu/v1'
KEY = 'vpsbg|support|test'


def order(order_id, service_type='server', status='paid', order_type='renew-service', ends_in_days=10, age_days=20):
    end = NOW + datetime.timedelta(days=ends_in_days)
    created = (NOW - datetime.timedelta(days=age_days)).strftime('%Y-%m-%dT%H:%M:%S.000000Z')
    return {'id': order_id, 'type': order_type, 'status': status, 'amount': 15, 'amount_with_vat': 18, 'created_at': created,
            'due_at': created, 'invoices': [],
            'services': [{'service_type': service_type, 'service_id': 77, 'service_billing_cycle': 12, 'label': 'Support',
                          'period_from': to_epoch(end - datetime.timedelta(days=365)), 'period_to': to_epoch(end)}]}


def row(full):
    return dict((key, value) for key, value in full.items() if key not in ('services', 'invoices'))


def page(rows, number, last):
    return reply(200, {'data': [row(item) for item in rows], 'links': {'next': None if number == last else '?page=%d' % (number + 1)},
                       'meta': {'current_page': number, 'last_page': last}})


def pages(orders, per_page=3):
    chunks = [orders[start:start + per_page] for start in range(0, len(orders), per_page)] or [[]]
    return [page(chunk, number, len(chunks)) for number, chunk in enumerate(chunks, 1)]


def scan(listing, fetched, per_page=3):
    """The replies of a scan that reads a page, then the details of its rows in ``fetched``, up to the last of them."""
    script = []
    for number, reply_page in enumerate(pages(listing, per_page)):
        script.append(reply_page)
        for item in listing[number * per_page:(number + 1) * per_page]:
            if item['id'] in fetched:
                script.append(reply(200, item))
                if item['id'] == fetched[-1]:
                    return script
    return script


class Account:
    """Paid orders newest first (ids descending) and a reader over a scripted session."""

    def __init__(self, *script):
        self.session = ScriptedSession(*script)
        params = dict(api_token='token', api_url=URL, timeout=5.0, validate_certs=True, ca_path=None)
        self.book = OrderBook(VpsbgClient(params, session=self.session, sleep=lambda seconds: None))

    def read(self, memory, open_renewals=()):
        return SupportPeriodReader(self.book, memory, now=lambda: NOW).latest_paid(list(open_renewals))

    def paths(self):
        return [(item['url'][len(URL):], (item['params'] or {}).get('page')) for item in self.session.sent]


def servers(first_id, count):
    return [order(first_id - index) for index in range(count)]


def test_paging_stops_at_the_newest_support_order_and_fetches_only_candidate_rows(tmp_path):
    deposit = order(5009, order_type='deposit')
    newer = [deposit] + servers(5008, 4)
    support = order(5004, 'support')
    older = order(5003, 'support', ends_in_days=-355)
    listing = newer + [support, older]
    account = Account(*scan(listing, [5008, 5007, 5006, 5005, 5004]))
    memory = Memory(StateDir(str(tmp_path)), KEY)
    found = account.read(memory)
    assert found.order_id == 5004 and found.period_to == support['services'][0]['period_to']
    assert account.paths() == [('/orders', 1), ('/orders/5008', None), ('/orders/5007', None), ('/orders', 2),
                               ('/orders/5006', None), ('/orders/5005', None), ('/orders/5004', None)]
    assert account.session.sent[0]['params'] == {'filter[status]': 'paid', 'per_page': 50, 'page': 1}
    kept = StateDir(str(tmp_path)).recall(KEY)
    assert kept['order']['id'] == 5004 and kept['checked_up_to'] == 5009 and kept['watching'] == []


def test_a_later_run_reads_one_page_when_nothing_changed(tmp_path):
    listing = servers(5008, 4) + [order(5004, 'support')]
    first = Account(*scan(listing, [5008, 5007, 5006, 5005, 5004]))
    memory = Memory(StateDir(str(tmp_path)), KEY)
    assert first.read(memory).order_id == 5004
    later = Account(*pages(listing)[:1])
    found = later.read(memory)
    assert found.order_id == 5004 and found.billing_cycle == 12 and later.paths() == [('/orders', 1)]


def test_a_newer_paid_support_order_replaces_what_was_remembered(tmp_path):
    memory = Memory(StateDir(str(tmp_path)), KEY)
    listing = servers(5008, 4) + [order(5004, 'support')]
    Account(*scan(listing, [5008, 5007, 5006, 5005, 5004])).read(memory)
    renewal = order(5010, 'support', ends_in_days=375)
    later = Account(*(pages([renewal] + listing)[:1] + [reply(200, renewal)]))
    assert later.read(memory).order_id == 5010 and later.paths() == [('/orders', 1), ('/orders/5010', None)]
    assert StateDir(str(tmp_path)).recall(KEY)['order']['id'] == 5010


def test_a_watched_open_renewal_paid_after_newer_orders_is_found(tmp_path):
    """An open support renewal created before orders that were paid first: its id is below what was checked."""
    memory = Memory(StateDir(str(tmp_path)), KEY)
    paid = order(5004, 'support')
    open_renewal = order(5005, 'support', status='awaiting_payment', ends_in_days=375)
    first = Account(*scan([order(5006), paid], [5006, 5004]))
    book_line = first.book.period_lines(open_renewal, 'support')  # what open_renewals() reports
    first.session.sent = []
    assert first.read(memory, book_line).order_id == 5004
    assert StateDir(str(tmp_path)).recall(KEY)['watching'] == [5005]
    now_paid = dict(open_renewal, status='paid')
    later = Account(*(pages([order(5007), order(5006), now_paid, paid], per_page=4) + [reply(200, order(5007)), reply(200, now_paid)]))
    StateDir(str(tmp_path)).remember(KEY, dict(StateDir(str(tmp_path)).recall(KEY), checked_up_to=5006))
    assert later.read(memory).order_id == 5005
    assert later.paths() == [('/orders', 1), ('/orders/5007', None), ('/orders/5005', None)]


def test_orders_newer_than_the_recheck_margin_are_checked_again(tmp_path):
    memory = Memory(StateDir(str(tmp_path)), KEY)
    fresh = order(5006, age_days=0)
    listing = [fresh, order(5005), order(5004, 'support')]
    Account(*scan(listing, [5006, 5005, 5004])).read(memory)
    assert StateDir(str(tmp_path)).recall(KEY)['checked_up_to'] == 5005


def test_check_mode_and_the_plain_module_remember_nothing(tmp_path):
    listing = [order(5004, 'support')]
    Account(*(pages(listing) + [reply(200, listing[0])])).read(Memory(StateDir(str(tmp_path)), KEY, check_mode=True))
    assert StateDir(str(tmp_path)).recall(KEY) is None
    assert Account(*(pages(listing) + [reply(200, listing[0])])).read(NO_MEMORY).order_id == 5004


def test_a_memory_of_another_format_is_ignored(tmp_path):
    StateDir(str(tmp_path)).remember(KEY, {'version': 0, 'order': {'id': 1}})
    listing = [order(5004, 'support')]
    account = Account(*(pages(listing) + [reply(200, listing[0])]))
    assert account.read(Memory(StateDir(str(tmp_path)), KEY)).order_id == 5004
    assert StateDir(str(tmp_path)).recall(KEY)['version'] == 1


def test_no_support_order_on_any_page_finds_nothing_and_remembers_nothing(tmp_path):
    listing = servers(5006, 5)
    account = Account(*scan(listing, [5006, 5005, 5004, 5003, 5002]))
    assert account.read(Memory(StateDir(str(tmp_path)), KEY)) is None
    assert [path for path in account.paths() if path[0] == '/orders'] == [('/orders', 1), ('/orders', 2)]
    assert StateDir(str(tmp_path)).recall(KEY) is None


def test_a_failed_page_fails_the_read_and_remembers_nothing(tmp_path):
    listing = servers(5008, 4) + [order(5004, 'support')]
    failing = reply(404, {'message': 'gone'})
    account = Account(*(scan(listing, [5008, 5007, 5006]) + [failing]))
    with pytest.raises(ProviderError):
        account.read(Memory(StateDir(str(tmp_path)), KEY))
    assert StateDir(str(tmp_path)).recall(KEY) is None
