# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: options and bodies of the fleet modules (renew_order, renewal_ledger, renewal_report).

Each body takes validated params and returns the result; the module files and the action
plugins of the same names both call them.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import uuid

from concurrent.futures import ThreadPoolExecutor

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError, RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet import FLEET_TARGETS, recover_dangling, renew_fleet_order, report_entry
from ansible_collections.renewals.hosting.plugins.module_utils._fleet_report import build_report, write_report
from ansible_collections.renewals.hosting.plugins.module_utils._fleet_state import StateDir

STATE_DIR = dict(type='path', required=True)
LOCK_TIMEOUT = dict(type='float', default=600)

# What an inventory host says about its order; renew_order reads these host vars for options not set.
ORDER_HOST_VARS = ('provider', 'service', 'id', 'region', 'period', 'options', 'price')
HOST_VAR_PREFIX = 'renewal_'

FLEET_OPTIONS = dict(
    run_id=dict(type='str', required=True),
    state_dir=STATE_DIR,
    budget=dict(type='dict', default={}),
    concurrency=dict(type='dict', default={}),
    lock_timeout=LOCK_TIMEOUT,
    renew_before_days=dict(type='int'),
    max_price=dict(type='float'),
    force=dict(type='bool'),
)

RENEW_ORDER_ARGS = dict(
    provider=dict(type='str', required=True, choices=sorted(FLEET_TARGETS)),
    service=dict(type='str', required=True),
    id=dict(type='raw', required=True),
    region=dict(type='str'),
    period=dict(type='int'),
    options=dict(type='dict', default={}),
    price=dict(type='dict', options=dict(amount=dict(type='float', required=True), currency=dict(type='str', required=True))),
    host=dict(type='str'),
    # One dict for the whole run (the role sets it as the host var renewal_fleet once; see docs/fleet.md).
    fleet=dict(type='dict', required=True, options=FLEET_OPTIONS),
)

LEDGER_ARGS = dict(
    state_dir=STATE_DIR,
    run_id=dict(type='str'),
    lock_timeout=dict(type='float', default=5),
    settle_seconds=dict(type='int', default=900),
)

REPORT_ARGS = dict(
    state_dir=STATE_DIR,
    run_id=dict(type='str', required=True),
    report_dir=dict(type='path', required=True),
    hosts=dict(type='list', elements='str', default=[]),
    fail_on=dict(type='list', elements='str', default=['failed']),
)


BATCH_ARGS = dict(
    fleet=dict(type='dict', required=True, options=FLEET_OPTIONS),
    hosts=dict(type='list', elements='str', default=[]),
    orders=dict(type='list', elements='dict', default=[]),
    workers=dict(type='int', default=20),
)

# Built once at import (see ModuleSpec.validator).
RENEW_ORDER_VALIDATOR = ArgumentSpecValidator(RENEW_ORDER_ARGS)
LEDGER_VALIDATOR = ArgumentSpecValidator(LEDGER_ARGS)
REPORT_VALIDATOR = ArgumentSpecValidator(REPORT_ARGS)
BATCH_VALIDATOR = ArgumentSpecValidator(BATCH_ARGS)


def _check_fleet_options(params):
    fleet = params['fleet']
    for currency, amount in fleet['budget'].items():
        try:
            if float(amount) < 0:
                raise ValueError
        except (TypeError, ValueError):
            raise InputError('budget', 'the %s budget must be a non-negative amount, got %r' % (currency, amount))
    for provider, slots in fleet['concurrency'].items():
        if provider not in FLEET_TARGETS:
            raise InputError('concurrency', 'unknown provider %r' % (provider,))
        if not isinstance(slots, int) or isinstance(slots, bool) or slots < 1:
            raise InputError('concurrency', 'the %s concurrency must be a whole number of 1 or more' % provider)
    if params['price'] is not None and params['price']['amount'] < 0:
        raise InputError('price', 'amount must not be negative')


def renew_order(params, check_mode, diff=False, defaults_for=None):
    """Body of renew_order. Returns (result, no_log values)."""
    try:
        _check_fleet_options(params)
    except InputError as error:
        record_invalid_order(params, error.message, params['host'] or str(params['id']), check_mode)
        return {'changed': False, 'failed': True, 'outcome': 'failed', 'msg': error.message, 'error': error.as_dict()}, set()
    provider = params['provider']
    service = params['service']
    target = FLEET_TARGETS[provider].get(service) or FLEET_TARGETS[provider].get('*')
    defaults = defaults_for(target.module) if (defaults_for and target) else {}
    fleet = dict(params['fleet'], host=params['host'] or str(params['id']))
    order = dict((key, params[key]) for key in ORDER_HOST_VARS)
    order.update((key, fleet[key]) for key in ('renew_before_days', 'max_price', 'force'))
    return renew_fleet_order(order, fleet, defaults, check_mode, diff)


