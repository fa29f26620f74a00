# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The VPSBG support plan through the engine: expiry from the latest paid support order, the open-order guard."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC, to_epoch, to_iso
from results import Policy, RenewalFailed, run_renewal
from ansible_collections.renewals.hosting.plugins.module_utils._errors import ProviderError
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.client import VpsbgClient
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.support import VpsbgSupport

from fakes import ScriptedSession, reply

NOW = datetime.datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
URL = 'https://api.vpsbg.eu/v1'


def order(order_id, status, service_type='support', ends_in_days=10, cycle=1, order_type='renew-service'):
    end = NOW + datetime.timedelta(days=ends_in_days)
    return {'id': order_id, 'type': order_type, 'status': status, 'amount': 15, 'amount_with_vat': 18,
            'created_at': '2026-10-01T00:00:00.000000Z', 'due_at': '2026-10-08T00:00:00.000000Z', 'invoices': [],
            'services': [{'service_type': service_type, 'service_id': 77 if service_type == 'support' else 2864,
                          'service_billing_cycle': cycle, 'label': 'Professional support plan', 'is_period_changeable': status == 'awaiting_payment',
                          'period_from': to_epoch(end - datetime.timedelta(days=30)), 'period_to': to_epoch(end)}]}


def summary(full):
    return dict((key, value) for key, value in full.items() if key not in ('services', 'invoices'))


def listing(*rows):
    return reply(200, {'data': [summary(row) for row in rows], 'links': {'next': None}, 'meta': {'current_page': 1, 'last_page': 1}})


def support(*script, **params):
    session = ScriptedSession(*script)
    base = dict(api_token='vpsbg-token', api_url=URL, timeout=5.0, validate_certs=True, ca_path=None, billing_cycle=None,
                force=False)
    base.update(params)
    return VpsbgSupport(VpsbgClient(base, session=session, sleep=lambda seconds: None), base), session


def run(api, check_mode=False, **policy):
    policy.setdefault('now', NOW)
    return run_renewal(api, Policy(**policy), check_mode=check_mode, diff=False)


def test_expiry_is_the_end_of_the_latest_paid_support_period():
    older = order(200158, 'paid', ends_in_days=-20, order_type='new-service')
    current = order(200159, 'paid', ends_in_days=10)
    server_renewal = order(200170, 'paid', service_type='server', ends_in_days=50)
    api, session = support(listing(), listing(server_renewal, current, older), reply(200, server_renewal), reply(200, current))
    state = api.read_state()
    assert to_iso(state.expires_at) == to_iso(NOW + datetime.timedelta(days=10)) and state.service_id == 77
    assert state.extra['paid_by_order'] == 200159 and state.pending is None
    assert session.sent[0]['params']['filter[status]'] == 'awaiting_payment,processing'
    assert session.sent[1]['params'] == {'filter[status]': 'paid', 'per_page': 50, 'page': 1}
    assert [item['url'][len(URL):] for item in session.sent[2:4]] == ['/orders/200170', '/orders/200159']


def test_due_support_plan_is_renewed_once():
    paid = order(200159, 'paid', ends_in_days=10, cycle=3)
    placed = order(200200, 'awaiting_payment', ends_in_days=100, cycle=3)
    api, session = support(listing(), listing(paid), reply(200, paid), reply(201, placed))
    result = run(api)
    assert result['outcome'] == 'awaiting_payment' and result['pending'] is True and result['order']['id'] == 200200
    post = session.sent[-1]
    assert post['method'] == 'POST' and post['url'] == URL + '/support/renew'


def test_an_open_support_renew_order_blocks_a_new_one():
    paid = order(200159, 'paid', ends_in_days=10)
    open_order = order(200201, 'awaiting_payment', ends_in_days=40)
    api, session = support(listing(open_order), reply(200, open_order), listing(paid), reply(200, paid), force=True)
    result = run(api, force=True)
    assert result['outcome'] == 'awaiting_payment' and result['changed'] is False and result['order']['id'] == 200201
    assert all(item['method'] == 'GET' for item in session.sent)
    assert result['service']['potential_expires_at'] == result['order']['period_to']


def test_open_support_order_period_is_changed_in_place():
    paid = order(200159, 'paid', ends_in_days=10)
    open_order = order(200201, 'awaiting_payment', ends_in_days=40)
    api, session = support(listing(open_order), reply(200, open_order), listing(paid), reply(200, paid), reply(204, ''),
                           reply(200, order(200201, 'awaiting_payment', ends_in_days=40, cycle=6)), billing_cycle=6)
    result = run(api)
    patch = session.sent[4]
    assert patch['method'] == 'PATCH' and patch['url'] == URL + '/orders/200201/support/77'
    assert result['changed'] and result['order']['billing_cycle'] == 6


def test_lost_reply_is_resolved_from_the_orders():
    paid = order(200159, 'paid', ends_in_days=10)
    placed = order(200200, 'awaiting_payment', ends_in_days=40)
    api, session = support(listing(), listing(paid), reply(200, paid), reply(503, '<html>unavailable</html>'),
                           listing(placed), reply(200, placed), listing(paid), reply(200, paid))
    result = run(api)
    assert result['outcome'] == 'awaiting_payment' and result['order']['id'] == 200200
    assert [item['method'] for item in session.sent].count('POST') == 1


def test_no_paid_support_order_fails_unless_forced():
    api, session = support(listing(), listing())
    with pytest.raises(ProviderError) as caught:
        run(api)
    assert caught.value.code == 'no_support_plan' and len(session.sent) == 2
    assert 'every paid order of the account was read' in caught.value.message
    api, session = support(listing(), listing(), reply(201, order(200300, 'awaiting_payment')), force=True)
    assert run(api, force=True)['outcome'] == 'awaiting_payment'


def test_max_price_fails_because_no_price_is_known():
    paid = order(200159, 'paid', ends_in_days=10)
    api, session = support(listing(), listing(paid), reply(200, paid))
    with pytest.raises(RenewalFailed) as caught:
        run(api, max_price=100)
    assert caught.value.outcome.to_result()['error']['code'] == 'price_unknown' and len(session.sent) == 3
