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
  - renewals.hosting.play_orders
  - renewals.hosting.fleet
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
