# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine's decisions, against a scripted provider: how many renewals it places and what it reports."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC
from ansible_collections.renewals.hosting.plugins.module_utils._engine import Policy, describe, run_renewal
from ansible_collections.renewals.hosting.plugins.module_utils._errors import (
    AlreadyPendingError,
    AlreadyRenewedError,
    ProviderError,
    TransportError,
    UnknownOutcomeError,
)
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import RenewalFailed
from ansible_collections.renewals.hosting.plugins.module_utils._provider import (
    Adjustment,
    Funds,
    Pending,
    Quote,
    Receipt,
    RenewalApi,
    ServiceState,
    Settlement,
)

NOW = datetime.datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def throw(error):
    raise error


def state(days, pending=None, status='Active', renewable=True):
    return ServiceState('42', status, NOW + datetime.timedelta(days=days), auto_renew=False, pending=pending,
                        renewable=renewable, not_renewable_reason='order 42 is Deleted')


class FakeProvider(RenewalApi):
    """A provider whose reads and renewal answers are scripted; it counts renewals placed."""

    provider = 'Fake'

    def __init__(self, states, answers=(), deeper_pending=None, quote=None):
        self.states = list(states)
        self.answers = list(answers)
        self.deeper_pending = deeper_pending
        self.price = quote
        self.placed = 0
        self.reads = 0

    def read_state(self):
        self.reads += 1
        return self.states.pop(0) if len(self.states) > 1 else self.states[0]

    def find_pending(self, state):
        return self.deeper_pending

    def quote(self, state):
        return self.price

    def predicted_expiry(self, state):
        return state.expires_at + datetime.timedelta(days=365)

    def place_renewal(self, state):
        self.placed += 1
        answer = self.answers.pop(0) if self.answers else Receipt(action={'id': '9'})
        if isinstance(answer, Receipt):
            return answer
        return throw(answer)


def run(api, check_mode=False, **policy):
    policy.setdefault('now', NOW)
    return run_renewal(api, Policy(**policy), check_mode=check_mode, diff=True).to_result()


def failure(api, **policy):
    with pytest.raises(RenewalFailed) as caught:
        run(api, **policy)
    return caught.value.outcome.to_result()


def test_not_due_places_nothing():
    api = FakeProvider([state(90)])
    result = run(api)
    assert (result['changed'], result['outcome'], result['should_renew'], api.placed) == (False, 'not_due', False, 0)


def test_due_renews_once_and_reports_new_expiry():
    api = FakeProvider([state(10)])
    result = run(api)
    assert api.placed == 1
    assert result['changed'] and result['renewed'] and result['outcome'] == 'renewed'
    assert result['service']['days_remaining'] == 10
    assert result['expires_after'] == '2027-12-01T12:00:00Z'
    assert result['diff'] == {'before': {'expires_at': '2026-12-01T12:00:00Z'}, 'after': {'expires_at': '2027-12-01T12:00:00Z'}}


def test_window_boundary_and_force():
    assert run(FakeProvider([state(30)]), renew_before_days=30)['renewed'] is True
    assert run(FakeProvider([state(31)]), renew_before_days=30)['renewed'] is False
    assert run(FakeProvider([state(400)]), force=True)['renewed'] is True


def test_check_mode_tells_the_truth_without_buying():
    due, not_due = FakeProvider([state(10)]), FakeProvider([state(90)])
    assert run(due, check_mode=True)['changed'] is True
    assert run(not_due, check_mode=True)['changed'] is False
    assert due.placed == not_due.placed == 0


def test_pending_on_the_service_or_deeper_places_nothing():
    on_service = FakeProvider([state(10, pending=Pending('details', action={'id': '77'}))])
    deeper = FakeProvider([state(10)], deeper_pending=Pending('actions', invoice={'id': 'inv-1'}))
    for api, outcome in ((on_service, 'pending'), (deeper, 'awaiting_payment')):  # an unpaid invoice awaits payment
        result = run(api, force=True)
        assert (result['changed'], result['pending'], result['outcome'], api.placed) == (False, True, outcome, 0)
    assert run(on_service)['action'] == {'id': '77'}
    assert run(deeper)['invoice'] == {'id': 'inv-1'}


