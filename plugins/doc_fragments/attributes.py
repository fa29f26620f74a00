# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Common module attributes. Modules add the provider's ACTIONGROUP_* fragment.
    DOCUMENTATION = r'''
options: {}
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying the provider's state.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
  idempotent:
    description:
      - When run twice in a row with the same arguments, the second run indicates that no change took place.
'''

    INFO_MODULE = r'''
options: {}
attributes:
  check_mode:
    support: full
    details:
      - This action does not modify state.
  diff_mode:
    support: N/A
    details:
      - This action does not modify state.
  idempotent:
    support: full
'''

    ACTIONGROUP_LOGICBOXES = r'''
options: {}
attributes:
  action_group:
    description: Use C(group/renewals.hosting.logicboxes) or C(group/renewals.hosting.all) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - renewals.hosting.logicboxes
      - renewals.hosting.all
'''

    ACTIONGROUP_HOSTUP = r'''
options: {}
attributes:
  action_group:
    description: Use C(group/renewals.hosting.hostup) or C(group/renewals.hosting.all) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - renewals.hosting.hostup
      - renewals.hosting.all
'''

    ACTIONGROUP_VPSBG = r'''
options: {}
attributes:
  action_group:
    description: Use C(group/renewals.hosting.vpsbg) or C(group/renewals.hosting.all) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - renewals.hosting.vpsbg
      - renewals.hosting.all
'''
