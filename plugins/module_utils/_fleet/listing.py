# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: body of renewal_listing, the run's listing of each account's orders (the run's start).

Each account of the play's orders is listed once, page by page, through the listing its provider declares
(``Provider.run_listing``; listing_read). The expiry, status and auto-renew flag of every listed order of the play are
kept for the run (listing_store), where every fork reads them (listed.py). An order a page that failed would have
listed is read one by one, with a warning.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ansible_collections.renewals.hosting.plugins.module_utils._dates import to_iso, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.listing_read import accounts_of, read_pages, unread_warning
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.listing_store import OFF, encode, new_listing_id, store
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state import open_state, release_connections

AUTO = 'auto'
MODES = (AUTO, OFF)
POLICY_OPTIONS = ('renew_before_days', 'force')


def renewal_listing(params, check_mode, diff=False, defaults_for=None):
    """List each account of ``params['orders']`` once and keep the rows for the run. Returns (result, no_log values).

    Never fails the run: whatever is not listed is read one by one (the result's warnings say why).
    """
    if params['listing'] == OFF:
        return _result(OFF, 0, 0, [], 'the run\'s listing is off (renew_orders_listing): every order is read alone'), ()
    if params['force']:
        return _result(OFF, 0, 0, [], 'force is set: every order is read alone'), ()
    if not 1 <= params['workers'] <= 50:
        return {'failed': True, 'changed': False, 'msg': 'workers: must be between 1 and 50'}, ()
    taken_at = utcnow()
    warnings = []
    policy = dict((name, params[name]) for name in POLICY_OPTIONS)
    accounts, no_log = accounts_of(params['orders'], policy, defaults_for or (lambda module: {}), warnings)
    pages = read_pages(_scopes(accounts, taken_at, warnings), params['workers'], params.get('concurrency'), warnings)
    rows = dict((key, encode(listed)) for account in accounts.values() for key, listed in account.listed.items())
    listing_id = new_listing_id(params['run_id'])
    try:
        state = open_state(params, check_mode)
        store(state.run(params['run_id']), listing_id, to_iso(taken_at), rows)
    except (RenewalError, OSError) as error:
        warnings.append('the run\'s listing could not be kept (%s): every order is read alone'
                        % getattr(error, 'message', error))
        return _result(OFF, 0, pages, warnings, 'no listing'), no_log
    finally:
        release_connections()
    orders = sum(len(account.orders) for account in accounts.values())
    return _result(listing_id, len(rows), pages, warnings,
                   '%d of %d order(s) listed in %d page(s); the others are read one by one'
                   % (len(rows), orders, pages)), no_log


def _scopes(accounts, taken_at, warnings):
    """(account, ListingScope) to read: orders expiring within an account's shortest window may be left out (they are
    due, and read one by one anyway)."""
    scopes = []
    for account in accounts.values():
        expiring_after = taken_at + datetime.timedelta(days=account.window)
        try:
            scopes.extend((account, scope) for scope in account.provider.run_listing(account.params, account.orders, expiring_after))
        except RenewalError as error:
            warnings.append(unread_warning(account, 'its listing', error))
    return scopes


def _result(listing_id, listed, pages, warnings, msg):
    result = {'changed': False, 'listing_id': listing_id, 'listed': listed, 'pages': pages, 'msg': msg}
    if warnings:
        result['warnings'] = warnings
    return result
