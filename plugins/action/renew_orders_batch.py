# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs renewals.hosting.renew_orders_batch in the controller: the orders come from the play hosts' renewal_* vars."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible.utils.display import Display

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.batch import renew_orders_batch
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import BATCH_ARGS, BATCH_VALIDATOR
from ansible_collections.renewals.hosting.plugins.plugin_utils._controller_action import ControllerAction
from ansible_collections.renewals.hosting.plugins.plugin_utils._play_orders import with_play_orders

PROGRESS_SECONDS = 10.0


class ActionModule(ControllerAction):
    argument_spec = BATCH_ARGS
    validator = BATCH_VALIDATOR
    report_invocation = False  # the orders list is the whole inventory

    def complete_args(self, args, task_vars):
        return with_play_orders(self._templar, args, task_vars)

    def body(self, params, task_vars):
        display = Display()
        last = [time.monotonic()]

        def progress(done, total):
            if done == total or time.monotonic() - last[0] >= PROGRESS_SECONDS:
                last[0] = time.monotonic()
                display.display('renewals.hosting progress: %d/%d orders done' % (done, total))

        return renew_orders_batch(params, self.check_mode, self.diff, defaults_for=self.defaults_for, progress=progress)
