# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: an order the run's listing shows not due is decided there, with no call of its own.

Only ``not_due`` is ever decided from the listing, by the engine's own rule (Policy.should_renew). An order the
listing does not show, whose row has no expiry or shows a renewal in flight, or that is due (or forced) takes the
full path: read alone, in-flight checks, then at most one paying request. Nothing is ever paid on the listing.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._dates import from_epoch, to_iso, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._engine import Policy
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.listing_store import OFF, lookup
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import NOT_DUE, Outcome
from ansible_collections.renewals.hosting.plugins.module_utils._provider import ServiceState

DEFAULT_RENEW_BEFORE_DAYS = 30  # the renewal modules' default, as _runner applies it

LISTED_MSG = ('not due: expires %s, more than %d days away (expiry from the run\'s listing taken at %s; '
              'no call was made for this order)')


def not_due_from_listing(run, listing_id, key, order_id, params):
    """An Outcome ``not_due`` when the run's listing shows the order not due and nothing in flight; else None."""
    if not listing_id or listing_id == OFF or params.get('force'):
        return None
    row, taken_at = lookup(run, listing_id, key)
    if row is None:
        return None
    expires_epoch, status, auto_renew, in_flight = row
    if expires_epoch is None or in_flight:
        return None
    days = params.get('renew_before_days')
    policy = Policy(renew_before_days=DEFAULT_RENEW_BEFORE_DAYS if days is None else days, now=utcnow())
    state = ServiceState(str(order_id), status, from_epoch(expires_epoch), auto_renew=auto_renew)
    if policy.should_renew(state):
        return None
    outcome = Outcome(kind=NOT_DUE, state=state, now=policy.now, should_renew=False)
    outcome.say(LISTED_MSG % (to_iso(state.expires_at), policy.renew_before_days, taken_at))
    return outcome
