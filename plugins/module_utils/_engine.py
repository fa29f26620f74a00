# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the provider-neutral renewal engine.

Renewal is desired state: "the service does not expire within renew_before_days, or
a renewal is already in flight". The engine reads, decides, guards against a second
purchase, places at most one renewal, and when the reply to that renewal is lost it
re-reads the provider and decides from what really happened.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ansible_collections.renewals.hosting.plugins.module_utils._dates import to_iso, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._errors import (
    AlreadyPendingError,
    AlreadyRenewedError,
    RenewalError,
    UnknownOutcomeError,
)
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import (
    ALREADY_RENEWED,
    AWAITING_PAYMENT,
    FAILED,
    INSUFFICIENT_FUNDS,
    NOT_DUE,
    NOT_RENEWED,
    PENDING,
    RENEWED,
    SKIPPED_BUDGET,
    WOULD_RENEW,
    Outcome,
    RenewalFailed,
)


class Policy:
    """How to decide, plus the fleet's optional guards.

    ``declared_price`` (a Quote) overrides the price the provider tells (and stands in when it tells none).
    ``spend_guard`` (reserve/commit/release) keeps a run-wide budget; ``funds_guard`` (the same interface, plus the
    Funds to draw on) keeps what each balance can still pay; ``journal`` (intent/outcome) records each paying
    request before it is sent and what came of it; ``plan_guard`` (stale/refusal) holds the order to an approved
    plan, on this run's own read.
    """

    def __init__(self, renew_before_days=30, force=False, max_price=None, max_retries=1, now=None,
                 declared_price=None, spend_guard=None, journal=None, funds_guard=None, plan_guard=None):
        self.renew_before_days = renew_before_days
        self.force = force
        self.max_price = max_price
        self.max_retries = max_retries
        self.now = now or utcnow()
        self.declared_price = declared_price
        self.spend_guard = spend_guard
        self.journal = journal
        self.funds_guard = funds_guard or TaskFunds()
        self.plan_guard = plan_guard

    def should_renew(self, state):
        if self.force:
            return True
        if state.expires_at is None:
            return False
        return state.expires_at <= self.now + datetime.timedelta(days=self.renew_before_days)


class TaskFunds:
    """Funds outside a fleet run: the balance as the task read it."""

    @staticmethod
    def reserve(funds, quote):
        if funds.available.amount + 1e-9 < quote.amount:
            return None, short_of_funds(funds, funds.available.amount, quote)
        return None, None

    def commit(self, token, amount=None):
        """Nothing kept beyond the task."""

    def release(self, token):
        """Nothing kept beyond the task."""


def short_of_funds(funds, left, quote):
    return ('%s has %.2f %s available, this renewal costs %.2f %s; nothing was sent'
            % (funds.what, left, funds.available.currency, quote.amount, quote.currency))


def still_committing(outcome):
    """Whether the outcome is a paying request the provider may still carry out."""
    return outcome.error is not None and getattr(outcome.error, 'may_still_commit', False)


def _fail(outcome, error, msg=None):
    outcome.kind = FAILED
    outcome.error = error
    outcome.say(msg or error.message)
    raise RenewalFailed(outcome)


def in_flight(api, state):
    """The renewal in flight for ``state``: what the service shows, else what the provider shows deeper; None if none."""
    return state.pending or api.find_pending(state)


def expiry_moved(before, after):
    """Whether the expiry moved forward between two reads (None on either side: it did not)."""
    return after is not None and before is not None and after > before


def describe(api, policy):
    """Read-only answer for *_info modules: the service, what is in flight, and should_renew."""
    state = api.read_state()
    pending = in_flight(api, state)
    outcome = Outcome(state=state, now=policy.now, should_renew=policy.should_renew(state) and pending is None)
    outcome.expires_after = api.predicted_expiry(state)
    outcome.price = policy.declared_price or api.quote(state)
    if pending is not None:
        outcome.in_flight(pending)
    outcome.warnings = list(api.warnings or [])
    return outcome


