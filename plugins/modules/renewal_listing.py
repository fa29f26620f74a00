#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: renewal_listing
short_description: List each provider account's orders once at the start of a fleet run
version_added: 1.0.0
description:
  - Part of the start of a fleet run (role
    R(renewals.hosting.renew_orders,ansible_collections.renewals.hosting.renew_orders_role), both per-host and batch
    mode). Each provider
    account of the play's orders is listed once, page by page, O(workers) pages at a time, and the expiry, status and
    auto-renew flag of every listed order of the play are kept for this run in the fleet's state, where every fork reads them.
  - M(renewals.hosting.renew_order) and M(renewals.hosting.renew_orders_batch) then decide an order the listing shows
    not due as C(not_due) with no call of their own; its report row says the expiry came from the run's listing.
    An order that is due, forced, not listed, listed without an expiry or listed with a renewal in flight is read
    alone and renewed as without a listing. Nothing is ever paid on the listing alone.
  - "What is listed: LogicBoxes, the C(search.json) of each product path (product and region) the play's orders name,
    only orders expiring after the shortest renewal window (C(expiry-date-start)); VPSBG, every page of the servers
    (the support plan is read alone); HostUp, the v1 account list (services known by a v2 id are read alone)."
  - A page that fails (an HTTP error, an answer that does not decode, rate limiting that does not clear) leaves its orders
    out, with a warning; they are read one by one. The module never fails the run.
  - Provider credentials come from the provider modules' environment variables or C(module_defaults) for their action
    groups, as for M(renewals.hosting.renew_order).
author:
  - renewals.hosting maintainers (@renewals-hosting)
extends_documentation_fragment:
  - renewals.hosting.play_orders
  - renewals.hosting.attributes
  - renewals.hosting.state
attributes:
  check_mode:
    support: full
    details:
      - Lists and keeps the listing for the run, as in a real run (check mode uses the same listing).
  diff_mode:
    support: none
  idempotent:
    support: full
    details:
      - Reads only; each call keeps a new listing under a new id.
options:
  state_dir:
    description:
      - The controller directory holding the fleet's state (the same as for M(renewals.hosting.renew_order)).
    type: path
    required: true
  run_id:
    description:
      - The run the listing is for (from M(renewals.hosting.renewal_ledger)).
    type: str
    required: true
  run_group:
    description:
      - With O(state_backend=postgresql), the run group of the run (from M(renewals.hosting.renewal_ledger)).
    type: str
  listing:
    description:
      - V(auto) lists the accounts; V(off) lists nothing and every order is read alone.
    type: str
    choices: [auto, 'off']
    default: auto
  renew_before_days:
    description:
      - The run's renewal window (the orders' own C(renew_before_days) option takes precedence, as in
        M(renewals.hosting.renew_order)); LogicBoxes lists only orders expiring after the shortest window.
    type: int
    default: 30
  force:
    description:
      - The run renews even orders not due, so nothing is listed.
    type: bool
    default: false
  concurrency:
    description:
      - Maximum requests at once per provider (the role's C(renew_orders_concurrency)), on top of O(workers).
    type: dict
    default: {}
  workers:
    description:
      - Listing pages read at once (1 to 50).
    type: int
    default: 8
seealso:
  - module: renewals.hosting.renewal_ledger
  - module: renewals.hosting.renew_order
  - module: renewals.hosting.renew_orders_batch
'''

EXAMPLES = r'''
- name: List each account's orders once for the run
  renewals.hosting.renewal_listing:
    state_dir: /var/lib/renewals
    run_id: "{{ run.run_id }}"
  run_once: true
  register: listing

- name: Renew the order when it is due, deciding not-due orders from the listing
  renewals.hosting.renew_order:
    fleet:
      run_id: "{{ run.run_id }}"
      state_dir: /var/lib/renewals
      listing: "{{ listing.listing_id }}"
'''

RETURN = r'''
listing_id:
  description:
    - The id the run's settings pass on (C(fleet.listing) of M(renewals.hosting.renew_order)), or V(off) when nothing
      was listed.
  returned: always
  type: str
  sample: 20261121T101500Z-3f2a9c1d-0c1f2e3d4a5b
listed:
  description: How many of the play's orders the listing shows.
  returned: always
  type: int
  sample: 9500
pages:
  description: How many listing pages were read.
  returned: always
  type: int
  sample: 21
msg:
  description: A summary.
  returned: always
  type: str
'''

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.listing import renewal_listing
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import LISTING_ARGS
from ansible_collections.renewals.hosting.plugins.module_utils._runner import run_body


def main():
    run_body(LISTING_ARGS, renewal_listing)


if __name__ == '__main__':
    main()
