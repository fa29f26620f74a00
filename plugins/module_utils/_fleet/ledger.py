# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: body of renewal_ledger, the start of a run (reconcile, then hand out the run id)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import uuid

from ansible_collections.renewals.hosting.plugins.module_utils._dates import to_iso, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.recovery import HELD, UNKNOWN, recover_dangling
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.settings import run_settings
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state import open_state, release_connections


def new_run_id(now=None):
    return '%s-%s' % ((now or utcnow()).strftime('%Y%m%dT%H%M%SZ'), uuid.uuid4().hex[:8])


def renewal_ledger(params, check_mode, diff=False, defaults_for=None):
    """Check the run's settings, create or migrate the state (database schema), recover unfinished renewals, then hand out the run id and
    run group. Returns (result, no_log values). Fails before any provider call when the state cannot be opened."""
    started = utcnow()
    run_id = params['run_id'] or new_run_id(started)
    run_group = params['run_group'] or run_id
    try:
        settings = run_settings(params['settings'])
        state = open_state(dict(params, run_group=run_group), check_mode, migrate=True)
        recovered = recover_dangling(state, defaults_for or (lambda module: {}), params['lock_timeout'], check_mode,
                                     run_id=run_id, settle_seconds=params['settle_seconds'])
    except RenewalError as error:
        return {'failed': True, 'changed': False, 'msg': 'the run did not start (nothing was renewed): %s' % error.message,
                'error': error.as_dict()}, ()
    finally:
        release_connections()
    unresolved = [record for record in recovered if record['outcome'] in (UNKNOWN, HELD)]
    result = {
        'changed': bool(recovered) and not check_mode,
        'run_id': run_id,
        'run_group': run_group,
        'started_at': to_iso(started),
        'settings': settings,
        'recovered': recovered,
        'msg': 'recovered %d unfinished renewal(s)%s' % (
            len(recovered) - len(unresolved), ', %d held or not re-readable yet' % len(unresolved) if unresolved else ''),
    }
    return result, ()
