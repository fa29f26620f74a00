# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""`ansible-playbook renewals.hosting.forecast`: read-only, its totals are the sandbox's prices, and its calendar and
chart parse with real parsers (icalendar, ElementTree)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json
import subprocess
from xml.etree import ElementTree

import icalendar

from harness import SandboxProcess
from fleet import fleet_command, run_fleet
from plan_fixtures import bought, plan_fixture, plan_hosts

SVG = '{http://www.w3.org/2000/svg}'


def forecast_fixture():
    fixture = plan_fixture()
    fixture['vpsbg']['servers'].append({'id': 300004, 'hostname': 'vps300004.example.net', 'plan': 'cloud-vps-4',
                                        'plan_label': 'Cloud VPS', 'price': '10.00', 'billing_cycle': 1,
                                        'expires_in_days': 20, 'renew_enabled': False})
    hosts = plan_hosts()
    hosts['vps-300004'] = {'renewal_provider': 'vpsbg', 'renewal_service': 'server', 'renewal_id': 300004, 'renewal_period': 1}
    return fixture, hosts


def day(iso):
    return datetime.datetime.strptime(iso[:10], '%Y-%m-%d').date()


def test_forecast_is_read_only_and_its_files_parse(ansible, tmp_path):
    fixture, hosts = forecast_fixture()
    with SandboxProcess(fixture=fixture) as sandbox:
        check = run_fleet(ansible, sandbox, hosts, tmp_path, check=True, name='check')  # what the sandbox quotes today
        quoted = dict((e['host'], e['amount']) for e in check.report['orders'] if e['outcome'] == 'would_renew')
        sandbox.admin_delete('/_admin/requests')
        report_dir = tmp_path / 'forecast'
        command = fleet_command(ansible, hosts, tmp_path, {'renew_orders_report_dir': str(report_dir),
                                                           'renew_orders_max_price': 20}, name='forecast',
                                playbook='renewals.hosting.forecast')
        completed = subprocess.run(command, env=ansible.env(sandbox), capture_output=True, text=True, timeout=600, check=False)
        assert completed.returncode == 0, (completed.stdout + completed.stderr)[-3000:]
        assert set(bought(sandbox).values()) == {0}
        operations = sandbox.request_counts()['by_operation']
        assert operations and not [op for op in operations if op.split(':')[1] in ('renew', 'pay', 'pay_orders')], operations

        data = json.loads((report_dir / 'forecast.json').read_text())
        rows = dict((row['host'], row) for row in data['orders'])
        reads = data['reads']  # every order listed once: decided from its row, beyond the horizon, or read alone
        assert reads['listing_pages'] >= 3 and reads['from_listing'] + reads['beyond_horizon'] + reads['read_alone'] == len(hosts)
        read_alone = [row for row in rows.values() if row['provider'] == 'logicboxes' and row['source'] == 'read']
        assert operations.get('logicboxes:details', 0) == len(read_alone)
        assert set(rows) == {'lb-5001', 'lb-5002', 'lb-5003', 'vps-300001', 'vps-300002', 'vps-300004'}, 'a 90-day horizon'
        assert set(data['expiring_unrenewed']) == {'vps-300002', 'vps-300004'}
        assert 'above max_price' in rows['vps-300002']['reason'] and 'not renewable' in rows['vps-300004']['reason']
        assert day(rows['lb-5003']['renew_on']) == day(rows['lb-5003']['expires_at']) - datetime.timedelta(days=30)
        assert rows['vps-300001']['price']['amount'] == quoted['vps-300001']
        assert data['totals']['total'] == {'USD': 60.0, 'EUR': quoted['vps-300001']}
        assert sum(per.get('USD', 0) for per in data['totals']['monthly'].values()) == 60.0

        calendar = icalendar.Calendar.from_ical((report_dir / 'forecast.ics').read_bytes())
        events = list(calendar.walk('VEVENT'))
        assert len(events) == len(rows) and len(set(str(event['UID']) for event in events)) == len(rows)
        for event in events:
            host = str(event['SUMMARY']).rsplit('(', 1)[1].rstrip(')')
            assert event.decoded('DTSTART') == day(rows[host]['expires_at'])
            assert ('NOT renewed' in str(event['DESCRIPTION'])) == (host in data['expiring_unrenewed'])

        svg = ElementTree.parse(str(report_dir / 'forecast.svg')).getroot()
        assert svg.tag == SVG + 'svg' and not list(svg.iter(SVG + 'script'))
        bars = [rect for rect in svg.iter(SVG + 'rect') if rect.get('class') == 'bar']
        charted = {}
        for rect in bars:
            charted[rect.get('data-currency')] = round(charted.get(rect.get('data-currency'), 0) + float(rect.get('data-amount')), 2)
            assert float(rect.get('height')) > 0
        assert charted == data['totals']['total']
        assert '| **not renewed** |' in (report_dir / 'forecast.md').read_text()
