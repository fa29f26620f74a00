#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: logicboxes_renewal
short_description: Renew a LogicBoxes (ResellerClub) order when it is due, never twice
version_added: 1.0.0
description:
  - Keeps a LogicBoxes order (domain, hosting, server, VPS, email, backup, SiteLock, CodeGuard, SSL) renewed;
    the order is renewed only when it expires within O(renew_before_days), or with O(force=true).
  - The LogicBoxes renew calls are not idempotent (every call bills and extends again). This module is. It reads
    the order first, places no renewal while another action is in flight (C(eaqid)/C(actiontype) on the order,
    a queued action in C(actions/search-current), or the answer C(There is already an action pending on this Order.)),
    sends the renewal once, and when the reply is lost re-reads the order before deciding anything.
  - Domains are renewed with C(exp-date) set to the expiry just read, the provider's own guard against a double renewal.
  - Runs on the controller (an action plugin runs the same code in-process, so fleets do not pay for a Python process
    per order).
author:
  - renewals.hosting maintainers (@renewals-hosting)
extends_documentation_fragment:
  - renewals.hosting.logicboxes
  - renewals.hosting.logicboxes.PRODUCT
  - renewals.hosting.transport
  - renewals.hosting.renewal_policy
  - renewals.hosting.attributes
  - renewals.hosting.attributes.ACTIONGROUP_LOGICBOXES
attributes:
  check_mode:
    support: full
    details:
      - Reads the order and reports exactly what a real run would do; buys nothing.
  diff_mode:
    support: full
    details:
      - Shows the expiry before and after.
  idempotent:
    support: partial
    details:
      - With O(force=false), a second run finds the new expiry beyond O(renew_before_days), or the renewal in flight,
        and changes nothing.
      - With O(force=true) every run renews again, except while a renewal is in flight.
options:
  region:
    description:
      - The region of the order, for products offered in several regions.
      - V(us) or V(in) for dedicated servers, VPS, cloud, single-domain and reseller hosting and Windows multi-domain hosting;
        V(us) or V(uk) for Linux multi-domain hosting; V(us) or V(asia) for backup; V(us) for managed servers and
        business and enterprise email. Products without regions (domain, SiteLock, CodeGuard, SSL) take none.
    type: str
  order_id:
    description:
      - The order ID. Sent as C(backup-order-id) for O(product=backup).
    type: int
    required: true
  months:
    description:
      - Months to renew for, for every product except domains. Defaults to 1.
      - For SiteLock the provider documents no period; it is sent only when set.
    type: int
  years:
    description:
      - Years to renew for (1 to 10), for O(product=domain) only. Defaults to 1.
    type: int
  invoice_option:
    description:
      - How LogicBoxes bills the renewal.
      - V(NoInvoice) renews at once and charges the reseller account.
      - V(KeepInvoice) renews at once and leaves an unpaid invoice for the customer.
      - V(PayInvoice) pays from the customer's balance and renews if the funds suffice; otherwise it stays pending.
      - V(OnlyAdd) raises an invoice and renews only once it is paid; the order stays pending until then.
    type: str
    choices: [NoInvoice, PayInvoice, KeepInvoice, OnlyAdd]
    default: NoInvoice
  discount_amount:
    description:
      - Discount on the renewal amount, sent as C(discount-amount).
    type: float
  auto_renew:
    description:
      - Sets the order's auto-renewal flag with the renewal. Unset, the renew call sends the order's current setting
        (C(recurring), just read), since the renew pages list C(auto-renew) as required, so a renewal never changes it.
        Not accepted for V(ssl) and V(cloud_hosting), whose renew pages do not list it (nothing is sent for them).
    type: bool
  pay_invoice:
    description:
      - Pay the renewal's own invoice from the customer's balance (C(billing/customer-pay.json)) when the renewal waits for
        it (O(invoice_option=PayInvoice) or V(OnlyAdd)), whether this task placed it or it was already in flight. Only that
        invoice, once; the customer's balance is checked first, and a lost reply is answered by re-reading the order.
      - Does nothing for V(NoInvoice) and V(KeepInvoice) renewals, which do not wait for their invoice.
    type: bool
    default: false
  no_of_accounts:
    description:
      - Additional email accounts to buy with the renewal (business and enterprise email only).
    type: int
  no_of_storage5_blocks:
    description:
      - Additional 5 GB storage blocks to buy with the renewal (business and enterprise email only).
    type: int
seealso:
  - module: renewals.hosting.logicboxes_order_info
  - name: LogicBoxes guide
    description: Credentials, IP whitelist, test endpoint, invoice options and what idempotent means per product.
    link: https://github.com/renewals-hosting/renewals.hosting/blob/main/docs/logicboxes.md
