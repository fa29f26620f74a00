# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One LogicBoxes order (LogicBoxesOrder) through the real client with a scripted session: what is read and sent."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.client import LogicBoxesClient
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.service import LogicBoxesOrder

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._errors import NotFoundError
from ansible_collections.renewals.hosting.plugins.module_utils._provider import ServiceState

from fakes import ScriptedSession, reply

KEY = 'lb-secret-key'
DETAILS = {'entityid': '5001', 'orderid': '5001', 'description': 'example.com', 'currentstatus': 'Active',
           'endtime': '1767225600', 'recurring': 'false', 'eaqid': '0', 'actioncompleted': '0'}


def read(auto_renew=None):
    """An order as details.json reported it (``recurring`` -> auto_renew; None: not reported)."""
    return ServiceState('5001', 'Active', None, auto_renew=auto_renew)


def order(session, **params):
    base = dict(auth_userid=1001, api_key=KEY, api_url='https://test.httpapi.com/api', timeout=5, validate_certs=True,
                ca_path=None, product='dedicated_server_linux', region='us', order_id=5001, months=None, years=None,
                invoice_option='NoInvoice', discount_amount=None, auto_renew=None, no_of_accounts=None,
                no_of_storage5_blocks=None)
    base.update(params)
    return LogicBoxesOrder(LogicBoxesClient(base, session=session), base)


def test_details_read_uses_the_product_path_and_string_typed_fields():
    session = ScriptedSession(reply(200, DETAILS))
    state = order(session).read_state()
    sent = session.sent[0]
    assert sent['method'] == 'GET' and sent['url'] == 'https://test.httpapi.com/api/dedicatedserver/linux/us/details.json'
    assert ('order-id', '5001') in sent['params'] and ('api-key', KEY) in sent['params']
    assert state.expires_at.isoformat() == '2026-01-01T00:00:00+00:00' and state.auto_renew is False and state.pending is None


def test_pending_is_seen_in_details():
    session = ScriptedSession(reply(200, dict(DETAILS, eaqid='889', actiontype='RenewDomain')), reply(200, {'recsindb': '0'}))
    state = order(session, product='domain', region=None).read_state()
    assert state.pending.action == {'id': '889', 'type': 'RenewDomain', 'status': None, 'description': None}
    assert ('options', 'OrderDetails') in session.sent[0]['params']


def test_the_invoice_of_an_action_in_flight_comes_from_the_current_actions():
    current = {'recsindb': '1', '1': {'entityid': '5001', 'eaqid': '889', 'actiontype': 'RenewDomain',
                                      'actionstatus': 'PendingExecution', 'invoiceid': '77'}}
    session = ScriptedSession(reply(200, dict(DETAILS, eaqid='889', actiontype='RenewDomain')), reply(200, current))
    state = order(session, product='domain', region=None).read_state()
    assert state.pending.source == 'actions' and state.pending.invoice['id'] == '77'
    assert session.sent[1]['url'].endswith('/actions/search-current.json')


def test_domain_renew_sends_years_and_exp_date_in_a_form_body():
    renewed = {'status': 'Success', 'actionstatus': 'Success', 'eaqid': '12', 'actiontype': 'RenewDomain'}
    session = ScriptedSession(reply(200, DETAILS), reply(200, renewed))
    api = order(session, product='domain', region=None, years=2, auto_renew=True)
    receipt = api.place_renewal(api.read_state())
    sent = session.sent[1]
    assert sent['method'] == 'POST' and sent['url'].endswith('/domains/renew.json') and sent['params'] is None
    assert dict(sent['data']) == {'auth-userid': '1001', 'api-key': KEY, 'order-id': '5001', 'invoice-option': 'NoInvoice',
                                  'years': '2', 'exp-date': '1767225600', 'auto-renew': 'true'}
    assert receipt.in_flight is False and receipt.action['id'] == '12'


def test_backup_uses_backup_order_id_and_omits_auto_renew_when_the_order_tells_none():
    session = ScriptedSession(reply(200, {'status': 'Success', 'actionstatus': 'PendingExecution', 'eaqid': '3', 'invoiceid': '77',
                                          'sellingamount': '-5.000', 'sellingcurrencysymbol': 'USD'}))
    api = order(session, product='backup', region='asia', months=3, invoice_option='OnlyAdd', discount_amount=1.5)
    receipt = api.place_renewal(read())
    form = dict(session.sent[0]['data'])
    assert session.sent[0]['url'].endswith('/backup/asia/renew.json')
    assert form['backup-order-id'] == '5001' and 'order-id' not in form and 'auto-renew' not in form
    assert form['months'] == '3' and form['invoice-option'] == 'OnlyAdd' and form['discount-amount'] == '1.50'
    assert receipt.in_flight is True and receipt.invoice == {'id': '77', 'amount': 5.0, 'currency': 'USD'}


