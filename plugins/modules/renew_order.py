#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: renew_order
short_description: Renew one inventory order through its provider's module, with the fleet's guards
version_added: 1.0.0
description:
  - The per-host step of the R(renewals.hosting.renew_orders,ansible_collections.renewals.hosting.renew_orders_role) role.
    Picks the provider module from a table (O(provider), O(service)), turns the inventory vars into its options, and runs it on the controller.
  - Around the renewal it adds what a fleet needs. A per-order lock, so concurrent runs on one controller never work
    on one order at once. A duplicate check, so an order listed twice in the inventory is renewed once per run.
    A per-provider concurrency limit. A run-wide budget per currency checked before each purchase (over it, the
    order is C(skipped_budget)). A ledger line before each paying request and after it, so a run killed in
    between is reconciled by M(renewals.hosting.renewal_ledger) at the start of the next run.
  - Appends the order's entry (host, provider, id, outcome, expiry before and after, invoice, amount, currency, error)
    to the run's report entries, read by M(renewals.hosting.renewal_report).
  - Provider credentials come from the provider modules' environment variables or from C(module_defaults) for the
    provider's action group (for example C(group/renewals.hosting.logicboxes)), exactly as for the provider modules.
author:
  - renewals.hosting maintainers (@renewals-hosting)
extends_documentation_fragment:
  - renewals.hosting.fleet
  - renewals.hosting.attributes
attributes:
  check_mode:
    support: full
    details:
      - Reads only; the report entry says what a real run would renew and what it would cost, budget included.
  diff_mode:
    support: full
    details:
      - Shows the expiry before and after.
  idempotent:
    support: partial
    details:
      - As the provider module it runs; with O(fleet.force=true) a second run renews again.
options:
  provider:
    description:
      - The provider of the order. If not set, the host var C(renewal_provider).
    type: str
    required: true
    choices: [hostup, logicboxes, vpsbg]
  service:
    description:
      - The kind of order. If not set, the host var C(renewal_service).
      - LogicBoxes, the product key of M(renewals.hosting.logicboxes_renewal), for example V(domain) or V(dedicated_server_linux).
      - HostUp, V(service) (M(renewals.hosting.hostup_service_renewal); the id is the account id).
      - VPSBG, V(server) (M(renewals.hosting.vpsbg_server_renewal)) or V(support) (M(renewals.hosting.vpsbg_support_renewal);
        the id is any name for the account's plan).
    type: str
    required: true
  id:
    description:
      - The order's id at the provider. If not set, the host var C(renewal_id).
    type: raw
    required: true
  region:
    description:
      - The order's region, where the provider has regions. If not set, the host var C(renewal_region).
    type: str
  period:
    description:
      - The renewal period in the provider's unit (LogicBoxes months, years for domains; VPSBG the billing cycle in
        months; HostUp renews one billing cycle and ignores it). If not set, the host var C(renewal_period).
    type: int
  options:
    description:
      - Further options of the provider module, merged over the ones derived here. If not set, the host var
        C(renewal_options).
    type: dict
    default: {}
  price:
    description:
      - The renewal price, for providers that do not tell it before paying (LogicBoxes); used for O(fleet.max_price)
        and O(fleet.budget). If not set, the host var C(renewal_price).
    type: dict
    suboptions:
      amount:
        description: The amount.
        type: float
        required: true
      currency:
        description: The currency code, for example V(USD).
        type: str
        required: true
  host:
    description:
      - The name the report uses for this order. Defaults to the inventory hostname.
    type: str
seealso:
  - module: renewals.hosting.renewal_ledger
  - module: renewals.hosting.renewal_report
  - module: renewals.hosting.logicboxes_renewal
'''

EXAMPLES = r'''
- name: Renew the host's order (renewal_* host vars) when it is due
  renewals.hosting.renew_order:
    fleet:
      run_id: "{{ run.run_id }}"
      state_dir: /var/lib/renewals
      budget:
        EUR: 500

- name: Renew an order named explicitly
  renewals.hosting.renew_order:
    provider: vpsbg
    service: server
    id: 4711
    period: 12
    fleet:
      run_id: "{{ run.run_id }}"
      state_dir: /var/lib/renewals
'''

RETURN = r'''
outcome:
  description:
    - V(renewed) (paid, by a debit or its invoice or order paid), V(awaiting_payment) (placed or in flight, waiting for
      payment; stays so on every later run until paid), V(would_renew) (check mode), V(not_due), V(pending) (someone
      else's renewal in flight), V(skipped_budget), V(insufficient_funds) (the balance cannot cover it; nothing sent),
      V(failed) or V(duplicate).
    - With an approved plan (O(fleet.plan)) also V(not_in_plan), V(price_changed) or V(plan_stale); nothing was bought then.
  returned: always
  type: str
  sample: renewed
msg:
  description: What happened, in words.
  returned: always
  type: str
duplicate_of:
  description: The host that handles the same order in this run.
  returned: when RV(outcome) is V(duplicate)
  type: str
service:
  description: The provider module's C(service) block.
  returned: when the order was read
  type: dict
renewed:
  description: The provider module's C(renewed).
  returned: when the order was read
  type: bool
pending:
  description: The provider module's C(pending).
  returned: when the order was read
  type: bool
'''

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.order import renew_order
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import RENEW_ORDER_ARGS
from ansible_collections.renewals.hosting.plugins.module_utils._runner import run_body


def main():
    run_body(RENEW_ORDER_ARGS, renew_order)


if __name__ == '__main__':
    main()
