# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the renewal plan, plan.json: what a check run would renew, for someone to approve and a
real run to apply (written by renewal_report, checked by renewal_plan before any provider call).

The digest is a SHA-256 of the plan's canonical JSON: it proves the plan applied is the plan approved (a plan
edited after approval, or cut short in transit, is refused). It is not a signature: whoever can write the plan and
its artifact can write a matching digest, so keep the plan where only the job can write it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import json
import os

from ansible_collections.renewals.hosting.plugins.module_utils._dates import from_iso, to_iso, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.atomic import write_atomic
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import WOULD_RENEW

PLAN_FILE = 'plan.json'
PLAN_FORMAT = 1
PLAN_VARIABLE = 'renew_orders_plan'
# Above this size the set_stats artifact carries the plan's path and digest only (AWX stores artifacts in its database).
ARTIFACT_CONTENT_LIMIT = 16384
PLAN_KEYS = ('host', 'provider', 'service', 'id', 'period', 'price', 'expires_before')


def digest(plan):
    """sha256:<hex> of the plan's canonical JSON, its own ``digest`` key left out."""
    body = dict((key, value) for key, value in plan.items() if key != 'digest')
    canonical = json.dumps(body, sort_keys=True, separators=(',', ':'), ensure_ascii=True)
    return 'sha256:' + hashlib.sha256(canonical.encode('utf-8')).hexdigest()


def order_ref(provider, service, order_id):
    """What identifies an order in a plan."""
    return '%s/%s/%s' % (provider, service, order_id)


def build_plan(report, now=None):
    """The plan of a check run's report: each order it would renew, its price and the expiry it read."""
    orders = []
    for entry in report['orders']:
        if entry['outcome'] != WOULD_RENEW:
            continue
        planned = dict((key, entry.get(key)) for key in PLAN_KEYS)
        planned['price'] = None if entry.get('amount') is None else {'amount': entry['amount'], 'currency': entry['currency']}
        orders.append(planned)
    plan = {'format': PLAN_FORMAT, 'run_id': report['run_id'], 'created_at': to_iso(now or utcnow()), 'orders': orders,
            'totals': {'orders': len(orders), 'would_spend': report['totals']['would_spend'],
                       'price_unknown': report['totals']['price_unknown']}}
    plan['digest'] = digest(plan)
    return plan


def plan_text(plan):
    return json.dumps(plan, indent=2, sort_keys=True) + '\n'


def artifact(plan, path):
    """What set_stats publishes as renew_orders_plan: path and digest, and the plan itself when it is small."""
    published = {'path': path, 'digest': plan['digest'], 'orders': len(plan['orders'])}
    if len(plan_text(plan)) <= ARTIFACT_CONTENT_LIMIT:
        published['content'] = plan
    return published


def _refuse(message):
    return InputError(PLAN_VARIABLE, '%s; nothing was read or renewed' % message)


def _read(path):
    try:
        with open(os.path.expanduser(path)) as handle:
            return json.load(handle)
    except (IOError, OSError) as error:
        raise _refuse('cannot read the plan %s (%s)' % (path, error))
    except ValueError as error:
        raise _refuse('the plan %s is not JSON (%s)' % (path, error))


def _given(value):
    """(plan, digest the artifact names or None) from a path, a JSON string, or the set_stats artifact."""
    if isinstance(value, str) and value.strip().startswith('{'):
        try:
            value = json.loads(value)
        except ValueError as error:
            raise _refuse('not a path and not a JSON artifact (%s)' % error)
    if isinstance(value, str):
        return _read(value), None
    if not isinstance(value, dict):
        raise _refuse('must be a path to plan.json or the artifact a check run publishes, got %s' % type(value).__name__)
    if 'orders' in value and 'digest' in value and 'content' not in value and 'path' not in value:
        return value, None  # the plan itself
    if isinstance(value.get('content'), dict):
        return value['content'], value.get('digest')
    if value.get('path'):
        return _read(value['path']), value.get('digest')
    raise _refuse('the artifact has neither content nor path')


def verified(plan, named_digest=None):
    """The plan when its digest is right (and is the one the artifact names); InputError otherwise."""
    if not isinstance(plan, dict) or not isinstance(plan.get('orders'), list) or not plan.get('digest'):
        raise _refuse('not a renewal plan (no orders or no digest)')
    if plan.get('format') != PLAN_FORMAT:
        raise _refuse('plan format %r is not %d' % (plan.get('format'), PLAN_FORMAT))
    if digest(plan) != plan['digest']:
        raise _refuse('the plan does not match its digest (it was changed after it was written)')
    if named_digest is not None and named_digest != plan['digest']:
        raise _refuse('the plan\'s digest %s is not the approved %s' % (plan['digest'], named_digest))
    return plan


def fresh(plan, max_age_hours, now=None):
    """The plan when it is at most ``max_age_hours`` old; InputError otherwise."""
    created = from_iso(plan.get('created_at') or '') if isinstance(plan.get('created_at'), str) else None
    if created is None:
        raise _refuse('the plan has no creation time')
    age = ((now or utcnow()) - created).total_seconds() / 3600.0
    if age > max_age_hours:
        raise _refuse('the plan is %.1f hours old, older than renew_orders_plan_max_age (%s hours)' % (age, max_age_hours))
    return plan


def load_plan(value, max_age_hours, now=None):
    """The approved plan from renew_orders_plan, checked (digest, age) before any provider call."""
    plan, named_digest = _given(value)
    return fresh(verified(plan, named_digest), max_age_hours, now)


def keep_copy(state_dir, plan):
    """The approved plan stored under the state dir by its digest: what every order of the run reads."""
    path = os.path.join(os.path.abspath(os.path.expanduser(state_dir)), 'plans', plan['digest'].split(':')[-1] + '.json')
    return write_atomic(path, plan_text(plan))
