# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""VPSBG wire format and error mapping, through the real client with a scripted session."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC
from ansible_collections.renewals.hosting.plugins.module_utils._errors import (
    AuthError,
    NotFoundError,
    ProviderError,
    RateLimitedError,
    UnknownOutcomeError,
)
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg.client import (
    LockedError,
    ValidationFailed,
    VpsbgClient,
    parse_time,
    unwrap,
)


from fakes import Fault, ScriptedSession, reply

TOKEN = 'vpsbg/secret+token'
API_URL = 'https://api.vpsbg.eu/v1'


def client(*script):
    session = ScriptedSession(*script)
    sleeps = []
    params = dict(api_token=TOKEN, api_url=API_URL, timeout=5.0, validate_certs=True, ca_path=None)
    return VpsbgClient(params, session=session, sleep=sleeps.append), session, sleeps


def test_every_request_carries_the_bearer_token_and_accept_json():
    api, session, _sleeps = client(reply(200, {'id': 2864}), reply(200, {'amount': 1}))
    api.get('servers/2864')
    api.ask('servers/renew/calculate', {'server_ids': [2864], 'billing_cycle': 3})
    for sent in session.sent:
        assert sent['headers']['Authorization'] == 'Bearer %s' % TOKEN
        assert sent['headers']['Accept'] == 'application/json'
    assert session.sent[0]['method'] == 'GET' and session.sent[0]['url'] == API_URL + '/servers/2864'
    assert session.sent[1]['method'] == 'POST' and session.sent[1]['url'] == API_URL + '/servers/renew/calculate'


def test_json_bodies_are_sent_as_json():
    captured = {}

    class Recording(ScriptedSession):
        def request(self, method, url, params=None, data=None, json=None, headers=None, **kwargs):
            captured['json'] = json
            return super(Recording, self).request(method, url, params=params, data=data, json=json, headers=headers, **kwargs)

    session = Recording(reply(201, {'id': 1}))
    VpsbgClient(dict(api_token=TOKEN, api_url=API_URL, timeout=5.0, validate_certs=True, ca_path=None), session=session).order(
        'support/renew', {'billing_cycle': 3})
    assert captured['json'] == {'billing_cycle': 3} and session.sent[0]['data'] is None


def test_422_names_the_fields_and_the_options_behind_them():
    body = {'message': 'The selected server_ids.0 is invalid. (and 1 more error)',
            'errors': {'server_ids.0': ['The selected server_ids.0 is invalid.'], 'billing_cycle': ['The selected billing cycle is invalid.']}}
    api, _session, _sleeps = client(reply(422, body))
    with pytest.raises(ValidationFailed) as caught:
        api.order('servers/renew', {})
    error = caught.value
    assert 'server_ids.0 (option server_id): The selected server_ids.0 is invalid.' in error.message
    assert 'billing_cycle: The selected billing cycle is invalid.' in error.message
    assert error.as_dict()['fields'] == body['errors'] and error.as_dict()['http_status'] == 422


def test_422_without_errors_keeps_the_message():
    api, _session, _sleeps = client(reply(422, {'message': 'The given data was invalid.'}))
    with pytest.raises(ValidationFailed) as caught:
        api.get('servers/1')
    assert caught.value.message.endswith('The given data was invalid.')


@pytest.mark.parametrize('status,body,error_class,words', [
    (401, {'message': 'Unauthenticated.'}, AuthError, 'check api_token'),
    (403, '<html>Forbidden</html>', AuthError, 'firewall'),
    (404, {'message': 'No query results for model [App\\Models\\Server] 99'}, NotFoundError, 'no server 99'),
    (405, {'message': 'The POST method is not supported for route v1/servers/renew.'}, ProviderError, 'HTTP 405'),
    (302, '', ProviderError, 'HTTP 302'),
])
def test_refusals_are_definite_errors(status, body, error_class, words):
    api, session, _sleeps = client(reply(status, body))
    with pytest.raises(error_class) as caught:
        api.get('servers/99', not_found='VPSBG has no server 99')
    assert words in caught.value.message and caught.value.details['http_status'] == status
    assert len(session.sent) == 1


def test_423_is_waited_out_with_bounded_backoff():
    locked = reply(423, {'message': 'Locked'})
    api, session, sleeps = client(locked, locked, reply(201, {'id': 7}))
    assert api.order('servers/renew', {'server_ids': [1], 'billing_cycle': 1}) == {'id': 7}
    assert sleeps == [1.0, 2.0] and len(session.sent) == 3


def test_423_that_does_not_clear_fails_after_three_retries():
    locked = reply(423, {'message': 'Locked'})
    api, session, sleeps = client(locked, locked, locked, locked)
    with pytest.raises(LockedError) as caught:
        api.order('servers/renew', {})
    assert 'still locked after 3 retries over 7 s' in caught.value.message and caught.value.code == 'locked'
    assert sleeps == [1.0, 2.0, 4.0] and len(session.sent) == 4


