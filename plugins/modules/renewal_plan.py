#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: renewal_plan
short_description: Check an approved renewal plan before a fleet run applies it
version_added: 1.0.0
description:
  - Checks the plan a check run wrote (C(plan.json), see M(renewals.hosting.renewal_report)) before a real run applies
    it, so that a wrong plan fails the run before any provider call.
  - Refuses a plan that does not match its digest, whose digest is not the one O(plan) names, or older than O(max_age).
  - Keeps a copy of the plan in O(state_dir) under its digest and returns what the run's orders check against
    (RV(fleet_plan)); the role passes it to M(renewals.hosting.renew_order) in the run's settings.
  - Each order of the run is then renewed only if the plan lists it, its price is at most its planned price plus
    O(price_tolerance), and its expiry is the one the plan read; else its outcome is C(not_in_plan),
    C(price_changed) or C(plan_stale) and nothing is paid for it.
author:
  - renewals.hosting maintainers (@renewals-hosting)
extends_documentation_fragment:
  - renewals.hosting.attributes
attributes:
  check_mode:
    support: full
    details:
      - Checks the plan in check mode too; it changes nothing at any provider.
  diff_mode:
    support: none
  idempotent:
    support: full
options:
  state_dir:
    description:
      - The controller directory holding the runs' state; the plan's copy goes to its C(plans) folder.
    type: path
    required: true
  plan:
    description:
      - The path of C(plan.json), or the artifact a check run publishes with C(set_stats) as C(renew_orders_plan)
        (a mapping with C(digest) and C(content) or C(path)), or that artifact as a JSON string.
    type: raw
    required: true
  max_age:
    description:
      - Hours after which the plan is too old to apply.
    type: float
    default: 24
  price_tolerance:
    description:
      - How much an order's price may exceed its planned price (in the plan's currency) and still be renewed.
    type: float
    default: 0
seealso:
  - module: renewals.hosting.renewal_report
  - module: renewals.hosting.renew_order
'''

EXAMPLES = r'''
- name: Check the plan the approved check run wrote
  renewals.hosting.renewal_plan:
    state_dir: /var/lib/renewals
    plan: /var/lib/renewals/report/plan.json
    max_age: 12
  register: approved
'''

RETURN = r'''
fleet_plan:
  description: What the run's orders check against - the plan's kept copy, its digest and the price tolerance.
  returned: success
  type: dict
  sample: {"path": "/var/lib/renewals/plans/9f2c.json", "digest": "sha256:9f2c...", "price_tolerance": 0.0}
digest:
  description: The plan's digest.
  returned: success
  type: str
created_at:
  description: When the check run wrote the plan (ISO 8601, UTC).
  returned: success
  type: str
orders:
  description: How many orders the plan renews.
  returned: success
  type: int
spend:
  description: The plan's spend per currency.
  returned: success
  type: dict
  sample: {"EUR": 24.0}
'''

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.plan_check import renewal_plan
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import PLAN_ARGS
from ansible_collections.renewals.hosting.plugins.module_utils._runner import run_body


def main():
    run_body(PLAN_ARGS, renewal_plan)


if __name__ == '__main__':
    main()
