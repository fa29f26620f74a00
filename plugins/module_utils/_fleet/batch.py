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
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.order import record_invalid_order, renew_order
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

    def one(order):
        # the fleet option is the same for every order and was validated once with the task's arguments
        validation = ORDER_ONLY_VALIDATOR.validate(dict((key, value) for key, value in order.items() if key != 'fleet'))
        if validation.error_messages:
            message = '; '.join(in_host_var_terms(validation.error_messages))
            record_invalid_order(dict(order, fleet=params['fleet']), message, order.get('host'), check_mode)
            return FAILED, set(validation._no_log_values)
        result, order_no_log = renew_order(dict(validation.validated_parameters, fleet=params['fleet']), check_mode, diff,
                                           defaults_for=lambda module: defaults.get(module, {}), keep_connections=True)
        return result.get('outcome') or FAILED, set(validation._no_log_values) | set(order_no_log)

    try:
        with ThreadPoolExecutor(params['workers']) as pool:  # each thread keeps its database connection for its orders
            for done, (outcome, order_no_log) in enumerate(pool.map(one, params['orders']), 1):
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
                no_log |= order_no_log
                if progress is not None:
                    progress(done, len(params['orders']))
    finally:
        release_connections()
    renewed = outcomes.get('renewed', 0)
    return {
        'changed': bool(renewed),
        'orders': len(params['orders']),
        'outcomes': outcomes,
        'msg': '%d order(s): %s' % (len(params['orders']), ', '.join('%s %d' % item for item in sorted(outcomes.items()))),
    }, no_log
