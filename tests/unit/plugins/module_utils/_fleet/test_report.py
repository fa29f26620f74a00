# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Report rows: one shape whatever happened, and money counted only where it was spent."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC
from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError, UnknownOutcomeError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.report import NO_RESULT, build_report, report_entry, row
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.report_writer import fails, markdown_summary
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import (
    ALREADY_RENEWED,
    AWAITING_PAYMENT,
    FAILED,
    PENDING,
    RENEWED,
    WOULD_RENEW,
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
    assert report['totals']['spent'] == {'USD': 12.5} and report['totals']['price_unknown'] == 1
    assert [entry['amount'] for entry in report['orders']] == [8.5, 4.0, None, None]


def test_spent_awaiting_and_unknown_are_apart_and_the_note_is_the_message():
    waiting = outcome(AWAITING_PAYMENT, renewed=True, pending=True,
                      invoice={'id': '3', 'amount': 49.0, 'currency': 'SEK', 'due_at': '2026-12-04T00:00:00Z', 'status': 'unpaid'})
    waiting.say('renewal placed; it awaits payment')
    charged = outcome(RENEWED, renewed=True, charge=Quote(10, 'USD'), invoice={'id': '4', 'amount': 15.0, 'currency': 'USD'})
    rows = [report_entry('w', ORDER, waiting, False), report_entry('c', ORDER, charged, False)]
    report = build_report('run-3', rows, [])
    assert report['totals']['spent'] == {'USD': 10.0}, 'LogicBoxes debits the reseller cost, not the customer invoice'
    assert report['totals']['awaiting_payment'] == {'SEK': 49.0}
    entry = dict((entry['host'], entry) for entry in report['orders'])['w']
    assert (entry['due_at'], entry['runs_out_at']) == ('2026-12-04T00:00:00Z', '2026-12-05T00:00:00Z')
    summary = markdown_summary(report)
    assert '| SEK | 0.00 | 49.00 |' in summary and '| USD | 10.00 | 0.00 |' in summary
    assert '| renewal placed; it awaits payment |' in summary


def test_check_mode_totals_what_would_be_spent_and_counts_the_unpriced():
    rows = [report_entry('a', ORDER, outcome(WOULD_RENEW, price=Quote(4, 'USD')), True),
            report_entry('b', ORDER, outcome(WOULD_RENEW), True)]
    report = build_report('run-4', rows, [])
    assert report['totals']['would_spend'] == {'USD': 4.0} and report['totals']['spent'] == {}
    assert report['totals']['price_unknown'] == 1
    summary = markdown_summary(report)
    assert '| USD | 4.00 |' in summary and 'Price unknown: 1 renewal(s) would have no known price' in summary


def test_awaiting_payment_fails_the_run_only_when_the_service_runs_out_soon():
    soon = {'outcome': AWAITING_PAYMENT, 'runs_out_at': (datetime.datetime.now(UTC) + datetime.timedelta(days=3)).isoformat()}
    later = dict(soon, runs_out_at=(datetime.datetime.now(UTC) + datetime.timedelta(days=30)).isoformat())
    unknown = dict(soon, runs_out_at=None)
    fail_on = [FAILED, AWAITING_PAYMENT]
    assert [fails(entry, fail_on, 7) for entry in (soon, later, unknown)] == [True, False, True]
    assert fails(soon, [FAILED], 7) is False and fails({'outcome': FAILED}, fail_on, 7) is True


def test_already_renewed_reads_as_not_due_and_a_failure_keeps_its_whole_conclusion():
    assert report_entry('a', ORDER, outcome(ALREADY_RENEWED), False)['outcome'] == 'not_due'
    failed = outcome(FAILED, error=RenewalError('reset'))
    failed.say('reset', 'a re-read shows nothing changed, so nothing was bought')
    entry = report_entry('a', ORDER, failed, True)
    assert entry['error'] == 'reset; a re-read shows nothing changed, so nothing was bought' and entry['check_mode'] is True
    assert entry['expires_before'] == '2026-12-05T00:00:00Z' and entry['id'] == '5001'


def test_a_paying_request_the_provider_may_still_carry_out_is_marked_in_its_row():
    timed_out = Outcome(kind=FAILED, msg='no reply in time', error=UnknownOutcomeError('no reply within 1.0s', 'timeout', True))
    broken = Outcome(kind=FAILED, msg='unreadable reply', error=UnknownOutcomeError('bad reply', 'bad_response', False))
    rows = [report_entry(host, ORDER, outcome, False) for host, outcome in (('a', timed_out), ('b', broken))]
    assert [row['still_processing'] for row in rows] == [True, False]
    assert report_entry('c', ORDER, Outcome(kind=FAILED, msg='bad', error=RenewalError('bad')), False)['still_processing'] is False
