# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: reconcile the paying requests a killed run left without an outcome."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._dates import from_iso, to_iso, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._engine import expiry_moved, in_flight
from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.dispatch import module_params, validate
from ansible_collections.renewals.hosting.plugins.module_utils._registry import target_for

HELD = 'held'
UNKNOWN = 'unknown'


def recover_dangling(state_dir, defaults_for, lock_timeout, check_mode, run_id=None, settle_seconds=900):
    """Re-read every order whose paying request has an intent but no outcome, and record what happened.

    ``defaults_for(module)`` gives the module_defaults (credentials) for a target module. An order whose
    lock is held belongs to a live run and is left alone. A renewal sent less than ``settle_seconds`` ago
    that does not show yet may still be processed by the provider: it stays open, and the order is held
    in run ``run_id`` (reported pending, not renewed). ``state_dir``: the state backend (see state.open_state).
    Returns one record per intent looked at.
    """
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
            record.update(outcome=UNKNOWN, error=error.message)
            records.append(record)
            continue
        if record['outcome'] == 'not_renewed' and age_seconds(intent) < settle_seconds:
            record['outcome'] = HELD  # the provider may still act on it: re-sending now could pay twice
            if run is not None:
                run.hold(intent['key'], intent)
            records.append(record)
            continue
        if not check_mode:
            state_dir.record(dict(record, event='recovered', key=intent['key']))
        records.append(record)
    return records


def age_seconds(intent, now=None):
    """Seconds since the intent was written; 0 (just sent, the cautious side) when its time cannot be read."""
    try:
        sent = from_iso(intent.get('time', ''))
    except ValueError:
        return 0.0
    return ((now or utcnow()) - sent).total_seconds()


def _reread(target, params, intent):
    api = target.spec.build_api(params)
    try:
        state = api.read_state()
        pending = in_flight(api, state)
    finally:
        api.close()
    before = intent.get('expires_before')
    moved = expiry_moved(from_iso(before) if before else None, state.expires_at)
    return {'outcome': 'renewed' if (moved or pending is not None) else 'not_renewed',
            'expires_now': to_iso(state.expires_at), 'pending': pending is not None}
