# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs renewals.hosting.renew_orders_batch in the controller: the orders come from the play hosts' renewal_* vars."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible.utils.display import Display

from ansible_collections.renewals.hosting.plugins.module_utils._fleet import host_vars
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.batch import renew_orders_batch
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import BATCH_ARGS, BATCH_VALIDATOR
from ansible_collections.renewals.hosting.plugins.plugin_utils._controller_action import ControllerAction, prefixed_vars

PROGRESS_SECONDS = 10.0


class ActionModule(ControllerAction):
    argument_spec = BATCH_ARGS
    validator = BATCH_VALIDATOR
    report_invocation = False  # the orders list is the whole inventory

    def complete_args(self, args, task_vars):
        if args.get('orders'):
            return args
        hostvars = task_vars.get('hostvars', {})
        orders = []
        for host in args.get('hosts') or task_vars.get('ansible_play_hosts_all', []):
            orders.append(dict(prefixed_vars(self._templar, hostvars[host], host_vars.ORDER_VARS, host_vars.PREFIX), host=host))
        return dict(args, orders=orders)

    def body(self, params, task_vars):
        display = Display()
        last = [time.monotonic()]

        def progress(done, total):
            if done == total or time.monotonic() - last[0] >= PROGRESS_SECONDS:
                last[0] = time.monotonic()
                display.display('renewals.hosting progress: %d/%d orders done' % (done, total))

        return renew_orders_batch(params, self.check_mode, self.diff, defaults_for=self.defaults_for, progress=progress)
