# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the action plugin of every provider renewal/info module."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._runner import execute
from ansible_collections.renewals.hosting.plugins.plugin_utils._controller_action import ControllerAction


class RenewalAction(ControllerAction):
    spec = None  # the module's ModuleSpec, set by each action plugin

    @property
    def argument_spec(self):
        return self.spec.argument_spec

    @property
    def validator(self):
        return self.spec.validator

    def body(self, params, task_vars):
        return execute(self.spec, params, check_mode=self.check_mode, diff=self.diff), ()
