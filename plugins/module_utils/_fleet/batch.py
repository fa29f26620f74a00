# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: body of renew_orders_batch, every order of the play in one controller task."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.host_vars import in_host_var_terms
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.order import fleet_order, invalid_fleet_order, record_invalid_order
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import ORDER_ONLY_VALIDATOR
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state import release_connections
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import FAILED, Outcome
from ansible_collections.renewals.hosting.plugins.module_utils._registry import all_targets


def renew_orders_batch(params, check_mode, diff=False, defaults_for=None, progress=None):
    """Every order through renew_order, ``workers`` at a time, in one process. Returns (result, no_log values)."""
    if not 1 <= params['workers'] <= 200:
        error = InputError('workers', 'must be between 1 and 200')
        return Outcome(kind=FAILED, msg=error.message, error=error).to_result(), set()
    # module_defaults resolved once for the run, not once per order
    defaults = dict((target.module, defaults_for(target.module) if defaults_for else {}) for target in all_targets())
    no_log = set()
    outcomes = {}

    def settled(outcome, order_no_log):
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        no_log.update(order_no_log)
        if progress is not None:
            progress(sum(outcomes.values()), len(params['orders']))

    try:
        with ThreadPoolExecutor(params['workers']) as pool:  # each thread keeps its database connection for its orders
            # This thread decides every order that needs no call (most of a daily run: not due on the run's listing),
            # the pool only renews: twenty threads contending for the interpreter over those file and state calls
            # cost more than the calls themselves (docs/architecture.md, "Per-order cost").
            pending = []
            for order in params['orders']:
                step, order_no_log = _decided(order, params['fleet'], check_mode, diff, defaults)
                if step is None:
                    settled(FAILED, order_no_log)
                elif step.outcome is not None:
                    settled(step.outcome.kind, order_no_log | step.no_log)
                else:
                    pending.append((pool.submit(_renewed, step), order_no_log))
            for future, order_no_log in pending:
                outcome, step_no_log = future.result()
                settled(outcome, order_no_log | step_no_log)
    finally:
        release_connections()
    renewed = outcomes.get('renewed', 0)
    return {
        'changed': bool(renewed),
        'orders': len(params['orders']),
        'outcomes': outcomes,
        'msg': '%d order(s): %s' % (len(params['orders']), ', '.join('%s %d' % item for item in sorted(outcomes.items()))),
    }, no_log


def _decided(order, fleet, check_mode, diff, defaults):
    """(FleetOrder after decide(), no_log values); (None, no_log values) when the order's own vars are invalid."""
    # the fleet option is the same for every order and was validated once with the task's arguments
    validation = ORDER_ONLY_VALIDATOR.validate(dict((key, value) for key, value in order.items() if key != 'fleet'))
    order_no_log = set(validation._no_log_values)
    if validation.error_messages:
        message = '; '.join(in_host_var_terms(validation.error_messages))
        record_invalid_order(dict(order, fleet=fleet), message, order.get('host'), check_mode)
        return None, order_no_log
    params = dict(validation.validated_parameters, fleet=fleet)
    try:
        step = fleet_order(params, check_mode, diff, lambda module: defaults.get(module, {}))
    except InputError as error:
        invalid_fleet_order(params, error, check_mode)
        return None, order_no_log
    step.decide()
    return step, order_no_log


def _renewed(step):
    """(outcome, no_log values) of the renewed order: the pool keeps no FleetOrder once it is done."""
    step.renew()
    return step.outcome.kind, step.no_log