def test_429_waits_for_retry_after_on_the_paying_call():
    api, session, sleeps = client(reply(429, {'message': 'Too Many Attempts.'}, {'Retry-After': '3', 'X-RateLimit-Remaining': '0'}),
                                  reply(201, {'id': 8}))
    assert api.order('support/renew', {'billing_cycle': 1}) == {'id': 8}
    assert sleeps == [3.0] and len(session.sent) == 2


def test_429_that_does_not_clear_fails():
    limited = reply(429, {'message': 'Too Many Attempts.'}, {'Retry-After': '1'})
    api, _session, _sleeps = client(*[limited] * 6)
    with pytest.raises(RateLimitedError):
        api.get('servers/1')


def test_a_500_after_the_paying_call_is_an_unknown_outcome_even_with_a_json_body():
    api, session, _sleeps = client(reply(500, {'message': 'Server Error'}))
    with pytest.raises(UnknownOutcomeError) as caught:
        api.order('servers/renew', {})
    assert caught.value.may_still_commit is False and len(session.sent) == 1


def test_a_500_on_a_read_is_retried():
    api, session, sleeps = client(reply(500, {'message': 'Server Error'}), reply(200, {'id': 1}))
    assert api.get('servers/1') == {'id': 1} and len(session.sent) == 2 and len(sleeps) == 1


def test_a_timeout_after_the_paying_call_may_still_commit():
    api, session, _sleeps = client(Fault('hang'))
    with pytest.raises(UnknownOutcomeError) as caught:
        api.order('support/renew', {'billing_cycle': 1})
    assert caught.value.may_still_commit is True and len(session.sent) == 1


def test_unreadable_success_on_the_paying_call_is_an_unknown_outcome():
    api, _session, _sleeps = client(reply(201, '{"id": 20'))
    with pytest.raises(UnknownOutcomeError):
        api.order('support/renew', {'billing_cycle': 1})


def test_empty_204_decodes_to_none():
    api, session, _sleeps = client(reply(204, ''))
    assert api.patch('orders/1/server/2', {'billing_cycle': 3}) is None
    assert session.sent[0]['method'] == 'PATCH'


def page(rows, number, last, next_url='https://api.vpsbg.eu/v1/orders?page=2'):
    return reply(200, {'data': rows, 'links': {'next': next_url if number < last else None},
                       'meta': {'current_page': number, 'last_page': last}})


def test_pages_ask_for_each_page_with_the_same_filters():
    api, session, _sleeps = client(page([{'id': 1}], 1, 2), page([{'id': 2}], 2, 2))
    rows = api.pages('orders', {'filter[status]': 'awaiting_payment,processing', 'per_page': 50})
    assert rows == [{'id': 1}, {'id': 2}]
    assert [sent['params'] for sent in session.sent] == [
        {'filter[status]': 'awaiting_payment,processing', 'per_page': 50, 'page': 1},
        {'filter[status]': 'awaiting_payment,processing', 'per_page': 50, 'page': 2},
    ]


def test_pages_refuse_an_endless_list():
    api, _session, _sleeps = client(*[page([{'id': number}], number, 999) for number in range(1, 21)])
    with pytest.raises(ProviderError) as caught:
        api.pages('orders', {})
    assert 'refusing to act on a partial list' in caught.value.message


def test_unwrap_and_timestamps():
    assert unwrap({'data': {'id': 1}}) == {'id': 1}
    assert unwrap({'id': 1, 'data': {}}) == {'id': 1, 'data': {}}
    expected = datetime.datetime(2024, 10, 27, 11, 3, 10, tzinfo=UTC)
    assert parse_time('2024-10-27T11:03:10.000000Z') == expected
    assert parse_time('2024-10-27T11:03:10Z') == expected
    assert parse_time('2024-10-27T13:03:10+02:00') == expected
    assert parse_time(None) is None
    with pytest.raises(ProviderError):
        parse_time('27/10/2024', 'expiry_at')


def test_rows_read_a_page_only_when_the_caller_gets_that_far():
    api, session, _sleeps = client(page([{'id': 3}, {'id': 2}], 1, 5))
    rows = api.rows('orders', {'filter[status]': 'paid'}, 10)
    assert next(rows) == {'id': 3} and len(session.sent) == 1


def test_a_list_that_ends_before_its_last_page_is_refused():
    api, _session, _sleeps = client(reply(200, {'data': [{'id': 1}], 'links': {}, 'meta': {'current_page': 1, 'last_page': 3}}))
    with pytest.raises(ProviderError) as caught:
        api.pages('orders', {})
    assert caught.value.message == 'VPSBG ended the orders list at page 1 of 3; refusing to act on a partial list'
