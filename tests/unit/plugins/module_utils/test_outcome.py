# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Outcome and the one place it becomes a module result."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC
from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError, UnknownOutcomeError
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import FAILED, PENDING, RENEWED, Outcome
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Pending, Quote, ServiceState

NOW = datetime.datetime(2026, 12, 1, tzinfo=UTC)
EXPIRES = datetime.datetime(2026, 12, 11, tzinfo=UTC)


def read():
    return ServiceState('42', 'Active', EXPIRES, auto_renew=True)


def test_a_renewal_result_has_every_documented_key_and_the_diff_shows_both_expiries():
    outcome = Outcome(state=read(), now=NOW, should_renew=True)
    outcome.diff = True
    outcome.kind, outcome.changed, outcome.renewed = RENEWED, True, True
    outcome.price = Quote('9.50', 'USD')
    outcome.expires_after = datetime.datetime(2027, 12, 11, tzinfo=UTC)
    outcome.say('renewed', None, 'a note')
    result = outcome.to_result()
    assert result['msg'] == 'renewed; a note'
    assert result['service'] == {'id': '42', 'status': 'Active', 'expires_at': '2026-12-11T00:00:00Z', 'days_remaining': 10,
                                 'auto_renew': True}
    assert result['price'] == {'amount': 9.5, 'currency': 'USD'} and result['expires_after'] == '2027-12-11T00:00:00Z'
    assert result['diff'] == {'before': {'expires_at': '2026-12-11T00:00:00Z'}, 'after': {'expires_at': '2027-12-11T00:00:00Z'}}
    assert 'failed' not in result and 'order' not in result


def test_in_flight_takes_what_the_provider_shows_of_the_renewal():
    outcome = Outcome(kind=PENDING, state=read(), now=NOW)
    outcome.in_flight(Pending('orders', action={'id': 'a'}, invoice={'id': 'i'}, order={'id': 'o'}))
    result = outcome.to_result()
    assert (result['pending'], result['action'], result['invoice'], result['order']) == (True, {'id': 'a'}, {'id': 'i'}, {'id': 'o'})


def test_a_failure_before_any_read_is_a_short_failed_result():
    result = Outcome(kind=FAILED, msg='api_key: must not be empty', error=RenewalError('api_key: must not be empty',
                                                                                       code='invalid_input')).to_result()
    assert result == {'pending': False, 'changed': False, 'renewed': False, 'outcome': 'failed', 'failed': True,
                      'msg': 'api_key: must not be empty', 'error': {'code': 'invalid_input', 'message': 'api_key: must not be empty'}}


def test_an_info_result_has_no_change_keys():
    result = Outcome(state=read(), now=NOW, should_renew=True).to_result(info=True)
    assert 'changed' not in result and 'outcome' not in result and result['days_remaining'] == 10


def test_money_may_have_moved_only_when_renewed_or_the_outcome_is_unknown():
    assert not Outcome(kind=FAILED, error=RenewalError('no')).may_have_paid
    assert Outcome(kind=FAILED, error=UnknownOutcomeError('reset', 'reset', False)).may_have_paid
    renewed = Outcome(kind=RENEWED)
    renewed.renewed = True
    assert renewed.may_have_paid


def test_awaiting_payment_follows_the_order_where_there_is_one_else_the_invoice():
    waiting = Outcome()
    waiting.pending = True
    waiting.order = {'id': 1, 'status': 'awaiting_payment'}
    processing = Outcome()
    processing.pending = True
    processing.order, processing.invoice = {'id': 2, 'status': 'processing'}, {'id': 8552}
    unpaid = Outcome()
    unpaid.pending, unpaid.invoice = True, {'id': '7', 'status': 'unpaid'}
    paid = Outcome()
    paid.pending, paid.invoice = True, {'id': '7', 'status': 'paid'}
    action_only = Outcome()
    action_only.pending, action_only.action = True, {'id': '77'}
    assert [o.awaiting_payment for o in (waiting, processing, unpaid, paid, action_only)] == [True, False, True, False, False]
