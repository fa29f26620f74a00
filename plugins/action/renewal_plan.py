# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs renewals.hosting.renewal_plan in the controller (the plan and the state dir are the controller's)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.plan_check import renewal_plan
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import PLAN_ARGS, PLAN_VALIDATOR
from ansible_collections.renewals.hosting.plugins.plugin_utils._controller_action import ControllerAction


class ActionModule(ControllerAction):
    argument_spec = PLAN_ARGS
    validator = PLAN_VALIDATOR

    def body(self, params, task_vars):
        return renewal_plan(params, self.check_mode)
