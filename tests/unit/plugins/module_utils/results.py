# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The engine's answers as the modules return them (Outcome.to_result), for provider tests that assert on results."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils import _engine
from ansible_collections.renewals.hosting.plugins.module_utils._engine import Policy  # noqa: F401 pylint: disable=unused-import
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import RenewalFailed  # noqa: F401 pylint: disable=unused-import


def run_renewal(api, policy, check_mode=False, diff=False):
    return _engine.run_renewal(api, policy, check_mode=check_mode, diff=diff).to_result()


def describe(api, policy):
    return _engine.describe(api, policy).to_result(info=True)
