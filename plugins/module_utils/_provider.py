# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: what the renewal engine needs from a provider.

A provider implements RenewalApi for one service (order, account, server). The engine
never asks which provider it talks to; provider differences live behind these methods
and in the provider's own data tables.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading

from ansible_collections.renewals.hosting.plugins.module_utils._dates import days_remaining, to_iso


class Pending:
    """A renewal (or another blocking action) already in flight at the provider."""

    def __init__(self, source, action=None, invoice=None, order=None):
        self.source = source      # where it was seen: 'details', 'actions', 'invoices', 'orders', 'answer'
        self.action = action      # {'id', 'type', 'status', 'description'}
        self.invoice = invoice    # {'id', 'amount', 'currency'}
        self.order = order        # provider order record, when the provider bills through orders


class ServiceState:
    """The service as the provider reports it right now."""

    def __init__(self, service_id, status, expires_at, auto_renew=None, pending=None,
                 renewable=True, not_renewable_reason=None, extra=None, paid_until=None):
        self.service_id = service_id
        self.status = status
        self.expires_at = expires_at
        self.paid_until = paid_until or expires_at   # when the service runs out if nothing more is paid
        self.auto_renew = auto_renew
        self.pending = pending
        self.renewable = renewable
        self.not_renewable_reason = not_renewable_reason
        self.extra = extra or {}

    def as_dict(self, now):
        service = {
            'id': self.service_id,
            'status': self.status,
            'expires_at': to_iso(self.expires_at),
            'days_remaining': days_remaining(self.expires_at, now) if self.expires_at else None,
            'auto_renew': self.auto_renew,
        }
        service.update(self.extra)
        return service


class Quote:
    """A price: ``amount`` is what the renewal costs whoever pays it; ``customer_amount`` (LogicBoxes) what the
    customer's invoice bills, reported beside it."""

    def __init__(self, amount, currency, customer_amount=None):
        self.amount = float(amount)
        self.currency = currency
        self.customer_amount = None if customer_amount is None else float(customer_amount)

    def as_dict(self):
        price = {'amount': self.amount, 'currency': self.currency}
        if self.customer_amount is not None:
            price['customer_amount'] = self.customer_amount
        return price


class Receipt:
    """What placing a renewal produced."""

    def __init__(self, action=None, invoice=None, order=None, in_flight=False, expires_after=None, warning=None,
                 charge=None, queued=False):
        self.action = action
        self.invoice = invoice
        self.order = order
        self.in_flight = in_flight  # placed, but the provider waits for payment before extending
        self.expires_after = expires_after
        self.warning = warning
        self.charge = charge        # Quote of what the provider debits (LogicBoxes: the reseller cost), when not the invoice
        self.queued = queued        # accepted but queued by the provider (for example until the account has funds)


class Funds:
    """A balance a renewal is paid from, read before paying: ``pot`` names it (provider, account, whose balance),
    ``available`` is a Quote of what it can spend, ``what`` says which balance it is."""

    def __init__(self, pot, available, what):
        self.pot = pot
        self.available = available
        self.what = what


class Payment:
    """What ``settle`` is about to pay: ``quote`` (its amount) from the balances ``funds`` (a list of Funds; empty when
    it is not paid from a balance the provider tells)."""

    def __init__(self, quote, funds=None):
        self.quote = quote
        self.funds = funds or []


class TaskShare:
    """Documents a task reads once (a price catalogue, a balance): outside a fleet run, once per task.

    The fleet replaces it with the run's share (made once per run, read by every fork)."""

    def __init__(self):
        self._documents = {}
        self._lock = threading.Lock()  # a forecast reads orders from several threads: each document is still read once

    def get(self, name, produce):
        with self._lock:
            if name not in self._documents:
                self._documents[name] = produce()
            return self._documents[name]


class Adjustment:
    """An in-flight renewal brought in line with the request (no purchase): what changed, and the renewal as it is now."""

    def __init__(self, note, pending):
        self.note = note
        self.pending = pending


class Settlement:
    """What paying the renewal in flight did (``settle``): never a second renewal."""

    def __init__(self, note, changed=None, paid=None, pending=None, invoice=None, expires_after=None):
        self.note = note
        self.changed = changed              # None: leave the outcome's as it is
        self.paid = paid
        self.pending = pending
        self.invoice = invoice
        self.expires_after = expires_after

    def apply_to(self, outcome):
        if self.changed is not None:
            outcome.changed = self.changed
        if self.paid is not None:
            outcome.extra['paid'] = self.paid
        if self.pending is not None:
            outcome.pending = self.pending
        if self.invoice is not None:
            outcome.invoice = self.invoice
        if self.expires_after is not None:
            outcome.expires_after = self.expires_after
        outcome.add(self.note)


class RenewalApi:
    """One service at one provider. Subclasses implement the provider calls.

    ``share`` (a TaskShare, or the fleet's run share) holds what is read once: catalogues, balances.
    ``warnings`` collects what the module result shows as warnings (for example why a price is unknown).
    """

    provider = None
    share = None
    warnings = None

    def shared(self, name, produce):
        """``produce()`` once per run (fleet) or per task."""
        if self.share is None:
            self.share = TaskShare()
        return self.share.get(name, produce)

    def warn(self, message):
        if self.warnings is None:
            self.warnings = []
        if message not in self.warnings:
            self.warnings.append(message)

    def read_state(self):
        """Read the service (expiry, status, in-flight action visible on the service itself)."""
        raise NotImplementedError

    def find_pending(self, state):
        """Look deeper for a renewal in flight (extra calls: actions, invoices, orders). None if none."""
        return None

    def quote(self, state):
        """The price of the renewal before paying, or None when the provider does not tell."""
        return None

    def funds(self, state, quote):
        """The balances paying this renewal at ``quote`` draws on (a list of Funds), or [] when it is not paid from one."""
        return []

    def predicted_expiry(self, state):
        """Expiry after a renewal of the requested period, or None if it cannot be known in advance."""
        return None

    def place_renewal(self, state):
        """Send the single paying request. Returns a Receipt or raises a RenewalError subclass."""
        raise NotImplementedError

    def adjust_pending(self, state, pending, check_mode):
        """A renewal is already in flight: bring it in line with the request without placing another one
        (for example correct its period in place). Returns an Adjustment saying what changed (or would change
        in check mode), or None when it already matches. Must not buy anything."""
        return None

    def payment(self, outcome):
        """The Payment ``settle`` would make for this outcome (the renewal's own invoice or order), or None when it pays
        nothing. The engine checks its funds and journals it before ``settle`` sends anything."""
        return None

    def settle(self, outcome, check_mode):
        """Pay the renewal in flight when the user asked for it (for example ``pay_invoice``).

        ``outcome`` is the Outcome so far (its ``invoice``/``order``/``action``). Returns a Settlement, or None
        when paying was not asked for or there is nothing to pay. Paying an invoice is not a renewal: it never
        places one.
        """
        return None

    def close(self):
        """Release connections."""
