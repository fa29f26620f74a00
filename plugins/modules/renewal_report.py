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
  - A check run also writes C(plan.json), the orders it would renew with their price and expiry and the plan's digest,
    for an approver to approve and a real run to apply (O(renewals.hosting.renew_orders#role:main:renew_orders_plan)).
  - Writes a Prometheus metrics file when O(metrics_file) is set.
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
  metrics_file:
    description:
      - A Prometheus text-format file to write for node_exporter's textfile collector (atomic rename), in check mode too.
      - Metrics C(renew_orders_last_run_start_timestamp_seconds), C(renew_orders_last_run_end_timestamp_seconds),
        C(renew_orders_last_run_success), C(renew_orders_last_run_check_mode), C(renew_orders_last_success_timestamp_seconds)
        (the last successful run that was not a check run, carried over from the file's previous version),
        C(renew_orders_last_run_orders) (label C(outcome)), C(renew_orders_last_run_spend) (label C(currency)),
        C(renew_orders_order_expiry_timestamp_seconds) and C(renew_orders_order_awaiting_renewal) (labels C(provider),
        C(service), C(id); one series per order of the inventory).
      - Not written when omitted.
    type: path
  started_at:
    description:
      - When the run started (ISO 8601, what M(renewals.hosting.renewal_ledger) returns as RV(renewals.hosting.renewal_ledger#module:started_at)),
        for the metrics file. Omitted, the run's end stands in.
    type: str
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
metrics_path:
  description: Path of the metrics file, or V(null) when O(metrics_file) is not set.
  returned: always
  type: str
plan_path:
  description: Path of C(plan.json), the plan a check run writes next to the report; V(null) after a real run.
  returned: always
  type: str
plan_digest:
  description: The plan's SHA-256 digest (what M(renewals.hosting.renewal_plan) checks); V(null) after a real run.
  returned: always
  type: str
plan_artifact:
  description:
    - What the role publishes with C(set_stats) as C(renew_orders_plan) after a check run, V(null) after a real run.
    - Keys C(path), C(digest), and C(content) (the plan itself) when the plan is small enough for an AWX artifact.
  returned: always
  type: dict
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
