#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: vpsbg_server_renewal
short_description: Renew a VPSBG server when it is due, never ordering twice
version_added: 1.0.0
description:
  - Keeps a VPSBG server renewed. A renew order is placed only when the server expires (C(expiry_at)) within
    O(renew_before_days), or with O(force=true).
  - VPSBG bills a renewal as an order (C(renew-service)) and places another one on every renew call, even while the
    first is still awaiting payment. This module is idempotent. It reads the server first; a C(potential_expiry_at) later
    than C(expiry_at) means a renew order is already open, which is then found among the orders (awaiting payment or
    processing) and reported as pending, and nothing is ordered.
  - When the open renew order's period differs from O(billing_cycle), the period is changed in place with VPSBG's
    documented period change (C(PATCH /v1/orders/{id}/server/{server_id})) instead of ordering again.
  - The price comes from VPSBG's renew calculation (C(POST /v1/servers/renew/calculate)) before anything is ordered;
    check mode and O(max_price) use it.
  - When the reply to the renew call is lost, the server and the open orders are read again before anything else.
  - Runs on the controller (an action plugin runs the same code in-process).
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
      - Reads the server, the open orders and the renewal price, and reports exactly what a real run would do; orders
        nothing and changes no order.
  diff_mode:
    support: full
    details:
      - Shows the expiry before and after.
  idempotent:
    support: partial
    details:
      - With O(force=false), a second run finds the server not due any more, or the renew order of the first run still
        open, and changes nothing.
      - With O(force=true) every run orders again, except while a renew order is open.
options:
  server_id:
    description:
      - The ID of the server (as in C(GET /v1/servers/{id})).
    type: int
    required: true
  billing_cycle:
    description:
      - Months to renew for.
      - Defaults to the server's current billing cycle. It must not be below the plan's minimum billing cycle.
      - When set and a renew order is already open with another period, that order's period is changed to this value.
    type: int
    choices: [1, 3, 6, 12, 24]
  promo_code:
    description:
      - A promo code for the renewal. The task fails, buying nothing, when VPSBG does not apply it or it needs a longer
        O(billing_cycle).
    type: str
  pay:
    description:
      - Pay the renewal's own open renew order (this task's, or one already awaiting payment) from the account balance
        (C(POST /v1/orders/pay), path UNCONFIRMED). The balance (C(GET /v1/balance)) is checked first; short of it the order
        stays V(awaiting_payment). Sent once; a lost reply is answered by re-reading the order, never by paying again.
    type: bool
    default: false
seealso:
  - module: renewals.hosting.vpsbg_server_info
  - module: renewals.hosting.vpsbg_support_renewal
  - name: VPSBG guide
    description: Credentials, orders, what idempotent means here, and the unconfirmed assumptions.
    link: https://github.com/renewals-hosting/renewals.hosting/blob/main/docs/vpsbg.md
notes:
  - The path of VPSBG's server renew call is not confirmed by the public documentation. The module tries
    C(POST /v1/servers/renew) with C(server_ids) first and C(POST /v1/servers/{id}/renew) when the API has no such
    route (HTTP 404 or 405, so nothing was ordered).
  - A new renew order usually waits for payment (RV(pending=true)); VPSBG applies it once paid, for example by the
    order paying itself from the account balance.
'''

EXAMPLES = r'''
- name: Renew a server for 3 months when it expires within 30 days
  renewals.hosting.vpsbg_server_renewal:
    server_id: 2864
    billing_cycle: 3
  delegate_to: localhost

- name: Renew for a year with a promo code, 45 days ahead, at most 150.00 EUR
  renewals.hosting.vpsbg_server_renewal:
    server_id: 2864
    billing_cycle: 12
    promo_code: fall2406
    renew_before_days: 45
    max_price: 150
  delegate_to: localhost

- name: Token once for every VPSBG task (or set VPSBG_API_TOKEN)
  module_defaults:
    group/renewals.hosting.vpsbg:
      api_token: "{{ vault_vpsbg_api_token }}"
  block:
    - name: Renew the server
      renewals.hosting.vpsbg_server_renewal:
        server_id: 2864
      register: server_renewal

    - name: Show the renew order
      ansible.builtin.debug:
        msg: "{{ server_renewal.msg }} (order {{ server_renewal.order.id | default('none') }})"
'''

RETURN = r'''
outcome:
  description:
    - V(renewed) (the renew order is paid), V(awaiting_payment) (placed, or found in flight, and its invoice or
      order waits for payment, see RV(awaiting_payment); it stays so on every later run until paid), V(would_renew)
      (check mode), V(insufficient_funds) (the balance it is paid from cannot cover it; nothing sent), V(not_due),
      V(pending) (a renew order being processed; its period may have been
      changed) or V(failed).
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
  sample: renewal placed; the provider applies it once paid or processed
renewed:
  description: Whether a renew order was placed by this task (or would be, in check mode).
  returned: always
  type: bool
pending:
  description: Whether a renew order is open at VPSBG (placed earlier, or placed now and awaiting payment).
  returned: always
  type: bool
