#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: renew_orders_batch
short_description: Renew every order of the play in one controller task
version_added: 1.0.0
description:
  - Batch mode of the fleet (playbook C(renewals.hosting.renew_fleet_batch)). Instead of one task per inventory host, one
    task on the controller renews every order, O(workers) at a time.
  - Each order goes through exactly what M(renewals.hosting.renew_order) does (dispatch table, per-order lock, duplicate
    check, provider concurrency, run budget, ledger, report entry), so the report, the spend guard and the ledger are
    the same as in per-host mode. What batch mode gives up is a result per host in Ansible's output and AWX events.
  - The orders are the hosts of O(hosts) with their C(renewal_*) host vars (see M(renewals.hosting.renew_order)).
  - Prints a C(renewals.hosting progress) line with done/total orders every 10 seconds.
author:
  - renewals.hosting maintainers (@renewals-hosting)
extends_documentation_fragment:
  - renewals.hosting.attributes
attributes:
  check_mode:
    support: full
    details:
      - Reads only; the report says what a real run would renew and what it would cost.
  diff_mode:
    support: none
  idempotent:
    support: partial
    details:
      - As M(renewals.hosting.renew_order) for every order.
options:
  fleet:
    description:
      - The run's settings, as for M(renewals.hosting.renew_order) (C(run_id), C(state_dir), C(budget), C(concurrency),
        C(lock_timeout), C(renew_before_days), C(max_price), C(force)).
    type: dict
    required: true
    suboptions:
      run_id:
        description: The run the renewals belong to.
        type: str
        required: true
      state_dir:
        description: The controller directory holding the ledger, the locks and the runs' state.
        type: path
        required: true
      run_group:
        description:
          - With O(fleet.state_backend=postgresql), the runs sharing one budget, one set of duplicate claims, held orders and
            concurrency slots (the slices of one sliced AWX job). Defaults to O(fleet.run_id).
        type: str
      state_backend:
        description:
          - V(file) keeps the state in O(fleet.state_dir); V(postgresql) in one PostgreSQL database shared by every
            controller and AWX execution node (needs C(psycopg) version 3).
        type: str
        choices: [file, postgresql]
        default: file
      state_dsn:
        description:
          - The database of O(fleet.state_backend=postgresql), a libpq URI or keyword string. If not set, the environment
            variable E(RENEWALS_STATE_DSN).
        type: str
      budget:
        description: Maximum total spend of this run, per currency code.
        type: dict
        default: {}
      budget_strict:
        description: Refuse (C(skipped_budget)) a renewal in a currency O(fleet.budget) does not name.
        type: bool
        default: false
      concurrency:
        description: Maximum renewals in progress at once per provider.
        type: dict
        default: {}
      lock_timeout:
        description: Seconds to wait for an order's lock or a concurrency slot.
        type: float
        default: 600
      renew_before_days:
        description: Renew orders expiring within this many days.
        type: int
      max_price:
        description: Refuse any single renewal priced above this amount.
        type: float
      force:
        description: Renew even when not due.
        type: bool
      plan:
        description:
          - The approved plan the run applies (RV(renewals.hosting.renewal_plan#module:fleet_plan)), as for M(renewals.hosting.renew_order).
        type: dict
      pay:
        description: Pay the renewal's own invoice or order where the reseller can (C(renew_orders_pay)).
        type: bool
        default: false
      listing:
        description:
          - The run's listing, the C(listing_id) of M(renewals.hosting.renewal_listing). An order it shows not due, with no
            renewal in flight, is decided C(not_due) from it with no call of its own. V(off) reads every order alone.
        type: str
        default: 'off'
  hosts:
    description:
      - The inventory hosts whose orders to renew. Defaults to every host of the play.
    type: list
    elements: str
    default: []
  orders:
    description:
      - The orders themselves (dicts with the options of M(renewals.hosting.renew_order) except C(fleet), plus C(host)).
        Filled from the hosts' C(renewal_*) vars when empty.
    type: list
    elements: dict
    default: []
  workers:
    description:
      - Orders in progress at once (1 to 200).
    type: int
    default: 20
seealso:
  - module: renewals.hosting.renew_order
  - module: renewals.hosting.renewal_report
'''

EXAMPLES = r'''
- name: Renew every order of the play in one task
  renewals.hosting.renew_orders_batch:
    fleet:
      run_id: "{{ run.run_id }}"
      state_dir: /var/lib/renewals
    workers: 20
  run_once: true
'''

RETURN = r'''
orders:
  description: How many orders were handled.
  returned: success
  type: int
  sample: 10000
outcomes:
  description: Count per outcome (C(renewed), C(not_due), C(pending), C(skipped_budget), C(failed), C(duplicate)).
  returned: success
  type: dict
  sample: {"renewed": 4980, "not_due": 5000, "pending": 20}
msg:
  description: A summary.
  returned: always
  type: str
'''

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.batch import renew_orders_batch
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import BATCH_ARGS
from ansible_collections.renewals.hosting.plugins.module_utils._runner import run_body


def main():
    run_body(BATCH_ARGS, renew_orders_batch)


if __name__ == '__main__':
    main()
