# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The orders of a controller task over the whole play (renew_orders_batch, renewal_listing, renewal_forecast):
    # one description for the hosts and orders options (plugins/plugin_utils/_play_orders.py fills orders).
    DOCUMENTATION = r'''
options:
  hosts:
    description:
      - The inventory hosts whose orders the task takes. Defaults to every host of the play.
    type: list
    elements: str
    default: []
  orders:
    description:
      - The orders themselves (dicts with the options of M(renewals.hosting.renew_order) except C(fleet), plus C(host)).
        Filled from the hosts' C(renewal_*) vars when empty.
    type: list
    elements: dict
    default: []
'''
