# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Money through `ansible-playbook renewals.hosting.renew_fleet`: LogicBoxes catalogue prices, balances, renewals
awaiting payment and the report's spent / awaiting / unknown split, checked against what the sandbox debited."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from harness import LB_KEY, LB_USERID, SandboxProcess, hu_fixture, hu_service, lb_order, vpsbg_fixture, vpsbg_server
from fleet import run_fleet

CATALOGUE = 'GET /logicboxes/api/products/reseller-cost-price.json'


def lb_section(orders, **section):
    return dict({'auth_userid': LB_USERID, 'api_key': LB_KEY, 'selling_currency': 'USD', 'orders': orders}, **section)


def ten_due_servers(**order):
    """10 due dedicated servers whose month costs the reseller 10 USD; auto-renew on for every other one."""
    return [lb_order(6000 + index, price='12.00', cost_price='10.00', recurring=bool(index % 2), **order) for index in range(10)]


def lb_hosts_of(orders):
    return dict(('lb-%s' % order['order_id'], {'renewal_provider': 'logicboxes', 'renewal_service': order['product'],
                                               'renewal_id': order['order_id'], 'renewal_region': order.get('region'),
                                               'renewal_period': 1}) for order in orders)


def lb_state(sandbox):
    return sandbox.state('logicboxes')


def test_a_budget_buys_from_catalogue_prices_read_once_for_the_run(ansible, tmp_path):
    orders = ten_due_servers()
    with SandboxProcess(fixture={'logicboxes': lb_section(orders)}) as sandbox:
        run = run_fleet(ansible, sandbox, lb_hosts_of(orders), tmp_path, extra_vars={'renew_orders_budget': {'USD': 35}})
        state = lb_state(sandbox)
        assert sum(order['renewals'] for order in state['orders'].values()) == 3
        assert len(run.hosts_with('renewed')) == 3 and len(run.hosts_with('skipped_budget')) == 7, run.report['totals']
        assert sandbox.request_counts()['by_endpoint'][CATALOGUE] == 1, 'the catalogue is read once for the run'
        assert run.report['totals']['spent'] == {'USD': 30.0} == {'USD': float(state['debited_total'])}
        assert all(entry['amount'] == 10.0 for entry in run.report['orders'] if entry['outcome'] == 'renewed')
        skipped = next(entry for entry in run.report['orders'] if entry['outcome'] == 'skipped_budget')
        assert 'run budget of 35.00 USD' in skipped['msg']
        assert all(order['recurring_changes'] == 0 for order in state['orders'].values()), 'a renewal changed auto-renew'
        assert all(call['auto_renew_sent'] == call['recurring_before'] for order in state['orders'].values()
                   for call in order['renew_calls'])
        summary = (tmp_path / 'report-fleet' / 'summary.md').read_text()
        assert '| USD | 30.00 | 0.00 |' in summary and 'run budget of 35.00 USD' in summary


def test_max_price_refuses_each_order_with_its_catalogue_price(ansible, tmp_path):
    orders = ten_due_servers()
    with SandboxProcess(fixture={'logicboxes': lb_section(orders)}) as sandbox:
        run = run_fleet(ansible, sandbox, lb_hosts_of(orders), tmp_path, extra_vars={'renew_orders_max_price': 5})
        assert sum(order['renewals'] for order in lb_state(sandbox)['orders'].values()) == 0
        assert len(run.hosts_with('failed')) == 10
        assert all('costs 10.00 USD, above max_price 5.00' in entry['msg'] for entry in run.report['orders'])
        assert sandbox.request_counts()['by_endpoint'][CATALOGUE] == 1


def test_short_funds_end_insufficient_funds_and_nothing_is_sent(ansible, tmp_path):
    orders = ten_due_servers()
    with SandboxProcess(fixture={'logicboxes': lb_section(orders, reseller_balance='25.00')}) as sandbox:
        run = run_fleet(ansible, sandbox, lb_hosts_of(orders), tmp_path)
        state = lb_state(sandbox)
        assert len(run.hosts_with('renewed')) == 2 and len(run.hosts_with('insufficient_funds')) == 8
        assert sum(len(order['renew_calls']) for order in state['orders'].values()) == 2, 'a renewal was sent without funds'
        refused = next(entry for entry in run.report['orders'] if entry['outcome'] == 'insufficient_funds')
        assert 'the reseller balance cannot pay it' in refused['msg'] and 'this renewal costs 10.00 USD' in refused['msg']
        assert run.report['totals']['spent'] == {'USD': float(state['debited_total'])} == {'USD': 20.0}


