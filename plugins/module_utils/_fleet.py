# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: renew one inventory order through the right provider module.

The dispatch is a table (FLEET_TARGETS): a provider slots in by adding a row that
names its module, how inventory vars become the module's options, and what
identifies the account. Around the engine the fleet adds: a per-order lock, the
run's duplicate check, a per-provider concurrency slot, the run-wide budget, the
ledger, and one report entry per host.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._dates import from_iso, to_iso, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError, RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet_state import StateDir, order_key
from ansible_collections.renewals.hosting.plugins.module_utils._hostup_modules import RENEWAL as HOSTUP_RENEWAL
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg_modules import SERVER_RENEWAL, SUPPORT_RENEWAL
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes_modules import RENEWAL as LOGICBOXES_RENEWAL
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes_products import PRODUCTS
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Quote
from ansible_collections.renewals.hosting.plugins.module_utils._runner import execute

ANY_SERVICE = '*'
REPORT_OUTCOMES = ('renewed', 'not_due', 'pending', 'skipped_budget', 'failed', 'duplicate')
# Engine outcomes folded into the report's vocabulary.
OUTCOME_IN_REPORT = {'already_renewed': 'not_due'}


class FleetTarget:
    """One provider module the fleet dispatches to."""

    def __init__(self, module, spec, to_params, account):
        self.module = module          # FQCN, also the name module_defaults are looked up for
        self.spec = spec              # its ModuleSpec
        self.to_params = to_params    # order (service, id, region, period) -> the module's own options
        self.account = account        # validated params -> what identifies the account (never a secret)


def _logicboxes_params(order):
    params = {'product': order['service'], 'order_id': order['id'], 'region': order.get('region')}
    product = PRODUCTS.get(order['service'])
    if product is not None and order.get('period') is not None:
        params[product.period] = order['period']
    return params


def _by_api_url(params):
    return params['api_url']  # one account per API key; ids are unique per provider, so the endpoint suffices


FLEET_TARGETS = {
    'logicboxes': {
        ANY_SERVICE: FleetTarget('renewals.hosting.logicboxes_renewal', LOGICBOXES_RENEWAL, _logicboxes_params,
                                 lambda params: '%s#%s' % (params['api_url'], params['auth_userid'])),
    },
    'hostup': {
        'service': FleetTarget('renewals.hosting.hostup_service_renewal', HOSTUP_RENEWAL,
                               lambda order: {'account_id': str(order['id'])}, _by_api_url),
    },
    'vpsbg': {
        'server': FleetTarget('renewals.hosting.vpsbg_server_renewal', SERVER_RENEWAL,
                              lambda order: {'server_id': order['id'], 'billing_cycle': order.get('period')}, _by_api_url),
        'support': FleetTarget('renewals.hosting.vpsbg_support_renewal', SUPPORT_RENEWAL,
                               lambda order: {'billing_cycle': order.get('period')}, _by_api_url),
    },
}


def target_for(provider, service):
    services = FLEET_TARGETS.get(provider)
    if services is None:
        raise InputError('provider', 'unknown provider %r; known: %s' % (provider, ', '.join(sorted(FLEET_TARGETS))))
    target = services.get(service) or services.get(ANY_SERVICE)
    if target is None:
        raise InputError('service', '%s has no service %r; known: %s' % (provider, service, ', '.join(sorted(services))))
    return target


def module_params(target, order, defaults):
    """The target module's options: module_defaults, then the order, then the order's own options."""
    params = dict(defaults or {})
    params.update((key, value) for key, value in target.to_params(order).items() if value is not None)
    for option in ('renew_before_days', 'max_price', 'force'):
        if order.get(option) is not None:
            params[option] = order[option]
    params.update(order.get('options') or {})
    return params


def validate(target, params):
    validation = target.spec.validator.validate(params)
    if validation.error_messages:
        raise RenewalError('%s: %s' % (target.module, '; '.join(validation.error_messages)), code='invalid_input')
    return validation.validated_parameters, validation._no_log_values


def public_order(target, order):
    """What the ledger may store about an order: no option the target module marks no_log."""
    secret = set(name for name, spec in target.spec.argument_spec.items() if spec.get('no_log'))
    stored = dict((key, order.get(key)) for key in ('provider', 'service', 'id', 'region', 'period'))
    stored['options'] = dict((key, value) for key, value in (order.get('options') or {}).items() if key not in secret)
    return stored


def report_entry(host, order, result, check_mode):
    service = result.get('service') or {}
    invoice = result.get('invoice') or {}
    price = result.get('price') or {}
    outcome = result.get('outcome') or ('failed' if result.get('failed') else 'not_due')
    outcome = OUTCOME_IN_REPORT.get(outcome, outcome)
    charged = outcome == 'renewed' and (invoice.get('amount') is not None or price.get('amount') is not None)
    return {
        'host': host,
        'provider': order.get('provider'),
        'service': order.get('service'),
        'id': None if order.get('id') is None else str(order.get('id')),
        'outcome': outcome,
        'expires_before': service.get('expires_at'),
        'expires_after': result.get('expires_after'),
        'invoice_id': invoice.get('id'),
        'amount': (invoice.get('amount') if invoice.get('amount') is not None else price.get('amount')) if charged else None,
        'currency': (invoice.get('currency') or price.get('currency')) if charged else None,
        'pending': bool(result.get('pending')),
        'check_mode': check_mode,
        'msg': result.get('msg'),
        # the whole conclusion (msg: "...; a re-read shows nothing changed, so nothing was bought"), not the bare error
        'error': (result.get('msg') or (result.get('error') or {}).get('message')) if outcome == 'failed' else None,
        'duplicate_of': result.get('duplicate_of'),
    }


