# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Paying a VPSBG renewal's own order from the balance (pay: true), through the engine and a scripted session."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from results import Policy, run_renewal
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.payment import read_balance

from fakes import reply
from .test_server import NOW, QUOTE, api, order, sent, server

BALANCE = {'balance': 500, 'currency': 'EUR', 'balance_limit': 0}


def run(server_api):
    return run_renewal(server_api, Policy(now=NOW))


def test_the_new_order_is_paid_once_from_the_balance_after_checking_it():
    placed, paid = order(), order(status='paid')
    server_api, session = api(reply(200, server()), reply(200, QUOTE), reply(201, placed), reply(200, BALANCE),
                              reply(200, {'data': [paid]}), pay=True)
    result = run(server_api)
    assert sent(session)[-2:] == [('GET', '/balance'), ('POST', '/orders/pay')]
    assert result['outcome'] == 'renewed' and result['paid'] is True and result['pending'] is False
    assert 'paid order 200158 from the balance' in result['msg']


def test_a_balance_short_of_the_order_pays_nothing_and_it_stays_awaiting_payment():
    server_api, session = api(reply(200, server()), reply(200, QUOTE), reply(201, order()),
                              reply(200, dict(BALANCE, balance=100)), pay=True)
    result = run(server_api)
    assert ('POST', '/orders/pay') not in sent(session)
    assert result['outcome'] == 'awaiting_payment'
    assert 'it was not paid: the VPSBG balance has 100.00 EUR available, this renewal costs 120.00 EUR' in result['msg']


def test_a_lost_payment_reply_is_read_back_never_sent_again():
    server_api, session = api(reply(200, server()), reply(200, QUOTE), reply(201, order()), reply(200, BALANCE),
                              reply(502, '<html>Bad Gateway</html>'), reply(200, order(status='paid')), pay=True)
    result = run(server_api)
    assert [call for call in sent(session) if call == ('POST', '/orders/pay')] == [('POST', '/orders/pay')]
    assert result['outcome'] == 'renewed' and 'a re-read shows it paid, and it was not sent again' in result['msg']


def test_without_pay_nothing_is_paid_and_no_balance_is_read():
    server_api, session = api(reply(200, server()), reply(200, QUOTE), reply(201, order()))
    assert run(server_api)['outcome'] == 'awaiting_payment' and ('GET', '/balance') not in sent(session)


def test_an_unreadable_balance_is_unknown_not_zero():
    server_api, _session = api(reply(200, {'currency': 'EUR'}))
    assert read_balance(server_api.client) == {'error': 'VPSBG answered GET /v1/balance without a balance'}
