# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: one VPSBG server as a renewable service.

``expiry_at`` is the paid-until date; ``potential_expiry_at`` counts unpaid or processing renew orders,
so a later ``potential_expiry_at`` means a renewal is already in flight. The renew call itself has no
guard at the provider: every call places another order.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._dates import add_months, to_iso
from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError, NotFoundError, ProviderError
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Pending, Quote, ServiceState
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.client import as_int, parse_time, unwrap
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.data import (
    CURRENCY,
    NOT_RENEWABLE_STATUSES,
    PROVIDER,
    ROUTE_MISSING_STATUSES,
    SERVER_RENEW_CALLS,
    SERVER_SERVICE_TYPE,
)
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.orders import OrderBook, PendingOrder, change_period, receipt
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.payment import PaysFromBalance


class ServerState(ServiceState):
    """ServiceState plus the server record it was read from."""

    def __init__(self, server, **kwargs):
        super(ServerState, self).__init__(**kwargs)
        self.server = server

    @property
    def plan_minimum(self):
        plan = self.server.get('plan') if isinstance(self.server.get('plan'), dict) else {}
        return as_int(plan.get('minimum_billing_cycle'))


class VpsbgQuote(Quote):
    """renew/calculate's answer: the amount due (with VAT) is what max_price is compared with."""

    def __init__(self, body, billing_cycle):
        super(VpsbgQuote, self).__init__(_first_amount(body, 'due_today_amount_with_vat', 'amount_with_vat', 'due_today_amount',
                                                       'amount'), CURRENCY)
        promo = body.get('promo_code')
        self.details = {
            'amount_without_vat': _first_amount(body, 'due_today_amount', 'amount'),
            'discount': body.get('discount'),
            'billing_cycle': billing_cycle,
            'promo_code': promo.get('code') if isinstance(promo, dict) else None,
        }

    def as_dict(self):
        result = super(VpsbgQuote, self).as_dict()
        result.update(self.details)
        return result