'''

EXAMPLES = r'''
- name: Renew a dedicated server when it expires within 30 days
  renewals.hosting.logicboxes_renewal:
    product: dedicated_server_linux
    region: us
    order_id: 12345678
    months: 12
  delegate_to: localhost

- name: Renew a domain for two years, 45 days ahead, at most 30.00
  renewals.hosting.logicboxes_renewal:
    product: domain
    order_id: 23456789
    years: 2
    renew_before_days: 45
    max_price: 30
  delegate_to: localhost

- name: Credentials once for every LogicBoxes task (or set LOGICBOXES_AUTH_USERID / LOGICBOXES_API_KEY)
  module_defaults:
    group/renewals.hosting.logicboxes:
      auth_userid: "{{ vault_logicboxes_reseller_id }}"
      api_key: "{{ vault_logicboxes_api_key }}"
  block:
    - name: Raise an invoice for the customer; the backup renews once it is paid
      renewals.hosting.logicboxes_renewal:
        product: backup
        region: asia
        order_id: 34567890
        months: 1
        invoice_option: OnlyAdd
      register: backup_renewal

    - name: Show what happened
      ansible.builtin.debug:
        msg: "{{ backup_renewal.msg }} (pending: {{ backup_renewal.pending }})"
'''

RETURN = r'''
outcome:
  description:
    - V(renewed) (placed and executed, LogicBoxes debited the reseller cost), V(awaiting_payment) (placed, or found
      in flight, and its invoice or order waits for payment, see RV(awaiting_payment); it stays so on every later run
      until paid), V(would_renew) (check mode), V(insufficient_funds) (the balance it is paid from cannot cover it;
      nothing sent), V(not_due), V(pending) (another action already in
      flight), V(already_renewed) (the provider's expiry guard shows another renewal landed first) or V(failed).
    - A renewal LogicBoxes accepted but queued until the reseller balance covers it is V(awaiting_payment), with its
      answer in RV(msg).
  returned: always
  type: str
  sample: renewed
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
  sample: renewed
renewed:
  description: Whether a renewal was placed by this task (or would be, in check mode).
  returned: always
  type: bool
pending:
  description: Whether a renewal is in flight at the provider (placed earlier, or placed now and awaiting payment).
  returned: always
  type: bool
should_renew:
  description: Whether the order is due (expires within O(renew_before_days)) or O(force=true).
  returned: always
  type: bool
service:
  description: The order as read before acting.
  returned: always
  type: dict
  contains:
    id:
      description: The order ID.
      type: str
      sample: "12345678"
    status:
      description: The provider's C(currentstatus).
      type: str
      sample: Active
    expires_at:
      description: Expiry (C(endtime)), ISO 8601 UTC.
      type: str
      sample: "2026-12-01T10:00:00Z"
    days_remaining:
      description: Whole days until expiry; negative once expired.
      type: int
      sample: 12
    auto_renew:
      description: Whether the provider's own auto-renewal is on for the order (C(recurring)).
      type: bool
    description:
      description: The order description (usually the domain name).
      type: str
expires_after:
  description: Expiry after the renewal, ISO 8601 UTC; null while the renewal waits for payment.
  returned: always
  type: str
  sample: "2027-12-01T10:00:00Z"
action:
  description: The provider action placed now, or the one already in flight.
  returned: when the provider reports one
  type: dict
  contains:
    id:
      description: Action ID (C(eaqid)).
      type: str
    type:
      description: Action type, for example C(RenewDomain).
      type: str
    status:
      description: Action status, for example C(Success) or C(PendingExecution).
      type: str
    description:
      description: The provider's description of the action.
      type: str
invoice:
  description: The invoice of the renewal; absent with O(invoice_option=NoInvoice).
  returned: when the provider reports one
  type: dict
  contains:
    id:
      description: Invoice ID.
      type: str
    amount:
      description: Amount, positive.
      type: float
    currency:
      description: The reseller's selling currency.
      type: str
price:
  description:
    - The renewal's reseller cost (C(amount), C(currency)) from the reseller-cost catalogue, read once per run (fleet) or per
      task, and the customer price beside it (C(customer_amount)) where the catalogue has it. A declared price overrides it.
    - Null for products without a catalogue entry (backup, SiteLock, CodeGuard, SSL) and when the catalogue cannot be read
      or does not list the order's plan; a warning says why.
  returned: always
  type: dict
  sample: {"amount": 10.0, "currency": "USD", "customer_amount": 12.0}
error:
  description: Machine-readable failure details (C(code), C(message), and C(http_status) where there was one).
  returned: on failure
  type: dict
  sample: {"code": "already_pending", "message": "There is already an action pending on this Order."}
'''

from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.modules import RENEWAL
from ansible_collections.renewals.hosting.plugins.module_utils._runner import run_module


def main():
    run_module(RENEWAL)


if __name__ == '__main__':
    main()
