# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: one order checked against the approved plan, by the engine, on its fresh read.

``stale(state)`` right after the read (the expiry moved since the plan: someone renewed it), ``refusal(quote)``
right before paying (not in the plan, or priced above the planned price). Each returns (outcome, message) or None.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import threading

from ansible_collections.renewals.hosting.plugins.module_utils._dates import to_iso
from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.plan import order_ref, verified
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import NOT_IN_PLAN, PLAN_STALE, PRICE_CHANGED

_PLANS = {}  # (path, digest) -> {order ref: planned order}: read once per process (batch mode: once per run)
_LOCK = threading.Lock()


class PlanGuard:
    def __init__(self, planned, period, tolerance):
        self.planned = planned      # the plan's entry for this order, None when the plan does not list it
        self.period = period
        self.tolerance = tolerance

    def stale(self, state):
        if self.planned is None:
            return None
        now = to_iso(state.expires_at)
        if now != self.planned.get('expires_before'):
            return PLAN_STALE, ('not renewed: the expiry is %s now, %s in the plan (renewed or changed since the plan was '
                                'made); make a new plan' % (now, self.planned.get('expires_before')))
        return None

    def refusal(self, quote):
        if self.planned is None:
            return NOT_IN_PLAN, 'not renewed: the approved plan does not list this order'
        if self.planned.get('period') != self.period:
            return NOT_IN_PLAN, ('not renewed: the approved plan renews it for period %s, this run for %s'
                                 % (self.planned.get('period'), self.period))
        price = self.planned.get('price')
        if price is None:
            return None  # approved without a known price: the budget still applies
        if quote is None:
            return PRICE_CHANGED, ('not renewed: the plan priced it at %.2f %s and no price is known now'
                                   % (price['amount'], price['currency']))
        if quote.currency != price['currency'] or quote.amount > price['amount'] + self.tolerance:
            return PRICE_CHANGED, ('not renewed: it costs %.2f %s now, %.2f %s in the approved plan (tolerance %.2f)'
                                   % (quote.amount, quote.currency, price['amount'], price['currency'], self.tolerance))
        return None


def _planned_orders(path, digest):
    key = (path, digest)
    with _LOCK:
        if key not in _PLANS:
            try:
                with open(path) as handle:
                    plan = verified(json.load(handle), digest)
            except (IOError, OSError, ValueError) as error:
                raise RenewalError('the approved plan %s cannot be read (%s); nothing was renewed' % (path, error))
            except RenewalError as error:
                raise RenewalError('the approved plan changed during the run: %s' % error.message)
            _PLANS[key] = dict((order_ref(o['provider'], o['service'], o['id']), o) for o in plan['orders'])
        return _PLANS[key]


def guard_for(fleet_plan, order):
    """The PlanGuard of one order when the run applies a plan, else None."""
    if not fleet_plan:
        return None
    planned = _planned_orders(fleet_plan['path'], fleet_plan['digest'])
    entry = planned.get(order_ref(order['provider'], order['service'], None if order['id'] is None else str(order['id'])))
    return PlanGuard(entry, order.get('period'), float(fleet_plan.get('price_tolerance') or 0))
