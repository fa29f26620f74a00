# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs renewals.hosting.renewal_ledger in the controller, with the provider modules' module_defaults."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.ledger import renewal_ledger
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import LEDGER_ARGS, LEDGER_VALIDATOR
from ansible_collections.renewals.hosting.plugins.plugin_utils._controller_action import ControllerAction


class ActionModule(ControllerAction):
    argument_spec = LEDGER_ARGS
    validator = LEDGER_VALIDATOR

    def body(self, params, task_vars):
        return renewal_ledger(params, self.check_mode, defaults_for=self.defaults_for)
