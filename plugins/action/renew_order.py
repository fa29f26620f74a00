# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs renewals.hosting.renew_order in the controller, with the provider modules' module_defaults."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._fleet import host_vars
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.order import record_invalid_order, renew_order
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import RENEW_ORDER_ARGS, RENEW_ORDER_VALIDATOR
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state import preload_client
from ansible_collections.renewals.hosting.plugins.plugin_utils._controller_action import ControllerAction, prefixed_vars

# Ansible imports this file in its main process, before forking a worker per order: the database client too, once.
preload_client()


class ActionModule(ControllerAction):
    argument_spec = RENEW_ORDER_ARGS
    validator = RENEW_ORDER_VALIDATOR
    report_invocation = False

    def complete_args(self, args, task_vars):
        """Options not set come from the host's renewal_* vars (templated only if they hold a template)."""
        # renewal_fleet: the run's settings, set once by the role
        unset = [name for name in host_vars.ORDER_VARS + (host_vars.FLEET_VAR,) if name not in args]
        args = dict(prefixed_vars(self._templar, task_vars, unset, host_vars.PREFIX), **args)
        args.setdefault('host', task_vars.get('inventory_hostname'))
        return args

    def validation_message(self, messages):
        return '; '.join(host_vars.in_host_var_terms(messages))

    def body(self, params, task_vars):
        return renew_order(params, self.check_mode, self.diff, defaults_for=self.defaults_for)

    def invalid(self, args, message, task_vars):
        record_invalid_order(args, message, args.get('host') or task_vars.get('inventory_hostname'), self.check_mode)