def test_email_extras_are_sent_under_their_wire_names():
    session = ScriptedSession(reply(200, {'status': 'Success', 'actionstatus': 'Success'}))
    order(session, product='business_email', no_of_accounts=2, no_of_storage5_blocks=1).place_renewal(read())
    form = dict(session.sent[0]['data'])
    assert session.sent[0]['url'].endswith('/eelite/us/renew.json')
    assert (form['no-of-accounts'], form['no-of-storage5-blocks'], form['months']) == ('2', '1', '1')


def test_sitelock_sends_no_period_unless_asked():
    session = ScriptedSession(reply(200, {'status': 'Success', 'actionstatus': 'Success'}))
    order(session, product='sitelock', region=None).place_renewal(read())
    assert 'months' not in dict(session.sent[0]['data'])


def test_queued_for_funds_is_in_flight_with_a_warning():
    session = ScriptedSession(reply(200, {'error': 'Insufficient funds in reseller account', 'eaqid': '4'}))
    receipt = order(session).place_renewal(read())
    assert receipt.in_flight and receipt.queued and 'Insufficient funds' in receipt.warning


@pytest.mark.parametrize('recurring, asked, sent', [(True, None, 'true'), (False, None, 'false'), (False, True, 'true'),
                                                    (True, False, 'false')])
def test_auto_renew_is_sent_as_the_order_has_it_unless_asked(recurring, asked, sent):
    session = ScriptedSession(reply(200, {'status': 'Success', 'actionstatus': 'Success'}))
    order(session, auto_renew=asked).place_renewal(read(recurring))
    assert dict(session.sent[0]['data'])['auto-renew'] == sent


def test_auto_renew_is_not_sent_where_the_renew_page_lists_none():
    session = ScriptedSession(reply(200, {'status': 'Success', 'actionstatus': 'Success'}))
    order(session, product='ssl', region=None).place_renewal(read(True))
    assert 'auto-renew' not in dict(session.sent[0]['data'])


COST = {'dedicatedserverlinuxus': {'plans': {'105': {'renew': {'1': 10, '3': '9.5', '12': 8.0}}}}}
CUSTOMER = {'dedicatedserverlinuxus': {'plans': {'105': {'renew': {'1': 12.0}}}}}
BALANCE = {'sellingcurrencysymbol': 'USD', 'sellingcurrencybalance': '100.00', 'sellingcurrencylockedbalance': '30.00'}


def test_price_is_the_reseller_cost_read_once_per_task_with_the_customer_price_beside():
    details = dict(DETAILS, productkey='dedicatedserverlinuxus', planid='105')
    session = ScriptedSession(reply(200, details), reply(200, COST), reply(200, BALANCE), reply(200, CUSTOMER))
    api = order(session, months=3)
    state = api.read_state()
    quote = api.quote(state)
    assert quote.as_dict() == {'amount': 28.5, 'currency': 'USD', 'customer_amount': 36.0}
    assert api.quote(state).amount == 28.5 and len(session.sent) == 4, 'the catalogue is read once per task'
    assert [urls.split('/api/')[1] for urls in (sent['url'] for sent in session.sent[1:])] == [
        'products/reseller-cost-price.json', 'billing/reseller-balance.json', 'products/customer-price.json']
    funds = api.funds(state, quote)
    assert [(pot.what, pot.available.amount, pot.available.currency) for pot in funds] == [('the reseller balance', 70.0, 'USD')]


def test_an_unreadable_catalogue_leaves_the_price_unknown_with_the_reason():
    details = dict(DETAILS, productkey='dedicatedserverlinuxus', planid='105')
    session = ScriptedSession(reply(200, details), reply(200, ['not', 'a', 'catalogue']), reply(200, BALANCE))
    api = order(session)
    assert api.quote(api.read_state()) is None
    assert api.warnings == ['the LogicBoxes price is unknown: products/reseller-cost-price.json answered no catalogue']


def test_an_order_missing_from_the_catalogue_has_no_price_and_says_why():
    details = dict(DETAILS, productkey='dedicatedserverlinuxus', planid='999')
    session = ScriptedSession(reply(200, details), reply(200, COST), reply(200, BALANCE), reply(200, CUSTOMER))
    api = order(session)
    assert api.quote(api.read_state()) is None
    assert 'dedicatedserverlinuxus > plans > 999' in api.warnings[0]


def test_an_order_of_another_product_or_region_says_to_check_them():
    session = ScriptedSession(reply(500, {'status': 'ERROR', 'message': 'No Entity found for Entityid 6001'}))
    with pytest.raises(NotFoundError) as caught:
        order(session, order_id=6001, region='in').read_state()
    assert caught.value.message == ('LogicBoxes answered: No Entity found for Entityid 6001; order 6001 is not a '
                                    'dedicated_server_linux order in region in at this reseller: check the product and region')