def test_max_price_refuses_before_buying():
    api = FakeProvider([state(10)], quote=Quote('25.00', 'EUR'))
    result = failure(api, max_price=20)
    assert result['error']['code'] == 'price_above_max' and '25.00 EUR' in result['msg'] and api.placed == 0
    assert run(FakeProvider([state(10)], quote=Quote('25.00', 'EUR')), max_price=25)['renewed'] is True


def test_max_price_with_unknown_price_fails_instead_of_guessing():
    api = FakeProvider([state(10)])
    assert failure(api, max_price=20)['error']['code'] == 'price_unknown' and api.placed == 0


def test_lost_reply_confirmed_by_reread_is_not_resent():
    api = FakeProvider([state(10), state(375)], answers=[UnknownOutcomeError('lost', 'timeout', True)])
    result = run(api)
    assert api.placed == 1 and result['changed'] and result['outcome'] == 'renewed'
    assert 're-read shows the renewal was placed' in result['msg']


def test_timeout_with_no_visible_change_is_not_resent():
    api = FakeProvider([state(10)], answers=[UnknownOutcomeError('no reply', 'timeout', True)])
    result = failure(api)
    assert api.placed == 1 and result['error']['code'] == 'unknown_outcome' and 'not re-sent' in result['msg']


def test_reset_with_proof_of_nothing_is_resent_within_max_retries():
    api = FakeProvider([state(10)], answers=[UnknownOutcomeError('reset', 'reset', False)])
    result = run(api)
    assert api.placed == 2 and result['renewed'] and 'sent again' in result['msg']

    never = FakeProvider([state(10)], answers=[UnknownOutcomeError('reset', 'reset', False)])
    assert 'max_retries=0' in failure(never, max_retries=0)['msg'] and never.placed == 1

    twice = FakeProvider([state(10)], answers=[UnknownOutcomeError('reset', 'reset', False)] * 3)
    failure(twice, max_retries=1)
    assert twice.placed == 2


def test_lost_reply_that_left_a_pending_action_counts_as_renewed():
    api = FakeProvider([state(10), state(10, pending=Pending('details', action={'id': '5'}))],
                       answers=[UnknownOutcomeError('reset', 'reset', False)])
    result = run(api)
    assert api.placed == 1 and result['changed'] and result['pending'] and result['action'] == {'id': '5'}


def test_already_pending_answer_is_pending_not_failure():
    api = FakeProvider([state(10)], answers=[AlreadyPendingError('There is already an action pending on this Order.')])
    result = run(api)
    assert (result['changed'], result['pending'], result['outcome']) == (False, True, 'pending')


def test_already_renewed_counts_only_when_the_expiry_moved():
    moved = FakeProvider([state(10), state(375)], answers=[AlreadyRenewedError('Domain already renewed.')])
    result = run(moved)
    assert (result['changed'], result['outcome'], result['expires_after']) == (False, 'already_renewed', '2027-12-01T12:00:00Z')
    unmoved = FakeProvider([state(10)], answers=[AlreadyRenewedError('Domain already renewed.')])
    assert failure(unmoved)['error']['code'] == 'already_renewed'


def test_provider_error_fails_with_context():
    api = FakeProvider([state(10)], answers=[ProviderError('Insufficient funds', http_status=500)])
    result = failure(api)
    assert result['error'] == {'code': 'provider_error', 'message': 'Insufficient funds', 'http_status': 500}
    assert result['service']['id'] == '42' and api.placed == 1


def test_not_renewable_status_fails_before_buying():
    api = FakeProvider([state(10, status='Deleted', renewable=False)])
    assert failure(api)['error']['code'] == 'not_renewable' and api.placed == 0


