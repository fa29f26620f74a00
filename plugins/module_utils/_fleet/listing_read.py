# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: reading each account's listing once, page by page (the run's start, the forecast).

The play's orders are grouped by provider account (their module options validated once per provider module and
options, not once per order); an account none of whose orders passes its module's own input checks is not listed,
so bad input reaches no API. Pages are read ``workers`` at a time, within the provider's concurrency limit. A page
that fails (an error, a malformed answer, a rate limit that does not clear) leaves its orders out, with a warning:
whoever reads the listing then reads those orders alone.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import threading
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.dispatch import checked, module_params, validate
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.listed import DEFAULT_RENEW_BEFORE_DAYS
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state_file import order_key
from ansible_collections.renewals.hosting.plugins.module_utils._registry import PROVIDERS, target_for


class Account:
    """One provider account of the play: its validated connection, its orders' keys, the shortest window, and what
    its listing showed."""

    def __init__(self, provider, params):
        self.provider = provider
        self.params = params
        self.orders = []
        self.keys = {}            # (provider, service, id) -> order key
        self.window = None        # the smallest renew_before_days among its orders
        self.vouched = False      # one of its orders passed the module's own input checks: the account may be listed
        self.listed = {}          # order key -> ListedOrder, for the play's orders its pages showed
        self.in_flight_ids = set()  # ids its in-flight scopes listed (ForecastSupport)
        self.failed = set()       # names of the scopes a page of which could not be read

    def key_of(self, listed):
        return self.keys.get((listed.provider, listed.service, listed.order_id))


def accounts_of(orders, policy, defaults_for, warnings):
    """({(provider, account): Account} of the orders whose provider declares a listing, no_log values)."""
    accounts, resolved, no_log = {}, {}, set()
    for order in orders:
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
    """Whether one order passes validation and the module's own input checks."""
    try:
        checked(target, dict(order, **policy), defaults_for(target.module))
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


def read_pages(scopes, workers, concurrency, warnings):
    """Read every page of each (account, ListingScope), ``workers`` at a time; the rows of the play's orders go to
    ``account.listed``, in-flight ids to ``account.in_flight_ids``. Returns how many pages were read."""
    pages = [0]
    lock = threading.Lock()
    slots = dict((name, threading.BoundedSemaphore(int(limit))) for name, limit in (concurrency or {}).items()
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
            account.in_flight_ids |= listed_page.in_flight_ids
            for listed in listed_page.orders:
                key = account.key_of(listed)
                if key is not None:
                    account.listed[key] = listed

    with ThreadPoolExecutor(workers) as pool:
        running = dict((pool.submit(read, account, scope, 1), (account, scope, 1)) for account, scope in scopes)
        while running:
            done, _pending = wait(list(running), return_when=FIRST_COMPLETED)
            for future in done:
                account, scope, page = running.pop(future)
                try:
                    listed_page = future.result()
                except Exception as error:  # pylint: disable=broad-except
                    # whatever a page did (an error, an answer that does not decode), its orders are read one by one
                    account.failed.add(scope.name)
                    warnings.append(unread_warning(account, '%s page %d' % (scope.name, page), error))
                    continue
                keep(account, listed_page)
                if page == 1 and listed_page.last_page:
                    following = range(2, listed_page.last_page + 1)
                else:
                    following = [page + 1] if listed_page.last_page is None and listed_page.more else []
                for number in following:
                    running[pool.submit(read, account, scope, number)] = (account, scope, number)
    return pages[0]


def unread_warning(account, what, error):
    """The warning for a listing that could not be read (its orders are read one by one)."""
    # a RenewalError's message is scrubbed of secrets by the client; anything else is named by its type only
    said = error.message if isinstance(error, RenewalError) else 'unexpected %s' % type(error).__name__
    return ('%s: %s could not be read (%s); the orders it would have listed are read one by one'
            % (account.provider.title, what, said))
