#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: renewal_ledger
short_description: Reconcile renewals a killed run left unfinished, and start a fleet run
version_added: 1.0.0
description:
  - M(renewals.hosting.renew_order) writes a ledger line before every paying request and another one after it. When a run
    is killed between the two, the ledger holds an intent without an outcome.
  - This module re-reads every such order at its provider and records what really happened (V(renewed) when the expiry
    moved or a renewal is in flight, V(not_renewed) otherwise), before the new run does anything else.
    Orders locked by a run still in progress are left to it.
  - It returns the id of the new run (budget, duplicate detection and report entries are per run).
  - Provider credentials come from the provider modules' environment variables or C(module_defaults) for their action groups.
author:
  - renewals.hosting maintainers (@renewals-hosting)
extends_documentation_fragment:
  - renewals.hosting.attributes
  - renewals.hosting.state
attributes:
  check_mode:
    support: full
    details:
      - Re-reads the orders and reports what it found, without writing to the ledger.
  diff_mode:
    support: none
  idempotent:
    support: full
    details:
      - Once recorded, an intent is not looked at again.
options:
  state_dir:
    description:
      - The controller directory holding the ledger (the same as for M(renewals.hosting.renew_order)).
    type: path
    required: true
  run_id:
    description:
      - Use this run id instead of generating one.
    type: str
  run_group:
    description:
      - With O(state_backend=postgresql), the run group held orders are recorded for (the slices of one sliced AWX job
        share one). Defaults to the run id.
    type: str
  lock_timeout:
    description:
      - Seconds to wait for an order's lock; an order still locked after that belongs to a live run and is skipped.
    type: float
    default: 5
  settle_seconds:
    description:
      - A renewal sent less than this many seconds ago that does not show at the provider yet may still be processed
        (a reply lost to a crash or timeout). It is not recorded as V(not_renewed); its order is held in the new run
        (reported C(pending), not renewed) and re-checked by a later run, so it is never paid twice.
    type: int
    default: 900
  settings:
    description:
      - The run's settings (the role's C(renew_orders_*) variables), checked once here so that a wrong value fails the run
        once, naming the variable, before any order. Keys V(budget) (a mapping of currency to amount, its JSON text, or
        empty for no budget), V(budget_strict), V(concurrency), V(lock_timeout), V(renew_before_days), V(max_price), V(force).
      - Returned normalised as RV(settings).
    type: dict
    default: {}
seealso:
  - module: renewals.hosting.renew_order
'''

EXAMPLES = r'''
- name: Reconcile unfinished renewals and start the run
  renewals.hosting.renewal_ledger:
    state_dir: /var/lib/renewals
  run_once: true
  register: run
'''

RETURN = r'''
settings:
  description: O(settings) checked and normalised (V(budget) and V(concurrency) as mappings, currency codes upper case).
  returned: success
  type: dict
  sample: {budget: {EUR: 500.0}, budget_strict: false, concurrency: {}, renew_before_days: 30}
run_group:
  description: The run group of the new run (O(run_group), else the run id).
  returned: success
  type: str
  sample: awx-workflow-1234
started_at:
  description: When the run started (ISO 8601, UTC).
  returned: success
  type: str
  sample: '2026-11-21T10:15:00Z'
run_id:
  description: The id of the new run.
  returned: always
  type: str
  sample: 20261121T101500Z-3f2a9c1d
recovered:
  description: One record per unfinished renewal looked at.
  returned: always
  type: list
  elements: dict
  contains:
    host:
      description: The inventory host of the order.
      type: str
    provider:
      description: The provider.
      type: str
    id:
      description: The order id.
      type: str
    outcome:
      description:
        - V(renewed), V(not_renewed), V(held) (sent less than O(settle_seconds) ago and not showing yet; the order is not
          renewed in this run), or V(unknown) when the order could not be re-read (it stays in the ledger).
      type: str
    expires_before:
      description: Expiry before the paying request, ISO 8601 UTC.
      type: str
    expires_now:
      description: Expiry as re-read, ISO 8601 UTC.
      type: str
    error:
      description: Why the order could not be re-read.
      type: str
msg:
  description: A summary.
  returned: always
  type: str
'''

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.ledger import renewal_ledger
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import LEDGER_ARGS
from ansible_collections.renewals.hosting.plugins.module_utils._runner import run_body


def main():
    run_body(LEDGER_ARGS, renewal_ledger)


if __name__ == '__main__':
    main()
