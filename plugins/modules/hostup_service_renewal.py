#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: hostup_service_renewal
short_description: Renew a HostUp VPS or hosting account when it is due, with at most one renewal invoice
version_added: 1.0.0
description:
  - Keeps a HostUp service renewed. A renewal invoice is made only when the next due date is within
    O(renew_before_days), or with O(force=true), and only when no unpaid invoice for the service exists yet.
  - HostUp's v1 renew call (C(POST /api/services/{accountId}/renew), HostBill C(generateNextInvoice)) makes another
    invoice and moves the next due date one more cycle on every call. This module is idempotent. Before renewing it
    searches the unpaid invoices and ties them to the service through their invoice items (never through the amount).
    When one exists it reports it as RV(pending) and places nothing.
  - v2 services (C(vps_...), C(acct_...)) are renewed with the C(actions/renew) call. Their C(blockingInvoices) are
    checked first. A 409 C(existing_invoice_blocking) answer is reported as RV(pending), not as a failure.
  - When a renew request's reply is lost (timeout, reset, HTTP 5xx, C(INTERNAL_ERROR), C(upstream_*)), the module
    re-reads the invoices and the next due date before anything else. An invoice or a moved due date means the renewal
    landed. The request is sent again only when the re-read proves nothing happened (at most O(max_retries) times), and
    never after a timeout or an C(upstream_*) answer, since HostUp may still be working on it.
  - Renewing makes an invoice; the next due date moves when it is paid. With O(pay_invoice=true) the module pays it
    (or the unpaid renewal invoice already there) and waits, bounded, until HostUp shows it paid.
  - Runs on the controller (an action plugin runs the same code in-process).
author:
  - renewals.hosting maintainers (@renewals-hosting)
extends_documentation_fragment:
  - renewals.hosting.hostup
  - renewals.hosting.transport
  - renewals.hosting.renewal_policy
  - renewals.hosting.attributes
  - renewals.hosting.attributes.ACTIONGROUP_HOSTUP
attributes:
  check_mode:
    support: full
    details:
      - Reads the service and its unpaid invoices and reports exactly what a real run would do; makes no invoice and
        pays nothing.
  diff_mode:
    support: full
    details:
      - Shows the next due date before and after the renewal is paid.
  idempotent:
    support: partial
    details:
      - With O(force=false), a second run finds the next due date beyond O(renew_before_days), or the unpaid renewal
        invoice the first run made, and changes nothing.
      - With O(force=true) a run makes a new invoice only when no unpaid invoice for the service exists.
      - With O(pay_invoice=true) a run pays the renewal invoice once; a later run finds it paid.
options:
  account_id:
    description:
      - The service to renew. Its shape selects the API.
      - A numeric HostBill account id (for example V("20000")) uses the v1 API. Quote it in YAML so it stays a string.
      - A v2 VPS id (C(vps_...)) or a v2 shared hosting account id (C(acct_...)) uses the v2 API.
    type: str
    required: true
  pay_invoice:
    description:
      - Pay the renewal invoice, whether this task made it or it already existed, and wait until HostUp shows it paid.
      - HostUp pays asynchronously. The module waits up to 60 seconds and never pays an invoice whose payment is
        already running (v2 C(invoice_payment_in_progress)).
      - v1 pays with the customer's primary card (C(cardId=primary)); v2 with the account's default payment method.
    type: bool
    default: false
notes:
  - Pay-as-you-go VPS (C(billing.isPayg)) have nothing to renew. They report V(not_due) with RV(service.payg=true),
    and fail with O(force=true).
  - HostUp's own invoice run and auto-renew also make renewal invoices; the module treats them like its own.
seealso:
  - module: renewals.hosting.hostup_service_info
  - name: HostUp guide
    description: Credentials, what idempotent means for v1 and v2, payment, unconfirmed assumptions.
    link: https://github.com/renewals-hosting/renewals.hosting/blob/main/docs/hostup.md
'''

EXAMPLES = r'''
- name: Make the renewal invoice of a v1 service when it is due within 30 days
  renewals.hosting.hostup_service_renewal:
    account_id: "20000"
  delegate_to: localhost

- name: Renew a v2 VPS 14 days ahead, at most 200 SEK, and pay the invoice
  renewals.hosting.hostup_service_renewal:
    account_id: vps_8f2k1c
    renew_before_days: 14
    max_price: 200
    pay_invoice: true
  delegate_to: localhost

- name: Credentials once for every HostUp task (or set HOSTUP_API_KEY)
  module_defaults:
    group/renewals.hosting.hostup:
      api_key: "{{ vault_hostup_api_key }}"
  block:
    - name: Renew a shared hosting account
      renewals.hosting.hostup_service_renewal:
        account_id: acct_3hq9d0
      register: hosting_renewal

    - name: Show what happened
      ansible.builtin.debug:
        msg: "{{ hosting_renewal.msg }} (invoice: {{ hosting_renewal.invoice.id | default('none') }})"
