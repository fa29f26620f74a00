#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: vpsbg_support_renewal
short_description: Renew the VPSBG support plan when it is due, never ordering twice
version_added: 1.0.0
description:
  - Keeps the account's VPSBG support plan renewed with C(POST /v1/support/renew), which places a C(renew-service)
    order. VPSBG places another order on every call, even while one is still awaiting payment; this module does not.
  - VPSBG documents no field with the support plan's expiry. Every purchase and renewal of the plan is an order whose
    C(support) line carries the paid period, so the module takes the end of the latest paid support period as the
    expiry, and renews only when it falls within O(renew_before_days) (or with O(force=true)).
  - An open renew order (awaiting payment or processing) with a support line means a renewal is in flight; it is
    reported as pending and nothing is ordered. When its period differs from O(billing_cycle) it is changed in place
    with VPSBG's documented period change.
  - When the reply to the renew call is lost, the orders are read again before anything else.
author:
  - renewals.hosting maintainers (@renewals-hosting)
extends_documentation_fragment:
  - renewals.hosting.vpsbg
  - renewals.hosting.transport
  - renewals.hosting.renewal_policy
  - renewals.hosting.attributes
  - renewals.hosting.attributes.ACTIONGROUP_VPSBG
attributes:
  check_mode:
    support: full
    details:
      - Reads the orders and reports exactly what a real run would do; orders nothing.
  diff_mode:
    support: full
    details:
      - Shows the expiry (end of the paid support period) before and after.
  idempotent:
    support: partial
    details:
      - The due check rests on the account's orders (no expiry field exists); a second run finds the renew order of the
        first run open, or the new period paid, and changes nothing.
      - With O(force=true) every run orders again, except while a renew order is open.
options:
  billing_cycle:
    description:
      - Months to renew for.
      - Defaults to the period of the current paid support order.
      - When set and a renew order is already open with another period, that order's period is changed to this value.
    type: int
    choices: [1, 3, 6, 12, 24]
  pay:
    description:
      - Pay the renewal's own open renew order (this task's, or one already awaiting payment) from the account balance
        (C(POST /v1/orders/pay), path UNCONFIRMED). The balance (C(GET /v1/balance)) is checked first; short of it the order
        stays V(awaiting_payment). Sent once; a lost reply is answered by re-reading the order, never by paying again.
    type: bool
    default: false
seealso:
  - module: renewals.hosting.vpsbg_server_renewal
  - name: VPSBG guide
    description: Credentials, orders, what idempotent means here, and the unconfirmed assumptions.
    link: https://github.com/renewals-hosting/renewals.hosting/blob/main/docs/vpsbg.md
notes:
  - VPSBG tells no price for a support renewal before the order exists, so O(max_price) fails the task instead of
    guessing; leave it unset.
  - Without any paid support order in the account the task fails (the expiry is unknown), unless O(force=true).
  - Finding the latest paid support period reads the paid orders newest first, every page if need be, and the details
    of each order that can be a support purchase or renewal (type new-service, renew-service or combined) until one
    has a support line. On an account with many servers that is one call per server order newer than the support
    order.
  - Run through the fleet (the M(renewals.hosting.renew_order) module of the renew_orders role), what was found is kept in the
    fleet's state, and a later run reads only the orders paid since (usually two or three calls). Check mode keeps nothing.
'''

EXAMPLES = r'''
- name: Renew the support plan for a month when it ends within 14 days
  renewals.hosting.vpsbg_support_renewal:
    billing_cycle: 1
    renew_before_days: 14
  delegate_to: localhost
  register: support_renewal

- name: Show the renew order
  ansible.builtin.debug:
    msg: "{{ support_renewal.msg }}: order {{ support_renewal.order.id | default('none') }}"
'''

RETURN = r'''
outcome:
  description:
    - V(renewed) (the renew order is paid), V(awaiting_payment) (placed, or found in flight, and its invoice or
      order waits for payment, see RV(awaiting_payment); it stays so on every later run until paid), V(would_renew)
      (check mode), V(insufficient_funds) (the balance it is paid from cannot cover it; nothing sent), V(not_due),
      V(pending) (a renew order being processed) or V(failed).
  returned: always
  type: str
  sample: awaiting_payment
awaiting_payment:
  description:
    - What the renewal waits for when RV(outcome) is V(awaiting_payment), the invoice or order id, its amount and currency,
      its due date, and C(runs_out_at), when the service runs out if it is not paid.
  returned: when RV(outcome) is V(awaiting_payment)
  type: dict
  sample: {"invoice_id": "88713188", "order_id": null, "amount": 12.0, "currency": "USD", "due_at": null,
           "runs_out_at": "2026-12-12T00:00:00Z"}
msg:
  description: What happened, in words.
  returned: always
  type: str
renewed:
  description: Whether a renew order was placed by this task (or would be, in check mode).
  returned: always
  type: bool
pending:
  description: Whether a support renew order is open at VPSBG.
  returned: always
  type: bool
should_renew:
  description: Whether the support plan is due (its paid period ends within O(renew_before_days)) or O(force=true).
  returned: always
  type: bool
service:
  description: The support plan as read from the orders before acting.
  returned: always
  type: dict
  contains:
    id:
      description: The support plan's service ID from its order lines (V(support) when they carry none).
      type: raw
    status:
      description: V(active) while the paid period runs, V(expired) after it (derived from the orders).
      type: str
    expires_at:
      description: End of the latest paid support period, ISO 8601 UTC.
      type: str
      sample: "2026-12-01T00:00:00Z"
    potential_expires_at:
      description: End of the period counting open renew orders, ISO 8601 UTC.
      type: str
    days_remaining:
      description: Whole days until expiry; negative once expired.
      type: int
    auto_renew:
      description: Always null; VPSBG documents no auto-renewal setting for the support plan.
      type: bool
    plan:
      description: The support line's label.
      type: str
      sample: Professional support plan
    billing_cycle:
      description: Months of the current paid period.
      type: int
    paid_by_order:
      description: The ID of the paid order the expiry was taken from.
      type: int
expires_after:
  description: Expiry after the renewal (predicted in check mode); null while the renew order awaits payment.
  returned: always
  type: str
order:
  description:
    - The renew order placed now, or the one already open (C(id), C(type), C(status), C(amount), C(amount_with_vat),
      C(currency), C(created_at), C(due_at), C(auto_pay), C(payment_method), C(billing_cycle), C(period_from), C(period_to),
      C(period_changeable), C(invoices)); see M(renewals.hosting.vpsbg_server_renewal).
  returned: when a renew order was placed or found
  type: dict
invoice:
  description: The first (proforma) invoice of RV(order) (C(id), C(number), C(amount) with VAT, C(currency)).
  returned: always
  type: dict
action:
  description: Unused for the support plan (null).
  returned: always
  type: dict
price:
  description: Null; VPSBG tells no support renewal price before ordering.
  returned: always
  type: dict
service_after:
  description: The support plan as re-read after a lost reply showed that the renewal was paid and applied.
  returned: when a lost reply was resolved by a re-read showing a new expiry
  type: dict
error:
  description: Machine-readable failure details (C(code), C(message), and C(http_status) or C(fields) where there were some).
  returned: on failure
  type: dict
  sample: {"code": "no_support_plan", "message": "no paid support plan order at VPSBG, ..."}
'''

from ansible_collections.renewals.hosting.plugins.module_utils._runner import run_module
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.modules import SUPPORT_RENEWAL


def main():
    run_module(SUPPORT_RENEWAL)


if __name__ == '__main__':
    main()
