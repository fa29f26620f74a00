# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the orders of the play's hosts, from their renewal_* vars (one controller task)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._fleet import host_vars
from ansible_collections.renewals.hosting.plugins.plugin_utils._controller_action import prefixed_vars


def with_play_orders(templar, args, task_vars):
    """``args`` with ``orders`` filled from the renewal_* vars of ``args['hosts']`` (default: the play's hosts)."""
    if args.get('orders'):
        return args
    hostvars = task_vars.get('hostvars', {})
    orders = []
    for host in args.get('hosts') or task_vars.get('ansible_play_hosts_all', []):
        orders.append(dict(prefixed_vars(templar, hostvars[host], host_vars.ORDER_VARS, host_vars.PREFIX), host=host))
    return dict(args, orders=orders)
