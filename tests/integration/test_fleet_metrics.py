# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The run's Prometheus textfile (renew_orders_metrics_file), parsed with the official client's parser."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import datetime

from prometheus_client.parser import text_string_to_metric_families

from harness import SandboxProcess
from fleet import mixed_fleet_fixture, mixed_hosts, run_fleet


def parse(path):
    """{metric name: {frozenset of labels: value}}, through prometheus_client's text-format parser."""
    metrics = {}
    for family in text_string_to_metric_families(path.read_text()):
        assert family.type == 'gauge', family
        for sample in family.samples:
            metrics.setdefault(sample.name, {})[frozenset(sample.labels.items())] = sample.value
    return metrics


def epoch(iso):
    return calendar.timegm(datetime.datetime.strptime(iso, '%Y-%m-%dT%H:%M:%SZ').timetuple())


def single(metrics, name):
    (value,) = metrics[name].values()
    return value


def order_labels(entry):
    return frozenset({'provider': entry['provider'], 'service': entry['service'], 'id': entry['id']}.items())


def test_check_and_real_runs_write_the_report_as_metrics(ansible, tmp_path):
    fixture = mixed_fleet_fixture(30, 0.5, seed=13)
    hosts = mixed_hosts(fixture)
    metrics_file = tmp_path / 'textfile' / 'renewals.prom'
    extra = {'renew_orders_metrics_file': str(metrics_file)}
    with SandboxProcess(fixture=fixture) as sandbox:
        check = run_fleet(ansible, sandbox, hosts, tmp_path, extra_vars=extra, check=True, name='check')
        metrics = parse(metrics_file)
        assert single(metrics, 'renew_orders_last_run_check_mode') == 1
        assert single(metrics, 'renew_orders_last_run_success') == 1
        assert 'renew_orders_last_success_timestamp_seconds' not in metrics, 'a check run is not a successful renewal run'
        started, ended = single(metrics, 'renew_orders_last_run_start_timestamp_seconds'), single(
            metrics, 'renew_orders_last_run_end_timestamp_seconds')
        assert started <= ended <= epoch(check.report['generated_at']) + 1
        outcomes = dict((dict(labels)['outcome'], value) for labels, value in metrics['renew_orders_last_run_orders'].items())
        assert outcomes == check.report['totals']['outcomes'] and outcomes['would_renew'] > 0
        spend = dict((dict(labels)['currency'], value) for labels, value in metrics['renew_orders_last_run_spend'].items())
        assert spend == check.report['totals']['would_spend'] and spend
        expiries = metrics['renew_orders_order_expiry_timestamp_seconds']
        assert expiries == dict((order_labels(e), epoch(e['expires_before'])) for e in check.report['orders'])
        assert len(expiries) == len(hosts)

        real = run_fleet(ansible, sandbox, hosts, tmp_path, extra_vars=extra, name='real')
        metrics = parse(metrics_file)
        assert real.rc == 0 and single(metrics, 'renew_orders_last_run_success') == 1
        assert single(metrics, 'renew_orders_last_run_check_mode') == 0
        success = single(metrics, 'renew_orders_last_success_timestamp_seconds')
        assert success == single(metrics, 'renew_orders_last_run_end_timestamp_seconds') >= ended
        # what the sandbox now holds as each renewed LogicBoxes order's expiry is what the metric says
        state = sandbox.state('logicboxes')['orders']
        renewed = [e for e in real.report['orders'] if e['outcome'] == 'renewed' and e['provider'] == 'logicboxes']
        assert renewed
        for entry in renewed:
            assert metrics['renew_orders_order_expiry_timestamp_seconds'][order_labels(entry)] == state[entry['id']]['endtime']
        awaiting = metrics['renew_orders_order_awaiting_renewal']
        assert set(labels for labels, value in awaiting.items() if value == 1) == set(
            order_labels(e) for e in real.report['orders'] if e['pending'])

        # a later failing run keeps the last success, so "no successful run for 36 h" still sees the right time
        broken = dict(hosts, **{'lb-gone': {'renewal_provider': 'logicboxes', 'renewal_service': 'domain',
                                            'renewal_id': 999999, 'renewal_period': 1}})
        failing = run_fleet(ansible, sandbox, broken, tmp_path, extra_vars=extra, name='failing')
        metrics = parse(metrics_file)
        assert failing.rc != 0 and single(metrics, 'renew_orders_last_run_success') == 0
        assert single(metrics, 'renew_orders_last_success_timestamp_seconds') == success
        assert not list(metrics_file.parent.glob('*.tmp')), 'the temporary file of the atomic rename was left behind'
