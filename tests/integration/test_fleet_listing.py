# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The run's listing through real ansible-playbook: what each order costs at the sandbox, counted from its request log."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from harness import SandboxProcess, hu_fixture, hu_service, lb_fixture, lb_order, vpsbg_fixture, vpsbg_server
from fleet import run_fleet

LISTED = "from the run's listing"
LB_PATHS = ('/logicboxes/api/domains/search.json', '/logicboxes/api/dedicatedserver/linux/us/search.json',
            '/logicboxes/api/virtualserver/linux/in/search.json')


def listing_fleet():
    """Three providers, not-due and due orders; 60 VPSBG servers (two listing pages of 50); one HostUp v2 id."""
    fixture = lb_fixture(lb_order(9001, product='domain', region=None, days=200),
                         lb_order(9002, days=120), lb_order(9003, product='vps_linux', region='in', days=90),
                         lb_order(9004, days=10), lb_order(9005, product='domain', region=None, days=5))
    fixture.update(hu_fixture(hu_service(7001, days=100), hu_service(7002, days=10), hu_service(7004, days=300),
                              hu_service(7003, public_id='vps_listing3', days=100)))
    fixture.update(vpsbg_fixture(*[vpsbg_server(500 + index, days=10 if index < 3 else 60 + index) for index in range(60)]))
    hosts = {}
    for order in fixture['logicboxes']['orders']:
        host = {'renewal_provider': 'logicboxes', 'renewal_service': order['product'], 'renewal_id': order['order_id'],
                'renewal_period': 1}
        if order.get('region'):
            host['renewal_region'] = order['region']
        hosts['lb-%s' % order['order_id']] = host
    for account, renewal_id in ((7001, 7001), (7002, 7002), (7004, 7004), (7003, 'vps_listing3')):
        hosts['hu-%s' % account] = {'renewal_provider': 'hostup', 'renewal_service': 'service', 'renewal_id': renewal_id}
    for server in fixture['vpsbg']['servers']:
        hosts['vps-%s' % server['id']] = {'renewal_provider': 'vpsbg', 'renewal_service': 'server', 'renewal_id': server['id'],
                                          'renewal_period': 1}
    due = {'lb-9004', 'lb-9005', 'hu-7002', 'vps-500', 'vps-501', 'vps-502'}
    return fixture, hosts, due


def per_order_calls(sandbox):
    """{order id: [operation, ...]} of every call that names one order (listing pages name none)."""
    calls = {}
    for entry in sandbox.requests():
        if entry.get('order_id') is not None and entry.get('page') is None:
            calls.setdefault(str(entry['order_id']), []).append(entry['operation'])
    return calls


def hostup_list_calls(sandbox):
    """HostUp v1 knows a service only from its account list: every v1 read is one call of it."""
    return sandbox.request_counts(provider='hostup')['by_operation'].get('hostup:accounts', 0)


def order_id(host):
    return {'hu-7003': 'vps_listing3'}.get(host, host.split('-', 1)[1])


def bought_once(sandbox, hosts, due):
    state = sandbox.admin_get('/_admin/state')
    bought = dict(('lb-%s' % oid, order['renewals']) for oid, order in state['logicboxes']['orders'].items())
    bought.update(('hu-%s' % aid, sum(service['renew_calls'].values())) for aid, service in state['hostup']['services'].items())
    bought.update(('vps-%s' % sid, server['renew_calls']) for sid, server in state['vpsbg']['servers'].items())
    return set(host for host in hosts if bought.get(host)) == due and set(bought[host] for host in due) == {1}


