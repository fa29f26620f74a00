# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the run's settings (the role's renew_orders_* variables), checked once at the run's start.

Errors name the role variable, once for the run (not once per order). An empty budget (what a cleared AWX survey field
sends) means no budget; a currency the budget does not name is not limited unless ``budget_strict`` is set.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import math

from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._registry import PROVIDERS

ROLE_PREFIX = 'renew_orders_'
# run setting -> the role variable it comes from, where the names differ
ROLE_VARIABLE = {'renew_before_days': 'renew_orders_before_days'}


def role_variable(setting):
    return ROLE_VARIABLE.get(setting, ROLE_PREFIX + setting)


def _mapping(setting, value, example):
    """A dict from a dict, a JSON object string, or an empty value (none)."""
    if value in (None, '', {}):
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            pass
    if not isinstance(value, dict):
        raise InputError(role_variable(setting), 'must be a mapping like %s, or empty for none; got %r' % (example, value))
    return value


def budget_limits(value):
    """{CURRENCY: amount} from the role's budget; InputError naming renew_orders_budget."""
    limits = {}
    for currency, given in _mapping('budget', value, '{"EUR": 500}').items():
        try:
            amount = float(given)
            if amount < 0 or math.isnan(amount):
                raise ValueError
        except (TypeError, ValueError):
            raise InputError(role_variable('budget'), 'the %s budget must be a non-negative amount, got %r' % (currency, given))
        limits[str(currency).upper()] = amount
    return limits


def concurrency_slots(value):
    slots = _mapping('concurrency', value, '{"hostup": 2}')
    for provider, count in slots.items():
        if provider not in PROVIDERS:
            raise InputError(role_variable('concurrency'), 'unknown provider %r; known: %s'
                             % (provider, ', '.join(sorted(PROVIDERS))))
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise InputError(role_variable('concurrency'), 'the %s concurrency must be a whole number of 1 or more, got %r'
                             % (provider, count))
    return slots


def run_settings(settings):
    """The run's settings checked and normalised (budget and concurrency as dicts); InputError names the variable."""
    checked = dict(settings)
    checked['budget'] = budget_limits(settings.get('budget'))
    checked['concurrency'] = concurrency_slots(settings.get('concurrency'))
    for name in ('renew_before_days', 'max_price', 'lock_timeout'):
        value = settings.get(name)
        if value is not None and value < 0:
            raise InputError(role_variable(name), 'must be 0 or more, got %s' % value)
    return checked
