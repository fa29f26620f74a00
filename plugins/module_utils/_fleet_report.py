# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the run report (report.json and a Markdown summary)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

from ansible_collections.renewals.hosting.plugins.module_utils._dates import to_iso, utcnow

OUTCOMES = ('renewed', 'not_due', 'pending', 'skipped_budget', 'failed', 'duplicate')
NO_RESULT = 'no result was recorded for this host (the task did not run: check the task output for its error)'


def build_report(run_id, entries, hosts):
    """One entry per host in ``hosts`` (the play's hosts), whether or not its task got to record one."""
    by_host = {}
    for entry in entries:
        by_host[entry['host']] = entry
    orders = []
    for host in hosts or sorted(by_host):
        entry = by_host.get(host)
        if entry is None:
            entry = {'host': host, 'provider': None, 'id': None, 'outcome': 'failed', 'expires_before': None,
                     'expires_after': None, 'invoice_id': None, 'amount': None, 'currency': None, 'error': NO_RESULT}
        orders.append(entry)
    counts = dict((outcome, 0) for outcome in OUTCOMES)
    spend = {}
    for entry in orders:
        counts[entry['outcome']] = counts.get(entry['outcome'], 0) + 1
        if entry['outcome'] == 'renewed' and entry.get('amount') is not None:
            currency = entry.get('currency') or 'unknown'
            spend[currency] = round(spend.get(currency, 0.0) + float(entry['amount']), 2)
    check_mode = any(entry.get('check_mode') for entry in orders)
    return {
        'run_id': run_id,
        'generated_at': to_iso(utcnow()),
        'check_mode': check_mode,
        'orders': orders,
        'totals': {'orders': len(orders), 'outcomes': counts, 'spend': spend},
    }


def markdown_summary(report):
    totals = report['totals']
    lines = ['# Renewal run %s%s' % (report['run_id'], ' (check mode: nothing was bought)' if report['check_mode'] else ''), '',
             '| Outcome | Orders |', '|---|---|']
    lines += ['| %s | %d |' % (outcome, count) for outcome, count in totals['outcomes'].items() if count]
    lines += ['', '| Currency | %s |' % ('Would spend' if report['check_mode'] else 'Spent'), '|---|---|']
    lines += ['| %s | %.2f |' % (currency, amount) for currency, amount in sorted(totals['spend'].items())] or ['| - | 0.00 |']
    lines += ['', '| Host | Provider | Id | Outcome | Expires before | Expires after | Invoice | Amount | Note |',
              '|---|---|---|---|---|---|---|---|---|']
    for entry in report['orders']:
        amount = '' if entry.get('amount') is None else '%.2f %s' % (entry['amount'], entry.get('currency') or '')
        note = entry.get('error') or (('duplicate of %s' % entry['duplicate_of']) if entry.get('duplicate_of') else '')
        lines.append('| %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
            entry['host'], entry.get('provider') or '', entry.get('id') or '', entry['outcome'],
            entry.get('expires_before') or '', entry.get('expires_after') or '', entry.get('invoice_id') or '',
            amount, (note or '').replace('|', '/')))
    return '\n'.join(lines) + '\n'


def write_report(report_dir, report):
    """Write report.json and summary.md atomically (a reader never sees half a report)."""
    report_dir = os.path.abspath(os.path.expanduser(report_dir))
    if not os.path.isdir(report_dir):
        os.makedirs(report_dir, 0o700)
    paths = {}
    for name, text in (('report.json', json.dumps(report, indent=2, sort_keys=True) + '\n'),
                       ('summary.md', markdown_summary(report))):
        path = os.path.join(report_dir, name)
        temp = '%s.%d.tmp' % (path, os.getpid())
        with open(temp, 'w') as handle:
            handle.write(text)
        os.rename(temp, path)
        paths[name] = path
    return paths
