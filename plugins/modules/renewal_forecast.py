#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: renewal_forecast
short_description: Forecast a fleet's renewals, buying nothing
version_added: 1.0.0
description:
  - Forecasts every order of O(hosts) (their C(renewal_*) host vars, as M(renewals.hosting.renew_order) does) and
    never renews anything.
  - For every order expiring within O(horizon_days) it tells the expiry, the price (the provider's quote, else the
    order's declared C(renewal_price)), and the date the fleet's policy renews it (O(renew_before_days) before the
    expiry), or why it will expire without being renewed (a renewal already in flight awaiting payment, not
    renewable at the provider, price unknown while O(max_price) is set, price above O(max_price)).
  - Writes into O(report_dir) C(forecast.json), C(forecast.md) (a table), C(forecast.svg) (spend per ISO week,
    stacked per currency; no script) and C(forecast.ics) (one all-day event per expiry, RFC 5545).
  - With O(listing=auto), each provider account is listed once, page by page, as a fleet run's start lists it. An
    order the listing shows expiring after the horizon costs no call of its own. An order it shows within the horizon
    is forecast from its row when the listing tells all that the order's own read would (nothing in flight, whether
    it is renewable, its price). For LogicBoxes the account's current actions are listed too, and domains are priced
    from the account's price catalogue, read once.
  - Every other order is read alone, as its provider module reads it. That covers an order not listed or on a
    page that failed (with a warning), one with something in flight, LogicBoxes products priced by their plan or
    account count, and HostUp and VPSBG orders within the horizon (their lists show neither unpaid invoices nor
    the VAT-inclusive quote).
  - Each row of C(forecast.json) says in C(source) whether its expiry came from the C(listing) or from reading
    the order alone (C(read)).
author:
  - renewals.hosting maintainers (@renewals-hosting)
extends_documentation_fragment:
  - renewals.hosting.play_orders
  - renewals.hosting.attributes
attributes:
  check_mode:
    support: full
    details:
      - Writes the forecast in check mode too; it never changes anything at a provider.
  diff_mode:
    support: none
  idempotent:
    support: full
options:
  report_dir:
    description: Where to write the four files.
    type: path
    required: true
  horizon_days:
    description: How many days ahead to look.
    type: int
    default: 90
  renew_before_days:
    description: The fleet's policy, renew this many days before expiry.
    type: int
    default: 30
  max_price:
    description: The fleet's policy, no renewal above this price (and none at an unknown price).
    type: float
  workers:
    description: Orders (and listing pages, at most 50) read at once.
    type: int
    default: 10
  listing:
    description: C(off) reads every order alone, as before the listing.
    type: str
    choices: [auto, 'off']
    default: auto
  concurrency:
    description:
      - At most this many listing pages at once per provider, by provider name (the fleet's
        C(renew_orders_concurrency)).
    type: dict
    default: {}
seealso:
  - module: renewals.hosting.renew_order
'''

EXAMPLES = r'''
- name: Forecast the next 60 days
  renewals.hosting.renewal_forecast:
    report_dir: /var/lib/renewals/forecast
    horizon_days: 60
    hosts: "{{ ansible_play_hosts_all }}"
  run_once: true
'''

RETURN = r'''
paths:
  description: The files written, by name.
  returned: success
  type: dict
  sample: {"forecast.json": "/var/lib/renewals/forecast/forecast.json"}
totals:
  description:
    - C(total) and per ISO week (C(weekly)) and month (C(monthly)) the renewals' cost per currency, by the date they
      are renewed; C(renewals) and C(unpriced_renewals) (renewed at a price nobody knows yet) counts.
  returned: success
  type: dict
  sample: {"total": {"EUR": 36.0}, "weekly": {"2026-W49": {"EUR": 36.0}}, "monthly": {"2026-12": {"EUR": 36.0}},
           "renewals": 3, "unpriced_renewals": 0}
expiring_unrenewed:
  description: Hosts whose order expires within the horizon without the policy renewing it.
  returned: success
  type: list
  elements: str
unreadable:
  description: Hosts whose order could not be read (the reason is in C(forecast.json)).
  returned: success
  type: list
  elements: str
reads:
  description:
    - What the forecast cost, also in C(forecast.json). C(listing_pages) is the listing pages read (the LogicBoxes
      current actions included). C(from_listing) counts orders forecast from their listing row. C(beyond_horizon)
      counts orders the listing showed expiring after the horizon. C(read_alone) counts orders read one by one.
  returned: success
  type: dict
  sample: {"listing_pages": 3, "from_listing": 240, "beyond_horizon": 9700, "read_alone": 60}
'''

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.forecast_module import renewal_forecast
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import FORECAST_ARGS
from ansible_collections.renewals.hosting.plugins.module_utils._runner import run_body


def main():
    run_body(FORECAST_ARGS, renewal_forecast)


if __name__ == '__main__':
    main()
