# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs renewals.hosting.renewal_forecast in the controller: the orders come from the play hosts' renewal_* vars."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.forecast_module import renewal_forecast
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import FORECAST_ARGS, FORECAST_VALIDATOR
from ansible_collections.renewals.hosting.plugins.plugin_utils._controller_action import ControllerAction
from ansible_collections.renewals.hosting.plugins.plugin_utils._play_orders import with_play_orders


class ActionModule(ControllerAction):
    argument_spec = FORECAST_ARGS
    validator = FORECAST_VALIDATOR
    report_invocation = False  # the orders list is the whole inventory

    def complete_args(self, args, task_vars):
        return with_play_orders(self._templar, args, task_vars)

    def body(self, params, task_vars):
        return renewal_forecast(params, self.check_mode, defaults_for=self.defaults_for)
