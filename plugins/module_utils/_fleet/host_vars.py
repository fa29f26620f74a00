# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the fleet's host-var contract, the one owner of the ``renewal_*`` names.

An inventory host is one order. The inventory plugin sets these vars, renew_order and renew_orders_batch read them
(options not given in the task), and the role sets ``renewal_fleet`` once per run (roles/renew_orders/tasks/start.yml;
a unit test keeps that file's keys equal to FLEET_KEYS).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

PREFIX = 'renewal_'

# What a host says about its order (renew_order's options of the same names).
ORDER_VARS = ('provider', 'service', 'id', 'region', 'period', 'options', 'price')

# The run's settings, one dict set by the role as the host var renewal_fleet (renew_order's fleet option).
FLEET_VAR = 'fleet'
FLEET_KEYS = ('run_id', 'run_group', 'state_backend', 'state_dir', 'state_dsn', 'budget', 'budget_strict', 'concurrency',
              'lock_timeout', 'renew_before_days', 'max_price', 'force', 'plan', 'pay', 'listing')

# What the inventory plugin tells besides the order (read-only facts for groups and conditions).
FACT_VARS = ('expires_at', 'days_remaining', 'status', 'auto_renew', 'description')


def host_var(name):
    return PREFIX + name


def inventory_vars(listed, expires_at, days_remaining):
    """The renewal_* vars of one listed order (a ListedOrder) as the inventory plugin sets them."""
    variables = {
        host_var('provider'): listed.provider,
        host_var('service'): listed.service,
        host_var('id'): listed.order_id,
        host_var('expires_at'): expires_at,
        host_var('days_remaining'): days_remaining,
        host_var('status'): listed.status,
        host_var('auto_renew'): listed.auto_renew,
        host_var('description'): listed.description,
    }
    if listed.region:
        variables[host_var('region')] = listed.region
    if listed.period:
        variables[host_var('period')] = listed.period
    if listed.price:
        variables[host_var('price')] = listed.price
    return variables


_MISSING = re.compile(r'^missing required arguments: ([a-z_, ]+?)( found in ([a-z_]+))?$')
_ARGUMENT = re.compile(r"(argument '|value of )([a-z_]+)")


def in_host_var_terms(messages):
    """renew_order's validation messages, naming the host vars the options come from (renewal_id, not id)."""
    said = []
    for message in messages:
        missing = _MISSING.match(message)
        if missing and missing.group(3):
            said.append('%s: missing %s' % (host_var(missing.group(3)), missing.group(1)))
        elif missing:
            names = [host_var(name.strip()) for name in missing.group(1).split(',')]
            said.append('%s not set for this host (every order host needs renewal_provider, renewal_service and renewal_id)'
                        % ', '.join(names))
        else:
            said.append(_ARGUMENT.sub(lambda found: found.group(1) + host_var(found.group(2))
                                      if found.group(2) in ORDER_VARS + (FLEET_VAR,) else found.group(0), message))
    return said
