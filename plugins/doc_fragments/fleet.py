# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The run's settings (option fleet) of the modules that renew fleet orders, renew_order and renew_orders_batch:
    # one description for the one argument spec (plugins/module_utils/_fleet/specs.py FLEET_OPTIONS).
    DOCUMENTATION = r'''
options:
  fleet:
    description:
      - The run's settings, the same for every order of the run, as the
        R(renewals.hosting.renew_orders,ansible_collections.renewals.hosting.renew_orders_role) role's start sets them
        once. For M(renewals.hosting.renew_order), when not set, the host var C(renewal_fleet).
    type: dict
    required: true
    suboptions:
      run_id:
        description:
          - The run this renewal belongs to (from M(renewals.hosting.renewal_ledger)); budget and duplicates are per run.
        type: str
        required: true
      state_dir:
        description:
          - The directory on the controller holding the ledger, the locks and the runs' state. Every run on one
            controller must use the same one.
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
        description:
          - Maximum total spend of this run, per currency code, for example V(EUR) mapped to V(500). Currencies not named
            are not limited unless O(fleet.budget_strict=true). When a budget is set and an order's price is not known
            before paying, the order is C(skipped_budget).
        type: dict
        default: {}
      budget_strict:
        description: Refuse (C(skipped_budget)) a renewal in a currency O(fleet.budget) does not name.
        type: bool
        default: false
      concurrency:
        description:
          - Maximum renewals in progress at once per provider across every fork and run on the controller, for example
            V(logicboxes) mapped to V(4). Unset providers are limited only by the forks.
        type: dict
        default: {}
      lock_timeout:
        description:
          - Seconds to wait for the order's lock or a concurrency slot before failing the order.
        type: float
        default: 600
      renew_before_days:
        description:
          - Renew when the order expires within this many days. Defaults to the provider module's default (30).
        type: int
      max_price:
        description:
          - Refuse a renewal whose price is above this amount.
        type: float
      force:
        description:
          - Renew even when not due.
        type: bool
      plan:
        description:
          - The approved plan the run applies, as M(renewals.hosting.renewal_plan) returns it in RV(renewals.hosting.renewal_plan#module:fleet_plan)
            (keys C(path), C(digest), C(price_tolerance)); none when the run applies no plan.
          - The order is then renewed only if the plan lists it, at no more than its planned price plus C(price_tolerance),
            and with the expiry the plan read; else its outcome is C(not_in_plan), C(price_changed) or C(plan_stale).
        type: dict
      pay:
        description:
          - Pay the renewal's own invoice or order where the reseller can (HostUp C(pay_invoice), VPSBG C(pay) from the
            balance, LogicBoxes C(pay_invoice) from the customer's balance). The role variable C(renew_orders_pay).
        type: bool
        default: false
      listing:
        description:
          - The run's listing, the C(listing_id) of M(renewals.hosting.renewal_listing). An order it shows not due, with no
            renewal in flight, is decided C(not_due) from it with no call of its own. V(off) reads every order alone.
        type: str
        default: 'off'
'''