def record_invalid_order(args, message, host, check_mode):
    """Put an order whose task arguments did not validate into the run's report, with the reason."""
    fleet = args.get('fleet') if isinstance(args.get('fleet'), dict) else {}
    if not fleet.get('run_id') or not fleet.get('state_dir'):
        return
    try:
        run = StateDir(fleet['state_dir']).run(str(fleet['run_id']))
    except (RenewalError, OSError, TypeError):
        return
    order = dict((key, args.get(key)) for key in ('provider', 'service', 'id'))
    run.add_entry(report_entry(host, order, {'outcome': 'failed', 'msg': message, 'error': {'message': message}}, check_mode))


def renew_orders_batch(params, check_mode, diff=False, defaults_for=None, progress=None):
    """Body of renew_orders_batch: every order through renew_order, ``workers`` at a time, in one process."""
    if not 1 <= params['workers'] <= 200:
        error = InputError('workers', 'must be between 1 and 200')
        return {'changed': False, 'failed': True, 'msg': error.message, 'error': error.as_dict()}, set()
    defaults = dict((target.module, defaults_for(target.module) if defaults_for else {})
                    for services in FLEET_TARGETS.values() for target in services.values())
    no_log = set()
    outcomes = {}

    def one(order):
        args = dict(order, fleet=params['fleet'])
        validation = RENEW_ORDER_VALIDATOR.validate(args)
        if validation.error_messages:
            message = '; '.join(validation.error_messages)
            record_invalid_order(args, message, order.get('host'), check_mode)
            return 'failed', set(validation._no_log_values)
        result, order_no_log = renew_order(validation.validated_parameters, check_mode, diff,
                                           defaults_for=lambda module: defaults.get(module, {}))
        return result.get('outcome') or 'failed', set(validation._no_log_values) | set(order_no_log)

    with ThreadPoolExecutor(params['workers']) as pool:
        for done, (outcome, order_no_log) in enumerate(pool.map(one, params['orders']), 1):
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            no_log |= order_no_log
            if progress is not None:
                progress(done, len(params['orders']))
    renewed = outcomes.get('renewed', 0)
    return {
        'changed': bool(renewed),
        'orders': len(params['orders']),
        'outcomes': outcomes,
        'msg': '%d order(s): %s' % (len(params['orders']), ', '.join('%s %d' % item for item in sorted(outcomes.items()))),
    }, no_log


def new_run_id():
    return '%s-%s' % (datetime.datetime.utcnow().strftime('%Y%m%dT%H%M%SZ'), uuid.uuid4().hex[:8])


def renewal_ledger(params, check_mode, diff=False, defaults_for=None):
    """Body of renewal_ledger: recover unfinished renewals, then hand out the run id. Returns (result, no_log values)."""
    run_id = params['run_id'] or new_run_id()
    recovered = recover_dangling(params['state_dir'], defaults_for or (lambda module: {}), params['lock_timeout'], check_mode,
                                 run_id=run_id, settle_seconds=params['settle_seconds'])
    unresolved = [record for record in recovered if record['outcome'] in ('unknown', 'held')]
    result = {
        'changed': bool(recovered) and not check_mode,
        'run_id': run_id,
        'recovered': recovered,
        'msg': 'recovered %d unfinished renewal(s)%s' % (
            len(recovered) - len(unresolved), ', %d held or not re-readable yet' % len(unresolved) if unresolved else ''),
    }
    return result, ()


def renewal_report(params, check_mode=False, diff=False, defaults_for=None):
    """Body of renewal_report: assemble the run's entries into report.json and summary.md (in check mode too)."""
    run = StateDir(params['state_dir']).run(params['run_id'])
    report = build_report(params['run_id'], run.entries(), params['hosts'])
    paths = write_report(params['report_dir'], report)
    failing = sorted(set(entry['outcome'] for entry in report['orders']) & set(params['fail_on']))
    return {
        'changed': False,
        'report_path': paths['report.json'],
        'summary_path': paths['summary.md'],
        'totals': report['totals'],
        'check_mode': report['check_mode'],
        'failing_outcomes': failing,
        'failed_hosts': [entry['host'] for entry in report['orders'] if entry['outcome'] in params['fail_on']],
    }, ()
