# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: body of renewal_plan, the approved plan checked at the run's start, before any provider call."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.plan import keep_copy, load_plan


def renewal_plan(params, check_mode=False, diff=False, defaults_for=None):
    """Check the plan (digest, age), keep a copy by its digest, and hand the run what its orders check against."""
    try:
        if params['price_tolerance'] < 0:
            raise RenewalError('renew_orders_plan_price_tolerance must be 0 or more, got %s' % params['price_tolerance'])
        plan = load_plan(params['plan'], params['max_age'])
        path = keep_copy(params['state_dir'], plan)
    except RenewalError as error:
        return {'failed': True, 'changed': False, 'msg': 'the run did not start (nothing was renewed): %s' % error.message,
                'error': error.as_dict()}, ()
    except (IOError, OSError) as error:
        return {'failed': True, 'changed': False,
                'msg': 'the run did not start (nothing was renewed): the plan cannot be kept in the state dir (%s)' % error}, ()
    return {
        'changed': False,
        'fleet_plan': {'path': path, 'digest': plan['digest'], 'price_tolerance': params['price_tolerance']},
        'digest': plan['digest'],
        'created_at': plan['created_at'],
        'orders': len(plan['orders']),
        'spend': plan['totals']['would_spend'],
        'msg': 'applying the plan %s of %s: %d order(s)' % (plan['digest'], plan['created_at'], len(plan['orders'])),
    }, ()
