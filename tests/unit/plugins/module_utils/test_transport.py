# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The stdlib transport against real loopback sockets: how far a request got decides what it raises."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket
import threading
import time

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._transport import NotSent, ReplyLost, ReplyTimeout, StdlibSession


class LoopbackServer:
    """Accepts connections on 127.0.0.1 and hands each to ``behaviour(conn)``; records what it received."""

    def __init__(self, behaviour):
        self.behaviour = behaviour
        self.received = []
        self.accepted = 0
        self.sock = socket.socket()
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, _address = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            threading.Thread(target=self.behaviour, args=(self, conn), daemon=True).start()

    def read_request(self, conn):
        data = b''
        while b'\r\n\r\n' not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return None
            data += chunk
        head, _sep, rest = data.partition(b'\r\n\r\n')
        length = [int(line.split(b':')[1]) for line in head.split(b'\r\n') if line.lower().startswith(b'content-length')]
        while length and len(rest) < length[0]:
            rest += conn.recv(65536)
        self.received.append(head + b'\r\n\r\n' + rest)
        return self.received[-1]

    def close(self):
        self.sock.close()


def answer_json(server, conn):
    while server.read_request(conn) is not None:
        conn.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":"1"}\n')
    conn.close()


def close_at_once(server, conn):
    server.read_request(conn)
    conn.close()


def never_answer(server, conn):
    server.read_request(conn)
    time.sleep(3)
    conn.close()


@pytest.fixture
def serve():
    servers = []

    def start(behaviour):
        servers.append(LoopbackServer(behaviour))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def test_keep_alive_reuses_one_connection_and_encodes_forms_and_queries(serve):
    server = serve(answer_json)
    session = StdlibSession()
    url = 'http://127.0.0.1:%d/api/x.json' % server.port
    first = session.request('GET', url, params=[('ns', 'a'), ('ns', 'b')], timeout=2)
    second = session.request('POST', url, data=[('auto-renew', 'true'), ('k', 'a b&c')], timeout=2)
    assert first.status_code == second.status_code == 200 and first.content == b'{"ok":"1"}\n'
    assert server.accepted == 1
    assert server.received[0].startswith(b'GET /api/x.json?ns=a&ns=b HTTP/1.1')
    assert server.received[1].endswith(b'auto-renew=true&k=a+b%26c')
    assert b'application/x-www-form-urlencoded' in server.received[1]
    session.close()


def test_nothing_listening_is_not_sent():
    probe = socket.socket()
    probe.bind(('127.0.0.1', 0))
    port = probe.getsockname()[1]
    probe.close()
    with pytest.raises(NotSent) as caught:
        StdlibSession().request('POST', 'http://127.0.0.1:%d/renew.json' % port, data={'a': '1'}, timeout=2)
    assert caught.value.not_sent and caught.value.kind == 'connect'


def test_a_connection_closed_after_the_request_is_a_lost_reply(serve):
    server = serve(close_at_once)
    with pytest.raises(ReplyLost) as caught:
        StdlibSession().request('POST', 'http://127.0.0.1:%d/renew.json' % server.port, data={'a': '1'}, timeout=2)
    assert not caught.value.not_sent and len(server.received) == 1


def test_no_reply_in_time_is_a_timeout_after_sending(serve):
    server = serve(never_answer)
    with pytest.raises(ReplyTimeout) as caught:
        StdlibSession().request('POST', 'http://127.0.0.1:%d/renew.json' % server.port, data={'a': '1'}, timeout=0.5)
    assert caught.value.kind == 'timeout' and not caught.value.not_sent and len(server.received) == 1


def test_plain_http_goes_through_the_environment_proxy(serve, monkeypatch):
    proxy = serve(answer_json)
    monkeypatch.setenv('http_proxy', 'http://127.0.0.1:%d' % proxy.port)
    monkeypatch.delenv('no_proxy', raising=False)
    monkeypatch.delenv('NO_PROXY', raising=False)
    reply = StdlibSession().request('GET', 'http://provider.invalid:8081/api/x.json', params={'a': 1}, timeout=2)
    assert reply.status_code == 200
    assert proxy.received[0].startswith(b'GET http://provider.invalid:8081/api/x.json?a=1 HTTP/1.1')
