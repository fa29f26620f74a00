# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the account's VPSBG support plan as a renewable service.

No documented field gives the support plan's expiry. Every purchase and renewal is an order whose
``support`` line carries the paid period (``period_from``/``period_to``), so the expiry is the end of
the latest paid support period (support_period.py finds it, on accounts of any size). A renewal in flight
is an open ``renew-service`` order with a support line: the open orders are read whole first, every time.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._dates import add_months, from_epoch, to_iso, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._errors import ProviderError
from ansible_collections.renewals.hosting.plugins.module_utils._memory import NO_MEMORY
from ansible_collections.renewals.hosting.plugins.module_utils._provider import ServiceState
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.client import unwrap
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.data import PROVIDER, SUPPORT_SERVICE_TYPE
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.orders import OrderBook, PendingOrder, change_period, receipt
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.support_period import SupportPeriodReader

NO_SUPPORT_PLAN = 'no_support_plan'  # the error code when the account has no paid support order
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.payment import PaysFromBalance


class SupportState(ServiceState):
    """ServiceState plus the paid order line its expiry comes from."""

    def __init__(self, paid, **kwargs):
        super(SupportState, self).__init__(**kwargs)
        self.paid = paid


class VpsbgSupport(PaysFromBalance):
    provider = PROVIDER

    def __init__(self, client, params, memory=NO_MEMORY):
        self.client = client
        self.pay = params.get('pay', False)
        self.account = params.get('api_url')  # the balance's account; the inventory reads the plan without one
        self.requested_cycle = params.get('billing_cycle')
        self.force = params.get('force', False)
        self.book = OrderBook(client)
        self.periods = SupportPeriodReader(self.book, memory)

    def billing_cycle(self, state):
        """The period to renew for: as asked, else the period of the current paid support order."""
        return self.requested_cycle or (state.paid.billing_cycle if state.paid else None) or 1

    def read_state(self):
        open_renewals = self.book.open_renewals(SUPPORT_SERVICE_TYPE)
        paid = self.periods.latest_paid(open_renewals)
        if paid is None and not self.force:
            raise ProviderError('no paid support plan order at VPSBG (every paid order of the account was read), so the '
                                'support plan\'s expiry is unknown (VPSBG shows it only in orders); nothing was bought '
                                '(force=true renews without a due check)', code=NO_SUPPORT_PLAN)
        expires_at = from_epoch(paid.period_to) if paid else None
        ends = [found.period_to for found in open_renewals if found.period_to] + ([paid.period_to] if paid else [])
        return SupportState(
            paid,
            service_id=(paid.line.get('service_id') if paid else None) or SUPPORT_SERVICE_TYPE,
            status=None if expires_at is None else ('active' if expires_at > utcnow() else 'expired'),
            expires_at=expires_at,
            pending=_oldest(open_renewals),
            extra={
                'plan': paid.line.get('label') if paid else None,
                'billing_cycle': paid.billing_cycle if paid else None,
                'paid_by_order': paid.order_id if paid else None,
                'potential_expires_at': to_iso(from_epoch(max(ends))) if ends else None,
            },
        )

    def predicted_expiry(self, state):
        return add_months(state.expires_at, self.billing_cycle(state)) if state.expires_at else None

    def place_renewal(self, state):
        body = self.client.order('support/renew', {'billing_cycle': self.billing_cycle(state)},
                                 not_found='VPSBG has no support plan renew call (POST /support/renew)')
        return receipt(unwrap(body), SUPPORT_SERVICE_TYPE, None, lambda: _oldest(self.book.open_renewals(SUPPORT_SERVICE_TYPE)))

    def adjust_pending(self, state, pending, check_mode):
        return change_period(self.client, pending, SUPPORT_SERVICE_TYPE, self.requested_cycle, None, None, check_mode)

    def close(self):
        self.client.close()


def _oldest(open_renewals):
    """The renewal in flight: the oldest open support renew order, or None."""
    return PendingOrder(open_renewals[0]) if open_renewals else None
