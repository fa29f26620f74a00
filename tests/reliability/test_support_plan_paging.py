# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The VPSBG support plan's paging under faults: its paid period hides behind every server order of a 150-server
account, so the reader pages through the paid orders. A page that fails (any fault kind a listing can meet, an
incomplete page included) fails the order with a reason: nothing is bought and nothing is remembered. The fault-free
rerun then renews the plan exactly once."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re

import pytest

from fleet import run_fleet
from harness import VPSBG_TOKEN, SandboxProcess
from reliability import REASONS, TIMEOUT

from sandbox.fixture_gen import support_plan_account  # pylint: disable=wrong-import-order

HOSTS = {'vpsbg-support': {'renewal_provider': 'vpsbg', 'renewal_service': 'support', 'renewal_id': 'plan',
                           'renewal_options': {'timeout': TIMEOUT}}}
FAULTED_PAGE = 7  # of 19 pages: orders of pages 1..6 were already read when it fails
PAGE_FAULTS = (
    ('error_before_commit', {'status': 503}, REASONS['error_before_commit']),
    ('latency', {'ms': 1500}, REASONS['latency']),
    ('malformed_json', {}, REASONS['malformed_json']),
    ('html_error', {}, REASONS['html_error']),
    ('not_found', {}, REASONS['not_found']),
    ('locked', {}, REASONS['locked']),
    ('api_error', {}, REASONS['api_error']),
    ('drop_fields', {'fields': ['type'], 'rows': 5}, r'without its id, status or type'),
    ('drop_fields', {'fields': ['id']}, r'without its id, status or type'),
    ('drop_fields', {'fields': ['links']}, r'ended the orders list at page 7 of 19'),
)


@pytest.fixture(scope='module')
def account():
    fixture = support_plan_account(150, history_months=6, support_expires_in_days=10)
    fixture['vpsbg'].update(token=VPSBG_TOKEN, rate_limit_per_minute=1000000)
    with SandboxProcess(fixture=fixture) as sandbox:
        yield sandbox


def remembered(state_dir):
    memo = os.path.join(str(state_dir), 'memo')
    return os.listdir(memo) if os.path.isdir(memo) else []


@pytest.mark.parametrize('kind,params,reason', PAGE_FAULTS, ids=['%s-%s' % (kind, '-'.join(params.get('fields', ())) or 'page')
                                                                 for kind, params, _reason in PAGE_FAULTS])
def test_a_failed_page_never_turns_into_a_purchase(ansible, tmp_path, account, kind, params, reason):
    account.set_faults([dict(provider='vpsbg', operation='orders', listing=True, page=FAULTED_PAGE, kind=kind, params=params)])
    try:
        run = run_fleet(ansible, account, HOSTS, tmp_path, name='faulty')
    finally:
        account.clear_faults()
    entry = run.report['orders'][0]
    assert entry['outcome'] == 'failed' and run.rc != 0
    assert re.search(reason, entry.get('error') or entry.get('msg') or '', re.I), entry
    assert account.state('vpsbg')['support']['renew_calls'] == 0 and account.requests(operation='support_renew') == []
    assert remembered(tmp_path) == [], 'what a failed scan saw is not remembered'
    pages = set(item['page'] for item in account.requests(operation='orders') if item['page'])
    assert FAULTED_PAGE in pages


def test_the_fault_free_rerun_renews_the_plan_once(ansible, tmp_path, account):
    run = run_fleet(ansible, account, HOSTS, tmp_path, name='rerun')
    assert run.rc == 0, run.output[-3000:]
    assert run.report['orders'][0]['outcome'] == 'awaiting_payment'  # the renew order waits for payment
    assert account.state('vpsbg')['support']['renew_calls'] == 1
    assert len(remembered(tmp_path)) == 1
