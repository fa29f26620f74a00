# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A VPSBG server through the engine, against a scripted session: what is sent, how often, and what is reported."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC, to_epoch
from results import Policy, RenewalFailed, describe, run_renewal
from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.client import VpsbgClient
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.server import VpsbgServer

from fakes import ScriptedSession, reply

NOW = datetime.datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
URL = 'https://api.vpsbg.eu/v1'


def stamp(days):
    return (NOW + datetime.timedelta(days=days)).strftime('%Y-%m-%dT%H:%M:%S.000000Z')


def server(days=10, potential_days=None, **fields):
    body = {'id': 2864, 'hostname': 'ubuntu-2gb', 'billing_cycle': 1, 'status': 'active', 'auto_renew': False,
            'plan': {'id': 104, 'name': 'cloud-vps-2gb', 'minimum_billing_cycle': 1, 'price': 100},
            'renew_amount': 100, 'renew_amount_with_vat': 120, 'locked': False, 'locked_at': None,
            'expiry_at': stamp(days), 'potential_expiry_at': stamp(days if potential_days is None else potential_days),
            'cancel_request': None, 'settings': {'renew_enabled': True, 'snapshots_enabled': True}}
    body.update(fields)
    return body


def order(order_id=200158, status='awaiting_payment', cycle=1, service_id=2864, service_type='server', days=10):
    start = NOW + datetime.timedelta(days=days)
    return {'id': order_id, 'type': 'renew-service', 'status': status, 'amount': 100 * cycle, 'amount_with_vat': 120 * cycle,
            'created_at': stamp(0), 'due_at': stamp(days), 'auto_pay': True, 'payment_method': 'balance',
            'invoices': [{'id': 8552, 'invoice_number': '0000008552', 'type': 'proform', 'amount': 100 * cycle,
                          'amount_with_vat': 120 * cycle}],
            'services': [{'service_type': service_type, 'service_id': service_id, 'service_billing_cycle': cycle,
                          'is_period_changeable': status == 'awaiting_payment', 'period_from': to_epoch(start),
                          'period_to': to_epoch(start + datetime.timedelta(days=30 * cycle))}]}


def summary(full):
    return dict((key, value) for key, value in full.items() if key not in ('services', 'invoices'))


def listing(*rows):
    return reply(200, {'data': list(rows), 'links': {'next': None}, 'meta': {'current_page': 1, 'last_page': 1}})


QUOTE = {'amount': 100, 'amount_with_vat': 120, 'discount': 0, 'discount_with_vat': 0, 'promo_code': None,
         'due_today_amount': 100, 'due_today_amount_with_vat': 120}


def api(*script, **params):
    session = ScriptedSession(*script)
    base = dict(api_token='vpsbg-token', api_url=URL, timeout=5.0, validate_certs=True, ca_path=None, server_id=2864,
                billing_cycle=None, promo_code=None)
    base.update(params)
    return VpsbgServer(VpsbgClient(base, session=session, sleep=lambda seconds: None), base), session


def run(server_api, check_mode=False, **policy):
    policy.setdefault('now', NOW)
    return run_renewal(server_api, Policy(**policy), check_mode=check_mode, diff=True)


def sent(session):
    return [(item['method'], item['url'][len(URL):]) for item in session.sent]


def test_not_due_reads_only_the_server():
    server_api, session = api(reply(200, server(days=90)))
    result = run(server_api)
    assert result['outcome'] == 'not_due' and sent(session) == [('GET', '/servers/2864')]


def test_check_mode_quotes_and_orders_nothing():
    server_api, session = api(reply(200, server()), reply(200, QUOTE), billing_cycle=3)
    result = run(server_api, check_mode=True)
    assert result['changed'] and result['price']['amount'] == 120.0 and result['price']['billing_cycle'] == 3
    assert sent(session) == [('GET', '/servers/2864'), ('POST', '/servers/renew/calculate')]
    assert session.sent[1]['params'] is None


def test_renew_places_one_order_on_the_first_known_path():
    placed = order()
    promo_quote = dict(QUOTE, promo_code={'code': 'fall2406', 'minimum_billing_cycle': 1})
    server_api, session = api(reply(200, server()), reply(200, promo_quote), reply(201, placed), promo_code='fall2406')
    result = run(server_api)
    assert sent(session)[-1] == ('POST', '/servers/renew')
    assert result['outcome'] == 'awaiting_payment' and result['pending'] is True and result['expires_after'] is None
    assert result['order']['id'] == 200158 and result['order']['billing_cycle'] == 1 and result['order']['currency'] == 'EUR'
    assert result['invoice'] == {'id': 8552, 'number': '0000008552', 'amount': 120, 'currency': 'EUR'}


def test_renew_falls_back_to_the_per_server_path_when_the_route_is_missing():
    server_api, session = api(reply(200, server()), reply(200, QUOTE),
                              reply(405, {'message': 'The POST method is not supported for route v1/servers/renew.'}),
                              reply(201, dict(order(), status='paid')), billing_cycle=3)
    result = run(server_api)
    assert sent(session)[2:] == [('POST', '/servers/renew'), ('POST', '/servers/2864/renew')]
    assert result['pending'] is False and result['expires_after'] == result['order']['period_to']


def test_no_known_renew_path_fails_without_buying():
    missing = reply(404, {'message': 'The route could not be found.'})
    server_api, _session = api(reply(200, server()), reply(200, QUOTE), reply(405, {}), missing)
    with pytest.raises(RenewalFailed) as caught:
        run(server_api)
    assert 'none of the renew calls' in caught.value.outcome.to_result()['msg'] and 'nothing was bought' in caught.value.outcome.to_result()['msg']