def test_in_flight_receipt_has_no_expiry_yet():
    api = FakeProvider([state(10)], answers=[Receipt(action={'id': '3'}, invoice={'id': '8'}, in_flight=True)])
    result = run(api)
    assert result['changed'] and result['pending'] and result['expires_after'] is None and result['invoice'] == {'id': '8'}


def test_describe_answers_should_renew():
    due = describe(FakeProvider([state(10)]), Policy(now=NOW)).to_result(info=True)
    assert due['should_renew'] is True and due['days_remaining'] == 10 and 'changed' not in due
    in_flight = describe(FakeProvider([state(10)], deeper_pending=Pending('actions', action={'id': '1'})), Policy(now=NOW)).to_result(info=True)
    assert in_flight['should_renew'] is False and in_flight['pending'] is True


class AdjustingProvider(FakeProvider):
    """A provider whose pending renewal has the wrong period and that can pay invoices."""

    def __init__(self, *args, **kwargs):
        self.pay_asked = kwargs.pop('pay', False)
        super(AdjustingProvider, self).__init__(*args, **kwargs)
        self.adjusted = []
        self.paid = []

    def adjust_pending(self, state, pending, check_mode):
        if not check_mode:
            self.adjusted.append(pending.order)
        return Adjustment('period changed from 1 to 12 months', pending)

    def settle(self, outcome, check_mode):
        if not self.pay_asked or not outcome.invoice:
            return None
        if not check_mode:
            self.paid.append(outcome.invoice['id'])
        return Settlement('invoice paid', changed=True, pending=False)


def test_pending_renewal_is_adjusted_in_place_not_duplicated():
    pending = Pending('orders', order={'id': 'o-1'})
    api = AdjustingProvider([state(10)], deeper_pending=pending)
    result = run(api)
    assert (result['changed'], result['outcome'], api.placed, api.adjusted) == (True, 'pending', 0, [{'id': 'o-1'}])
    assert 'period changed' in result['msg'] and result['order'] == {'id': 'o-1'}
    checked = AdjustingProvider([state(10)], deeper_pending=pending)
    assert run(checked, check_mode=True)['changed'] is True and checked.adjusted == []


def test_settle_pays_what_is_in_flight_only_when_asked():
    invoice = Pending('invoices', invoice={'id': 'inv-9'})
    paying = AdjustingProvider([state(10)], deeper_pending=invoice, pay=True)
    result = run(paying)
    assert result['changed'] and result['pending'] is False and paying.paid == ['inv-9'] and paying.placed == 0
    assert result['msg'].endswith('invoice paid')
    placed = AdjustingProvider([state(10)], answers=[Receipt(invoice={'id': 'inv-new'}, in_flight=True)], pay=True)
    assert run(placed)['pending'] is False and placed.paid == ['inv-new'] and placed.placed == 1
    not_asked = AdjustingProvider([state(10)], deeper_pending=invoice)
    assert run(not_asked)['pending'] is True and not_asked.paid == []


def test_settle_failure_keeps_what_was_learnt():
    class FailingPay(AdjustingProvider):
        def settle(self, outcome, check_mode):
            raise ProviderError('card declined')

    result = failure(FailingPay([state(10)], answers=[Receipt(invoice={'id': 'i'}, in_flight=True)]))
    assert 'paying it failed: card declined' in result['msg'] and result['invoice'] == {'id': 'i'}


class RecordingGuard:
    """A budget of ``limit`` for every currency; records what it was asked."""

    def __init__(self, limit):
        self.limit = limit
        self.spent = 0.0
        self.calls = []

    def reserve(self, quote):
        self.calls.append(('reserve', quote and quote.amount))
        if quote is None:
            return None, 'price unknown'
        if self.spent + quote.amount > self.limit:
            return None, 'budget exhausted'
        self.spent += quote.amount
        return quote.amount, None

    def commit(self, token, amount):
        self.calls.append(('commit', token, amount))

    def release(self, token):
        self.spent -= token
        self.calls.append(('release', token))


