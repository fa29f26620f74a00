# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: run a module's body inside the controller's worker.

A module executed per inventory host costs a Python process, AnsiballZ packaging
and imports per order; running the same body here costs only its HTTP calls.
Argument validation (including environment fallbacks), check mode, diff and no_log
masking behave as in the module. RENEWALS_HOSTING_EXECUTION=module runs the module
file instead (troubleshooting, and the proof that both paths agree).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import gc
import os
from collections.abc import Mapping

from ansible.module_utils.common.parameters import remove_values
from ansible.plugins.action import ActionBase

from ansible_collections.renewals.hosting.plugins.plugin_utils._module_defaults import module_defaults


# Ansible forks a worker per host and task from the process that imports this file, and a worker's garbage collections
# walk every object it inherited, copying each memory page they touch. Frozen, the heap as it is when the collection's
# first action plugin loads (Ansible, the inventory, requests) is left out of the workers' collections: about 2 ms of
# CPU less per order in a per-host fleet (docs/performance.md). Objects made later are collected as usual.
gc.freeze()

NO_LOG_PLACEHOLDER = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'


def has_template(value):
    """Whether ``value`` holds a Jinja template anywhere (rendering a plain value gives it back, at a cost per order)."""
    if isinstance(value, str):
        return '{{' in value or '{%' in value
    if isinstance(value, Mapping):
        return any(has_template(key) or has_template(item) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return any(has_template(item) for item in value)
    return False


def prefixed_vars(templar, variables, names, prefix):
    """``{name: value}`` for each ``prefix + name`` set in ``variables``, rendered only where it holds a template."""
    found = {}
    for name in names:
        if prefix + name in variables:
            value = variables[prefix + name]
            found[name] = templar.template(value) if has_template(value) else value
    return found


def plain(value):
    """``value`` with Ansible's tagged (templated) strings and numbers turned into plain Python ones. Argument validation
    deep-copies its input, and copying a tagged value costs several times a plain one, for every order of a fleet."""
    if isinstance(value, Mapping):
        return dict((plain(key), plain(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


class ControllerAction(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False
    argument_spec = None  # set by subclasses, with a validator built once for it
    validator = None
    report_invocation = True  # module-like `invocation` in the result; fleet steps skip it (it costs the controller per order)

    def body(self, params, task_vars):
        """Validated params in; (result dict, extra no_log values) out."""
        raise NotImplementedError

    def invalid(self, args, message, task_vars):
        """Called when the task's arguments do not validate (before anything else happens)."""

    def validation_message(self, messages):
        """The failure message for arguments that do not validate."""
        return '; '.join(messages)

    def complete_args(self, args, task_vars):
        """The task's arguments, completed from task variables where the module documents it."""
        return args

    def run(self, tmp=None, task_vars=None):
        args = plain(self.complete_args(self._task.args, task_vars or {}))
        if os.environ.get('RENEWALS_HOSTING_EXECUTION') == 'module':
            return self._execute_module(module_name=self._task.resolved_action or self._task.action,
                                        module_args=args, task_vars=task_vars)
        result = super(ControllerAction, self).run(tmp, task_vars)
        validation = self.validator.validate(args)
        no_log_values = set(validation._no_log_values)
        if validation.error_messages:
            result.update(failed=True, changed=False, msg=self.validation_message(validation.error_messages))
            self.invalid(args, result['msg'], task_vars or {})
            return remove_values(result, no_log_values)
        params = validation.validated_parameters
        outcome, extra_no_log = self.body(params, task_vars or {})
        result.update(outcome)
        if self.report_invocation:
            result['invocation'] = {'module_args': dict(
                (name, NO_LOG_PLACEHOLDER if self.argument_spec[name].get('no_log') else value) for name, value in params.items())}
        return remove_values(result, no_log_values | set(extra_no_log))

    @property
    def check_mode(self):
        return bool(self._play_context.check_mode)

    @property
    def diff(self):
        return bool(self._play_context.diff)

    def defaults_for(self, module):
        """The module_defaults that would apply to ``module`` (its own and its action groups') in this task."""
        return plain(module_defaults(module, self._task, self._templar))