def run_renewal(api, policy, check_mode=False, diff=False):
    """Bring one service to "renewed or renewal in flight". Returns an Outcome or raises RenewalFailed."""
    state = api.read_state()
    outcome = Outcome(state=state, now=policy.now, should_renew=policy.should_renew(state))
    outcome.diff = diff
    if _refused_by_plan(outcome, policy.plan_guard and policy.plan_guard.stale(state)):
        return outcome
    try:
        return _run(api, policy, state, outcome, check_mode)
    finally:
        outcome.warnings = list(api.warnings or [])


def _run(api, policy, state, outcome, check_mode):
    """run_renewal after the first read; a renewal the service already shows in flight is reported even when not due."""
    if not outcome.should_renew and state.pending is None:
        outcome.kind = NOT_DUE
        if state.expires_at is None:
            outcome.say('nothing to renew: the provider reports no expiry for this service')
        else:
            outcome.say('not due: expires %s, more than %d days away' % (to_iso(state.expires_at), policy.renew_before_days))
        return outcome

    pending = in_flight(api, state)
    if pending is not None:
        outcome.in_flight(pending)
        outcome.kind = PENDING
        outcome.say('a renewal is already in flight (seen in %s); nothing placed' % pending.source)
        if outcome.awaiting_payment:
            outcome.kind = AWAITING_PAYMENT
            outcome.say('a renewal awaits payment (%s); nothing placed' % describe_waiting(outcome))
        adjustment = api.adjust_pending(state, pending, check_mode)
        if adjustment is not None:
            outcome.changed = True
            outcome.add(adjustment.note)
            outcome.in_flight(adjustment.pending)
        return _settle(api, policy, outcome, check_mode)

    if not state.renewable:
        _fail(outcome, RenewalError(state.not_renewable_reason, code='not_renewable'))

    quote = policy.declared_price or api.quote(state)
    outcome.price = quote
    if policy.max_price is not None:
        if quote is None:
            _fail(outcome, RenewalError('max_price is set but %s does not tell the price before renewing this service; '
                                        'nothing was bought (unset max_price to renew without a price check)' % api.provider,
                                        code='price_unknown'))
        if quote.amount > policy.max_price:
            _fail(outcome, RenewalError('the renewal costs %.2f %s, above max_price %.2f; nothing was bought'
                                        % (quote.amount, quote.currency, policy.max_price), code='price_above_max'))

    if _refused_by_plan(outcome, policy.plan_guard and policy.plan_guard.refusal(quote)):
        return outcome

    reservations = _reserve(api, policy, state, quote, outcome)
    if outcome.kind is not None:
        return outcome

    if check_mode:
        outcome.changed = outcome.renewed = True
        outcome.kind = WOULD_RENEW
        outcome.expires_after = api.predicted_expiry(state)
        outcome.say('would renew (check mode)%s' % (' for %.2f %s' % (quote.amount, quote.currency) if quote else ''))
        return outcome

    try:
        _place_once(api, policy, state, outcome)
    finally:
        _account(policy, reservations, outcome)
    return _settle(api, policy, outcome, check_mode)


def _refused_by_plan(outcome, refusal):
    """Take the plan guard's refusal, (outcome, message), when there is one."""
    if not refusal:
        return False
    outcome.kind, message = refusal
    outcome.say(message)
    return True


def describe_waiting(outcome):
    """'invoice 7 of 12.00 SEK due 2026-01-01; the service runs out 2026-01-05 if it is not paid'."""
    waiting = outcome.waiting()
    if waiting['order_id']:
        what = 'order %s' % waiting['order_id']
    else:
        what = 'invoice %s' % waiting['invoice_id'] if waiting['invoice_id'] else 'the renewal'
    if outcome.queued:
        what += ' queued until the account has the funds'
    if waiting['amount'] is not None:
        what += ' of %.2f %s' % (waiting['amount'], waiting['currency'] or '')
    if waiting['due_at']:
        what += ' due %s' % waiting['due_at'][:10]
    if waiting['runs_out_at']:
        what += '; the service runs out %s if it is not paid' % waiting['runs_out_at'][:10]
    return what


