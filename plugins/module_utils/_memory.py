# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: what a provider service may keep across runs.

Some facts cost many calls to learn and change rarely (the VPSBG support plan's period hides behind every other order
of the account). A service that declares a memory key (``ModuleSpec.memory_key``) gets a Memory: in the fleet it is one
small document in the fleet's state (``state.remember``/``recall``, file or PostgreSQL backend); the plain module has
none (``NO_MEMORY``) and reads everything each time. Memory only saves calls: the service checks what it recalls against
the provider, and a memory that cannot be read or written is treated as empty.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError


class Memory:
    """One document under one key of a store with ``remember(key, value)`` and ``recall(key)``; check mode writes nothing."""

    def __init__(self, store=None, key=None, check_mode=False):
        self.store = store
        self.key = key
        self.check_mode = check_mode

    def recall(self):
        if self.store is None:
            return None
        try:
            return self.store.recall(self.key)
        except (RenewalError, OSError, ValueError):
            return None  # unreadable: read the provider instead

    def remember(self, value):
        if self.store is None or self.check_mode:
            return
        try:
            self.store.remember(self.key, value)
        except (RenewalError, OSError, ValueError):
            return  # not kept: the next run reads the provider again


NO_MEMORY = Memory()
