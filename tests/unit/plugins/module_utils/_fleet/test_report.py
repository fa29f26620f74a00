# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Report rows: one shape whatever happened, and money counted only where it was spent."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC
from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.report import NO_RESULT, build_report, report_entry, row
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import (
    ALREADY_RENEWED,
    FAILED,
    PENDING,
    RENEWED,
    Outcome,
)
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Quote, ServiceState

NOW = datetime.datetime(2026, 12, 1, tzinfo=UTC)
ORDER = {'provider': 'logicboxes', 'service': 'domain', 'id': 5001}
KEYS = sorted(row('h', {}, RENEWED))


def outcome(kind, **fields):
    result = Outcome(kind=kind, state=ServiceState('5001', 'Active', datetime.datetime(2026, 12, 5, tzinfo=UTC)), now=NOW)
    for name, value in fields.items():
        setattr(result, name, value)
    return result


def test_every_row_has_the_same_keys_placeholders_included():
    rows = [report_entry('a', ORDER, outcome(RENEWED, renewed=True, invoice={'id': '9', 'amount': 8.5, 'currency': 'USD'}), False),
            report_entry('b', ORDER, Outcome(kind=FAILED, msg='bad', error=RenewalError('bad')), False),
            report_entry('c', {}, Outcome(kind=PENDING, msg='held'), False)]
    report = build_report('run-1', rows, ['a', 'b', 'c', 'never-ran'])
    assert [sorted(entry) for entry in report['orders']] == [KEYS] * 4
    assert report['orders'][3]['outcome'] == FAILED and report['orders'][3]['error'] == NO_RESULT


def test_spend_counts_renewals_with_a_known_amount_only():
    rows = [report_entry('a', ORDER, outcome(RENEWED, renewed=True, invoice={'id': '1', 'amount': 8.5, 'currency': 'USD'}), False),
            report_entry('b', ORDER, outcome(RENEWED, renewed=True, price=Quote(4, 'USD')), False),
            report_entry('c', ORDER, outcome(RENEWED, renewed=True), False),
            report_entry('d', ORDER, outcome(PENDING, invoice={'id': '2', 'amount': 99, 'currency': 'USD'}), False)]
    report = build_report('run-2', rows, [])
    assert report['totals']['spend'] == {'USD': 12.5}
    assert [entry['amount'] for entry in report['orders']] == [8.5, 4.0, None, None]


def test_already_renewed_reads_as_not_due_and_a_failure_keeps_its_whole_conclusion():
    assert report_entry('a', ORDER, outcome(ALREADY_RENEWED), False)['outcome'] == 'not_due'
    failed = outcome(FAILED, error=RenewalError('reset'))
    failed.say('reset', 'a re-read shows nothing changed, so nothing was bought')
    entry = report_entry('a', ORDER, failed, True)
    assert entry['error'] == 'reset; a re-read shows nothing changed, so nothing was bought' and entry['check_mode'] is True
    assert entry['expires_before'] == '2026-12-05T00:00:00Z' and entry['id'] == '5001'