def test_later_potential_expiry_finds_the_open_order_and_orders_nothing():
    open_order = order(days=10)
    other = order(order_id=200150, service_id=999)
    server_api, session = api(reply(200, server(potential_days=40)), listing(summary(other), summary(open_order)),
                              reply(200, other), reply(200, open_order))
    result = run(server_api, force=True)
    assert result['outcome'] == 'awaiting_payment' and result['changed'] is False and result['order']['id'] == 200158
    assert session.sent[1]['params'] == {'filter[status]': 'awaiting_payment,processing', 'per_page': 50, 'page': 1}
    assert all(method == 'GET' for method, _path in sent(session))


def test_wrong_period_of_the_open_order_is_patched_in_place():
    open_order = order(cycle=1)
    server_api, session = api(reply(200, server(potential_days=40)), listing(summary(open_order)), reply(200, open_order),
                              reply(204, ''), reply(200, order(cycle=12)), billing_cycle=12, promo_code='fall2406')
    result = run(server_api)
    assert sent(session)[3] == ('PATCH', '/orders/200158/server/2864')
    assert result['changed'] is True and result['outcome'] == 'awaiting_payment' and result['order']['billing_cycle'] == 12
    assert result['invoice']['amount'] == 1440 and 'from 1 to 12 months' in result['msg']
    assert not any(method == 'POST' for method, _path in sent(session))


def test_the_period_is_left_alone_unless_asked_or_changeable():
    processing = order(status='processing', cycle=1)
    server_api, session = api(reply(200, server(potential_days=40)), listing(summary(processing)), reply(200, processing),
                              billing_cycle=3)
    assert run(server_api)['changed'] is False and len(session.sent) == 3
    awaiting = order(cycle=1)
    server_api, session = api(reply(200, server(potential_days=40)), listing(summary(awaiting)), reply(200, awaiting))
    assert run(server_api)['changed'] is False and len(session.sent) == 3


def test_a_period_below_the_plan_minimum_is_refused_before_the_patch():
    awaiting = order(cycle=3)
    body = server(potential_days=100, plan={'name': 'big', 'minimum_billing_cycle': 3})
    server_api, session = api(reply(200, body), listing(summary(awaiting)), reply(200, awaiting), billing_cycle=1)
    with pytest.raises(InputError):
        run(server_api)
    assert len(session.sent) == 3


def test_potential_expiry_without_a_listed_order_still_blocks():
    server_api, _session = api(reply(200, server(potential_days=40)), listing())
    result = run(server_api)
    assert result['outcome'] == 'pending' and result['action']['type'] == 'renew-service'


def test_lost_reply_is_resolved_by_reading_the_server_and_the_orders():
    placed = order()
    server_api, session = api(reply(200, server()), reply(200, QUOTE), reply(502, '<html>Bad Gateway</html>'),
                              reply(200, server(potential_days=40)), listing(summary(placed)), reply(200, placed))
    result = run(server_api)
    assert result['outcome'] == 'awaiting_payment' and result['order']['id'] == 200158
    assert 're-read shows the renewal was placed' in result['msg']
    assert [path for method, path in sent(session) if method == 'POST'] == ['/servers/renew/calculate', '/servers/renew']


def test_lost_reply_with_nothing_placed_is_sent_again_once():
    server_api, session = api(reply(200, server()), reply(200, QUOTE), reply(500, {'message': 'Server Error'}),
                              reply(200, server()), reply(201, order()))
    result = run(server_api)
    assert result['outcome'] == 'awaiting_payment' and 'sent again' in result['msg']
    assert [path for method, path in sent(session) if method == 'POST'] == ['/servers/renew/calculate', '/servers/renew',
                                                                            '/servers/renew']


@pytest.mark.parametrize('fields,words', [
    ({'status': 'terminated'}, 'terminated'),
    ({'settings': {'renew_enabled': False}}, 'renew_enabled is false'),
    ({'cancel_request': {'reason': 'x'}}, 'pending cancellation request'),
    ({'locked': True, 'locked_at': '2026-11-21T11:00:00.000000Z'}, 'locked at VPSBG'),
])
def test_servers_that_cannot_be_renewed_fail_before_the_quote(fields, words):
    server_api, session = api(reply(200, server(**fields)))
    with pytest.raises(RenewalFailed) as caught:
        run(server_api)
    assert words in caught.value.outcome.to_result()['msg'] and len(session.sent) == 1


def test_max_price_is_checked_against_the_quote_with_vat():
    server_api, session = api(reply(200, server()), reply(200, QUOTE))
    with pytest.raises(RenewalFailed) as caught:
        run(server_api, max_price=119.99)
    assert caught.value.outcome.to_result()['error']['code'] == 'price_above_max' and len(session.sent) == 2


def test_a_promo_code_vpsbg_does_not_apply_fails_before_ordering():
    server_api, session = api(reply(200, server()), reply(200, QUOTE), promo_code='expired1')
    with pytest.raises(InputError):
        run(server_api)
    assert session.sent[1]['method'] == 'POST' and len(session.sent) == 2


def test_info_quotes_the_requested_cycle():
    server_api, _session = api(reply(200, server(days=5)), reply(200, dict(QUOTE, due_today_amount_with_vat=1440)), billing_cycle=12)
    result = describe(server_api, Policy(now=NOW))
    assert result['should_renew'] is True and result['price']['amount'] == 1440.0
    assert result['service']['potential_expires_at'] == result['service']['expires_at']
