# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs renewals.hosting.renew_order in the controller, with the provider modules' module_defaults."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._fleet_modules import RENEW_ORDER_ARGS, record_invalid_order, renew_order
from ansible_collections.renewals.hosting.plugins.plugin_utils._controller_action import ControllerAction


class ActionModule(ControllerAction):
    argument_spec = RENEW_ORDER_ARGS

    def body(self, params, task_vars):
        params['host'] = params['host'] or task_vars.get('inventory_hostname')
        return renew_order(params, self.check_mode, self.diff, defaults_for=self.defaults_for)

    def invalid(self, args, message, task_vars):
        record_invalid_order(args, message, args.get('host') or task_vars.get('inventory_hostname'), self.check_mode)
