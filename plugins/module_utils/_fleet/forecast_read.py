# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: what the forecast reads, buying nothing: each account's listing once, then alone only
the orders the listing cannot decide.

An order the listing shows expiring beyond the horizon costs no call of its own. One it shows within the horizon is
forecast from its row when its provider's ForecastSupport tells everything the order's own read would: nothing in
flight (the account's in-flight listing read whole), whether it is renewable, and its price. Every other order (not
listed, or on a page that failed, a row without an expiry, something in flight, a price only its details tell, a
provider without ForecastSupport) is read alone as its provider module reads it (the engine's ``describe``),
``workers`` at a time. One TaskShare serves the whole forecast, so an account's price catalogue is read once.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.renewals.hosting.plugins.module_utils._dates import utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._declaration import NotTold
from ansible_collections.renewals.hosting.plugins.module_utils._engine import Policy, describe
from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.forecast import build_forecast, forecast_row
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.dispatch import checked
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.listing_read import accounts_of, read_pages, unread_warning
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.listing_store import OFF
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import Outcome
from ansible_collections.renewals.hosting.plugins.module_utils._provider import ServiceState, TaskShare
from ansible_collections.renewals.hosting.plugins.module_utils._registry import target_for

LISTING, READ = 'listing', 'read'  # where a forecast row's expiry came from
BEYOND = object()                  # the listing shows the order expiring after the horizon


class Reads:
    """How the forecast's orders were decided, for its result and forecast.json."""

    def __init__(self):
        self.pages = 0
        self.from_listing = 0
        self.beyond_horizon = 0
        self.read_alone = 0
        self.warnings = []

    def as_dict(self):
        return {'listing_pages': self.pages, 'from_listing': self.from_listing, 'beyond_horizon': self.beyond_horizon,
                'read_alone': self.read_alone}


def forecast(orders, settings, defaults_for, workers=10, now=None, listing='auto', concurrency=None):
    """The forecast of ``orders`` (build_forecast's dict, with ``reads``) and the Reads behind it."""
    now = now or utcnow()
    horizon = now + datetime.timedelta(days=settings['horizon_days'])
    share, reads = TaskShare(), Reads()
    decided = {} if listing == OFF else _listed(orders, settings, defaults_for, workers, concurrency, share, reads)
    rows, alone = [], []
    for order in orders:
        checked, error = _validated(order, defaults_for)
        found = decided.get(order.get('host')) if error is None else None
        listed = _from_listing(found, checked[1], horizon, now) if found is not None else None
        if error is not None:
            rows.append(forecast_row(order, None, error, settings, now))
        elif listed is BEYOND:
            reads.beyond_horizon += 1
        elif listed is not None:
            reads.from_listing += 1
            rows.append(forecast_row(order, listed, None, settings, now, source=LISTING))
        else:
            alone.append((order, checked))
    reads.read_alone = len(alone)

    def one(item):
        order, checked = item
        outcome, error = read_alone(order, checked, share)
        return forecast_row(order, outcome, error, settings, now, source=READ)

    with ThreadPoolExecutor(max(1, workers)) as pool:
        rows.extend(row for row in pool.map(one, alone) if row is not None)
    return build_forecast(rows, settings, now, reads.as_dict()), reads


def _validated(order, defaults_for):
    """((target, the provider module's validated params), None) or (None, what is wrong): the module's own checks."""
    try:
        target = target_for(order['provider'], order['service'])
        return (target, checked(target, order, defaults_for(target.module))[0]), None
    except RenewalError as error:
        return None, error.message


def read_alone(order, checked, share):
    """(Outcome of a read, None) or (None, error message): one order as its provider module reads it."""
    target, params = checked
    api = None
    try:
        api = target.spec.build_api(params)
        api.share = share
        return describe(api, Policy(renew_before_days=0)), None
    except RenewalError as error:
        return None, error.message
    finally:
        if api is not None:
            api.close()


def _listed(orders, settings, defaults_for, workers, concurrency, share, reads):
    """{host: (account, ListedOrder or None, ForecastSupport or None)} for the orders of every listed account."""
    policy = {'renew_before_days': settings['renew_before_days'], 'force': False}
    accounts, _no_log = accounts_of(orders, policy, defaults_for, reads.warnings)
    scopes, supports = [], {}
    for account in accounts.values():
        try:
            scopes.extend((account, scope) for scope in account.provider.run_listing(account.params, account.orders, None))
            support = account.provider.forecast(account.params, share) if account.provider.forecast else None
        except RenewalError as error:
            reads.warnings.append(unread_warning(account, 'its listing', error))
            continue
        supports[id(account)] = support
        if support is not None:
            scopes.extend((account, scope) for scope in support.in_flight_scopes)
    reads.pages = read_pages(scopes, min(workers, 50), concurrency, reads.warnings)
    decided = {}
    for account in accounts.values():
        support = supports.get(id(account))
        if support is not None and account.failed & set(scope.name for scope in support.in_flight_scopes):
            support = None  # what is in flight is not known for this account: its orders in the horizon are read alone
        for order in account.orders:
            key = account.keys[(account.provider.name, str(order['service']), str(order['id']))]
            decided[order.get('host')] = (account, account.listed.get(key), support)
    return decided


def _from_listing(found, params, horizon, now):  # pylint: disable=too-many-return-statements
    """BEYOND, an Outcome made from the order's listing row, or None when the order must be read alone."""
    account, listed, support = found
    if listed is None or listed.expires_at is None:
        return None
    if listed.expires_at > horizon:
        return BEYOND
    if listed.in_flight or support is None or listed.renewable is None or listed.order_id in account.in_flight_ids:
        return None
    try:
        quote = support.quote(listed, params)
    except NotTold:
        return None
    state = ServiceState(listed.order_id, listed.status, listed.expires_at, auto_renew=listed.auto_renew,
                         renewable=listed.renewable, not_renewable_reason=listed.not_renewable_reason)
    outcome = Outcome(state=state, now=now)
    outcome.price = quote
    return outcome
