#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: renewal_report
short_description: Write the report of a fleet renewal run
version_added: 1.0.0
description:
  - Assembles the entries M(renewals.hosting.renew_order) recorded for a run into C(report.json) and a Markdown
    C(summary.md) in O(report_dir), one entry per host of O(hosts), and returns the totals.
  - A host that recorded nothing (its task failed before reaching the provider) still gets an entry, with
    outcome C(failed), so the report is complete.
  - Writes the report in check mode too, since the check-mode report is the point of a check run.
author:
  - renewals.hosting maintainers (@renewals-hosting)
extends_documentation_fragment:
  - renewals.hosting.attributes
  - renewals.hosting.state
attributes:
  check_mode:
    support: full
    details:
      - Writes the report in check mode as well; it changes nothing at any provider.
  diff_mode:
    support: none
  idempotent:
    support: full
options:
  state_dir:
    description:
      - The controller directory holding the runs' state (the same as for M(renewals.hosting.renew_order)).
    type: path
    required: true
  run_id:
    description:
      - The run to report.
    type: str
    required: true
  report_dir:
    description:
      - Where to write C(report.json) and C(summary.md).
    type: path
    required: true
  hosts:
    description:
      - Every host of the run, so that hosts without an entry are reported as failed.
      - Empty means the hosts that recorded an entry.
    type: list
    elements: str
    default: []
  fail_on:
    description:
      - Outcomes listed in RV(failing_outcomes) and RV(failed_hosts) when present.
      - V(awaiting_payment) counts only for services that run out within O(unpaid_alert_days) days.
    type: list
    elements: str
    default: [failed]
  unpaid_alert_days:
    description:
      - With V(awaiting_payment) in O(fail_on), a renewal awaiting payment fails only when its service runs out within this
        many days if it is not paid (or when when it runs out is not known).
    type: int
    default: 7
seealso:
  - module: renewals.hosting.renew_order
'''

EXAMPLES = r'''
- name: Write the report
  renewals.hosting.renewal_report:
    state_dir: /var/lib/renewals
    run_id: "{{ run.run_id }}"
    report_dir: /var/lib/renewals/report
    hosts: "{{ ansible_play_hosts_all }}"
  run_once: true
  register: report
'''

RETURN = r'''
report_path:
  description: Path of C(report.json).
  returned: always
  type: str
summary_path:
  description: Path of C(summary.md).
  returned: always
  type: str
totals:
  description:
    - Orders and the count per outcome.
    - C(spent) per currency is what was debited or paid (LogicBoxes at reseller cost, paid invoices and orders);
      C(awaiting_payment) per currency what placed renewals still wait for; C(would_spend) per currency what check mode
      would spend; C(price_unknown) counts the renewals placed (or that would be) whose price is not known.
  returned: always
  type: dict
  sample: {"orders": 3, "outcomes": {"renewed": 1, "awaiting_payment": 1, "would_renew": 0, "not_due": 1, "pending": 0,
           "skipped_budget": 0, "insufficient_funds": 0, "failed": 0, "duplicate": 0},
           "spent": {"USD": 10.0}, "awaiting_payment": {"SEK": 49.0}, "would_spend": {}, "price_unknown": 0}
check_mode:
  description: Whether the run was a check run (nothing was bought).
  returned: always
  type: bool
failing_outcomes:
  description: The outcomes of O(fail_on) that occurred.
  returned: always
  type: list
  elements: str
failed_hosts:
  description: The hosts whose outcome is in O(fail_on).
  returned: always
  type: list
  elements: str
'''

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.report_writer import renewal_report
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import REPORT_ARGS
from ansible_collections.renewals.hosting.plugins.module_utils._runner import run_body


def main():
    run_body(REPORT_ARGS, renewal_report)


if __name__ == '__main__':
    main()
