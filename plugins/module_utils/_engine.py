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


class Policy:
    """How to decide, plus the fleet's optional guards.

    ``declared_price`` (a Quote) stands in when the provider tells no price before paying.
    ``spend_guard`` (reserve/commit/release) keeps a run-wide budget; ``journal``
    (intent/outcome) records each paying request before it is sent and what came of it.
    """

    def __init__(self, renew_before_days=30, force=False, max_price=None, max_retries=1, now=None,
                 declared_price=None, spend_guard=None, journal=None):
        self.renew_before_days = renew_before_days
        self.force = force
        self.max_price = max_price
        self.max_retries = max_retries
        self.now = now or utcnow()
        self.declared_price = declared_price
        self.spend_guard = spend_guard
        self.journal = journal

    def should_renew(self, state):
        if self.force:
            return True
        if state.expires_at is None:
            return False
        return state.expires_at <= self.now + datetime.timedelta(days=self.renew_before_days)


class RenewalFailed(Exception):
    """Carries a failure result (msg, error, and whatever was learnt before failing)."""

    def __init__(self, result):
        super(RenewalFailed, self).__init__(result['msg'])
        self.result = result


def _base_result(policy, state, should_renew):
    return {
        'changed': False,
        'renewed': False,
        'pending': False,
        'should_renew': should_renew,
        'service': state.as_dict(policy.now),
        'expires_after': None,
        'action': None,
        'invoice': None,
        'price': None,
    }


def _with_pending(result, pending):
    result['pending'] = True
    result['action'] = pending.action
    result['invoice'] = pending.invoice
    if pending.order is not None:
        result['order'] = pending.order
    return result


def _fail(result, error, msg=None):
    result = dict(result)
    result['failed'] = True
    result['outcome'] = 'failed'
    result['msg'] = msg or error.message
    result['error'] = error.as_dict()
    raise RenewalFailed(result)


def describe(api, policy):
    """Read-only answer for *_info modules: the service, what is in flight, and should_renew."""
    state = api.read_state()
    pending = state.pending or api.find_pending(state)
    result = _base_result(policy, state, policy.should_renew(state) and pending is None)
    result['days_remaining'] = result['service']['days_remaining']
    result['expires_after'] = to_iso(api.predicted_expiry(state))
    quote = api.quote(state)
    result['price'] = quote.as_dict() if quote is not None else None
    if pending is not None:
        _with_pending(result, pending)
    for key in ('changed', 'renewed'):
        result.pop(key)
    return result


def run_renewal(api, policy, check_mode=False, diff=False):
    """Bring one service to "renewed or renewal in flight". Returns the module result or raises RenewalFailed."""
    state = api.read_state()
    should = policy.should_renew(state)
    result = _base_result(policy, state, should)
    if diff:
        result['diff'] = {'before': {'expires_at': to_iso(state.expires_at)}, 'after': {'expires_at': to_iso(state.expires_at)}}

    if not should:
        if state.expires_at is None:
            msg = 'nothing to renew: the provider reports no expiry for this service'
        else:
            msg = 'not due: expires %s, more than %d days away' % (to_iso(state.expires_at), policy.renew_before_days)
        result.update(outcome='not_due', msg=msg)
        return result

    pending = state.pending or api.find_pending(state)
    if pending is not None:
        _with_pending(result, pending)
        result.update(outcome='pending', msg='a renewal is already in flight (seen in %s); nothing placed' % pending.source)
        adjusted = api.adjust_pending(state, pending, check_mode)
        if adjusted:
            result.update(changed=True, msg='%s; %s' % (result['msg'], adjusted))
        return _settle(api, result, check_mode)

    if not state.renewable:
        _fail(result, RenewalError(state.not_renewable_reason, code='not_renewable'))

    quote = api.quote(state) or policy.declared_price
    if quote is not None:
        result['price'] = quote.as_dict()
    if policy.max_price is not None:
        if quote is None:
            _fail(result, RenewalError('max_price is set but %s does not tell the price before renewing this service; '
                                       'nothing was bought (unset max_price to renew without a price check)' % api.provider,
                                       code='price_unknown'))
        if quote.amount > policy.max_price:
            _fail(result, RenewalError('the renewal costs %.2f %s, above max_price %.2f; nothing was bought'
                                       % (quote.amount, quote.currency, policy.max_price), code='price_above_max'))

    reservation = None
    if policy.spend_guard is not None:
        reservation, refusal = policy.spend_guard.reserve(quote)
        if refusal:
            result.update(outcome='skipped_budget', msg='not renewed: %s' % refusal)
            return result

    predicted = api.predicted_expiry(state)
    if check_mode:
        result.update(changed=True, renewed=True, expires_after=to_iso(predicted), outcome='renewed',
                      msg='would renew (check mode)')
        _set_diff_after(result, predicted)
        return result

    try:
        result = _place_once(api, policy, state, result)
    except RenewalFailed as failure:
        _account(policy, reservation, failure.result)
        raise
    _account(policy, reservation, result)
    return _settle(api, result, check_mode)


