# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP client over requests against real loopback servers: how far a request got (not sent, reply lost, reply
timeout) decides whether it is retried, and what reached the server proves it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._errors import TransportError, UnknownOutcomeError
from ansible_collections.renewals.hosting.plugins.module_utils._http import HttpClient, new_session
from ansible_collections.renewals.hosting.plugins.module_utils._redact import Redactor

import loopback

SECRET = 'k3y-s3cr3t/+='


@pytest.fixture
def serve():
    servers = []

    def start(behaviour, tls=None):
        servers.append(loopback.LoopbackServer(behaviour, tls))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture(scope='module')
def certificate(tmp_path_factory):
    return loopback.self_signed(tmp_path_factory.mktemp('tls'))


@pytest.fixture
def no_proxy_settings(monkeypatch):
    for name in ('http_proxy', 'https_proxy', 'no_proxy', 'all_proxy', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    return monkeypatch


def client(url, timeout=2, sleeps=None, session=None, **kwargs):
    return HttpClient(url + '/api', timeout, redactor=Redactor([SECRET]), sleep=(sleeps if sleeps is not None else []).append,
                      session=session, **kwargs)


def test_reads_share_one_kept_alive_connection_and_encode_forms_and_queries(serve):
    server = serve(loopback.answer_json)
    api = client(server.url)
    first = api.read('GET', 'x.json', params=[('ns', 'a'), ('ns', 'b')])
    second = api.read('POST', 'x.json', data=[('auto-renew', 'true'), ('k', 'a b&c')])
    assert first.status == second.status == 200 and first.body == b'{"ok":"1"}\n'
    assert server.accepted == 1
    assert server.received[0].startswith(b'GET /api/x.json?ns=a&ns=b HTTP/1.1')
    assert b'User-Agent: renewals.hosting' in server.received[0]
    assert server.received[1].endswith(b'auto-renew=true&k=a+b%26c')
    assert b'application/x-www-form-urlencoded' in server.received[1]


def test_a_redirect_is_returned_not_followed(serve):
    def redirect(server, conn):
        server.read_request(conn)
        conn.sendall(b'HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n')

    server = serve(redirect)
    assert client(server.url).pay('POST', 'renew.json').status == 302
    assert len(server.received) == 1


def test_a_paying_request_opens_a_fresh_connection(serve):
    server = serve(loopback.answer_json)
    api = client(server.url)
    api.read('GET', 'details.json')
    api.pay('POST', 'renew.json', data={'years': '1'})
    api.read('GET', 'details.json')
    assert len(server.received) == 3 and server.accepted == 2, "the payment did not reuse the first read's connection"


@pytest.mark.parametrize('method', ['read', 'pay'])
def test_nothing_listening_is_not_sent_so_both_retry_then_fail_cleanly(method):
    sleeps = []
    with pytest.raises(TransportError) as caught:
        getattr(client('http://127.0.0.1:%d' % loopback.refusing_port(), sleeps=sleeps), method)(
            'POST', 'renew.json', params={'api-key': SECRET})
    assert not isinstance(caught.value, UnknownOutcomeError)
    assert caught.value.details['kind'] == 'connect' and len(sleeps) == 3
    assert 'cannot connect to 127.0.0.1 (Connection refused)' in caught.value.message and SECRET not in caught.value.message


def test_a_reset_after_the_request_is_retried_for_a_read_and_unknown_for_a_payment(serve):
    server = serve(loopback.reset_after_request)
    with pytest.raises(TransportError) as read:
        client(server.url).read('GET', 'details.json')
    assert read.value.details['kind'] == 'reset' and len(server.received) == 4
    with pytest.raises(UnknownOutcomeError) as paid:
        client(server.url).pay('POST', 'renew.json', params={'api-key': SECRET})
    assert (paid.value.kind, paid.value.may_still_commit) == ('reset', False)
    assert len(server.received) == 5 and SECRET not in paid.value.message


def test_no_reply_in_time_after_a_payment_may_still_commit(serve):
    server = serve(loopback.hang_after_request)
    with pytest.raises(UnknownOutcomeError) as caught:
        client(server.url, timeout=0.5).pay('POST', 'renew.json', data={'years': '1'})
    assert (caught.value.kind, caught.value.may_still_commit) == ('timeout', True)
    assert len(server.received) == 1 and server.received[0].endswith(b'years=1')


@pytest.mark.parametrize('method', ['read', 'pay'])
def test_a_self_signed_certificate_fails_at_once_and_nothing_is_sent(serve, certificate, method):
    server = serve(loopback.answer_json, loopback.tls_context(*certificate))
    sleeps = []
    with pytest.raises(TransportError) as caught:
        getattr(client(server.url, sleeps=sleeps), method)('POST', 'renew.json', params={'api-key': SECRET})
    assert not isinstance(caught.value, UnknownOutcomeError)
    assert caught.value.details['kind'] == 'tls' and sleeps == [] and server.accepted == 1 and server.received == []
    assert 'certificate' in caught.value.message and 'validate_certs or ca_path' in caught.value.message
    assert SECRET not in caught.value.message


def test_ca_path_validate_certs_and_the_environment_bundle_open_tls(serve, certificate, no_proxy_settings):
    server = serve(loopback.answer_json, loopback.tls_context(*certificate))
    assert client(server.url, ca_path=str(certificate[0])).pay('POST', 'renew.json').status == 200
    assert client(server.url, validate_certs=False).read('GET', 'x.json').status == 200
    no_proxy_settings.setenv('REQUESTS_CA_BUNDLE', str(certificate[0]))
    assert client(server.url, session=new_session()).read('GET', 'x.json').status == 200
    assert len(server.received) == 3


def test_a_reset_after_the_tls_handshake_is_a_lost_reply_not_a_tls_failure(serve, certificate):
    server = serve(loopback.reset_after_request, loopback.tls_context(*certificate))
    with pytest.raises(UnknownOutcomeError) as caught:
        client(server.url, ca_path=str(certificate[0])).pay('POST', 'renew.json')
    assert caught.value.kind == 'reset' and len(server.received) == 1


def test_a_handshake_that_never_completes_is_not_sent_so_a_payment_is_retried(serve, certificate):
    def silent(server, conn):
        server.stopped.wait(10)

    server = serve(silent)  # accepts TCP, never answers the TLS hello
    sleeps = []
    with pytest.raises(TransportError) as caught:
        client(server.url.replace('http:', 'https:'), timeout=0.5, sleeps=sleeps,
               ca_path=str(certificate[0])).pay('POST', 'renew.json')
    assert not isinstance(caught.value, UnknownOutcomeError)
    assert caught.value.details['kind'] == 'connect_timeout' and server.accepted == 4 and len(sleeps) == 3


def test_https_goes_through_the_proxy_tunnel_of_the_environment(serve, certificate, no_proxy_settings):
    server = serve(loopback.answer_json, loopback.tls_context(*certificate))
    proxy = serve(loopback.connect_proxy)
    no_proxy_settings.setenv('HTTPS_PROXY', proxy.url)
    reply = client(server.url, ca_path=str(certificate[0]), session=new_session()).pay('POST', 'renew.json')
    assert reply.status == 200 and reply.body == b'{"ok":"1"}\n'
    assert proxy.received[0].startswith(b'CONNECT 127.0.0.1:%d HTTP/1.' % server.port)
    assert server.received[0].startswith(b'POST /api/renew.json HTTP/1.1')


def test_plain_http_goes_to_the_proxy_with_the_absolute_url(serve, no_proxy_settings):
    proxy = serve(loopback.connect_proxy)
    no_proxy_settings.setenv('HTTP_PROXY', proxy.url)
    assert client('http://provider.invalid:8081', session=new_session()).read('GET', 'x.json', params={'a': 1}).status == 200
    assert proxy.received[0].startswith(b'GET http://provider.invalid:8081/api/x.json?a=1 HTTP/1.1')


def test_no_proxy_with_a_network_bypasses_the_proxy(serve, no_proxy_settings):
    server = serve(loopback.answer_json)
    no_proxy_settings.setenv('HTTP_PROXY', 'http://127.0.0.1:%d' % loopback.refusing_port())
    no_proxy_settings.setenv('NO_PROXY', '10.0.0.0/8,127.0.0.0/8')
    assert client(server.url, session=new_session()).read('GET', 'x.json').status == 200
    assert len(server.received) == 1


def test_a_refusing_proxy_means_not_sent(no_proxy_settings):
    no_proxy_settings.setenv('HTTPS_PROXY', 'http://127.0.0.1:%d' % loopback.refusing_port())
    sleeps = []
    with pytest.raises(TransportError) as caught:
        client('https://provider.invalid', sleeps=sleeps, session=new_session()).pay('POST', 'renew.json')
    assert not isinstance(caught.value, UnknownOutcomeError)
    assert caught.value.details['kind'] == 'connect' and len(sleeps) == 3


def test_a_tunnel_the_proxy_refuses_means_not_sent(serve, no_proxy_settings):
    proxy = serve(loopback.connect_proxy)  # answers 403 to a CONNECT beyond loopback
    no_proxy_settings.setenv('HTTPS_PROXY', proxy.url)
    with pytest.raises(TransportError) as caught:
        client('https://provider.invalid', session=new_session()).pay('POST', 'renew.json')
    assert not isinstance(caught.value, UnknownOutcomeError)
    assert caught.value.details['kind'] == 'connect'
    assert [line.split(b' ')[:2] for line in proxy.received] == [[b'CONNECT', b'provider.invalid:443']] * 4


def test_a_netrc_entry_does_not_replace_the_providers_authorization_header(serve, tmp_path, no_proxy_settings):
    server = serve(loopback.answer_json)
    (tmp_path / 'netrc').write_text('machine 127.0.0.1 login someone password other\n')
    no_proxy_settings.setenv('NETRC', str(tmp_path / 'netrc'))
    client(server.url, session=new_session(), default_headers={'Authorization': 'Bearer ' + SECRET}).read('GET', 'x.json')
    assert b'Authorization: Bearer ' + SECRET.encode('ascii') in server.received[0]