'''

RETURN = r'''
outcome:
  description:
    - V(renewed) (the renewal invoice is paid, O(pay_invoice)), V(awaiting_payment) (placed, or found in flight, and
      its invoice or order waits for payment, see RV(awaiting_payment); it stays so on every later run until paid),
      V(would_renew) (check mode), V(insufficient_funds) (the balance it is paid from cannot cover it; nothing sent),
      V(not_due), V(already_renewed) or V(failed).
    - An unpaid renewal invoice for the service, made by this task or found, is V(awaiting_payment), never V(not_due)
      (the v1 API moves the next due date when it makes the invoice; C(runs_out_at) is the end of the paid period).
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
  description: Whether this task made a renewal invoice (or would, in check mode).
  returned: always
  type: bool
pending:
  description: Whether an unpaid renewal invoice exists for the service (made now or earlier).
  returned: always
  type: bool
paid:
  description: Whether the renewal invoice is paid, as HostUp showed it after paying.
  returned: when O(pay_invoice=true) and a renewal invoice is in flight
  type: bool
should_renew:
  description: Whether the next due date is within O(renew_before_days), or O(force=true).
  returned: always
  type: bool
service:
  description: The service as read before acting.
  returned: always
  type: dict
  contains:
    id:
      description: The account id as given.
      type: str
      sample: "20000"
    api:
      description: The API that serves it, V(v1) or V(v2).
      type: str
    name:
      description: The domain or name of the service.
      type: str
    status:
      description: HostUp's status of the service (v1 C(status), v2 C(serviceStatus)).
      type: str
      sample: Active
    expires_at:
      description: The next due date (v1 C(next_due), v2 C(nextDueAt)), ISO 8601 UTC. Renewal is due against it.
      type: str
      sample: "2026-12-01T00:00:00Z"
    next_due_at:
      description: The same next due date, named as HostUp names it.
      type: str
    paid_until:
      description: End of the paid period (v1 C(expires), v2 C(expiresAt)) when the API tells it, else null.
      type: str
    days_remaining:
      description: Whole days until the next due date; negative once overdue.
      type: int
      sample: 12
    billing_cycle:
      description: The billing cycle, for example V(monthly) or V(annually).
      type: str
    amount:
      description: The recurring amount, the price of one renewal.
      type: float
      sample: 99.0
    currency:
      description: Its currency.
      type: str
      sample: SEK
    payg:
      description: Whether the VPS is pay-as-you-go (nothing to renew).
      type: bool
    auto_renew:
      description: Not reported by HostUp's service reads; always null.
      type: bool
expires_after:
  description: The next due date once the renewal invoice is paid, ISO 8601 UTC (v2 C(newExpiresAt)).
  returned: always
  type: str
  sample: "2027-01-01T00:00:00Z"
invoice:
  description: The renewal invoice made now, or the unpaid one already there. Null when there is none.
  returned: always
  type: dict
  contains:
    id:
      description: Invoice id (v1 numeric, v2 C(inv_...)).
      type: str
      sample: "49961"
    number:
      description: Invoice number, when known.
      type: str
    amount:
      description: Amount, when known.
      type: float
    currency:
      description: Currency.
      type: str
    due_at:
      description: Due date, ISO 8601 UTC, when known.
      type: str
    status:
      description: Invoice status in lower case, for example V(unpaid) or V(paid).
      type: str
    payment_url:
      description: Where the customer pays it (v2), when known.
      type: str
price:
  description: The recurring amount and currency of the service, checked against O(max_price) before renewing.
  returned: always
  type: dict
  sample: {"amount": 99.0, "currency": "SEK"}
action:
  description: Always null; HostUp renewals are tracked as invoices.
  returned: always
  type: dict
service_after:
  description: The service as re-read after a renew request whose reply was lost, when the re-read settled the outcome.
  returned: sometimes
  type: dict
error:
  description:
    - Machine-readable failure details. C(code) is the collection's code (for example V(auth_error), V(not_found),
      V(unknown_outcome), V(price_above_max), V(not_renewable), V(invalid_input)); C(provider_code), C(http_status)
      and C(request_id) are HostUp's when it answered.
  returned: on failure
  type: dict
  sample: {"code": "unknown_outcome", "provider_code": "INTERNAL_ERROR", "http_status": 500, "request_id": "2121ae20-bd9d-41e9"}
'''

from ansible_collections.renewals.hosting.plugins.module_utils._hostup.modules import RENEWAL
from ansible_collections.renewals.hosting.plugins.module_utils._runner import run_module


def main():
    run_module(RENEWAL)


if __name__ == '__main__':
    main()
