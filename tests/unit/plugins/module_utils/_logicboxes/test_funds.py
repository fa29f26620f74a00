# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The account's catalogues and balances as one shared document, through the real client with a scripted session."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.client import LogicBoxesClient
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.funds import account_prices, available, customer_funds

from fakes import ScriptedSession, reply

PARAMS = dict(auth_userid=1001, api_key='lb-secret-key', api_url='https://test.httpapi.com/api', timeout=5,
              validate_certs=True, ca_path=None)
BALANCE = {'sellingcurrencysymbol': 'USD', 'sellingcurrencybalance': '100.000', 'sellingcurrencylockedbalance': '12.5'}


def client(*replies):
    session = ScriptedSession(*replies)
    return LogicBoxesClient(PARAMS, session=session), session


def test_the_document_holds_both_catalogues_the_currency_and_the_spendable_balance():
    lb, session = client(reply(200, {'dotnet': {}}), reply(200, BALANCE), reply(200, {'dotnet': {'x': 1}}))
    assert account_prices(lb, 1001) == {'cost': {'dotnet': {}}, 'customer': {'dotnet': {'x': 1}}, 'currency': 'USD',
                                        'available': 87.5}
    assert ('reseller-id', '1001') in session.sent[1]['params']


def test_a_failed_or_empty_read_is_kept_as_its_reason():
    lb, _session = client(reply(500, {'status': 'ERROR', 'message': 'Internal error'}))
    assert account_prices(lb, 1001)['error'].startswith('reading the price catalogue failed: LogicBoxes answered: Internal error')
    lb, _session = client(reply(200, {}), reply(200, BALANCE))
    assert account_prices(lb, 1001) == {'error': 'products/reseller-cost-price.json answered no catalogue'}
    lb, _session = client(reply(200, {'dotnet': {}}), reply(200, {'sellingcurrencybalance': '1'}))
    assert 'names no currency' in account_prices(lb, 1001)['error']


def test_balances_unreadable_as_amounts_are_unknown():
    assert available({'sellingcurrencybalance': 'n/a'}) is None and available(None) is None
    lb, _session = client(reply(200, {'currencysymbol': 'USD', 'sellingcurrencybalance': '40.00'}))
    assert customer_funds(lb, 'c7') == {'available': 40.0, 'currency': 'USD'}
