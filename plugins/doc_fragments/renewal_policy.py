# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Renewal policy options of every *_renewal module.
    DOCUMENTATION = r'''
options:
  renew_before_days:
    description:
      - Renew when the service expires within this many days from now.
      - V(0) renews only services that have already expired.
    type: int
    default: 30
  force:
    description:
      - Renew even when the service does not expire within O(renew_before_days).
      - A renewal already in flight at the provider is still never duplicated.
      - With V(true) the module is not idempotent.
    type: bool
    default: false
  max_price:
    description:
      - Refuse to renew when the price known before paying is above this amount (in the provider's currency).
      - Nothing is bought when the price is higher, and the task fails with the price in the message.
      - When the provider does not tell the price before paying, the task fails instead of guessing.
    type: float
  max_retries:
    description:
      - How often a renewal request whose reply was lost (connection reset, HTTP 5xx without a provider answer)
        may be sent again. It is sent again only after a re-read of the service proves that nothing happened.
      - A request that timed out is never sent again in the same run, because the provider may still be working on it.
      - V(0) never sends a renewal request twice.
    type: int
    default: 1
'''

    INFO = r'''
options:
  renew_before_days:
    description:
      - The window used to compute RV(should_renew).
    type: int
    default: 30
'''
