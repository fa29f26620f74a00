# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the run's Prometheus metrics, a text-format file for node_exporter's textfile collector.

Written from the run's report at its end (check mode too). Cardinality is bounded by the inventory: one series per
outcome of the report's vocabulary, one per currency spent in, and two per order (labels provider, service, id only:
no host names, amounts or dates in labels, so a renewal changes a value, never adds a series).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.renewals.hosting.plugins.module_utils._dates import from_iso, to_epoch
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.atomic import write_atomic

PREFIX = 'renew_orders_'
LAST_SUCCESS = PREFIX + 'last_success_timestamp_seconds'
_LAST_SUCCESS_LINE = re.compile(r'^%s\s+([0-9.eE+]+)\s*$' % LAST_SUCCESS, re.M)


def _label(value):
    """A label value escaped as the text format wants it (provider ids are provider text)."""
    return str(value).replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')


def _labels(**labels):
    return '{%s}' % ','.join('%s="%s"' % (name, _label(value)) for name, value in sorted(labels.items()))


def _family(name, help_text, samples):
    lines = ['# HELP %s%s %s' % (PREFIX, name, help_text), '# TYPE %s%s gauge' % (PREFIX, name)]
    lines += ['%s%s%s %s' % (PREFIX, name, labels, _number(value)) for labels, value in samples]
    return lines


def _number(value):
    return repr(float(value)) if isinstance(value, float) else str(int(value))


def previous_success(path):
    """The last successful real run's end, carried over from the file a previous run wrote (None if none)."""
    try:
        with open(path) as handle:
            found = _LAST_SUCCESS_LINE.search(handle.read())
    except (IOError, OSError):
        return None
    return float(found.group(1)) if found else None


def order_series(report):
    """One (labels, expiry epoch, awaiting) per distinct order; an order listed twice is one series."""
    series = {}
    for entry in report['orders']:
        if not entry.get('provider') or entry.get('id') is None or entry['outcome'] == 'duplicate':
            continue
        renewed = entry['outcome'] == 'renewed' and not entry.get('check_mode')  # a check run's expiry did not move
        expiry = (entry.get('expires_after') if renewed else None) or entry.get('expires_before')
        if expiry is None:
            continue
        labels = _labels(provider=entry['provider'], service=entry.get('service') or '', id=entry['id'])
        series[labels] = (to_epoch(from_iso(expiry)), bool(entry.get('pending')))
    return sorted(series.items())


def metrics_text(report, started, finished, success, last_success=None):
    """The file's text. ``started``/``finished``: epoch seconds; ``last_success``: the previous file's value."""
    if success and not report['check_mode']:
        last_success = finished
    orders = order_series(report)
    lines = []
    lines += _family('last_run_start_timestamp_seconds', 'Start of the last renewal run.', [('', started)])
    lines += _family('last_run_end_timestamp_seconds', 'End of the last renewal run.', [('', finished)])
    lines += _family('last_run_success', '1 if the last run ended with no order in a failing outcome.', [('', int(success))])
    lines += _family('last_run_check_mode', '1 if the last run was a check run (nothing was bought).',
                     [('', int(bool(report['check_mode'])))])
    if last_success is not None:
        lines += _family('last_success_timestamp_seconds', 'End of the last successful run that was not a check run.',
                         [('', last_success)])
    lines += _family('last_run_orders', 'Orders of the last run per outcome.',
                     [(_labels(outcome=outcome), count) for outcome, count in sorted(report['totals']['outcomes'].items())])
    spent = report['totals']['would_spend' if report['check_mode'] else 'spent']
    lines += _family('last_run_spend', 'Spent in the last run per currency (would spend, in a check run).',
                     [(_labels(currency=currency), float(amount)) for currency, amount in sorted(spent.items())])
    lines += _family('last_run_awaiting_payment', 'Placed in the last run or before and still awaiting payment, per currency.',
                     [(_labels(currency=currency), float(amount))
                      for currency, amount in sorted(report['totals']['awaiting_payment'].items())])
    lines += _family('order_expiry_timestamp_seconds', 'Expiry of each order, as the last run left it.',
                     [(labels, expiry) for labels, (expiry, _awaiting) in orders])
    lines += _family('order_awaiting_renewal', '1 if a renewal of the order is in flight at the provider.',
                     [(labels, int(awaiting)) for labels, (_expiry, awaiting) in orders])
    return '\n'.join(lines) + '\n'


def write_metrics(path, text):
    """Write the file atomically, so the collector never reads half of it; readable by node_exporter's own user."""
    return write_atomic(path, text, mode=0o644, dir_mode=0o755)
