# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Real servers on 127.0.0.1 for the HTTP tests: each misbehaves in one way (refuses, resets, hangs, bad TLS) or
is a proxy. They record what reached them, so a test can tell whether a request was sent."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import select
import socket
import ssl
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..'))  # tests/, for sandbox

from sandbox.certificate import self_signed  # noqa: E402,F401  pylint: disable=wrong-import-position,unused-import
from sandbox.cli import tls_context  # noqa: E402,F401  pylint: disable=wrong-import-position,unused-import

JSON_REPLY = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":"1"}\n'


class LoopbackServer:
    """Accepts connections on 127.0.0.1 and hands each to ``behaviour(server, conn)``; records what it received.

    With ``tls`` (a server-side SSLContext) the handshake runs first; ``failed_handshakes`` counts the ones that failed."""

    def __init__(self, behaviour, tls=None):
        self.behaviour = behaviour
        self.tls = tls
        self.received = []
        self.accepted = 0
        self.failed_handshakes = 0
        self.stopped = threading.Event()
        self.sock = socket.socket()
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.url = '%s://127.0.0.1:%d' % ('https' if tls else 'http', self.port)
        self.threads = [threading.Thread(target=self._serve, daemon=True)]
        self.threads[0].start()

    def _serve(self):
        while True:
            try:
                conn, _address = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            thread = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            self.threads.append(thread)
            thread.start()

    def _handle(self, conn):
        conn.settimeout(10)
        try:
            if self.tls is not None:
                try:
                    conn = self.tls.wrap_socket(conn, server_side=True)
                except (ssl.SSLError, OSError):
                    self.failed_handshakes += 1
                    return
            self.behaviour(self, conn)
        except OSError:
            pass
        finally:
            conn.close()

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
        self.stopped.set()
        self.sock.close()
        for thread in self.threads[1:]:
            thread.join(5)


def answer_json(server, conn):
    while server.read_request(conn) is not None:
        conn.sendall(JSON_REPLY)


def reset_after_request(server, conn):
    """Reads the request, then drops the connection with a TCP reset."""
    server.read_request(conn)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\x01\x00\x00\x00\x00\x00\x00\x00')


def hang_after_request(server, conn):
    """Reads the request and never answers (until the test stops the server)."""
    server.read_request(conn)
    server.stopped.wait(10)


def connect_proxy(server, conn):
    """A forwarding proxy: CONNECT opens a tunnel to a loopback port; a plain request is answered by the proxy itself."""
    request = server.read_request(conn)
    if request is None:
        return
    method, target = request.split(b' ')[:2]
    if method != b'CONNECT':
        conn.sendall(JSON_REPLY)
        return
    host, _sep, port = target.decode('ascii').rpartition(':')
    if host not in ('127.0.0.1', 'localhost'):
        conn.sendall(b'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n')
        return
    upstream = socket.create_connection(('127.0.0.1', int(port)), timeout=10)
    conn.sendall(b'HTTP/1.1 200 Connection established\r\n\r\n')
    with upstream:
        _pipe(conn, upstream)


def _pipe(left, right):
    while True:
        readable, _w, _x = select.select([left, right], [], [], 10)
        if not readable:
            return
        for source in readable:
            data = source.recv(65536)
            if not data:
                return
            (right if source is left else left).sendall(data)


def refusing_port():
    """A loopback port with nothing listening on it."""
    probe = socket.socket()
    probe.bind(('127.0.0.1', 0))
    port = probe.getsockname()[1]
    probe.close()
    return port