class RecordingJournal:
    def __init__(self):
        self.events = []

    def intent(self, state, attempt):
        self.events.append(('intent', attempt))

    def outcome(self, outcome):
        self.events.append(('outcome', outcome.kind))


def test_spend_guard_skips_over_budget_and_accounts_for_what_was_bought():
    guard = RecordingGuard(limit=30)
    first = FakeProvider([state(10)], quote=Quote('20', 'EUR'))
    assert run(first, spend_guard=guard)['renewed'] is True
    second = FakeProvider([state(10)], quote=Quote('20', 'EUR'))
    result = run(second, spend_guard=guard)
    assert (result['outcome'], result['changed'], second.placed) == ('skipped_budget', False, 0)
    assert 'budget exhausted' in result['msg']
    assert guard.calls == [('reserve', 20.0), ('commit', 20.0, 20.0), ('reserve', 20.0)]


def test_spend_guard_releases_on_a_definite_failure_and_keeps_an_unknown_outcome():
    refused = FakeProvider([state(10)], answers=[ProviderError('no funds')], quote=Quote('5', 'EUR'))
    guard = RecordingGuard(limit=100)
    failure(refused, spend_guard=guard)
    assert guard.calls[-1] == ('release', 5.0) and guard.spent == 0
    lost = FakeProvider([state(10)], answers=[UnknownOutcomeError('no reply', 'timeout', True)], quote=Quote('5', 'EUR'))
    failure(lost, spend_guard=guard)
    assert guard.calls[-1] == ('commit', 5.0, None) and guard.spent == 5


def test_declared_price_stands_in_for_a_provider_without_quotes():
    over = FakeProvider([state(10)])
    assert failure(over, declared_price=Quote('12.5', 'USD'), max_price=10)['error']['code'] == 'price_above_max'
    under = FakeProvider([state(10)])
    result = run(under, declared_price=Quote('12.5', 'USD'), max_price=20)
    assert result['renewed'] and result['price'] == {'amount': 12.5, 'currency': 'USD'} and under.placed == 1


def test_journal_records_intent_before_each_send_and_the_outcome():
    journal = RecordingJournal()
    run(FakeProvider([state(10)], answers=[UnknownOutcomeError('reset', 'reset', False)]), journal=journal)
    assert journal.events == [('intent', 0), ('outcome', 'not_renewed'), ('intent', 1), ('outcome', 'renewed')]
    quiet = RecordingJournal()
    run(FakeProvider([state(90)]), journal=quiet)
    run(FakeProvider([state(10)]), journal=quiet, check_mode=True)
    assert quiet.events == []


class PaidFromBalance(FakeProvider):
    """A provider whose renewals are paid from a balance of ``available`` EUR."""

    def __init__(self, states, available, **kwargs):
        super(PaidFromBalance, self).__init__(states, **kwargs)
        self.available = available

    def funds(self, state, quote):
        return [Funds('fake|balance', Quote(self.available, 'EUR'), 'the account balance')]


def test_a_balance_short_of_the_price_ends_insufficient_funds_and_sends_nothing():
    short = PaidFromBalance([state(10)], '19.99', quote=Quote('20', 'EUR'))
    result = run(short)
    assert (result['outcome'], result['changed'], short.placed) == ('insufficient_funds', False, 0)
    assert 'the account balance has 19.99 EUR available, this renewal costs 20.00 EUR; nothing was sent' in result['msg']
    enough = PaidFromBalance([state(10)], '20.00', quote=Quote('20', 'EUR'))
    assert run(enough)['outcome'] == 'renewed' and enough.placed == 1


def test_short_funds_release_the_budget_already_reserved():
    guard = RecordingGuard(limit=100)
    run(PaidFromBalance([state(10)], '1', quote=Quote('20', 'EUR')), spend_guard=guard)
    assert guard.calls == [('reserve', 20.0), ('release', 20.0)] and guard.spent == 0


