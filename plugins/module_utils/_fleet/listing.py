# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: body of renewal_listing, the run's listing of each account's orders (the run's start).

Each account of the play's orders is listed once, page by page, ``workers`` pages at a time, through the listing
its provider declares (``Provider.run_listing``). The expiry, status and auto-renew flag of every listed order of the
play are kept for the run (listing_store), where every fork reads them (listed.py). A page that fails (an error, a
malformed answer, a rate limit that does not clear) leaves its orders out: they are read one by one, with a warning.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json
import threading
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

from ansible_collections.renewals.hosting.plugins.module_utils._dates import to_iso, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.dispatch import check, module_params, validate
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.listed import DEFAULT_RENEW_BEFORE_DAYS
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.listing_store import OFF, encode, new_listing_id, store
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state import open_state, release_connections
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state_file import order_key
from ansible_collections.renewals.hosting.plugins.module_utils._registry import PROVIDERS, target_for

AUTO = 'auto'
MODES = (AUTO, OFF)
POLICY_OPTIONS = ('renew_before_days', 'force')


class Account:
    """One provider account of the play: its validated connection, its orders' keys and the shortest window."""

    def __init__(self, provider, params):
        self.provider = provider
        self.params = params
        self.orders = []
        self.keys = {}        # (service, id) -> order key
        self.window = None    # the smallest renew_before_days among its orders
        self.vouched = False  # one of its orders passed the module's own input checks: the account may be listed


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
    accounts, no_log = _accounts(params, defaults_for or (lambda module: {}), warnings)
    rows, pages = _list(accounts, params, taken_at, warnings)
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


def _result(listing_id, listed, pages, warnings, msg):
    result = {'changed': False, 'listing_id': listing_id, 'listed': listed, 'pages': pages, 'msg': msg}
    if warnings:
        result['warnings'] = warnings
    return result


def _accounts(params, defaults_for, warnings):
    """{(provider, account): Account} of the orders whose provider declares a listing; module options validated once
    per provider module and order options, not once per order."""
    accounts, resolved, no_log = {}, {}, set()
    policy = dict((name, params[name]) for name in POLICY_OPTIONS)
    for order in params['orders']:
        provider = PROVIDERS.get(order.get('provider'))
        if provider is None or provider.run_listing is None or order.get('id') is None:
            continue
        try:
            target = target_for(provider.name, order.get('service'))
        except RenewalError:
            continue  # the order's own step names the mistake
        options = order.get('options') or {}
        if not isinstance(options, dict):
            continue  # the order's own step names the mistake
        shape = (target.module, json.dumps(options, sort_keys=True, default=str))
        if shape not in resolved:
            resolved[shape] = _resolve(target, dict(order, **policy), defaults_for, warnings)
        found = resolved[shape]
        if found is None:
            continue
        account_params, account_no_log, window = found
        no_log |= set(account_no_log)
        account_id = target.account(account_params)
        account = accounts.setdefault((provider.name, account_id), Account(provider, account_params))
        account.orders.append(order)
        account.keys[(provider.name, str(order['service']), str(order['id']))] = order_key(
            provider.name, account_id, order['service'], order['id'])
        account.window = window if account.window is None else min(account.window, window)
        if not account.vouched:
            account.vouched = _passes_checks(target, order, policy, defaults_for)
    # an account none of whose orders passes its checks is not listed: bad input reaches no API, not even a listing
    return dict((key, account) for key, account in accounts.items() if account.vouched), no_log


def _passes_checks(target, order, policy, defaults_for):
    """Whether one order passes validation and the module's own input checks (what its step does before any call)."""
    try:
        params = validate(target, module_params(target, dict(order, **policy), defaults_for(target.module)))[0]
        check(target, params, order)
    except (RenewalError, TypeError, ValueError):
        return False
    return True


def _resolve(target, order, defaults_for, warnings):
    """(validated params, no_log values, renew_before_days) of one provider module and order options, or None."""
    try:
        params, no_log = validate(target, module_params(target, order, defaults_for(target.module)))
    except (RenewalError, TypeError, ValueError) as error:  # bad host vars: each order's own step says what is wrong
        if not isinstance(error, RenewalError):
            return None
        warnings.append('%s orders are not listed (%s): they are read one by one' % (target.provider.title, error.message))
        return None
    days = params.get('renew_before_days')
    return params, no_log, DEFAULT_RENEW_BEFORE_DAYS if days is None else days


def _list(accounts, params, taken_at, warnings):
    """({order key: row} of the play's listed orders, pages read), ``workers`` pages at a time."""
    rows = {}
    pages = [0]
    lock = threading.Lock()
    slots = dict((name, threading.BoundedSemaphore(int(limit))) for name, limit in (params.get('concurrency') or {}).items()
                 if name in PROVIDERS and isinstance(limit, int) and limit > 0)

    def read(account, scope, page):
        slot = slots.get(account.provider.name)
        if slot is not None:
            slot.acquire()
        try:
            client = scope.connect()
            try:
                return scope.read_page(client, page)
            finally:
                client.close()
        finally:
            if slot is not None:
                slot.release()

    def keep(account, listed_page):
        with lock:
            pages[0] += 1
            for listed in listed_page.orders:
                key = account.keys.get((listed.provider, listed.service, listed.order_id))
                if key is not None:
                    rows[key] = encode(listed)

    with ThreadPoolExecutor(params['workers']) as pool:
        running = {}
        for account in accounts.values():
            expiring_after = taken_at + datetime.timedelta(days=account.window)
            try:
                scopes = account.provider.run_listing(account.params, account.orders, expiring_after)
            except RenewalError as error:
                warnings.append(_failed(account, 'its listing', error))
                continue
            for scope in scopes:
                running[pool.submit(read, account, scope, 1)] = (account, scope, 1)
        while running:
            done, _pending = wait(list(running), return_when=FIRST_COMPLETED)
            for future in done:
                account, scope, page = running.pop(future)
                try:
                    listed_page = future.result()
                except Exception as error:  # pylint: disable=broad-except
                    # whatever a page did (an error, an answer that does not decode), its orders are read one by one
                    warnings.append(_failed(account, '%s page %d' % (scope.name, page), error))
                    continue
                keep(account, listed_page)
                if page == 1 and listed_page.last_page:
                    following = range(2, listed_page.last_page + 1)
                else:
                    following = [page + 1] if listed_page.last_page is None and listed_page.more else []
                for number in following:
                    running[pool.submit(read, account, scope, number)] = (account, scope, number)
    return rows, pages[0]


def _failed(account, what, error):
    # a RenewalError's message is scrubbed of secrets by the client; anything else is named by its type only
    said = error.message if isinstance(error, RenewalError) else 'unexpected %s' % type(error).__name__
    return ('%s: %s could not be read (%s); the orders it would have listed are read one by one'
            % (account.provider.title, what, said))