class VpsbgServer(PaysFromBalance):
    provider = PROVIDER

    def __init__(self, client, params):
        self.client = client
        self.pay = params.get('pay', False)
        self.account = params['api_url']
        self.server_id = params['server_id']
        self.requested_cycle = params.get('billing_cycle')
        self.promo_code = params.get('promo_code')
        self.book = OrderBook(client)
        self.renew_calls = list(SERVER_RENEW_CALLS)

    def billing_cycle(self, state):
        """The period to renew for: as asked, else the server's own billing cycle."""
        return self.requested_cycle or as_int(state.server.get('billing_cycle')) or 1

    def read_state(self):
        server = unwrap(self.client.get('servers/%d' % self.server_id,
                                        not_found='VPSBG has no server %d on this account' % self.server_id))
        if not isinstance(server, dict) or not server.get('expiry_at'):
            raise ProviderError('VPSBG returned no expiry (expiry_at) for server %d' % self.server_id)
        expires_at = parse_time(server['expiry_at'], 'expiry_at')
        potential = parse_time(server.get('potential_expiry_at'), 'potential_expiry_at')
        plan = server.get('plan') if isinstance(server.get('plan'), dict) else {}
        settings = server.get('settings') if isinstance(server.get('settings'), dict) else {}
        state = ServerState(
            server,
            service_id=self.server_id,
            status=server.get('status'),
            expires_at=expires_at,
            auto_renew=server.get('auto_renew'),
            extra={
                'hostname': server.get('hostname'),
                'potential_expires_at': to_iso(potential),
                'billing_cycle': as_int(server.get('billing_cycle')),
                'plan': plan.get('name'),
                'minimum_billing_cycle': as_int(plan.get('minimum_billing_cycle')),
                'renew_amount': server.get('renew_amount'),
                'renew_amount_with_vat': server.get('renew_amount_with_vat'),
                'renew_enabled': settings.get('renew_enabled'),
                'cancel_requested': bool(server.get('cancel_request')),
                'locked': server.get('locked') is True,
            },
        )
        reason = self._not_renewable(state, settings)
        state.renewable = reason is None
        state.not_renewable_reason = reason
        return state

    def _not_renewable(self, state, settings):
        server, name = state.server, 'server %d' % self.server_id
        if server.get('status') in NOT_RENEWABLE_STATUSES:
            return '%s is %s at VPSBG and cannot be renewed' % (name, server['status'])
        if settings.get('renew_enabled') is False:
            return 'renewal is disabled for %s at VPSBG (settings.renew_enabled is false); nothing was bought' % name
        if server.get('cancel_request'):
            return ('%s has a pending cancellation request at VPSBG; undo the cancellation before renewing; nothing was bought'
                    % name)
        if server.get('locked') is True:
            return ('%s is locked at VPSBG (a snapshot, backup or other task is running, locked since %s); nothing was bought: '
                    'run again later' % (name, server.get('locked_at')))
        cycle, minimum = self.billing_cycle(state), state.plan_minimum
        if minimum and cycle < minimum:
            return ('billing_cycle %s is below the minimum billing cycle of %s months of plan %s; nothing was bought'
                    % (cycle, minimum, (server.get('plan') or {}).get('name')))
        return None

    def find_pending(self, state):
        """``potential_expiry_at`` beyond ``expiry_at`` means a renew order is open: find it among the orders."""
        potential = parse_time(state.server.get('potential_expiry_at'), 'potential_expiry_at')
        if potential is not None and potential <= state.expires_at:
            return None
        found = self.book.open_renewals(SERVER_SERVICE_TYPE, self.server_id)
        if found:
            return PendingOrder(found[0])
        if potential is None:
            return None
        return Pending('server', action={
            'id': None, 'type': 'renew-service', 'status': 'pending',
            'description': 'potential_expiry_at %s is later than expiry_at %s: VPSBG counts an unpaid or processing renew '
                           'order that the order list does not show' % (to_iso(potential), to_iso(state.expires_at))})

    def quote(self, state):
        if not state.renewable:
            return None
        cycle = self.billing_cycle(state)
        body = self.client.ask('servers/renew/calculate', self._terms(cycle, server_ids=True),
                               not_found='VPSBG has no renew calculation for server %d' % self.server_id)
        if not isinstance(body, dict):
            raise ProviderError('VPSBG sent no price for renewing server %d' % self.server_id)
        promo = body.get('promo_code')
        if self.promo_code is not None:
            if not isinstance(promo, dict):
                raise InputError('promo_code', 'VPSBG does not apply %r to this renewal; nothing was bought' % self.promo_code)
            if as_int(promo.get('minimum_billing_cycle')) and cycle < as_int(promo['minimum_billing_cycle']):
                raise InputError('promo_code', 'needs a billing cycle of at least %s months, got billing_cycle %s; nothing was bought'
                                 % (promo['minimum_billing_cycle'], cycle))
        return VpsbgQuote(body, cycle)

    def predicted_expiry(self, state):
        return add_months(state.expires_at, self.billing_cycle(state))

    def place_renewal(self, state):
        cycle = self.billing_cycle(state)
        refusals = []
        while self.renew_calls:
            call = self.renew_calls[0]
            path = call['path'].format(server_id=self.server_id)
            try:
                body = self.client.order(path, self._terms(cycle, server_ids=call['server_ids_in_body']),
                                         not_found='VPSBG has no renew call POST /%s' % path)
            except ProviderError as exc:
                if exc.details.get('http_status') not in ROUTE_MISSING_STATUSES:
                    raise
                refusals.append('POST %s: HTTP %s' % (path, exc.details['http_status']))
                self.renew_calls.pop(0)  # no such route: nothing happened, try the next candidate shape
                continue
            return receipt(unwrap(body), SERVER_SERVICE_TYPE, self.server_id, lambda: self.find_pending(self.read_state()))
        raise NotFoundError('VPSBG has none of the renew calls this collection knows (%s): server %d is gone, or the renew '
                            'path differs from the documented assumption (see the VPSBG guide); nothing was bought'
                            % ('; '.join(refusals), self.server_id), http_status=404)

    def _terms(self, cycle, server_ids):
        body = {'server_ids': [self.server_id]} if server_ids else {}
        body['billing_cycle'] = cycle
        if self.promo_code is not None:
            body['promo_code'] = self.promo_code
        return body

    def adjust_pending(self, state, pending, check_mode):
        return change_period(self.client, pending, SERVER_SERVICE_TYPE, self.requested_cycle, self.promo_code,
                             state.plan_minimum, check_mode)

    def close(self):
        self.client.close()


def _first_amount(body, *names):
    for name in names:
        value = body.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    raise ProviderError('VPSBG sent a renewal price without an amount (%s)' % ', '.join(sorted(body)))
