# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: an inventory order becomes the options of the provider module that renews it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError

POLICY_KEYS = ('renew_before_days', 'max_price', 'force')


def module_params(target, order, defaults):
    """The target module's options: module_defaults, then the order, then the order's own options."""
    params = dict(defaults or {})
    params.update((key, value) for key, value in target.to_params(order).items() if value is not None)
    for option in POLICY_KEYS:
        if order.get(option) is not None:
            params[option] = order[option]
    params.update(order.get('options') or {})
    return params


def validate(target, params):
    """(validated params, no_log values); RenewalError naming the module when the options do not validate."""
    validation = target.spec.validator.validate(params)
    if validation.error_messages:
        raise RenewalError('%s: %s' % (target.module, '; '.join(validation.error_messages)), code='invalid_input')
    return validation.validated_parameters, validation._no_log_values


def public_order(target, order):
    """What the ledger may store about an order: no option the target module marks no_log."""
    secret = set(name for name, spec in target.spec.argument_spec.items() if spec.get('no_log'))
    stored = dict((key, order.get(key)) for key in ('provider', 'service', 'id', 'region', 'period'))
    stored['options'] = dict((key, value) for key, value in (order.get('options') or {}).items() if key not in secret)
    return stored
