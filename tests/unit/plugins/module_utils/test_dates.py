# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Dates: the one ISO-8601 parser and the calendar arithmetic renewals rely on."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC, add_months, days_remaining, from_iso, to_iso


@pytest.mark.parametrize('text', ['2024-10-27T11:03:10Z', '2024-10-27T11:03:10.000000Z', '2024-10-27 11:03:10',
                                  '2024-10-27T13:03:10+02:00', '2024-10-27T06:03:10-0500'])
def test_every_provider_variant_reads_as_the_same_utc_moment(text):
    assert from_iso(text) == datetime.datetime(2024, 10, 27, 11, 3, 10, tzinfo=UTC)


@pytest.mark.parametrize('text', ['', '2024-10-27', 'yesterday', '2024-13-01T00:00:00Z'])
def test_what_is_not_a_timestamp_is_a_value_error(text):
    with pytest.raises(ValueError):
        from_iso(text)


def test_to_iso_round_trips():
    moment = datetime.datetime(2026, 2, 28, 23, 59, 59, tzinfo=UTC)
    assert from_iso(to_iso(moment)) == moment and to_iso(None) is None


def test_months_clamp_the_day_and_days_round_down():
    assert add_months(datetime.datetime(2027, 1, 31, tzinfo=UTC), 1) == datetime.datetime(2027, 2, 28, tzinfo=UTC)
    now = datetime.datetime(2026, 12, 1, 12, tzinfo=UTC)
    assert days_remaining(now + datetime.timedelta(days=9, hours=23), now) == 9
    assert days_remaining(now - datetime.timedelta(hours=1), now) == -1
