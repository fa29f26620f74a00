# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the module_defaults a task gives a module it did not name itself.

The fleet actions call the provider modules' bodies for each order, so they resolve those modules'
module_defaults (the module's own name and every action group holding it) the way core's own
package/service/gather_facts actions do. ansible-core has no public API for this, and the one it
uses changed: ``_apply_action_arg_defaults`` from 2.19 on, ``get_action_args_with_defaults`` (removed in
2.19) before. Both paths are tested: the integration suite runs on 2.19, the smoke runs on 2.16-2.18 and 2.20.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

try:  # ansible-core 2.19 and later
    from ansible.executor.module_common import _apply_action_arg_defaults
    get_action_args_with_defaults = None
except ImportError:  # ansible-core 2.16 to 2.18
    _apply_action_arg_defaults = None
    from ansible.executor.module_common import get_action_args_with_defaults

RESOLVER = 'apply_action_arg_defaults' if _apply_action_arg_defaults else 'get_action_args_with_defaults'


def module_defaults(module, task, templar):
    """The rendered module_defaults of ``task`` for ``module`` (a FQCN): its action groups', then its own."""
    if _apply_action_arg_defaults is not None:
        return _apply_action_arg_defaults(module, task, {}, templar)
    # What core's own actions pass before 2.19: the play's map of action -> groups holding it.
    return get_action_args_with_defaults(module, {}, task.module_defaults, templar,
                                         action_groups=task._parent._play._action_groups)
