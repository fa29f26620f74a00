# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: run a module's engine inside the controller's worker.

A module executed per inventory host costs a Python process, AnsiballZ packaging
and imports per order; running the same engine here costs only the HTTP calls.
Validation, check mode, diff and no_log masking behave as in the module.
Set RENEWALS_HOSTING_EXECUTION=module to run the module file instead (troubleshooting).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.plugins.action import ActionBase

from ansible_collections.renewals.hosting.plugins.module_utils._http import HAS_REQUESTS
from ansible_collections.renewals.hosting.plugins.module_utils._runner import execute

NO_LOG_PLACEHOLDER = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'


class RenewalAction(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False
    spec = None  # the module's ModuleSpec, set by each action plugin

    def run(self, tmp=None, task_vars=None):
        if os.environ.get('RENEWALS_HOSTING_EXECUTION') == 'module' or not HAS_REQUESTS:
            return self._execute_module(module_name=self._task.resolved_action or self._task.action,
                                        module_args=self._task.args, task_vars=task_vars)
        result = super(RenewalAction, self).run(tmp, task_vars)
        validation = ArgumentSpecValidator(self.spec.argument_spec).validate(self._task.args)
        no_log_values = validation._no_log_values
        if validation.error_messages:
            result.update(failed=True, changed=False, msg='; '.join(validation.error_messages))
            return remove_values(result, no_log_values)
        params = validation.validated_parameters
        result.update(execute(self.spec, params, check_mode=bool(self._play_context.check_mode),
                              diff=bool(self._play_context.diff)))
        result['invocation'] = {'module_args': dict(
            (name, NO_LOG_PLACEHOLDER if self.spec.argument_spec[name].get('no_log') else value)
            for name, value in params.items())}
        return remove_values(result, no_log_values)
