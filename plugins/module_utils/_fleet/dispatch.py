# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: an inventory order becomes the options of the provider module that renews it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.renewals.hosting.plugins.module_utils._declaration import environment_variables
from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError, RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.host_vars import host_var
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state_file import order_key

POLICY_KEYS = ('renew_before_days', 'max_price', 'force')


def module_params(target, order, defaults):
    """The target module's options: module_defaults, then the order, then the order's own options."""
    params = dict(defaults or {})
    params.update((key, value) for key, value in target.to_params(order).items() if value is not None)
    for option in POLICY_KEYS:
        if order.get(option) is not None:
            params[option] = order[option]
    if order.get('pay') and target.pay_option:  # renew_orders_pay: the order's own options may still say otherwise
        params[target.pay_option] = True
    params.update(order.get('options') or {})
    return params


_MISSING = re.compile(r'^missing required arguments: (.*)$')
_ARGUMENT = re.compile(r"(argument '|value of )([a-z_]+)")


def validate(target, params):
    """(validated params, no_log values); a RenewalError in the fleet's terms when the options do not validate."""
    validation = target.spec.validator.validate(params)
    if validation.error_messages:
        raise RenewalError('; '.join(_in_order_terms(target, message) for message in validation.error_messages),
                           code='invalid_input')
    return validation.validated_parameters, validation._no_log_values


def check(target, params, order):
    """The module's own input checks (before any API call), their errors naming the host var the option came from."""
    try:
        target.spec.check(params)
    except InputError as error:
        option = error.details.get('option')
        field = target.host_vars.get(option)
        if field is None:
            raise
        said = error.message[len(option) + 2:] if error.message.startswith(option + ': ') else error.message
        raise InputError(host_var(field), '%s (%s of %s %s)' % (said, option, target.module.split('.')[-1], order.get('service')))


def checked(target, order, defaults):
    """(validated params, no_log values) of the provider module for one order, after the module's own input checks:
    what an order's step does before any call (``defaults``: the module's module_defaults)."""
    params, no_log = validate(target, module_params(target, order, defaults))
    check(target, params, order)
    return params, no_log


def _in_order_terms(target, message):
    missing = _MISSING.match(message)
    if missing:
        names = [name.strip() for name in missing.group(1).split(',')]
        credentials = [name for name in names if environment_variables(target.spec.argument_spec, [name])]
        said = []
        if credentials:
            said.append('no %s credentials: set %s (the AWX credential type "%s" injects them), or module_defaults for '
                        'group/renewals.hosting.%s' % (target.provider.title,
                                                       ' and '.join(environment_variables(target.spec.argument_spec, credentials)),
                                                       target.provider.credential_type, target.provider.name))
        others = [_option_name(target, name) for name in names if name not in credentials]
        if others:
            said.append('%s not set for this order' % ', '.join(others))
        return '; '.join(said)
    return '%s: %s' % (target.module, _ARGUMENT.sub(lambda found: found.group(1) + _option_name(target, found.group(2)), message))


def _option_name(target, option):
    field = target.host_vars.get(option)
    return '%s (%s)' % (host_var(field), option) if field else option


def identity(target, params, order):
    """What identifies the order across runs and hosts (its ledger, lock and claim key). A service that is the account's
    own (the VPSBG support plan) is one per account, whatever id a host names it by."""
    return order_key(order['provider'], target.account(params), order['service'], '' if target.one_per_account else order['id'])


def public_order(target, order):
    """What the ledger may store about an order: no option the target module marks no_log."""
    secret = set(name for name, spec in target.spec.argument_spec.items() if spec.get('no_log'))
    stored = dict((key, order.get(key)) for key in ('provider', 'service', 'id', 'region', 'period'))
    stored['options'] = dict((key, value) for key, value in (order.get('options') or {}).items() if key not in secret)
    return stored
