# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: body of renewal_forecast, the forecast read and written in one controller task."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.forecast_read import forecast
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.forecast_files import write_forecast


def renewal_forecast(params, check_mode=False, diff=False, defaults_for=None):
    """Read every order (never renewing), write forecast.json/.md/.svg/.ics; (result, no_log values)."""
    for name, low, high in (('horizon_days', 1, 3650), ('renew_before_days', 0, 3650), ('workers', 1, 200)):
        if not low <= params[name] <= high:
            error = InputError(name, 'must be between %d and %d, got %d' % (low, high, params[name]))
            return {'failed': True, 'changed': False, 'msg': error.message, 'error': error.as_dict()}, ()
    settings = dict((name, params[name]) for name in ('horizon_days', 'renew_before_days', 'max_price'))
    data, reads = forecast(params['orders'], settings, defaults_for or (lambda module: {}), params['workers'],
                           listing=params['listing'], concurrency=params['concurrency'])
    paths = write_forecast(params['report_dir'], data)
    result = {
        'changed': False,
        'paths': paths,
        'totals': data['totals'],
        'expiring_unrenewed': data['expiring_unrenewed'],
        'unreadable': data['unreadable'],
        'reads': data['reads'],
        'msg': '%d order(s) expire within %d days: %d renewed by the policy, %d not, %d not readable (%d listing '
               'page(s); %d order(s) read alone)' % (
                   len(data['orders']), params['horizon_days'], data['totals']['renewals'],
                   len(data['expiring_unrenewed']), len(data['unreadable']), reads.pages, reads.read_alone),
    }
    if reads.warnings:
        result['warnings'] = reads.warnings
    return result, ()
