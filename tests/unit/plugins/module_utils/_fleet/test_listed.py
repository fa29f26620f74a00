# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Only not_due is decided from the run's listing, by the engine's own rule; everything else takes the full path."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._dates import to_epoch, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._fleet import listing_store
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.listed import not_due_from_listing
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state_file import StateDir
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import NOT_DUE

KEY = 'logicboxes|https://lb#1001|domain|9001'


def in_days(days):
    return to_epoch(utcnow() + datetime.timedelta(days=days))


@pytest.fixture
def listed(tmp_path):
    """(run, listing id) with one order listed per row given."""
    def keep(row):
        run = StateDir(str(tmp_path / 'state')).run('run-1')
        listing_id = listing_store.new_listing_id('run-1')
        listing_store.store(run, listing_id, '2026-12-01T10:00:00Z', {KEY: row})
        return run, listing_id
    return keep


def test_a_listed_order_past_the_window_is_not_due_and_says_so(listed):
    run, listing_id = listed([in_days(90), 'Active', True, False])
    outcome = not_due_from_listing(run, listing_id, KEY, 9001, {'renew_before_days': 30})
    assert outcome.kind == NOT_DUE and not outcome.changed and not outcome.pending
    assert "expiry from the run's listing taken at 2026-12-01T10:00:00Z" in outcome.msg and 'more than 30 days' in outcome.msg
    result = outcome.to_result()
    assert result['service']['id'] == '9001' and result['service']['auto_renew'] is True and result['should_renew'] is False


@pytest.mark.parametrize('row, params', [
    ([in_days(10), 'Active', False, False], {'renew_before_days': 30}),    # due: read alone, then at most one payment
    ([in_days(90), 'Active', False, False], {'renew_before_days': 120}),   # the order's own window makes it due
    ([in_days(90), 'Active', False, False], {'renew_before_days': 30, 'force': True}),
    ([in_days(90), 'active', False, True], {'renew_before_days': 30}),     # the row shows a renewal in flight
    ([None, 'Active', False, False], {'renew_before_days': 30}),           # incomplete row: no expiry
])
def test_due_forced_in_flight_or_incomplete_rows_take_the_full_path(listed, row, params):
    run, listing_id = listed(row)
    assert not_due_from_listing(run, listing_id, KEY, 9001, params) is None


def test_no_listing_or_an_unlisted_order_takes_the_full_path(listed):
    run, listing_id = listed([in_days(90), 'Active', False, False])
    assert not_due_from_listing(run, 'off', KEY, 9001, {}) is None
    assert not_due_from_listing(run, None, KEY, 9001, {}) is None
    assert not_due_from_listing(run, listing_id, KEY.replace('9001', '9002'), 9002, {}) is None
    assert not_due_from_listing(run, listing_id, KEY, 9001, {}).kind == NOT_DUE  # the modules' default window, 30 days
