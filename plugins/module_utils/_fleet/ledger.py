# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: body of renewal_ledger, the start of a run (reconcile, then hand out the run id)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import uuid

from ansible_collections.renewals.hosting.plugins.module_utils._dates import utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.recovery import HELD, UNKNOWN, recover_dangling


def new_run_id(now=None):
    return '%s-%s' % ((now or utcnow()).strftime('%Y%m%dT%H%M%SZ'), uuid.uuid4().hex[:8])


def renewal_ledger(params, check_mode, diff=False, defaults_for=None):
    """Recover unfinished renewals, then hand out the run id. Returns (result, no_log values)."""
    run_id = params['run_id'] or new_run_id()
    recovered = recover_dangling(params['state_dir'], defaults_for or (lambda module: {}), params['lock_timeout'], check_mode,
                                 run_id=run_id, settle_seconds=params['settle_seconds'])
    unresolved = [record for record in recovered if record['outcome'] in (UNKNOWN, HELD)]
    result = {
        'changed': bool(recovered) and not check_mode,
        'run_id': run_id,
        'recovered': recovered,
        'msg': 'recovered %d unfinished renewal(s)%s' % (
            len(recovered) - len(unresolved), ', %d held or not re-readable yet' % len(unresolved) if unresolved else ''),
    }
    return result, ()
