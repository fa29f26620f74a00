# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: renew one inventory order with the fleet's guards (body of renew_order).

Around the engine the fleet adds: the held-order rule (a killed run's renewal may still land), the run's
duplicate check, the run's listing (an order it shows not due is decided there, with no call), a per-order lock,
a per-provider concurrency slot, the run-wide budget, the ledger, and one report row per host.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError, RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.dispatch import POLICY_KEYS, checked, identity, public_order
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.host_vars import ORDER_VARS, host_var
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.listed import not_due_from_listing
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.plan_guard import guard_for
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.report import report_entry
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.settings import run_settings
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state import RunFunds, RunShare, open_state, release_connections
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import DUPLICATE, FAILED, PENDING, UNKNOWN_OUTCOME_CODE, Outcome
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Quote
from ansible_collections.renewals.hosting.plugins.module_utils._registry import target_for
from ansible_collections.renewals.hosting.plugins.module_utils._runner import renew


HELD_MSG = ('a renewal sent at %s by a run that was interrupted may still be processed by the provider; not sent again '
            'until it settles (a later run re-checks it)')


def check_fleet_options(params):
    """The run's settings (checked once at the run's start already) and the order's price, before anything else."""
    run_settings(params['fleet'])
    if params['price'] is not None and params['price']['amount'] < 0:
        raise InputError(host_var('price'), 'amount must not be negative')


def renew_order(params, check_mode, diff=False, defaults_for=None, keep_connections=False):
    """Body of renew_order: validated params in; (module result, no_log values) out.

    ``keep_connections``: the caller renews more orders in this thread (batch mode) and closes them at the end.
    """
    try:
        try:
            step = fleet_order(params, check_mode, diff, defaults_for)
        except InputError as error:
            return invalid_fleet_order(params, error, check_mode), set()
        return step.settle()
    finally:
        if not keep_connections:
            release_connections()


def fleet_order(params, check_mode, diff, defaults_for):
    """renew_order's validated params as a FleetOrder, not yet decided; InputError when the run's settings or the
    order's price are wrong."""
    host = params['host'] or str(params['id'])
    order = dict((key, params[key]) for key in ORDER_VARS)
    check_fleet_options(params)
    fleet = dict(params['fleet'], host=host)
    order.update((key, fleet[key]) for key in POLICY_KEYS)
    order['pay'] = fleet.get('pay')
    return FleetOrder(order, fleet, defaults_for or (lambda module: {}), check_mode, diff)


def invalid_fleet_order(params, error, check_mode):
    """Report an order fleet_order() refused (an InputError), and return its failed module result."""
    record_invalid_order(params, error.message, params['host'] or str(params['id']), check_mode)
    return Outcome(kind=FAILED, msg=error.message, error=error).to_result()


def record_invalid_order(args, message, host, check_mode):
    """Put an order whose task arguments did not validate into the run's report, with the reason."""
    fleet = args.get('fleet') if isinstance(args.get('fleet'), dict) else {}
    if not fleet.get('run_id') or not fleet.get('state_dir'):
        return
    order = dict((key, args.get(key)) for key in ('provider', 'service', 'id'))
    try:
        open_state(fleet, check_mode).run(str(fleet['run_id'])).add_entry(
            report_entry(host, order, Outcome(kind=FAILED, msg=message), check_mode))
    except (RenewalError, OSError, TypeError):
        return


class FleetOrder:
    """One inventory order through the fleet's guards, in two steps (``settle()`` takes both).

    ``order``: provider, service, id, region, period, options, price, renew_before_days, max_price, force, pay.
    ``fleet``: host, run_id, run_group, state_backend, state_dir, state_dsn, budget, concurrency, lock_timeout, listing.

    ``decide()`` settles what needs no provider call: bad input, a held order, a duplicate, an order the run's listing
    shows not due. ``renew()`` takes the rest through the order's lock, the engine and the ledger. Whichever settles
    the order records its report row. Batch mode decides every order in one thread and hands only the undecided ones
    to its pool (docs/architecture.md, "Per-order cost").
    """

    def __init__(self, order, fleet, defaults_for, check_mode, diff):
        self.order, self.fleet, self.defaults_for = order, fleet, defaults_for
        self.check_mode, self.diff = check_mode, diff
        self.state = self.run = self.target = self.params = self.key = None
        self.outcome = self.redact = None
        self.no_log = set()
        self._result = None

    def settle(self):
        """Renew the order with every guard and record its report row: (module result, no_log values)."""
        if not self.decide():
            self.renew()
        return self.result()

    def decide(self):
        """True when the order is settled without a call (its row recorded); False when it needs renew()."""
        try:
            self.state = open_state(self.fleet, self.check_mode)
            self.run = self.state.run(self.fleet['run_id'])
            self.target = _target(self.order)
            # bad input fails first, before any lock, ledger line or call
            self.params, self.no_log = checked(self.target, self.order, self.defaults_for(self.target.module))
            self.key = identity(self.target, self.params, self.order)
            self.outcome = self._without_call()
        except RenewalError as error:
            self.outcome = Outcome(kind=FAILED, msg=error.message, error=error)
        if self.outcome is None:
            return False
        self._record()
        return True

    def renew(self):
        """The order's renewal through its lock, the engine and the ledger; records its row."""
        try:
            self.outcome, self.redact = self._with_call()
        except RenewalError as error:
            self.outcome = Outcome(kind=FAILED, msg=error.message, error=error)
        self._record()

    def result(self):
        """(module result, no_log values) once the order is settled."""
        return self._result, self.no_log

    def _without_call(self):
        held = self.run.held(self.key)
        if held is not None:
            return _held(HELD_MSG, held.get('time'))
        first_host = self.run.claim(self.key, self.fleet['host'])
        if first_host is not None:
            outcome = Outcome(kind=DUPLICATE, msg='the same order as host %s, which handles it in this run' % first_host)
            outcome.duplicate_of = first_host
            return outcome
        # the run's listing shows it not due: no call, no lock, no ledger line
        return not_due_from_listing(self.run, self.fleet.get('listing'), self.key, self.order['id'], self.params)

    def _with_call(self):
        """(Outcome, scrubber of the module's secrets)."""
        order, fleet, state, key = self.order, self.fleet, self.state, self.key
        price = order.get('price')
        plan_guard = guard_for(fleet.get('plan'), order)
        journal = None if self.check_mode else state.journal(fleet['run_id'], key, fleet['host'], order['provider'],
                                                             public_order(self.target, order))
        with state.order_lock(key, fleet['lock_timeout']):
            interrupted = state.interrupted(key)  # lock free, intent open: its run died mid-request
            if interrupted is not None:
                return _held(HELD_MSG, interrupted.get('time')), None
            with state.slot(order['provider'], (fleet.get('concurrency') or {}).get(order['provider']), fleet['lock_timeout']):
                outcome, redactor = renew(self.target.spec, self.params, self.check_mode, self.diff, memory_store=state,
                                          declared_price=Quote(price['amount'], price['currency']) if price else None,
                                          spend_guard=self.run.budget(fleet.get('budget'), strict=bool(fleet.get('budget_strict'))),
                                          journal=journal, plan_guard=plan_guard, share=RunShare(state, self.run),
                                          funds_guard=RunFunds(self.run))
        unrecorded = getattr(journal, 'unrecorded', None)
        if unrecorded is not None:
            outcome = _unknown(outcome, unrecorded)
        return outcome, redactor.scrub_data

    def _record(self):
        entry = report_entry(self.fleet['host'], self.order, self.outcome, self.check_mode)
        result = self.outcome.to_result()
        if self.redact is not None:
            entry, result = self.redact(entry), self.redact(result)
        try:
            if self.run is None:
                raise RenewalError('the run\'s state could not be opened')
            self.run.add_entry(entry)
        except RenewalError as error:
            result['msg'] = '%s (this order\'s report row could not be stored: %s)' % (result.get('msg'), error.message)
        self._result = result


def _target(order):
    """The order's provider module; an unknown provider or service names its host var."""
    try:
        return target_for(order['provider'], order['service'])
    except InputError as error:
        option = error.details.get('option')
        raise InputError(host_var(option), error.message[len(option) + 2:])


def _held(msg, time):
    outcome = Outcome(kind=PENDING, msg=msg % time)
    outcome.pending = True
    return outcome


def _unknown(outcome, error):
    """The request was sent, but what came of it did not reach the ledger: the order stays held (its intent is open)."""
    outcome.say('the renewal request was sent (it ended %s here) but the state database did not take its outcome (%s); '
                'reported as an unknown outcome: the order is held and re-read by a later run, never re-sent blindly'
                % (outcome.kind, error.message))
    outcome.kind = FAILED
    outcome.error = RenewalError(outcome.msg, code=UNKNOWN_OUTCOME_CODE)
    return outcome
