# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: HostUp facts as data.

Which API and paths an account id selects, how each API authenticates and wraps replies,
billing cycles, statuses, and what each error ``code`` means. Facts the public reference
marks unconfirmed are assumptions, kept here and nowhere else (docs/hostup.md lists them).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re


class ApiFlavor:
    """How one HostUp API authenticates and wraps its replies."""

    def __init__(self, name, auth_header, auth_format, envelope_key):
        self.name = name
        self.auth_header = auth_header
        self.auth_format = auth_format
        self.envelope_key = envelope_key  # success bodies wrap the payload under this key (None: bare)

    def auth(self, api_key):
        return {self.auth_header: self.auth_format % api_key}


V1 = ApiFlavor('v1', 'X-API-Key', '%s', 'data')
V2 = ApiFlavor('v2', 'Authorization', 'Bearer %s', None)


class V2Resource:
    """A v2 service family: where its state, its blocking invoices and its renew action live."""

    def __init__(self, label, details, renew, blocking_path, blocking_source=None):
        self.label = label
        self.details = details                  # GET: status, nextDueAt, billing
        self.renew = renew                      # POST: the guarded renew action
        self.blocking_source = blocking_source  # GET with blockingInvoices; None: they come with the details
        self.blocking_path = blocking_path      # keys leading to the blockingInvoices list in that reply


V2_VPS = V2Resource('VPS', details='v2/vps/%s/details', renew='v2/vps/%s/actions/renew',
                    blocking_source='v2/vps/%s/actions/billing-cycle', blocking_path=('blockingInvoices',))
# UNCONFIRMED: shared hosting documents no billing-cycle endpoint; its blocking invoices are assumed to come in
# the account's billingCycleState, like the VPS billing-cycle reply.
V2_HOSTING = V2Resource('shared hosting account', details='v2/shared-hosting/%s', renew='v2/shared-hosting/%s/actions/renew',
                        blocking_path=('billingCycleState', 'blockingInvoices'))

# account_id shape -> which API serves it. UNCONFIRMED: no documented mapping between v1 numeric ids and v2 ids.
# \Z, not $: `$` also matches before a trailing newline, which would let "20000\n" through to the API.
ACCOUNT_ID_SHAPES = (
    (re.compile(r'^[1-9][0-9]{0,17}\Z'), 'v1'),
    (re.compile(r'^vps_[A-Za-z0-9][A-Za-z0-9_-]{0,99}\Z'), V2_VPS),
    (re.compile(r'^acct_[A-Za-z0-9][A-Za-z0-9_-]{0,99}\Z'), V2_HOSTING),
)

# -- v1 (HostBill underneath) ---------------------------------------------------------------

V1_ACCOUNTS = 'client-accounts'
V1_ACCOUNT_LIST_KEYS = ('accounts',)            # UNCONFIRMED: where GET /api/client-accounts puts its rows (a bare list works too)
V1_RENEW = 'services/%s/renew'
V1_INVOICES = 'billing/invoices'
V1_INVOICE = 'billing/invoice/%s'
V1_PAY = 'billing/pay'
V1_UNPAID = 'Unpaid'                            # UNCONFIRMED (inferred): HostBill's status word, exact case, as the filter value
V1_INVOICE_PAGE_SIZE = 50
V1_SERVICE_ITEM_TYPES = ('hosting',)            # UNCONFIRMED: HostBill invoice items tie to an account as {type: Hosting, item_id}
V1_CARD = 'primary'                             # POST /api/billing/pay {invoiceId, cardId: "primary"}
V1_DEFAULT_CURRENCY = 'SEK'                     # UNCONFIRMED: client-accounts rows carry no currency; HostUp bills in SEK
V1_NO_DATE = '0000-00-00'

# -- v2 -------------------------------------------------------------------------------------

V2_INVOICES = 'v2/billing/invoices'
V2_PAY = 'v2/billing/invoices/%s/actions/pay'   # UNCONFIRMED: body; an empty object is sent
V2_PAGE_SIZE = 100
# UNCONFIRMED: where a 409 existing_invoice_blocking carries the invoice; the first path found wins.
V2_BLOCKING_INVOICE_PATHS = (('extensions', 'invoice'), ('extensions', 'existingInvoice'), ('invoice',))

# -- both -----------------------------------------------------------------------------------

MAX_PAGES = 20                                  # stop paging after this many pages and fail rather than guess
CYCLE_MONTHS = {'monthly': 1, 'quarterly': 3, 'semiannually': 6, 'annually': 12, 'biennially': 24, 'triennially': 36}
NOT_RENEWABLE_STATUSES = ('terminated', 'cancelled', 'fraud')
PAID_STATUS = 'paid'
UNPAID_STATUS = 'unpaid'

# Bounded waits (seconds): payment is asynchronous, and a v2 renewal invoice may be created asynchronously.
PAYMENT_WAIT = 60.0
PAYMENT_POLL = 1.0
INVOICE_LOOKUP_ATTEMPTS = 5
INVOICE_LOOKUP_POLL = 1.0

# What an error ``code`` means (compared lower-case; v1 codes are upper-case, v2 lower-case). Never the message.
PENDING = 'pending'                  # a renewal invoice already exists: not a failure
PAYMENT_RUNNING = 'payment_running'  # a payment is already running: wait, never pay again
AUTH = 'auth'
NOT_FOUND = 'not_found'
RATE_LIMITED = 'rate_limited'
UNKNOWN = 'unknown'                  # on a paying call: outcome unknown, re-read (the provider has finished)
UNKNOWN_LATE = 'unknown_late'        # ... and the provider (or HostBill behind it) may still complete it
REFUSED = 'refused'

CODE_MEANINGS = {
    'existing_invoice_blocking': PENDING,
    'invoice_payment_in_progress': PAYMENT_RUNNING,
    'unauthorized': AUTH,
    'forbidden': AUTH,
    'account_inactive': AUTH,
    'api_key_not_found': AUTH,
    'not_found': NOT_FOUND,
    'vps_not_found': NOT_FOUND,
    'rate_limited': RATE_LIMITED,
    'rate_limit_exceeded': RATE_LIMITED,
    'internal_error': UNKNOWN,
    'upstream_unavailable': UNKNOWN,
    'upstream_failed': UNKNOWN_LATE,
    'upstream_renewal_regeneration_failed': UNKNOWN_LATE,
    'upstream_invoice_shape_invalid': UNKNOWN_LATE,
    'external_provider_failed': UNKNOWN_LATE,
    'decline_failed': UNKNOWN_LATE,
}
STATUS_MEANINGS = {401: AUTH, 403: AUTH, 404: NOT_FOUND, 429: RATE_LIMITED}  # when the code is unknown or absent
UNKNOWN_CODE_PREFIX = 'upstream_'    # any other upstream_* code: HostBill or a gateway failed behind HostUp


def meaning_of(code, http_status):
    """What a refusal means, from its machine-readable code first and its HTTP status second."""
    code = (code or '').lower()
    if code in CODE_MEANINGS:
        return CODE_MEANINGS[code]
    if code.startswith(UNKNOWN_CODE_PREFIX):
        return UNKNOWN_LATE
    if http_status in STATUS_MEANINGS:
        return STATUS_MEANINGS[http_status]
    if http_status >= 500:
        return UNKNOWN
    return REFUSED
