# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs renewals.hosting.renewal_report in the controller (it writes the report in check mode too)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.report_writer import renewal_report
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import REPORT_ARGS, REPORT_VALIDATOR
from ansible_collections.renewals.hosting.plugins.plugin_utils._controller_action import ControllerAction


class ActionModule(ControllerAction):
    argument_spec = REPORT_ARGS
    validator = REPORT_VALIDATOR

    def body(self, params, task_vars):
        return renewal_report(params, self.check_mode)