def _reserve(api, policy, state, quote, outcome):
    """[(guard, token)] held for this renewal: the run budget, then each balance it is paid from. A refusal sets the
    outcome's kind (skipped_budget, insufficient_funds) and releases what was already held."""
    held = []
    if policy.spend_guard is not None:
        token, refusal = policy.spend_guard.reserve(quote)
        if refusal:
            outcome.kind = SKIPPED_BUDGET
            outcome.say('not renewed: %s' % refusal)
            return []
        held.append((policy.spend_guard, token))
    if quote is not None:
        funds = _reserve_funds(policy, api.funds(state, quote), quote, outcome)
        if outcome.kind is not None:
            for guard, token in held:
                guard.release(token)
            return []
        held.extend(funds)
    return held


def _reserve_funds(policy, funds_list, quote, outcome):
    """Hold ``quote`` on each balance in ``funds_list``; on a refusal release what was held and set insufficient_funds."""
    held = []
    for funds in funds_list:
        if (funds.available.currency or '').upper() != (quote.currency or '').upper():
            continue  # a balance in another currency cannot be compared without a rate
        token, refusal = policy.funds_guard.reserve(funds, quote)
        if refusal:
            for token_held in held:
                policy.funds_guard.release(token_held)
            outcome.kind = INSUFFICIENT_FUNDS
            outcome.say('not renewed: %s' % refusal)
            return []
        held.append(token)
    return [(policy.funds_guard, token) for token in held]


def _account_payment(policy, payment, reservations, settlement, outcome):
    """The payment's ledger outcome, and its funds kept (paid, or not known) or released (refused)."""
    if payment is None:
        return
    paid = settlement is not None and settlement.paid is not False
    if policy.journal is not None:
        policy.journal.outcome(outcome if paid else Outcome(kind=outcome.kind, state=outcome.state))
    for guard, token in reservations:
        if token is None:
            continue
        if paid:
            guard.commit(token, payment.quote.amount if payment.quote is not None else None)
        else:
            guard.release(token)


def _account(policy, reservations, outcome):
    """Tell the journal and the guards what came of the paying request.

    A request the provider may still be processing (no reply in time, nothing showing yet) keeps its ledger intent
    open: the next run re-reads the order first and holds it until it settles, instead of renewing it again while the
    first request may still land."""
    if policy.journal is not None and not still_committing(outcome):
        policy.journal.outcome(outcome)
    for guard, token in reservations:
        if token is None:
            continue
        if outcome.may_have_paid:  # an unknown outcome may have been charged: keep it counted
            guard.commit(token, outcome.spent[0])
        else:
            guard.release(token)


def _settle(api, policy, outcome, check_mode):
    """Pay what is in flight when the provider module was asked to (never a second renewal): funds checked first, the
    payment journalled before it is sent, like the renewal itself."""
    if not outcome.pending:
        return outcome
    payment = None if check_mode else api.payment(outcome)
    reservations = []
    if payment is not None:
        refused = Outcome()
        reservations = _reserve_funds(policy, payment.funds, payment.quote, refused)
        if refused.kind is not None:
            outcome.add('it was not paid: %s' % refused.msg[len('not renewed: '):])
            return outcome
        if policy.journal is not None:
            policy.journal.intent(outcome.state, 0)
    try:
        settlement = api.settle(outcome, check_mode)
    except RenewalError as exc:
        _account_payment(policy, payment, reservations, None, outcome)
        _fail(outcome, exc, 'the renewal is in flight but paying it failed: %s' % exc.message)
    _account_payment(policy, payment, reservations, settlement, outcome)
    if settlement is not None:
        settlement.apply_to(outcome)
        if not outcome.pending and outcome.kind in (AWAITING_PAYMENT, PENDING) and outcome.extra.get('paid'):
            outcome.kind = RENEWED  # the renewal's own invoice or order is paid now
    return outcome