def renew_fleet_order(order, fleet, defaults, check_mode, diff):
    """Renew one inventory order with the fleet guards and record its report entry. Returns (result, no_log values).

    ``order``: provider, service, id, region, period, options, price, renew_before_days, max_price, force.
    ``fleet``: host, run_id, state_dir, budget, concurrency, lock_timeout.
    """
    state_dir = StateDir(fleet['state_dir'])
    run = state_dir.run(fleet['run_id'])
    try:
        result, no_log = _renew(order, fleet, state_dir, run, defaults, check_mode, diff)
    except RenewalError as error:
        result, no_log = {'changed': False, 'failed': True, 'outcome': 'failed', 'msg': error.message,
                          'error': error.as_dict()}, set()
    run.add_entry(report_entry(fleet['host'], order, result, check_mode))
    return result, no_log


def _renew(order, fleet, state_dir, run, defaults, check_mode, diff):
    target = target_for(order['provider'], order['service'])
    params, no_log = validate(target, module_params(target, order, defaults))
    target.spec.check(params)  # bad input fails here, before any lock, ledger line or API call
    key = order_key(order['provider'], target.account(params), order['service'], order['id'])
    held = run.held(key)
    if held is not None:
        return {'changed': False, 'outcome': 'pending', 'pending': True,
                'msg': 'a renewal sent at %s by a run that was interrupted may still be processed by the provider; not sent '
                       'again until it settles (a later run re-checks it)' % held.get('time')}, no_log
    first_host = run.claim(key, fleet['host'])
    if first_host is not None:
        return {'changed': False, 'outcome': 'duplicate', 'duplicate_of': first_host,
                'msg': 'the same order as host %s, which handles it in this run' % first_host}, no_log
    price = order.get('price')
    journal = None if check_mode else state_dir.journal(fleet['run_id'], key, fleet['host'], order['provider'],
                                                        public_order(target, order))
    with state_dir.order_lock(key, fleet['lock_timeout']):
        with state_dir.slot(order['provider'], (fleet.get('concurrency') or {}).get(order['provider']), fleet['lock_timeout']):
            result = execute(target.spec, params, check_mode, diff,
                             declared_price=Quote(price['amount'], price['currency']) if price else None,
                             spend_guard=run.budget(fleet.get('budget')), journal=journal)
    return result, no_log


def recover_dangling(state_dir_path, defaults_for, lock_timeout, check_mode, run_id=None, settle_seconds=900):
    """Re-read every order whose paying request has an intent but no outcome, and record what happened.

    ``defaults_for(module)`` gives the module_defaults (credentials) for a target module. An order whose
    lock is held belongs to a live run and is left alone. A renewal sent less than ``settle_seconds`` ago
    that does not show yet may still be processed by the provider: it stays open, and the order is held
    in run ``run_id`` (reported pending, not renewed). Returns one record per intent looked at.
    """
    state_dir = StateDir(state_dir_path)
    run = state_dir.run(run_id) if run_id else None
    records = []
    for intent in state_dir.dangling_intents():
        order = intent['order']
        record = {'intent_id': intent['intent_id'], 'host': intent.get('host'), 'provider': order.get('provider'),
                  'id': order.get('id'), 'run_id': intent.get('run_id'), 'expires_before': intent.get('expires_before')}
        try:
            target = target_for(order['provider'], order['service'])
            params = validate(target, module_params(target, order, defaults_for(target.module)))[0]
            with state_dir.order_lock(intent['key'], lock_timeout):
                if intent['intent_id'] not in set(i['intent_id'] for i in state_dir.dangling_intents()):
                    continue  # its run recorded the outcome while we waited
                record.update(_reread(target, params, intent))
        except RenewalError as error:
            record.update(outcome='unknown', error=error.message)
            records.append(record)
            continue
        if record['outcome'] == 'not_renewed' and _age_seconds(intent) < settle_seconds:
            record['outcome'] = 'held'  # the provider may still act on it: re-sending now could pay twice
            if run is not None:
                run.hold(intent['key'], intent)
            records.append(record)
            continue
        if not check_mode:
            state_dir.record(dict(record, event='recovered', key=intent['key']))
        records.append(record)
    return records


def _age_seconds(intent):
    try:
        sent = from_iso(intent.get('time', ''))
    except ValueError:
        return 0.0  # no readable time: treat as just sent, the cautious side
    return (utcnow() - sent).total_seconds()


def _reread(target, params, intent):
    api = target.spec.build_api(params)
    try:
        state = api.read_state()
        pending = state.pending or api.find_pending(state)
    finally:
        api.close()
    expires_now = to_iso(state.expires_at)
    moved = bool(expires_now and intent.get('expires_before') and expires_now > intent['expires_before'])
    return {'outcome': 'renewed' if (moved or pending is not None) else 'not_renewed',
            'expires_now': expires_now, 'pending': pending is not None}
