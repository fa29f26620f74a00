# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the orders of the play's hosts, from their renewal_* vars (one controller task)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.inventory.helpers import get_group_vars
from ansible.utils.vars import combine_vars

from ansible_collections.renewals.hosting.plugins.module_utils._fleet import host_vars
from ansible_collections.renewals.hosting.plugins.plugin_utils._controller_action import has_template, prefixed_vars

# What identifies an order; a host whose inventory vars lack one of them is read through hostvars
IDENTITY = ('provider', 'service', 'id')


def with_play_orders(templar, args, task_vars, exact=True):
    """``args`` with ``orders`` filled from the renewal_* vars of ``args['hosts']`` (default: the play's hosts).

    ``exact=False`` (the run's listing) reads what the inventory itself holds for a host (its own and its groups'
    vars) where that names the order with plain values: a small fraction of the cost of Ansible's full per-host variables,
    which can differ where a play, extra vars or host_vars files set renewal_* vars. The listing only ever saves
    calls, so an order it names differently from the host's own step is simply read alone by that step.
    """
    if args.get('orders'):
        return args
    hostvars = task_vars.get('hostvars', {})
    inventory = None if exact else getattr(hostvars, '_inventory', None)
    group_vars = {}
    orders = []
    for host in args.get('hosts') or task_vars.get('ansible_play_hosts_all', []):
        variables = _inventory_vars(inventory, host, group_vars) if inventory is not None else None
        if variables is None:
            variables = hostvars[host]
        orders.append(dict(prefixed_vars(templar, variables, host_vars.ORDER_VARS, host_vars.PREFIX), host=host))
    return dict(args, orders=orders)


def _inventory_vars(inventory, name, group_vars):
    """The host's inventory vars (groups', then its own), or None when they do not name its order in plain values."""
    host = inventory.get_host(name)
    if host is None:
        return None
    groups = host.get_groups()
    shape = tuple(group.name for group in groups)
    if shape not in group_vars:
        group_vars[shape] = get_group_vars(groups)
    variables = combine_vars(group_vars[shape], host.get_vars())
    names = [host_vars.PREFIX + name for name in host_vars.ORDER_VARS]
    if not all(host_vars.PREFIX + name in variables for name in IDENTITY) or \
            any(has_template(variables[name]) for name in names if name in variables):
        return None
    return variables