def _account(policy, reservation, result):
    """Tell the journal and the spend guard what came of the paying request."""
    if policy.journal is not None:
        policy.journal.outcome(result)
    if reservation is None:
        return
    bought = result.get('renewed') or (result.get('error') or {}).get('code') == 'unknown_outcome'
    if bought:  # an unknown outcome may have been charged: keep it counted against the budget
        invoice = result.get('invoice') or {}
        policy.spend_guard.commit(reservation, invoice.get('amount'))
    else:
        policy.spend_guard.release(reservation)


def _settle(api, result, check_mode):
    """Pay what is in flight when the provider module was asked to (never a second renewal)."""
    if not result['pending']:
        return result
    try:
        settled = api.settle(result, check_mode)
    except RenewalError as exc:
        _fail(result, exc, 'the renewal is in flight but paying it failed: %s' % exc.message)
    if settled:
        msg = settled.pop('msg', None)
        result.update(settled)
        if msg:
            result['msg'] = '%s; %s' % (result['msg'], msg)
    return result


def _set_diff_after(result, expires_after):
    if 'diff' in result and expires_after is not None:
        result['diff']['after'] = {'expires_at': to_iso(expires_after)}


def _place_once(api, policy, state, result):
    """Place the renewal; on a lost reply re-read and re-send only when the re-read proves nothing happened."""
    attempt = 0
    notes = []
    while True:
        if policy.journal is not None:
            policy.journal.intent(state, attempt)
        try:
            receipt = api.place_renewal(state)
        except AlreadyPendingError:
            pending = api.find_pending(api.read_state()) or state.pending
            return _converged_pending(result, pending, ours=attempt > 0, notes=notes)
        except AlreadyRenewedError as exc:
            after = api.read_state()
            if after.expires_at is not None and state.expires_at is not None and after.expires_at > state.expires_at:
                return _converged_renewed(result, after, ours=attempt > 0, notes=notes + [exc.message], policy=policy)
            _fail(result, exc)
        except UnknownOutcomeError as exc:
            try:
                after = api.read_state()
                pending = after.pending or api.find_pending(after)
            except RenewalError as reread:
                _fail(result, exc, '%s; re-reading the service to check failed too (%s), so it was not re-sent '
                                   '(a later run will re-check before paying)' % (exc.message, reread.message))
            if _landed(state, after, pending):
                notes.append('%s; a re-read shows the renewal was placed' % exc.message)
                if pending is not None:
                    return _converged_pending(result, pending, ours=True, notes=notes)
                return _converged_renewed(result, after, ours=True, notes=notes, policy=policy)
            if exc.may_still_commit:
                _fail(result, exc, '%s; a re-read shows no change yet, but the provider may still be processing it, '
                                   'so it was not re-sent (a later run will re-check before paying)' % exc.message)
            if attempt >= policy.max_retries:
                _fail(result, exc, '%s; a re-read shows nothing changed, so nothing was bought; not re-sent '
                                   '(max_retries=%d)' % (exc.message, policy.max_retries))
            notes.append('%s; a re-read proved nothing changed, so it was sent again' % exc.message)
            if policy.journal is not None:  # this attempt is settled: the ledger must not keep it open
                policy.journal.outcome({'outcome': 'not_renewed', 'error': exc.as_dict()})
            attempt += 1
            state = after
            continue
        except RenewalError as exc:
            _fail(result, exc)
        return _placed(result, receipt, notes, state, api)


def _landed(before, after, pending):
    moved = after.expires_at is not None and before.expires_at is not None and after.expires_at > before.expires_at
    return moved or pending is not None


def _placed(result, receipt, notes, state, api):
    expires_after = receipt.expires_after
    if expires_after is None and not receipt.in_flight:
        expires_after = api.predicted_expiry(state)
    result.update(changed=True, renewed=True, pending=receipt.in_flight, action=receipt.action,
                  invoice=receipt.invoice, expires_after=to_iso(expires_after), outcome='renewed')
    if receipt.order is not None:
        result['order'] = receipt.order
    msg = 'renewal placed; the provider applies it once paid or processed' if receipt.in_flight else 'renewed'
    result['msg'] = '; '.join([msg] + notes + ([receipt.warning] if receipt.warning else []))
    _set_diff_after(result, expires_after)
    return result


def _converged_pending(result, pending, ours, notes):
    if pending is not None:
        _with_pending(result, pending)
    else:
        result['pending'] = True
    result.update(changed=ours, renewed=ours, outcome='renewed' if ours else 'pending')
    result['msg'] = '; '.join(notes + ['a renewal is in flight at the provider; nothing more placed'])
    return result


def _converged_renewed(result, after, ours, notes, policy):
    result.update(changed=ours, renewed=ours, expires_after=to_iso(after.expires_at),
                  outcome='renewed' if ours else 'already_renewed')
    result['service_after'] = after.as_dict(policy.now)
    result['msg'] = '; '.join(notes + ['the expiry moved to %s' % to_iso(after.expires_at)])
    _set_diff_after(result, after.expires_at)
    return result
