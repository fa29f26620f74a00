# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The VPSBG support plan on accounts of 10, 150 and 500 monthly servers whose paid orders are all newer than the
support plan's: the fleet finds it, renews it once, and a later run reads it in at most 3 calls (what the fleet's
state remembers). Each case prints the API calls of its runs: the benchmark figures in docs/vpsbg.md."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from fleet import run_fleet
from harness import VPSBG_TOKEN, SandboxProcess

from sandbox.client import http_request  # pylint: disable=wrong-import-order
from sandbox.fixture_gen import support_plan_account  # pylint: disable=wrong-import-order

HOSTS = {'vpsbg-support': {'renewal_provider': 'vpsbg', 'renewal_service': 'support', 'renewal_id': 'plan'}}
STEADY_STATE_MAX_CALLS = 3


def account(n_servers):
    fixture = support_plan_account(n_servers, history_months=6, support_expires_in_days=10)
    fixture['vpsbg'].update(token=VPSBG_TOKEN, rate_limit_per_minute=1000000)
    return fixture


def vpsbg_calls(sandbox):
    return sandbox.request_counts(provider='vpsbg')['total']


def support(sandbox):
    return sandbox.state('vpsbg')['support']


def pay(sandbox, order_id):
    """The account holder pays the open support order (from a topped-up balance), outside any run."""
    sandbox.admin_post('/_admin/vpsbg/balance', {'add': '1000.00'})
    status, _headers, body = http_request('POST', sandbox.url + '/vpsbg/v1/orders/pay',
                                          json_body={'order_ids': [order_id], 'payment_method': 'balance'},
                                          headers={'Authorization': 'Bearer %s' % VPSBG_TOKEN, 'Accept': 'application/json'})
    assert status == 200, body


class Counted:
    """One fleet run and the VPSBG API calls it made."""

    def __init__(self, ansible, sandbox, state_dir, name, extra_vars=None):
        before = vpsbg_calls(sandbox)
        self.run = run_fleet(ansible, sandbox, HOSTS, state_dir, name=name, extra_vars=extra_vars)
        self.calls = vpsbg_calls(sandbox) - before
        assert self.run.rc == 0, self.run.output[-3000:]
        self.row = self.run.report['orders'][0]


@pytest.mark.parametrize('n_servers', [10, 150, 500])
def test_support_plan_is_found_renewed_once_then_read_in_a_few_calls(ansible, tmp_path, n_servers, capsys):
    with SandboxProcess(fixture=account(n_servers)) as sandbox:
        paid_orders = len(sandbox.state('vpsbg')['orders'])
        assert paid_orders > n_servers * 6, 'every server order is newer than the support plan\'s paid order'

        first = Counted(ansible, sandbox, tmp_path, 'first')
        assert first.row['outcome'] == 'awaiting_payment' and support(sandbox)['renew_calls'] == 1
        placed = support(sandbox)['open_renew_orders']
        assert len(placed) == 1

        pending = Counted(ansible, sandbox, tmp_path, 'pending')
        assert pending.row['outcome'] == 'awaiting_payment' and support(sandbox)['renew_calls'] == 1
        assert pending.calls <= STEADY_STATE_MAX_CALLS, 'the open renew order is found, the paid period is remembered'

        pay(sandbox, placed[0])
        paid = Counted(ansible, sandbox, tmp_path, 'paid')
        assert paid.row['outcome'] == 'not_due' and support(sandbox)['renew_calls'] == 1
        assert paid.calls <= STEADY_STATE_MAX_CALLS, 'the newly paid support order is one page and one order away'

        steady = Counted(ansible, sandbox, tmp_path, 'steady')
        assert steady.row['outcome'] == 'not_due' and support(sandbox)['renew_calls'] == 1
        assert steady.calls <= STEADY_STATE_MAX_CALLS

        assert first.calls > paid_orders / 50, 'the first run paged through every paid order newer than the support plan\'s'
        with capsys.disabled():
            print('\nVPSBG support plan, %d servers (%d orders): API calls first run %d, pending %d, after payment %d, '
                  'steady state %d' % (n_servers, paid_orders, first.calls, pending.calls, paid.calls, steady.calls))
            print(json.dumps({'servers': n_servers, 'orders': paid_orders, 'first': first.calls, 'pending': pending.calls,
                              'after_payment': paid.calls, 'steady': steady.calls}))


def test_check_mode_reads_the_support_plan_and_remembers_nothing(ansible, tmp_path):
    with SandboxProcess(fixture=account(10)) as sandbox:
        for name in ('check-1', 'check-2'):
            run = run_fleet(ansible, sandbox, HOSTS, tmp_path, name=name, check=True)
            assert run.rc == 0 and run.report['orders'][0]['outcome'] == 'would_renew', run.output[-3000:]
        assert support(sandbox)['renew_calls'] == 0
        assert not (tmp_path / 'memo').exists(), 'check mode keeps nothing for later runs'
        assert vpsbg_calls(sandbox) > 2 * 60, 'each check-mode run read the paid orders again'


def test_the_postgresql_backend_keeps_it_for_the_next_run_too(ansible, tmp_path, state_dsn):
    database = {'renew_orders_state_backend': 'postgresql', 'renew_orders_state_dsn': state_dsn}
    with SandboxProcess(fixture=account(150)) as sandbox:
        first = Counted(ansible, sandbox, tmp_path / 'first', 'first', database)
        assert first.row['outcome'] == 'awaiting_payment' and first.calls > 900
        later = Counted(ansible, sandbox, tmp_path / 'later', 'later', database)  # another controller: only the database is shared
        assert later.row['outcome'] == 'awaiting_payment' and later.calls <= STEADY_STATE_MAX_CALLS
        assert support(sandbox)['renew_calls'] == 1