def test_check_mode_says_would_renew_with_the_price():
    result = run(FakeProvider([state(10)], quote=Quote('20', 'EUR')), check_mode=True)
    assert result['outcome'] == 'would_renew' and result['msg'] == 'would renew (check mode) for 20.00 EUR'


def test_a_placed_renewal_whose_invoice_waits_is_awaiting_payment_with_its_run_out_date():
    invoice = {'id': '7', 'amount': 12.0, 'currency': 'SEK', 'due_at': '2026-12-05T00:00:00Z', 'status': 'unpaid'}
    api = FakeProvider([state(10)], answers=[Receipt(invoice=invoice, in_flight=True)])
    result = run(api)
    assert result['outcome'] == 'awaiting_payment' and result['renewed'] is True
    assert result['awaiting_payment'] == {'invoice_id': '7', 'order_id': None, 'amount': 12.0, 'currency': 'SEK',
                                          'due_at': '2026-12-05T00:00:00Z', 'runs_out_at': '2026-12-01T12:00:00Z'}
    assert 'invoice 7 of 12.00 SEK due 2026-12-05; the service runs out 2026-12-01 if it is not paid' in result['msg']


def test_an_unpaid_renewal_stays_visible_when_the_service_is_not_due():
    waiting = Pending('invoices', invoice={'id': '8', 'amount': 5.0, 'currency': 'SEK', 'status': 'unpaid'})
    api = FakeProvider([state(90, pending=waiting)])
    result = run(api)
    assert (result['outcome'], api.placed) == ('awaiting_payment', 0)
    assert run(FakeProvider([state(90)]))['outcome'] == 'not_due'


def test_accepted_but_queued_is_reported_as_such():
    api = FakeProvider([state(10)], answers=[Receipt(in_flight=True, queued=True, warning='queued: no funds')])
    result = run(api)
    assert result['outcome'] == 'awaiting_payment' and 'queued until the account has the funds' in result['msg']
    assert 'queued: no funds' in result['msg']


def test_a_declared_price_overrides_the_provider_price():
    api = FakeProvider([state(10)], quote=Quote('30', 'EUR'))
    assert run(api, declared_price=Quote('12', 'EUR'))['price'] == {'amount': 12.0, 'currency': 'EUR'}


class UnreadableAfterSending(FakeProvider):
    """Reads work until a renewal was sent; then the provider cannot be reached."""

    def read_state(self):
        if self.placed:
            raise TransportError('cannot connect to api.example (Connection refused)', kind='connect')
        return super(UnreadableAfterSending, self).read_state()


def test_a_lost_reply_that_cannot_be_checked_says_so_and_closes_the_journal():
    journal = RecordingJournal()
    guard = RecordingGuard(limit=100)
    api = UnreadableAfterSending([state(10)], answers=[UnknownOutcomeError('the connection was reset', 'reset', False)],
                                 quote=Quote('5', 'EUR'))
    result = failure(api, journal=journal, spend_guard=guard)
    assert api.placed == 1, 'never re-sent without proof that nothing happened'
    assert result['error']['code'] == 'unknown_outcome'
    assert 'the connection was reset' in result['msg'] and 'Connection refused' in result['msg'] and 'not re-sent' in result['msg']
    assert journal.events == [('intent', 0), ('outcome', 'failed')]
    assert guard.calls[-1] == ('commit', 5.0, None), 'a purchase that may have happened stays counted against the budget'


def test_a_request_the_provider_may_still_process_keeps_its_ledger_intent_open():
    """No reply in time and nothing showing yet: the provider may still renew, so the intent stays open and the next
    run re-reads (and holds) the order instead of renewing it again while the first request may still land."""
    journal = RecordingJournal()
    result = failure(FakeProvider([state(10)], answers=[UnknownOutcomeError('no reply within 1.0s', 'timeout', True)]),
                     journal=journal)
    assert result['error']['code'] == 'unknown_outcome' and 'not re-sent' in result['msg']
    assert journal.events == [('intent', 0)]
