#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: hostup_service_info
short_description: Tell whether a HostUp service should be renewed, and which renewal invoices are unpaid
version_added: 1.0.0
description:
  - Reads a HostUp service (v1 account or v2 VPS / shared hosting account) and answers "should I renew?" without
    changing anything.
  - Returns the service (status, next due date, days remaining, billing cycle, amount and currency), the unpaid
    invoices that cover it, and RV(should_renew) for the given O(renew_before_days).
author:
  - renewals.hosting maintainers (@renewals-hosting)
extends_documentation_fragment:
  - renewals.hosting.hostup
  - renewals.hosting.transport
  - renewals.hosting.renewal_policy.INFO
  - renewals.hosting.attributes
  - renewals.hosting.attributes.INFO_MODULE
  - renewals.hosting.attributes.ACTIONGROUP_HOSTUP
options:
  account_id:
    description:
      - The service; see M(renewals.hosting.hostup_service_renewal). A numeric id uses v1, C(vps_...) and C(acct_...) use v2.
    type: str
    required: true
seealso:
  - module: renewals.hosting.hostup_service_renewal
'''

EXAMPLES = r'''
- name: Should this VPS be renewed within 45 days?
  renewals.hosting.hostup_service_info:
    account_id: vps_8f2k1c
    renew_before_days: 45
  delegate_to: localhost
  register: vps_info

- name: Say so
  ansible.builtin.debug:
    msg: >-
      due {{ vps_info.service.expires_at }}: renew={{ vps_info.should_renew }},
      unpaid invoices={{ vps_info.service.unpaid_invoices | map(attribute='id') | list }}
'''

RETURN = r'''
should_renew:
  description:
    - Whether the renewal module would make a renewal invoice now, that is the next due date is within
      O(renew_before_days) and no unpaid invoice covers the service.
  returned: success
  type: bool
  sample: true
days_remaining:
  description: Whole days until the next due date; negative once overdue.
  returned: success
  type: int
  sample: 12
pending:
  description: Whether an unpaid invoice covers the service.
  returned: success
  type: bool
service:
  description: The service.
  returned: success
  type: dict
  contains:
    id:
      description: The account id as given.
      type: str
    api:
      description: The API that serves it, V(v1) or V(v2).
      type: str
    name:
      description: The domain or name of the service.
      type: str
    status:
      description: HostUp's status of the service.
      type: str
      sample: active
    expires_at:
      description: The next due date, ISO 8601 UTC.
      type: str
      sample: "2026-12-01T00:00:00Z"
    next_due_at:
      description: The same next due date, named as HostUp names it.
      type: str
    paid_until:
      description: End of the paid period when the API tells it, else null.
      type: str
    days_remaining:
      description: Whole days until the next due date.
      type: int
    billing_cycle:
      description: The billing cycle, for example V(monthly).
      type: str
    amount:
      description: The recurring amount.
      type: float
    currency:
      description: Its currency.
      type: str
    payg:
      description: Whether the VPS is pay-as-you-go (nothing to renew).
      type: bool
    auto_renew:
      description: Not reported by HostUp's service reads; always null.
      type: bool
    unpaid_invoices:
      description:
        - Unpaid invoices with a line for this service (v1, matched through the invoice items) or blocking it (v2),
          oldest due first. Each has C(id), C(number), C(amount), C(currency), C(due_at), C(status), C(payment_url).
      type: list
      elements: dict
expires_after:
  description: The next due date once a renewal is paid, ISO 8601 UTC.
  returned: success
  type: str
invoice:
  description: The oldest unpaid invoice covering the service, or null.
  returned: success
  type: dict
price:
  description: The recurring amount and currency (C(amount), C(currency)), or null.
  returned: success
  type: dict
action:
  description: Always null.
  returned: success
  type: dict
'''

from ansible_collections.renewals.hosting.plugins.module_utils._hostup.modules import INFO
from ansible_collections.renewals.hosting.plugins.module_utils._runner import run_module


def main():
    run_module(INFO)


if __name__ == '__main__':
    main()
