# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: the run report's files, report.json and summary.md (body of renewal_report)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json
import os

from ansible_collections.renewals.hosting.plugins.module_utils._dates import from_iso, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._outcome import AWAITING_PAYMENT

from ansible_collections.renewals.hosting.plugins.module_utils._dates import from_iso, to_epoch, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.atomic import write_atomic
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.plan import PLAN_FILE, artifact, build_plan, plan_text
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.metrics import metrics_text, previous_success, write_metrics
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.report import build_report
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state import open_state, release_connections


def money_table(totals, check_mode):
    """Per currency: spent (debited or paid) and awaiting payment; in check mode what would be spent; then how many
    renewals have no known price."""
    columns = ('would_spend',) if check_mode else ('spent', 'awaiting_payment')
    titles = {'spent': 'Spent', 'awaiting_payment': 'Awaiting payment', 'would_spend': 'Would spend'}
    currencies = sorted(set(currency for column in columns for currency in totals[column]))
    lines = ['| Currency | %s |' % ' | '.join(titles[column] for column in columns), '|---|%s' % ('---|' * len(columns))]
    lines += ['| %s | %s |' % (currency, ' | '.join('%.2f' % totals[column].get(currency, 0.0) for column in columns))
              for currency in currencies] or ['| - | %s |' % ' | '.join('0.00' for _column in columns)]
    if totals['price_unknown']:
        lines += ['', 'Price unknown: %d renewal(s) %s no known price, not counted above.'
                  % (totals['price_unknown'], 'would have' if check_mode else 'had')]
    return lines


def markdown_summary(report):
    totals = report['totals']
    lines = ['# Renewal run %s%s' % (report['run_id'], ' (check mode: nothing was bought)' if report['check_mode'] else ''), '',
             '| Outcome | Orders |', '|---|---|']
    lines += ['| %s | %d |' % (outcome, count) for outcome, count in totals['outcomes'].items() if count]
    lines += [''] + money_table(totals, report['check_mode'])
    lines += ['', '| Host | Provider | Id | Outcome | Expires before | Expires after | Invoice | Amount | Note |',
              '|---|---|---|---|---|---|---|---|---|']
    for entry in report['orders']:
        amount = '' if entry.get('amount') is None else '%.2f %s' % (entry['amount'], entry.get('currency') or '')
        note = entry.get('msg') or entry.get('error') or (('duplicate of %s' % entry['duplicate_of']) if entry.get('duplicate_of') else '')
        lines.append('| %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
            entry['host'], entry.get('provider') or '', entry.get('id') or '', entry['outcome'],
            entry.get('expires_before') or '', entry.get('expires_after') or '', entry.get('invoice_id') or '',
            amount, (note or '').replace('|', '/')))
    return '\n'.join(lines) + '\n'


def fails(entry, fail_on, unpaid_alert_days):
    """Whether the row fails the run: its outcome is in ``fail_on``; a renewal awaiting payment only when its service
    runs out within ``unpaid_alert_days`` days (or when when it runs out is not known)."""
    if entry['outcome'] not in fail_on:
        return False
    if entry['outcome'] != AWAITING_PAYMENT or not entry.get('runs_out_at'):
        return True
    return from_iso(entry['runs_out_at']) <= utcnow() + datetime.timedelta(days=unpaid_alert_days)


def write_report(report_dir, report):
    """Write report.json and summary.md atomically (a reader never sees half a report)."""
    report_dir = os.path.abspath(os.path.expanduser(report_dir))
    paths = {}
    for name, text in (('report.json', json.dumps(report, indent=2, sort_keys=True) + '\n'),
                       ('summary.md', markdown_summary(report))):
        paths[name] = write_atomic(os.path.join(report_dir, name), text)
    return paths


def renewal_report(params, check_mode=False, diff=False, defaults_for=None):
    """Body of renewal_report: assemble the run's rows into report.json and summary.md (in check mode too)."""
    try:
        entries = open_state(params, check_mode).run(params['run_id']).entries()
    except RenewalError as error:
        return {'failed': True, 'changed': False, 'msg': 'no report: %s' % error.message, 'error': error.as_dict()}, ()
    finally:
        release_connections()
    report = build_report(params['run_id'], entries, params['hosts'])
    paths = write_report(params['report_dir'], report)
    failed_hosts = [entry for entry in report['orders'] if fails(entry, params['fail_on'], params['unpaid_alert_days'])]
    failing = sorted(set(entry['outcome'] for entry in failed_hosts))
    metrics_path = _write_metrics(params, report, not failing)
    plan, plan_path = _write_plan(params['report_dir'], report)
    return {
        'metrics_path': metrics_path,
        'plan_path': plan_path,
        'plan_digest': plan and plan['digest'],
        'plan_artifact': plan and artifact(plan, plan_path),
        'changed': False,
        'report_path': paths['report.json'],
        'summary_path': paths['summary.md'],
        'totals': report['totals'],
        'check_mode': report['check_mode'],
        'failing_outcomes': failing,
        'failed_hosts': [entry['host'] for entry in failed_hosts],
    }, ()


def _write_metrics(params, report, success):
    """The run's metrics file when one is asked for (its path), else None."""
    if not params.get('metrics_file'):
        return None
    finished = to_epoch(utcnow())
    started = to_epoch(from_iso(params['started_at'])) if params.get('started_at') else finished
    text = metrics_text(report, started, finished, success, previous_success(params['metrics_file']))
    return write_metrics(params['metrics_file'], text)


def _write_plan(report_dir, report):
    """A check run's plan.json next to its report, (plan, path); after a real run (None, None)."""
    if not report['check_mode']:
        return None, None
    plan = build_plan(report)
    return plan, write_atomic(os.path.join(os.path.abspath(os.path.expanduser(report_dir)), PLAN_FILE), plan_text(plan))
