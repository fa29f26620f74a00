# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the options of the fleet modules (renew_order, renew_orders_batch, renewal_ledger,
renewal_listing, renewal_report), with their validators built once at import (see ModuleSpec.validator)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.listing_store import OFF
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state import BACKENDS
from ansible_collections.renewals.hosting.plugins.module_utils._registry import PROVIDERS

STATE_DIR = dict(type='path', required=True)
LOCK_TIMEOUT = dict(type='float', default=600)
# Where the state lives (see _fleet/state.py); the DSN falls back to RENEWALS_STATE_DSN there, in one place.
STATE_OPTIONS = dict(
    state_dir=STATE_DIR,
    state_backend=dict(type='str', default='file', choices=list(BACKENDS)),
    state_dsn=dict(type='str', no_log=True),
)

FLEET_OPTIONS = dict(
    STATE_OPTIONS,
    run_id=dict(type='str', required=True),
    run_group=dict(type='str'),
    budget=dict(type='dict', default={}),
    budget_strict=dict(type='bool', default=False),
    concurrency=dict(type='dict', default={}),
    lock_timeout=LOCK_TIMEOUT,
    renew_before_days=dict(type='int'),
    max_price=dict(type='float'),
    force=dict(type='bool'),
    # an approved plan the run applies (renewal_plan's fleet_plan: path, digest, price_tolerance), else none
    plan=dict(type='dict'),
    pay=dict(type='bool', default=False),
    listing=dict(type='str', default=OFF),  # the run's listing id (renewal_listing), or off
)

RENEW_ORDER_ARGS = dict(
    provider=dict(type='str', required=True, choices=sorted(PROVIDERS)),
    service=dict(type='str', required=True),
    id=dict(type='raw', required=True),
    region=dict(type='str'),
    period=dict(type='int'),
    options=dict(type='dict', default={}),
    price=dict(type='dict', options=dict(amount=dict(type='float', required=True), currency=dict(type='str', required=True))),
    host=dict(type='str'),
    # One dict for the whole run (the role sets it as the host var renewal_fleet once; see host_vars).
    fleet=dict(type='dict', required=True, options=FLEET_OPTIONS),
)

LEDGER_ARGS = dict(
    STATE_OPTIONS,
    run_id=dict(type='str'),
    run_group=dict(type='str'),
    lock_timeout=dict(type='float', default=5),
    settle_seconds=dict(type='int', default=900),
    settings=dict(type='dict', default={}),
)

REPORT_ARGS = dict(
    STATE_OPTIONS,
    run_id=dict(type='str', required=True),
    report_dir=dict(type='path', required=True),
    hosts=dict(type='list', elements='str', default=[]),
    fail_on=dict(type='list', elements='str', default=['failed']),
    unpaid_alert_days=dict(type='int', default=7),
    metrics_file=dict(type='path'),
    started_at=dict(type='str'),
)

PLAN_ARGS = dict(
    state_dir=STATE_DIR,
    plan=dict(type='raw', required=True),
    max_age=dict(type='float', default=24),
    price_tolerance=dict(type='float', default=0),
)

FORECAST_ARGS = dict(
    report_dir=dict(type='path', required=True),
    horizon_days=dict(type='int', default=90),
    renew_before_days=dict(type='int', default=30),
    max_price=dict(type='float'),
    hosts=dict(type='list', elements='str', default=[]),
    orders=dict(type='list', elements='dict', default=[]),
    workers=dict(type='int', default=10),
    listing=dict(type='str', default='auto', choices=['auto', OFF]),
    concurrency=dict(type='dict', default={}),
)

BATCH_ARGS = dict(
    fleet=dict(type='dict', required=True, options=FLEET_OPTIONS),
    hosts=dict(type='list', elements='str', default=[]),
    orders=dict(type='list', elements='dict', default=[]),
    workers=dict(type='int', default=20),
)

LISTING_ARGS = dict(
    STATE_OPTIONS,
    run_id=dict(type='str', required=True),
    run_group=dict(type='str'),
    listing=dict(type='str', default='auto', choices=['auto', OFF]),
    renew_before_days=dict(type='int', default=30),
    force=dict(type='bool', default=False),
    concurrency=dict(type='dict', default={}),
    hosts=dict(type='list', elements='str', default=[]),
    orders=dict(type='list', elements='dict', default=[]),
    workers=dict(type='int', default=8),
)

RENEW_ORDER_VALIDATOR = ArgumentSpecValidator(RENEW_ORDER_ARGS)
# batch mode: the order's own options; its fleet is the batch's, validated once for the run (BATCH_ARGS)
ORDER_ONLY_VALIDATOR = ArgumentSpecValidator(dict((name, spec) for name, spec in RENEW_ORDER_ARGS.items() if name != 'fleet'))
LEDGER_VALIDATOR = ArgumentSpecValidator(LEDGER_ARGS)
REPORT_VALIDATOR = ArgumentSpecValidator(REPORT_ARGS)
BATCH_VALIDATOR = ArgumentSpecValidator(BATCH_ARGS)
PLAN_VALIDATOR = ArgumentSpecValidator(PLAN_ARGS)
FORECAST_VALIDATOR = ArgumentSpecValidator(FORECAST_ARGS)
LISTING_VALIDATOR = ArgumentSpecValidator(LISTING_ARGS)
