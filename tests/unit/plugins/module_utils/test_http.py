# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Retry rules of the HTTP client: reads retry, a paying request is never re-sent after it may have landed.
Each failure is real (fakes.Fault: a loopback server that refuses, resets or hangs)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._errors import RateLimitedError, TransportError, UnknownOutcomeError
from ansible_collections.renewals.hosting.plugins.module_utils._http import HttpClient, retry_after_seconds, Response
from ansible_collections.renewals.hosting.plugins.module_utils._redact import Redactor

from fakes import Fault, ScriptedSession, reply

SECRET = 'k3y-s3cr3t/+='
URL = 'https://api.example.test/api'


def client(session, **kwargs):
    return HttpClient(URL, 5, redactor=Redactor([SECRET]), session=session, sleep=kwargs.pop('sleep', lambda s: None), **kwargs)


def refused():
    return Fault('refused')


def reset():
    return Fault('reset')


def read_timeout():
    return Fault('hang')


def test_read_retries_transient_failures_then_succeeds():
    session = ScriptedSession(read_timeout(), reset(), reply(502, '<html>bad gateway</html>'), reply(200, {'ok': '1'}))
    assert client(session).read('GET', 'x.json').status == 200
    assert len(session.sent) == 4


def test_read_gives_up_with_a_scrubbed_message():
    session = ScriptedSession(*[read_timeout() for dummy in range(4)])
    with pytest.raises(TransportError) as caught:
        client(session).read('GET', 'x.json', params={'api-key': SECRET})
    assert SECRET not in str(caught.value) and 'api.example.test' in str(caught.value)


def test_pay_is_not_resent_after_a_timeout_or_reset():
    for failure, kind, may_still_commit in ((read_timeout(), 'timeout', True), (reset(), 'reset', False)):
        session = ScriptedSession(failure)
        with pytest.raises(UnknownOutcomeError) as caught:
            client(session).pay('POST', 'renew.json', params={'api-key': SECRET})
        assert len(session.sent) == 1
        assert (caught.value.kind, caught.value.may_still_commit) == (kind, may_still_commit)
        assert SECRET not in caught.value.message


def test_pay_treats_unparseable_5xx_as_unknown_but_returns_provider_errors():
    session = ScriptedSession(reply(500, '<html>oops</html>'))
    with pytest.raises(UnknownOutcomeError):
        client(session).pay('POST', 'renew.json')
    definite = ScriptedSession(reply(500, {'status': 'ERROR', 'message': 'nope'}))
    response = client(definite, is_definite_error=lambda r: b'ERROR' in r.body).pay('POST', 'renew.json')
    assert response.status == 500 and len(definite.sent) == 1


def test_pay_retries_when_provably_not_sent():
    session = ScriptedSession(refused(), reply(200, {'status': 'Success'}))
    assert client(session).pay('POST', 'renew.json').status == 200
    assert len(session.sent) == 2


def test_rate_limit_honours_retry_after_for_reads_and_pays():
    waits = []
    session = ScriptedSession(reply(429, '', {'Retry-After': '7'}), reply(200, {}))
    assert client(session, sleep=waits.append).pay('POST', 'renew.json').status == 200
    assert waits == [7.0]
    storm = ScriptedSession(*[reply(429, '', {'Retry-After': '1'}) for dummy in range(6)])
    with pytest.raises(RateLimitedError):
        client(storm).read('GET', 'x.json')


def test_retry_after_is_clamped():
    assert retry_after_seconds(Response(429, {'retry-after': '9999'}, b'')) == 60.0
    assert retry_after_seconds(Response(429, {}, b'')) == 5.0


def test_unreadable_read_body_is_retried_then_reported():
    session = ScriptedSession(reply(200, '{"trunc'), reply(200, {'a': '1'}))
    assert client(session).read('GET', 'x', decode=lambda r: __import__('json').loads(r.text)) == {'a': '1'}


def test_ca_path_and_validate_certs_reach_the_session():
    session = ScriptedSession(reply(200, {}), reply(200, {}))
    HttpClient(URL, 5, validate_certs=True, ca_path='/etc/ca.pem', session=session).read('GET', 'x')
    HttpClient(URL, 5, validate_certs=False, ca_path='/etc/ca.pem', session=session).read('GET', 'x')
    assert [sent['verify'] for sent in session.sent] == ['/etc/ca.pem', False]
