"""Command line: ``PYTHONPATH=tests python -m sandbox --fixture FILE [--port 0] [--port-file PATH] ...``."""

import argparse
import ipaddress
import os
import signal
import ssl
import sys
import threading

from .core.fixture import read_fixture
from .core.sandbox import Sandbox
from .core.server import SandboxServer
from .providers import PROVIDER_CLASSES


def parse_args(argv):
    """Command line options."""
    parser = argparse.ArgumentParser(prog="python -m sandbox", description="Offline provider sandbox (loopback only).")
    parser.add_argument("--fixture", required=True, help="JSON fixture file describing the providers' accounts")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="TCP port; 0 picks a free one (default)")
    parser.add_argument("--port-file", help="write the bound port here (atomically) once listening")
    parser.add_argument("--latency-ms", type=int, default=0, help="fixed delay added to every provider call")
    parser.add_argument("--seed", type=int, default=0, help="seed for probabilistic fault rules (default 0)")
    parser.add_argument("--rate-limit", type=int, default=0, help="calls per second per provider before 429 (0: none)")
    parser.add_argument("--tls-cert", help="serve HTTPS with this PEM certificate (chain) instead of HTTP")
    parser.add_argument("--tls-key", help="the PEM private key of --tls-cert (default: the key is in the cert file)")
    args = parser.parse_args(argv)
    if args.tls_key and not args.tls_cert:
        parser.error("--tls-key needs --tls-cert")
    return args


def tls_context(cert, key):
    """A server-side TLS context for the certificate, or None for plain HTTP."""
    if not cert:
        return None
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key or None)
    return context


def loopback_host(host):
    """The address to bind, refusing anything that is not an IPv4 loopback address."""
    if host == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is None or address.version != 4 or not address.is_loopback:
        raise ValueError(f"refusing to bind {host}: the sandbox only listens on 127.0.0.0/8")
    return host


def write_port_file(path, port):
    """Write the port so readers never see a partial file: temp file, then rename."""
    temp_path = f"{path}.{os.getpid()}.tmp"
    with open(temp_path, "w", encoding="utf-8") as handle:
        handle.write(f"{port}\n")
    os.replace(temp_path, path)


def main(argv=None):
    """Run until SIGTERM or SIGINT; returns the exit status."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        host = loopback_host(args.host)
        sandbox = Sandbox(PROVIDER_CLASSES, read_fixture(args.fixture), seed=args.seed, latency_ms=max(0, args.latency_ms),
                          rate_limit=max(0, args.rate_limit))
        server = SandboxServer((host, args.port), sandbox, ssl_context=tls_context(args.tls_cert, args.tls_key))
    except (ValueError, OSError) as error:  # bad host, fixture (FixtureError is a ValueError) or certificate; port in use
        print(f"sandbox: {error}", file=sys.stderr)
        return 2
    serve_until_signalled(server, sandbox, host, args.port_file, "https" if args.tls_cert else "http")
    return 0


def serve_until_signalled(server, sandbox, host, port_file, scheme="http"):
    """Serve in a worker thread; the main thread only waits for SIGTERM/SIGINT, then shuts down."""
    port = server.server_address[1]
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda _signum, _frame: stop.set())
    threading.Thread(target=server.serve_forever, name="sandbox-http", daemon=True).start()
    if port_file:
        write_port_file(port_file, port)
    print(f"sandbox listening on {scheme}://{host}:{port}", flush=True)
    try:
        while not stop.wait(0.5):  # a timed wait lets the signal handler run promptly
            pass
    finally:
        sandbox.stopping.set()  # wake connections held by commit_then_hang
        server.shutdown()
        server.server_close()
        if port_file and os.path.exists(port_file):
            os.remove(port_file)