def _place_once(api, policy, state, outcome):
    """Place the renewal; on a lost reply re-read and re-send only when the re-read proves nothing happened."""
    attempt = 0
    notes = []
    while True:
        if policy.journal is not None:
            policy.journal.intent(state, attempt)
        try:
            receipt = api.place_renewal(state)
        except AlreadyPendingError:
            pending = in_flight(api, api.read_state()) or state.pending
            return _converged_pending(outcome, pending, ours=attempt > 0, notes=notes)
        except AlreadyRenewedError as exc:
            after = api.read_state()
            if expiry_moved(state.expires_at, after.expires_at):
                return _converged_renewed(outcome, after, ours=attempt > 0, notes=notes + [exc.message])
            _fail(outcome, exc)
        except UnknownOutcomeError as exc:
            try:
                after = api.read_state()
                pending = in_flight(api, after)
            except RenewalError as reread:
                _fail(outcome, exc, '%s; re-reading the service to check failed too (%s), so it was not re-sent '
                                    '(a later run will re-check before paying)' % (exc.message, reread.message))
            if expiry_moved(state.expires_at, after.expires_at) or pending is not None:
                notes.append('%s; a re-read shows the renewal was placed' % exc.message)
                if pending is not None:
                    return _converged_pending(outcome, pending, ours=True, notes=notes)
                return _converged_renewed(outcome, after, ours=True, notes=notes)
            if exc.may_still_commit:
                _fail(outcome, exc, '%s; a re-read shows no change yet, but the provider may still be processing it, '
                                    'so it was not re-sent (a later run will re-check before paying)' % exc.message)
            if attempt >= policy.max_retries:
                _fail(outcome, exc, '%s; a re-read shows nothing changed, so nothing was bought; not re-sent '
                                    '(max_retries=%d)' % (exc.message, policy.max_retries))
            notes.append('%s; a re-read proved nothing changed, so it was sent again' % exc.message)
            if policy.journal is not None:  # this attempt is settled: the ledger must not keep it open
                policy.journal.outcome(Outcome(kind=NOT_RENEWED, error=exc))
            attempt += 1
            state = after
            continue
        except RenewalError as exc:
            _fail(outcome, exc)
        return _placed(outcome, receipt, notes, state, api)


def _placed(outcome, receipt, notes, state, api):
    expires_after = receipt.expires_after
    if expires_after is None and not receipt.in_flight:
        expires_after = api.predicted_expiry(state)
    outcome.changed = outcome.renewed = True
    outcome.kind = RENEWED
    outcome.pending = receipt.in_flight
    outcome.queued = receipt.queued
    outcome.action = receipt.action
    outcome.invoice = receipt.invoice
    outcome.charge = receipt.charge
    outcome.expires_after = expires_after
    if receipt.order is not None:
        outcome.order = receipt.order
    placed = 'renewed'
    if outcome.awaiting_payment:
        outcome.kind = AWAITING_PAYMENT
        placed = 'renewal placed; it awaits payment (%s)' % describe_waiting(outcome)
    elif receipt.in_flight:
        placed = 'renewal placed; the provider applies it once processed'
    outcome.say(placed, *(notes + [receipt.warning]))
    return outcome


def _converged_pending(outcome, pending, ours, notes):
    outcome.in_flight(pending)
    outcome.changed = outcome.renewed = ours
    outcome.kind = RENEWED if ours else PENDING
    if outcome.awaiting_payment:
        outcome.kind = AWAITING_PAYMENT
        notes = notes + ['it awaits payment (%s)' % describe_waiting(outcome)]
    outcome.say(*(notes + ['a renewal is in flight at the provider; nothing more placed']))
    return outcome


def _converged_renewed(outcome, after, ours, notes):
    outcome.changed = outcome.renewed = ours
    outcome.kind = RENEWED if ours else ALREADY_RENEWED
    outcome.expires_after = after.expires_at
    outcome.state_after = after
    outcome.say(*(notes + ['the expiry moved to %s' % to_iso(after.expires_at)]))
    return outcome
