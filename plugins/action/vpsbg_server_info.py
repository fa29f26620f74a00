# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs renewals.hosting.vpsbg_server_info in the controller (see plugin_utils/_renewal_action.py)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.modules import SERVER_INFO
from ansible_collections.renewals.hosting.plugins.plugin_utils._renewal_action import RenewalAction


class ActionModule(RenewalAction):
    spec = SERVER_INFO
