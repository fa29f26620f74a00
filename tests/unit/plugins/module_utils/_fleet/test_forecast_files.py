# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The forecast's calendar and chart with provider text in them, read back by real parsers."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
from xml.etree import ElementTree

import icalendar

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.forecast import build_forecast
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.forecast_files import forecast_ics, forecast_svg

NOW = datetime.datetime(2026, 12, 1, tzinfo=UTC)
HOST = 'shop; a, b \\ <c> & "d" ' + 'long-name-' * 8 + 'été'


def forecast():
    rows = [{'host': HOST, 'provider': 'hostup', 'service': 'service', 'id': 'vps,1;x', 'expires_at': '2026-12-20T10:00:00Z',
             'renew_on': '2026-12-01T10:00:00Z', 'price': {'amount': 7.5, 'currency': 'EUR'}, 'action': 'renew', 'reason': None},
            {'host': 'b', 'provider': 'vpsbg', 'service': 'server', 'id': '2', 'expires_at': '2027-01-20T10:00:00Z',
             'renew_on': '2026-12-21T10:00:00Z', 'price': {'amount': 3.0, 'currency': 'USD'}, 'action': 'renew', 'reason': None},
            {'host': 'c', 'provider': 'vpsbg', 'service': 'server', 'id': '3', 'expires_at': '2026-12-22T00:00:00Z',
             'renew_on': None, 'price': None, 'action': 'expires', 'reason': 'the provider says it is not renewable: no'}]
    return build_forecast(rows, {'horizon_days': 90, 'renew_before_days': 30}, NOW)


def test_the_calendar_keeps_provider_text_and_folds_long_lines():
    text = forecast_ics(forecast())
    assert all(len(line.encode('utf-8')) <= 75 for line in text.split('\r\n'))
    events = icalendar.Calendar.from_ical(text).walk('VEVENT')
    summaries = sorted(str(event['SUMMARY']) for event in events)
    assert 'Expires: hostup service vps,1;x (%s)' % HOST in summaries
    assert sorted(event.decoded('DTSTART') for event in events) == [
        datetime.date(2026, 12, 20), datetime.date(2026, 12, 22), datetime.date(2027, 1, 20)]


def test_the_chart_stacks_each_week_per_currency():
    data = forecast()
    assert data['totals']['weekly'] == {'2026-W49': {'EUR': 7.5}, '2026-W52': {'USD': 3.0}}
    svg = ElementTree.fromstring(forecast_svg(data))
    bars = [(rect.get('data-week'), rect.get('data-currency'), float(rect.get('data-amount')))
            for rect in svg.iter('{http://www.w3.org/2000/svg}rect') if rect.get('class') == 'bar']
    assert sorted(bars) == [('2026-W49', 'EUR', 7.5), ('2026-W52', 'USD', 3.0)]
