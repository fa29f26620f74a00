# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Recovery of paying requests a killed run left without an outcome, on each state backend, against the sandbox: a
renewal that landed is recorded as such, one that does not show yet holds its order until it settles, never re-sent."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import requests


from ansible_collections.renewals.hosting.plugins.module_utils._dates import from_epoch
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.dispatch import identity, module_params, public_order, validate
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.recovery import recover_dangling
from ansible_collections.renewals.hosting.plugins.module_utils._registry import target_for

LB_KEY = 'recovery-test-lb-key'
ORDER_ID = 9101


def fixture():
    return {'logicboxes': {'auth_userid': '1001', 'api_key': LB_KEY, 'orders': [
        dict(order_id=ORDER_ID, product='dedicated_server_linux', region='us', price='10.00', expires_in_days=5)]}}


def credentials(sandbox):
    return lambda module: {'auth_userid': 1001, 'api_key': LB_KEY, 'api_url': sandbox.logicboxes_url}


ORDER = {'provider': 'logicboxes', 'service': 'dedicated_server_linux', 'id': ORDER_ID, 'region': 'us', 'period': 1,
         'options': {}, 'price': None, 'renew_before_days': 30, 'max_price': None, 'force': False}


class Read:
    """The service as the killed run read it before sending."""

    def __init__(self, expires_at):
        self.expires_at = expires_at


def killed_run_intent(state, sandbox):
    """What a run SIGKILLed right after its intent left in the ledger: an intent without an outcome."""
    target = target_for('logicboxes', ORDER['service'])
    params = validate(target, module_params(target, ORDER, credentials(sandbox)(target.module)))[0]
    key = identity(target, params, ORDER)
    expires = from_epoch(sandbox.state('logicboxes')['orders'][str(ORDER_ID)]['endtime'])
    state.journal('killed-run', key, 'the-host', 'logicboxes', public_order(target, ORDER)).intent(Read(expires), 0)
    return key


def test_a_renewal_that_landed_is_recorded_and_not_sent_again(backend, fresh):
    state = backend.open()
    killed_run_intent(state, fresh)
    # the killed run's request reached the provider after all: the order is renewed there
    landed = requests.post(fresh.logicboxes_url + '/dedicatedserver/linux/us/renew.json', timeout=10,
                           data={'auth-userid': '1001', 'api-key': LB_KEY, 'order-id': ORDER_ID, 'months': 1,
                                 'invoice-option': 'NoInvoice'})
    assert landed.status_code == 200, landed.text
    records = recover_dangling(backend.open(), credentials(fresh), 5, False, run_id='next-run')
    assert [(record['outcome'], record['run_id']) for record in records] == [('renewed', 'killed-run')]
    assert backend.open().dangling_intents() == []
    assert fresh.state('logicboxes')['orders'][str(ORDER_ID)]['renewals'] == 1


def test_a_recent_renewal_that_does_not_show_holds_the_order_and_an_old_one_is_settled_as_not_renewed(backend, fresh):
    state = backend.open()
    key = killed_run_intent(state, fresh)
    held = recover_dangling(backend.open(), credentials(fresh), 5, False, run_id='next-run', settle_seconds=900)
    assert [record['outcome'] for record in held] == ['held']
    assert backend.open().run('next-run').held(key) is not None, 'the next run reports the order pending, sends nothing'
    assert len(backend.open().dangling_intents()) == 1, 'the intent stays open until it settles'
    settled = recover_dangling(backend.open(), credentials(fresh), 5, False, run_id='later-run', settle_seconds=0)
    assert [record['outcome'] for record in settled] == ['not_renewed']
    assert backend.open().dangling_intents() == [] and backend.open().run('later-run').held(key) is None
    assert fresh.state('logicboxes')['orders'][str(ORDER_ID)]['renewals'] == 0
    renewals = [entry for entry in fresh.requests(provider='logicboxes') if entry['path'].endswith('renew.json')]
    assert renewals == [], 'recovery only reads'


def test_check_mode_recovery_records_nothing(backend, fresh):
    state = backend.open()
    killed_run_intent(state, fresh)
    records = recover_dangling(backend.open(check_mode=True), credentials(fresh), 5, True, run_id='check-run', settle_seconds=0)
    assert [record['outcome'] for record in records] == ['not_renewed']
    assert len(backend.open().dangling_intents()) == 1, 'check mode left the ledger as it was'
