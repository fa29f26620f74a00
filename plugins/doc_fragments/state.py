# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Where the fleet's state lives (module_utils/_fleet/specs.py STATE_OPTIONS, _fleet/state.py).
    DOCUMENTATION = r'''
options:
  state_backend:
    description:
      - V(file) keeps the fleet's state in O(state_dir) on this controller. V(postgresql) keeps it in one PostgreSQL
        database shared by every run, controller and AWX execution node (needs the Python package C(psycopg) version 3);
        the collection creates and migrates its schema C(renewals_hosting) itself.
    type: str
    choices: [file, postgresql]
    default: file
  state_dsn:
    description:
      - The database of O(state_backend=postgresql), a libpq URI or keyword string (libpq's TLS options apply).
      - If not set, the environment variable E(RENEWALS_STATE_DSN).
    type: str
'''