def test_spent_awaiting_and_unknown_split_matches_the_sandbox(ansible, tmp_path):
    executed = lb_order(7001, price='12.00', cost_price='10.00')                      # NoInvoice: debited at cost
    awaiting = lb_order(7002, price='15.00', cost_price='11.00', customer_id='c2')     # OnlyAdd: invoice waits
    unpriced = lb_order(7003, product='codeguard', region=None, price='4.00')         # no catalogue entry
    hostup = hu_service(20501, days=5, amount='49.00')                                # v1 invoice left unpaid
    fixture = dict({'logicboxes': lb_section([executed, awaiting, unpriced])}, **hu_fixture(hostup))
    hosts = lb_hosts_of([executed, awaiting, unpriced])
    hosts['lb-7002']['renewal_options'] = {'invoice_option': 'OnlyAdd'}
    hosts['hu-20501'] = {'renewal_provider': 'hostup', 'renewal_service': 'service', 'renewal_id': '20501'}
    with SandboxProcess(fixture=fixture) as sandbox:
        check = run_fleet(ansible, sandbox, hosts, tmp_path, check=True, name='check')
        assert check.hosts_with('would_renew') == set(hosts) and not check.hosts_with('renewed')
        assert check.report['totals']['would_spend'] == {'USD': 21.0, 'SEK': 49.0}
        assert check.report['totals']['price_unknown'] == 1

        real = run_fleet(ansible, sandbox, hosts, tmp_path, name='real')
        state = lb_state(sandbox)
        assert real.outcomes() == {'lb-7001': 'renewed', 'lb-7002': 'awaiting_payment', 'lb-7003': 'renewed',
                                   'hu-20501': 'awaiting_payment'}, real.report['orders']
        totals = real.report['totals']
        debited_priced = float(state['orders']['7001']['debited_total'])
        assert totals['spent'] == {'USD': debited_priced} == {'USD': 10.0}
        assert float(state['debited_total']) == debited_priced + float(state['orders']['7003']['debited_total'])
        assert totals['awaiting_payment'] == {'USD': 15.0, 'SEK': 49.0} and totals['price_unknown'] == 1
        summary = (tmp_path / 'report-real' / 'summary.md').read_text()
        assert '| SEK | 0.00 | 49.00 |' in summary and '| USD | 10.00 | 15.00 |' in summary
        assert 'Price unknown: 1' in summary and 'awaits payment' in summary

        for name in ('later-1', 'later-2'):
            later = run_fleet(ansible, sandbox, hosts, tmp_path, name=name)
            row = dict((entry['host'], entry) for entry in later.report['orders'])['hu-20501']
            assert row['outcome'] == 'awaiting_payment' and row['runs_out_at'][:10] == real_runs_out(real)
            assert later.report['totals']['awaiting_payment']['SEK'] == 49.0
        assert sandbox.state('hostup')['services']['20501']['renewal_invoices'] == 1


def real_runs_out(run):
    return dict((entry['host'], entry) for entry in run.report['orders'])['hu-20501']['runs_out_at'][:10]


def test_unpaid_renewals_fail_the_run_when_the_service_runs_out_soon(ansible, tmp_path):
    hostup = hu_service(20601, days=5, amount='49.00')
    hosts = {'hu-20601': {'renewal_provider': 'hostup', 'renewal_service': 'service', 'renewal_id': '20601'}}
    fail_on = ['failed', 'awaiting_payment']
    with SandboxProcess(fixture=hu_fixture(hostup)) as sandbox:
        relaxed = run_fleet(ansible, sandbox, hosts, tmp_path, name='relaxed',
                            extra_vars={'renew_orders_fail_on': fail_on, 'renew_orders_unpaid_alert_days': 2})
        assert relaxed.outcomes() == {'hu-20601': 'awaiting_payment'} and relaxed.rc == 0, relaxed.output[-2000:]
        alert = run_fleet(ansible, sandbox, hosts, tmp_path, name='alert',
                          extra_vars={'renew_orders_fail_on': fail_on, 'renew_orders_unpaid_alert_days': 7})
        assert alert.outcomes() == {'hu-20601': 'awaiting_payment'} and alert.rc != 0
        assert 'awaiting_payment' in alert.output


def test_renew_orders_pay_pays_each_order_once_from_what_the_balance_holds(ansible, tmp_path):
    servers = [vpsbg_server(8001, price='10.00'), vpsbg_server(8002, price='10.00')]
    fixture = vpsbg_fixture(*servers, balance='20.00', tax_rate='1.2', auto_pay=False)
    hosts = dict(('vps-%s' % server['id'], {'renewal_provider': 'vpsbg', 'renewal_service': 'server',
                                            'renewal_id': server['id'], 'renewal_period': 1}) for server in servers)
    with SandboxProcess(fixture=fixture) as sandbox:
        run = run_fleet(ansible, sandbox, hosts, tmp_path, extra_vars={'renew_orders_pay': True})
        state = sandbox.state('vpsbg')
        assert sorted(run.outcomes().values()) == ['awaiting_payment', 'renewed'], run.report['orders']
        assert sandbox.request_counts()['by_operation'].get('vpsbg:pay_orders') == 1, 'the second order was not sent to pay'
        unpaid = next(entry for entry in run.report['orders'] if entry['outcome'] == 'awaiting_payment')
        assert 'it was not paid: the VPSBG balance cannot pay it: 8.00 EUR left' in unpaid['msg']
        assert run.report['totals']['spent'] == {'EUR': float(state['debited_total'])} == {'EUR': 12.0}
        assert run.report['totals']['awaiting_payment'] == {'EUR': 12.0}
        rerun = run_fleet(ansible, sandbox, hosts, tmp_path, name='rerun', extra_vars={'renew_orders_pay': True})
        assert sandbox.request_counts()['by_operation'].get('vpsbg:pay_orders') == 1, 'nothing paid twice'
        assert sorted(rerun.outcomes().values()) == ['awaiting_payment', 'not_due']
