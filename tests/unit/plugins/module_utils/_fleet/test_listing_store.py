# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The run's listing as kept in each state backend: every fork finds its order's row, and only in this listing."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC
from ansible_collections.renewals.hosting.plugins.module_utils._declaration import ListedOrder
from ansible_collections.renewals.hosting.plugins.module_utils._fleet import listing_store
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state import release_connections

EXPIRY = datetime.datetime(2027, 3, 1, tzinfo=UTC)


def test_rows_are_found_by_order_key_in_their_own_listing_only(backend):
    rows = dict(('logicboxes|acct|domain|%d' % index, [1800000000 + index, 'Active', False, False]) for index in range(1000))
    try:
        run = backend.open().run('run-1')
        listing_id = listing_store.new_listing_id('run-1')
        written = listing_store.store(run, listing_id, '2026-12-01T10:00:00Z', rows)
        assert 200 < written <= listing_store.BUCKETS, 'a fork reads one small document, not the whole listing'
        assert listing_store.lookup(run, listing_id, 'logicboxes|acct|domain|17') == (
            [1800000017, 'Active', False, False], '2026-12-01T10:00:00Z')
        assert listing_store.lookup(run, listing_id, 'logicboxes|acct|domain|5000') == (None, None)
        # another start of the same run id (a re-run with a fixed run_id) hands out another id: the older listing is unseen
        assert listing_store.lookup(run, listing_store.new_listing_id('run-1'), 'logicboxes|acct|domain|17') == (None, None)
        assert listing_store.lookup(backend.open().run('run-2'), listing_id, 'logicboxes|acct|domain|18')[0] is None
    finally:
        release_connections()


def test_a_listed_order_keeps_expiry_status_auto_renew_and_in_flight():
    listed = ListedOrder('vpsbg', 'server', 7, EXPIRY, 'active', auto_renew=True, in_flight=True)
    assert listing_store.encode(listed) == [int((EXPIRY - datetime.datetime(1970, 1, 1, tzinfo=UTC)).total_seconds()),
                                            'active', True, True]
    assert listing_store.encode(ListedOrder('hostup', 'service', 8, None, 'Active')) == [None, 'Active', None, False]


def test_listing_ids_are_unique_and_name_their_run():
    first, second = listing_store.new_listing_id('20261201T100000Z-ab'), listing_store.new_listing_id('20261201T100000Z-ab')
    assert first != second and first.startswith('20261201T100000Z-ab-')
