#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: logicboxes_order_info
short_description: Tell whether a LogicBoxes (ResellerClub) order should be renewed
version_added: 1.0.0
description:
  - Reads a LogicBoxes order and answers "should I renew?" without changing anything.
  - Returns the order's expiry, days remaining, the action in flight (from the order details and
    C(actions/search-current)) and RV(should_renew) for the given O(renew_before_days).
author:
  - renewals.hosting maintainers (@renewals-hosting)
extends_documentation_fragment:
  - renewals.hosting.logicboxes
  - renewals.hosting.logicboxes.PRODUCT
  - renewals.hosting.transport
  - renewals.hosting.renewal_policy.INFO
  - renewals.hosting.attributes
  - renewals.hosting.attributes.INFO_MODULE
  - renewals.hosting.attributes.ACTIONGROUP_LOGICBOXES
options:
  region:
    description:
      - The region of the order, for products offered in several regions (see M(renewals.hosting.logicboxes_renewal)).
    type: str
  order_id:
    description:
      - The order ID.
    type: int
    required: true
  months:
    description:
      - Renewal period used to compute RV(expires_after), for products renewed in months. Defaults to 1.
    type: int
  years:
    description:
      - Renewal period used to compute RV(expires_after), for domains. Defaults to 1.
    type: int
seealso:
  - module: renewals.hosting.logicboxes_renewal
'''

EXAMPLES = r'''
- name: Should this server be renewed within 45 days?
  renewals.hosting.logicboxes_order_info:
    product: dedicated_server_linux
    region: in
    order_id: 12345678
    renew_before_days: 45
  delegate_to: localhost
  register: server_info

- name: Say so
  ansible.builtin.debug:
    msg: "{{ server_info.service.expires_at }}: renew={{ server_info.should_renew }}, in flight={{ server_info.pending }}"
'''

RETURN = r'''
should_renew:
  description:
    - Whether a renewal module would renew now, that is the order expires within O(renew_before_days) and no
      renewal is in flight.
  returned: success
  type: bool
  sample: true
days_remaining:
  description: Whole days until expiry; negative once expired.
  returned: success
  type: int
  sample: 12
pending:
  description: Whether an action is in flight on the order.
  returned: success
  type: bool
service:
  description: The order.
  returned: success
  type: dict
  contains:
    id:
      description: The order ID.
      type: str
    status:
      description: The provider's C(currentstatus).
      type: str
      sample: Active
    expires_at:
      description: Expiry (C(endtime)), ISO 8601 UTC.
      type: str
      sample: "2026-12-01T10:00:00Z"
    days_remaining:
      description: Whole days until expiry.
      type: int
    auto_renew:
      description: Whether the provider's own auto-renewal is on (C(recurring)).
      type: bool
    description:
      description: The order description (usually the domain name).
      type: str
expires_after:
  description: Expiry after renewing for O(months) or O(years), ISO 8601 UTC (null when the provider decides the term).
  returned: success
  type: str
action:
  description: The action in flight (C(id), C(type), C(status), C(description)), or null.
  returned: success
  type: dict
invoice:
  description: The invoice of the action in flight (C(id), C(amount), C(currency)), or null.
  returned: success
  type: dict
price:
  description:
    - The renewal's reseller cost from the catalogue, and the customer price beside it (C(customer_amount)); null when the
      catalogue has no price for it (a warning says why).
  returned: success
  type: dict
  sample: {"amount": 10.0, "currency": "USD", "customer_amount": 12.0}
'''

from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.modules import INFO
from ansible_collections.renewals.hosting.plugins.module_utils._runner import run_module


def main():
    run_module(INFO)


if __name__ == '__main__':
    main()
