#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: vpsbg_server_info
short_description: Tell whether a VPSBG server should be renewed, and for how much
version_added: 1.0.0
description:
  - Reads a VPSBG server and answers "should I renew?" without ordering or changing anything.
  - Returns the server's expiry, days remaining, the renew order already open (when C(potential_expiry_at) is later than
    C(expiry_at)), the price of renewing for O(billing_cycle) from VPSBG's renew calculation, and RV(should_renew) for
    the given O(renew_before_days).
author:
  - renewals.hosting maintainers (@renewals-hosting)
extends_documentation_fragment:
  - renewals.hosting.vpsbg
  - renewals.hosting.transport
  - renewals.hosting.renewal_policy.INFO
  - renewals.hosting.attributes
  - renewals.hosting.attributes.INFO_MODULE
  - renewals.hosting.attributes.ACTIONGROUP_VPSBG
options:
  server_id:
    description:
      - The ID of the server.
    type: int
    required: true
  billing_cycle:
    description:
      - Months to price the renewal for, and to compute RV(expires_after). Defaults to the server's current billing cycle.
    type: int
    choices: [1, 3, 6, 12, 24]
  promo_code:
    description:
      - A promo code to include in the price. The task fails when VPSBG does not apply it.
    type: str
seealso:
  - module: renewals.hosting.vpsbg_server_renewal
'''

EXAMPLES = r'''
- name: Should this server be renewed within 45 days, and what does a year cost?
  renewals.hosting.vpsbg_server_info:
    server_id: 2864
    billing_cycle: 12
    renew_before_days: 45
  delegate_to: localhost
  register: server_info

- name: Say so
  ansible.builtin.debug:
    msg: >-
      {{ server_info.service.expires_at }}: renew={{ server_info.should_renew }},
      open order={{ server_info.order.id | default('none') }}, price={{ server_info.price.amount | default('n/a') }}
'''

RETURN = r'''
should_renew:
  description:
    - Whether a renewal module would order now, that is the server expires within O(renew_before_days) and no renew
      order is open.
  returned: success
  type: bool
  sample: true
days_remaining:
  description: Whole days until expiry; negative once expired.
  returned: success
  type: int
  sample: 12
pending:
  description: Whether a renew order is open at VPSBG.
  returned: success
  type: bool
service:
  description:
    - The server (C(id), C(status), C(expires_at), C(potential_expires_at), C(days_remaining), C(auto_renew), C(hostname),
      C(billing_cycle), C(plan), C(minimum_billing_cycle), C(renew_amount), C(renew_amount_with_vat), C(renew_enabled),
      C(cancel_requested), C(locked)); see M(renewals.hosting.vpsbg_server_renewal).
  returned: success
  type: dict
expires_after:
  description: Expiry after renewing for O(billing_cycle), ISO 8601 UTC.
  returned: success
  type: str
order:
  description: The renew order already open (see M(renewals.hosting.vpsbg_server_renewal) for its fields).
  returned: when one is open
  type: dict
invoice:
  description: The first invoice of RV(order) (C(id), C(number), C(amount) with VAT, C(currency)), or null.
  returned: success
  type: dict
action:
  description: Set when C(potential_expiry_at) shows a renewal in flight that the order list does not show, else null.
  returned: success
  type: dict
price:
  description:
    - The price of renewing for O(billing_cycle) from VPSBG's renew calculation (C(amount) with VAT, C(amount_without_vat),
      C(discount), C(currency), C(billing_cycle), C(promo_code)); null when the server cannot be renewed.
  returned: success
  type: dict
'''

from ansible_collections.renewals.hosting.plugins.module_utils._runner import run_module
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.modules import SERVER_INFO


def main():
    run_module(SERVER_INFO)


if __name__ == '__main__':
    main()
