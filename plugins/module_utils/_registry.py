# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the providers the fleet and the inventory plugin know, one line each.

Adding a provider: a new package with a ``provider.py`` exporting ``PROVIDER`` (see _declaration), one line
here, its module files and its sandbox package. docs/architecture.md has the whole list.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._hostup.provider import PROVIDER as HOSTUP
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.provider import PROVIDER as LOGICBOXES
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.provider import PROVIDER as VPSBG

PROVIDERS = dict((provider.name, provider) for provider in (LOGICBOXES, HOSTUP, VPSBG))


def provider_named(name):
    provider = PROVIDERS.get(name)
    if provider is None:
        raise InputError('provider', 'unknown provider %r; known: %s' % (name, ', '.join(sorted(PROVIDERS))))
    return provider


def target_for(provider, service):
    """The FleetTarget that renews ``service`` of ``provider``; InputError naming the option when there is none."""
    return provider_named(provider).target(service)


def all_targets():
    return [target for provider in PROVIDERS.values() for target in provider.targets.values()]
