# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The metrics textfile, read back with prometheus_client's parser."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar

from prometheus_client.parser import text_string_to_metric_families

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.metrics import metrics_text, previous_success, write_metrics
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.report import build_report, row


def samples(text):
    return dict(((s.name, tuple(sorted(s.labels.items()))), s.value)
                for family in text_string_to_metric_families(text) for s in family.samples)


def report(check_mode=False):
    order = {'provider': 'hostup', 'service': 'service', 'id': 'vps "a"\\b\nc'}
    rows = [row('a', order, 'renewed', check_mode=check_mode, expires_before='2026-12-05T00:00:00Z',
                expires_after='2027-12-05T00:00:00Z', amount=5.5, currency='EUR'),
            row('dup', order, 'duplicate', check_mode=check_mode)]
    return build_report('run', rows, ['a', 'dup'])


def test_provider_text_in_labels_is_escaped_and_an_order_is_one_series():
    parsed = samples(metrics_text(report(), 100, 160, True))
    labels = (('id', 'vps "a"\\b\nc'), ('provider', 'hostup'), ('service', 'service'))
    assert parsed[('renew_orders_order_expiry_timestamp_seconds', labels)] == calendar.timegm((2027, 12, 5, 0, 0, 0))  # renewed
    assert len([key for key in parsed if key[0] == 'renew_orders_order_expiry_timestamp_seconds']) == 1
    assert parsed[('renew_orders_last_run_spend', (('currency', 'EUR'),))] == 5.5
    assert parsed[('renew_orders_last_success_timestamp_seconds', ())] == 160


def test_the_last_success_survives_check_and_failing_runs(tmp_path):
    path = str(tmp_path / 'renewals.prom')
    write_metrics(path, metrics_text(report(), 100, 160, True))
    write_metrics(path, metrics_text(report(check_mode=True), 200, 260, True, previous_success(path)))
    assert previous_success(path) == 160
    write_metrics(path, metrics_text(report(), 300, 360, False, previous_success(path)))
    parsed = samples(open(path).read())
    assert parsed[('renew_orders_last_success_timestamp_seconds', ())] == 160
    assert parsed[('renew_orders_last_run_success', ())] == 0 and parsed[('renew_orders_last_run_end_timestamp_seconds', ())] == 360
    assert previous_success(str(tmp_path / 'none.prom')) is None
