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
  - Reads every order of O(hosts) (their C(renewal_*) host vars, as M(renewals.hosting.renew_order) does) the way its
    provider module reads it, and never renews anything.
  - For every order expiring within O(horizon_days) it tells the expiry, the price (the provider's quote, else the
    order's declared C(renewal_price)), and the date the fleet's policy renews it (O(renew_before_days) before the
    expiry), or why it will expire without being renewed (a renewal already in flight awaiting payment, not
    renewable at the provider, price unknown while O(max_price) is set, price above O(max_price)).
  - Writes into O(report_dir) C(forecast.json), C(forecast.md) (a table), C(forecast.svg) (spend per ISO week,
    stacked per currency; no script) and C(forecast.ics) (one all-day event per expiry, RFC 5545).
  - One read per order (what each provider module reads to decide); no listing is shared between orders.
author:
  - renewals.hosting maintainers (@renewals-hosting)
extends_documentation_fragment:
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
  hosts:
    description: The inventory hosts to forecast; empty means every host of the play.
    type: list
    elements: str
    default: []
  orders:
    description:
      - The orders themselves (keys as M(renewals.hosting.renew_order)'s options, plus C(host)); filled from the
        host vars of O(hosts) when empty.
    type: list
    elements: dict
    default: []
  workers:
    description: Orders read at once.
    type: int
    default: 10
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
'''

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.forecast_module import renewal_forecast
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import FORECAST_ARGS
from ansible_collections.renewals.hosting.plugins.module_utils._runner import run_body


def main():
    run_body(FORECAST_ARGS, renewal_forecast)


if __name__ == '__main__':
    main()
