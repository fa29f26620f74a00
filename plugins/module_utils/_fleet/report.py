# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the run report's rows (one per host, one shape) and totals."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._dates import to_iso, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._engine import still_committing
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import (
    ALREADY_RENEWED,
    AWAITING_PAYMENT,
    DUPLICATE,
    FAILED,
    INSUFFICIENT_FUNDS,
    NOT_DUE,
    NOT_IN_PLAN,
    PENDING,
    PLAN_STALE,
    PRICE_CHANGED,
    RENEWED,
    SKIPPED_BUDGET,
    WOULD_RENEW,
)

OUTCOMES = (RENEWED, AWAITING_PAYMENT, WOULD_RENEW, NOT_DUE, PENDING, SKIPPED_BUDGET, INSUFFICIENT_FUNDS, FAILED, DUPLICATE,
            NOT_IN_PLAN, PRICE_CHANGED, PLAN_STALE)
# Outcomes that cost money: spent (debited or paid), awaiting payment, or (check mode) would spend.
MONEY_TOTALS = {RENEWED: 'spent', AWAITING_PAYMENT: 'awaiting_payment', WOULD_RENEW: 'would_spend'}
# Engine outcomes folded into the report's vocabulary.
IN_REPORT = {ALREADY_RENEWED: NOT_DUE}
NO_RESULT = 'no result was recorded for this host (the task did not run: check the task output for its error)'


def row(host, order, outcome, check_mode=False, expires_before=None, expires_after=None, invoice_id=None, amount=None,
        currency=None, pending=False, msg=None, error=None, duplicate_of=None, due_at=None, runs_out_at=None,
        still_processing=False):
    """One row of report.json: every row has every key."""
    return {
        'host': host,
        'provider': order.get('provider'),
        'service': order.get('service'),
        'id': None if order.get('id') is None else str(order.get('id')),
        'period': order.get('period'),
        'outcome': outcome,
        'expires_before': expires_before,
        'expires_after': expires_after,
        'invoice_id': invoice_id,
        'amount': amount,
        'currency': currency,
        'pending': pending,
        'check_mode': check_mode,
        'msg': msg,
        'error': error,
        'duplicate_of': duplicate_of,
        'due_at': due_at,              # awaiting_payment: when the invoice or order is due
        'runs_out_at': runs_out_at,    # awaiting_payment: when the service runs out if it is not paid
        # failed: a paying request got no reply in time and the provider may still carry it out (the order is held,
        # and the next run re-reads it before anything is sent again)
        'still_processing': still_processing,
    }


def report_entry(host, order, outcome, check_mode):
    """The report row of one order's Outcome."""
    kind = IN_REPORT.get(outcome.kind, outcome.kind) or NOT_DUE
    invoice = outcome.invoice or {}
    waiting = outcome.waiting() if kind == AWAITING_PAYMENT else {}
    if kind == AWAITING_PAYMENT:
        amount, currency = waiting['amount'], waiting['currency']
    elif kind == WOULD_RENEW:
        amount, currency = (outcome.price.amount, outcome.price.currency) if outcome.price is not None else (None, None)
    else:
        amount, currency = outcome.spent
    return row(host, order, kind, check_mode=check_mode, expires_before=to_iso(outcome.expires_before),
               expires_after=to_iso(outcome.expires_after), invoice_id=invoice.get('id') or waiting.get('order_id'),
               amount=amount, currency=currency if amount is not None else None,
               due_at=waiting.get('due_at'), runs_out_at=waiting.get('runs_out_at'),
               pending=bool(outcome.pending), msg=outcome.msg,
               # the whole conclusion ("...; a re-read shows nothing changed, so nothing was bought"), not the bare error
               error=outcome.msg if kind == FAILED else None, duplicate_of=outcome.duplicate_of,
               still_processing=still_committing(outcome))


def build_report(run_id, entries, hosts):
    """One entry per host in ``hosts`` (the play's hosts), whether or not its task got to record one."""
    by_host = {}
    for entry in entries:
        by_host[entry['host']] = entry
    orders = []
    for host in hosts or sorted(by_host):
        entry = by_host.get(host)
        if entry is None:
            entry = row(host, {}, FAILED, msg=NO_RESULT, error=NO_RESULT)
        orders.append(entry)
    counts = dict((outcome, 0) for outcome in OUTCOMES)
    totals = {'orders': len(orders), 'outcomes': counts, 'spent': {}, 'awaiting_payment': {}, 'would_spend': {},
              'price_unknown': 0}
    for entry in orders:
        counts[entry['outcome']] = counts.get(entry['outcome'], 0) + 1
        money = MONEY_TOTALS.get(entry['outcome'])
        if money is None:
            continue
        if entry.get('amount') is None:
            totals['price_unknown'] += 1  # bought or placed, but what it cost is not known
            continue
        currency = entry.get('currency') or 'unknown'
        totals[money][currency] = round(totals[money].get(currency, 0.0) + float(entry['amount']), 2)
    check_mode = any(entry.get('check_mode') for entry in orders)
    return {
        'run_id': run_id,
        'generated_at': to_iso(utcnow()),
        'check_mode': check_mode,
        'orders': orders,
        'totals': totals,
    }