def test_a_not_due_order_costs_no_call_and_a_due_one_is_read_before_paying(ansible, tmp_path):
    fixture, hosts, due = listing_fleet()
    with SandboxProcess(fixture=fixture) as sandbox:
        run = run_fleet(ansible, sandbox, hosts, tmp_path)
        assert run.rc == 0, run.output[-3000:]
        assert bought_once(sandbox, hosts, due)
        calls, hostup_listed = per_order_calls(sandbox), hostup_list_calls(sandbox)
        listed_not_due = set(hosts) - due - {'hu-7003'}  # a v2 id is not on the v1 account list
        assert not [host for host in listed_not_due if calls.get(order_id(host))], 'a not-due listed order made a call'
        rows = dict((entry['host'], entry) for entry in run.report['orders'])
        assert all(rows[host]['outcome'] == 'not_due' and LISTED in rows[host]['msg'] for host in listed_not_due)
        assert rows['hu-7003']['outcome'] == 'not_due' and LISTED not in rows['hu-7003']['msg']
        for host in due - {'hu-7002'}:  # re-read alone (details, server) before the one paying request
            operations = calls[order_id(host)]
            assert [op for op in operations if 'renew' in op] and 'renew' not in operations[0], operations
            # LogicBoxes debits the reseller at once; HostUp's invoice and VPSBG's renew order wait for payment
            assert rows[host]['outcome'] == ('renewed' if host.startswith('lb-') else 'awaiting_payment') and LISTED not in rows[host]['msg']
        counts = sandbox.request_counts(provider='logicboxes')['by_endpoint']
        assert [counts.get('GET ' + path) for path in LB_PATHS] == [1, 1, 1], counts
        assert sandbox.request_counts(provider='vpsbg')['by_endpoint']['GET /vpsbg/v1/servers'] == 2
        search = sandbox.requests(path=LB_PATHS[1])[0]
        assert 'expiry-date-start' in search['params'], 'LogicBoxes lists only orders past the renewal window'

        sandbox.reset()
        off = run_fleet(ansible, sandbox, hosts, tmp_path, extra_vars={'renew_orders_listing': 'off'},
                        playbook='renewals.hosting.renew_fleet_batch', name='off')
        assert off.rc == 0, off.output[-3000:]
        assert bought_once(sandbox, hosts, due)
        calls = per_order_calls(sandbox)
        assert all(calls.get(order_id(host)) for host in hosts if not host.startswith('hu-')), 'every order is read alone'
        # without the listing the two not-due v1 services are read alone; with it, one list call stood for both
        assert hostup_list_calls(sandbox) == hostup_listed - 1 + 2
        assert not [entry for entry in sandbox.requests() if entry.get('page') is not None and 'search.json' in entry['path']]
        assert not [entry for entry in off.report['orders'] if LISTED in (entry['msg'] or '')]


def test_a_failed_listing_falls_back_to_reading_its_orders(ansible, tmp_path):
    """VPSBG page 2 answers 502 every time, every LogicBoxes search is rate limited, a HostUp list page is malformed."""
    fixture, hosts, due = listing_fleet()
    with SandboxProcess(fixture=fixture) as sandbox:
        sandbox.set_faults([
            {'provider': 'vpsbg', 'operation': 'servers', 'listing': True, 'page': 2, 'kind': 'error_before_commit',
             'status': 502},
            {'provider': 'logicboxes', 'operation': 'search', 'kind': 'rate_limit', 'retry_after': 0},
            {'provider': 'hostup', 'operation': 'accounts', 'kind': 'malformed_json', 'times': 4},  # every try of the listing's read,
        ])
        run = run_fleet(ansible, sandbox, hosts, tmp_path, playbook='renewals.hosting.renew_fleet_batch', name='faults')
        assert run.rc == 0, run.output[-3000:]
        assert bought_once(sandbox, hosts, due)
        rows = dict((entry['host'], entry) for entry in run.report['orders'])
        assert all(rows[host]['outcome'] == 'not_due' for host in set(hosts) - due)
        calls = per_order_calls(sandbox)
        page_two = set('vps-%d' % (500 + index) for index in range(50, 60))  # the servers list sorts by id, 50 a page
        read_alone = set(host for host in hosts if host.startswith('vps-') and host not in due and calls.get(order_id(host)))
        assert read_alone == page_two and not [host for host in page_two if LISTED in rows[host]['msg']]
        assert all(calls.get(order_id(host)) for host in hosts if host.startswith('lb-')), 'LogicBoxes fell back'
        assert not [host for host in hosts if host.startswith('hu-') and LISTED in rows[host]['msg']]
        assert 'could not be read' in run.output and 'read one by one' in run.output