should_renew:
  description: Whether the server is due (expires within O(renew_before_days)) or O(force=true).
  returned: always
  type: bool
service:
  description: The server as read before acting.
  returned: always
  type: dict
  contains:
    id:
      description: The server ID.
      type: int
      sample: 2864
    status:
      description: The billing status (C(active), C(processing), C(suspended) or C(terminated)).
      type: str
      sample: active
    expires_at:
      description: The paid-until date (C(expiry_at)), ISO 8601 UTC.
      type: str
      sample: "2026-12-01T10:00:00Z"
    potential_expires_at:
      description: The expiry counting unpaid or processing renew orders (C(potential_expiry_at)), ISO 8601 UTC.
      type: str
      sample: "2027-01-01T10:00:00Z"
    days_remaining:
      description: Whole days until expiry; negative once expired.
      type: int
      sample: 12
    auto_renew:
      description: Whether VPSBG renews the server on its own from the balance or a saved card.
      type: bool
    hostname:
      description: The server's hostname.
      type: str
    billing_cycle:
      description: The server's current billing cycle in months.
      type: int
    plan:
      description: The plan name.
      type: str
    minimum_billing_cycle:
      description: The plan's shortest billing cycle in months.
      type: int
    renew_amount:
      description: The price of the next renewal without VAT, as VPSBG shows it on the server.
      type: float
    renew_amount_with_vat:
      description: The same with VAT.
      type: float
    renew_enabled:
      description: VPSBG's C(settings.renew_enabled).
      type: bool
    cancel_requested:
      description: Whether a cancellation is pending.
      type: bool
    locked:
      description: Whether the server is locked by a running task (snapshot, backup, ...).
      type: bool
expires_after:
  description:
    - Expiry after the renewal, ISO 8601 UTC. In check mode the predicted one. Null while the renew order awaits payment
      (see RV(order.period_to) for the period it pays for).
  returned: always
  type: str
  sample: "2027-01-01T10:00:00Z"
order:
  description: The renew order placed now, or the one already open.
  returned: when a renew order was placed or found
  type: dict
  contains:
    id:
      description: Order ID.
      type: int
      sample: 200158
    type:
      description: Order type, C(renew-service).
      type: str
    status:
      description: C(awaiting_payment), C(processing) or C(paid).
      type: str
      sample: awaiting_payment
    amount:
      description: Amount without VAT.
      type: float
    amount_with_vat:
      description: Amount with VAT where it applies.
      type: float
    currency:
      description: Currency of the amounts.
      type: str
      sample: EUR
    created_at:
      description: When the order was placed, ISO 8601 UTC.
      type: str
    due_at:
      description: When payment is due, ISO 8601 UTC.
      type: str
    auto_pay:
      description: Whether the order tries to pay itself.
      type: bool
    payment_method:
      description: C(balance), C(card), C(bank), C(bitcoin) or C(bitcoin-ln).
      type: str
    billing_cycle:
      description: Months this order renews the server for.
      type: int
    period_from:
      description: Start of the period the order pays for, ISO 8601 UTC.
      type: str
    period_to:
      description: End of the period the order pays for, ISO 8601 UTC.
      type: str
    period_changeable:
      description: Whether VPSBG allows changing the order's period.
      type: bool
    invoices:
      description: The order's invoices (C(id), C(number), C(type), C(amount), C(amount_with_vat)).
      type: list
      elements: dict
invoice:
  description: The first (proforma) invoice of RV(order) (C(id), C(number), C(amount) with VAT, C(currency)).
  returned: always
  type: dict
action:
  description:
    - Set when VPSBG shows a renewal in flight (a later C(potential_expiry_at)) that the order list does not show.
  returned: always
  type: dict
price:
  description: The renewal price from VPSBG's renew calculation, before anything is ordered; null when nothing is due.
  returned: always
  type: dict
  contains:
    amount:
      description: The amount due with VAT (C(due_today_amount_with_vat)); compared with O(max_price).
      type: float
    amount_without_vat:
      description: The amount due without VAT.
      type: float
    discount:
      description: The promo code's discount.
      type: float
    currency:
      description: Currency.
      type: str
    billing_cycle:
      description: Months priced.
      type: int
    promo_code:
      description: The promo code applied, or null.
      type: str
service_after:
  description: The server as re-read after a lost reply showed that the renewal was paid and applied.
  returned: when a lost reply was resolved by a re-read showing a new expiry
  type: dict
error:
  description: Machine-readable failure details (C(code), C(message), and C(http_status) or C(fields) where there were some).
  returned: on failure
  type: dict
  sample: {"code": "validation_failed", "message": "VPSBG refused the request as invalid (HTTP 422): billing_cycle: ..."}
'''

from ansible_collections.renewals.hosting.plugins.module_utils._runner import run_module
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.modules import SERVER_RENEWAL


def main():
    run_module(SERVER_RENEWAL)


if __name__ == '__main__':
    main()
