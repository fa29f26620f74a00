"""HTTP/1.1 keep-alive server that feeds requests to a Sandbox and writes its answers,
including the ones real networks produce: TCP resets and silent connections.
Optionally over TLS (``ssl_context``), for clients' certificate checks.
"""

import socket
import ssl
import struct
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .http import Hang, Request, Reset, json_response, parse_params

FORM_TYPE = "application/x-www-form-urlencoded"
MAX_BODY = 16 * 1024 * 1024


class SandboxServer(ThreadingHTTPServer):
    """Thread per connection; worker threads never block shutdown."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # benchmarks open ~20 connections at once

    def __init__(self, address, sandbox, ssl_context=None):
        super().__init__(address, SandboxHandler)
        self.sandbox = sandbox
        self.ssl_context = ssl_context

    def get_request(self):
        """Accept; with TLS the handshake waits for the connection's own thread (a stalled client blocks nobody)."""
        connection, address = self.socket.accept()
        if self.ssl_context is not None:
            connection = self.ssl_context.wrap_socket(connection, server_side=True, do_handshake_on_connect=False)
        return connection, address


class SandboxHandler(BaseHTTPRequestHandler):
    """Reads one request, asks the sandbox, writes the answer (or resets / hangs)."""

    protocol_version = "HTTP/1.1"  # keep-alive: every answer carries Content-Length
    server_version = "sandbox/1.0"
    sys_version = ""
    timeout = 120  # idle keep-alive connections give their thread back eventually

    handshake_failed = False

    def setup(self):
        if isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(self.timeout)
            try:
                self.request.do_handshake()
            except (OSError, ValueError):  # the client refused the certificate, or spoke plain HTTP
                self.handshake_failed = True
        super().setup()
        # Headers and body go out in two writes; without NODELAY, Nagle plus the peer's delayed
        # ACK holds the body back ~40 ms on every keep-alive request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def handle(self):
        """Serve the connection's requests (none when the TLS handshake failed: nothing reached the sandbox)."""
        if not self.handshake_failed:
            super().handle()

    def do_GET(self):  # pylint: disable=invalid-name
        """GET."""
        self._serve()

    def do_POST(self):  # pylint: disable=invalid-name
        """POST."""
        self._serve()

    def do_PUT(self):  # pylint: disable=invalid-name
        """PUT."""
        self._serve()

    def do_PATCH(self):  # pylint: disable=invalid-name
        """PATCH."""
        self._serve()

    def do_DELETE(self):  # pylint: disable=invalid-name
        """DELETE."""
        self._serve()

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Quiet: GET /_admin/requests is the log."""

    def _serve(self):
        try:
            request = self._read_request()
        except ValueError as error:
            self.close_connection = True
            self._write(json_response(400, {"error": str(error)}))
            return
        answer = self.server.sandbox.dispatch(request)
        if isinstance(answer, Reset):
            self._reset()
        elif isinstance(answer, Hang):
            self._hang(answer.seconds)
        else:
            self._write(answer)

    def _read_request(self):
        url = urlsplit(self.path)
        headers = {name.lower(): value for name, value in self.headers.items()}
        body = self._read_body(headers)
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        form = parse_params(body) if content_type == FORM_TYPE else {}
        return Request(self.command, url.path, parse_params(url.query), form, headers, body, self.client_address[0])

    def _read_body(self, headers):
        if "chunked" in headers.get("transfer-encoding", "").lower():
            return self._read_chunked()
        length = int(headers.get("content-length") or 0)
        if length < 0 or length > MAX_BODY:
            raise ValueError("bad Content-Length")
        return self.rfile.read(length) if length else b""

    def _read_chunked(self):
        chunks = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline().strip():  # trailers
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _write(self, response):
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(response.body)

    def _reset(self):
        """Abort with RST: SO_LINGER 0 makes close() discard the connection instead of a FIN."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()  # the socket only really closes once its file objects are gone
        self.connection.close()

    def _hang(self, seconds):
        """Say nothing for `seconds` (or until shutdown), then close without an answer."""
        self.close_connection = True
        self.server.sandbox.stopping.wait(seconds)
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # the client may have given up and closed first
