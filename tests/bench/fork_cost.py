# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What one forked worker's HTTP calls cost in CPU, per client library, side by side in one run.

  python tests/bench/fork_cost.py [--children 200] [--calls 3] [--rounds 3]

A per-host fleet forks one worker per order from a large controller process; a due order's worker makes three calls.
This forks ``--children`` workers per client from a process holding about as much heap as the controller at 1,000
hosts (frozen, as the collection freezes it), each making ``--calls`` calls to a loopback server, and prints the
mean user and system CPU per worker of each client (the median over rounds, which alternate), and the ratios against http.client:

  stdlib    http.client, the transport the collection had before requests
  urllib3   urllib3's connection pool alone (what requests sends through)
  requests  the collection's requests Session (plugins/module_utils/_http.py: new_session)
"""

import argparse
import gc
import http.client
import os
import statistics
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import urllib3

# the collection as built and installed (make build), unless RENEWALS_INSTALLED_COLLECTIONS names another
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.environ.get('RENEWALS_INSTALLED_COLLECTIONS') or os.path.join(ROOT, 'build', 'installed'))
from ansible_collections.renewals.hosting.plugins.module_utils._http import new_session  # noqa: E402  pylint: disable=wrong-import-position

BODY = b'{"orderid": "1001", "endtime": "1767225600", "currentstatus": "Active"}' * 8
CLIENTS = ('stdlib', 'urllib3', 'requests')


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def do_GET(self):  # pylint: disable=invalid-name
        self.wfile.write(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' % (len(BODY), BODY))

    def log_message(self, *args):  # pylint: disable=arguments-differ
        return


def calls(client, port, count):
    path = '/api/domains/details.json?order-id=1001&options=All'
    if client == 'stdlib':
        connection = http.client.HTTPConnection('127.0.0.1', port, timeout=10)
        for _call in range(count):
            connection.request('GET', path)
            connection.getresponse().read()
        connection.close()
    elif client == 'urllib3':
        pool = urllib3.HTTPConnectionPool('127.0.0.1', port, retries=False, timeout=urllib3.Timeout(connect=10, read=10))
        for _call in range(count):
            pool.urlopen('GET', path, redirect=False).data  # pylint: disable=expression-not-assigned
        pool.close()
    else:
        session = new_session()
        for _call in range(count):
            session.get('http://127.0.0.1:%d%s' % (port, path), timeout=(10, 10), allow_redirects=False).content  # pylint: disable=expression-not-assigned
        session.close()


def per_child(client, port, children, count):
    """Mean (user, system) CPU seconds of one forked child making ``count`` calls (the kernel counts a child's CPU in
    clock ticks, so a mean over many children, not a median)."""
    user, system = [], []
    for _child in range(children):
        pid = os.fork()
        if pid == 0:
            try:
                calls(client, port, count)
            finally:
                os._exit(0)  # pylint: disable=protected-access
        _pid, _status, usage = os.wait4(pid, 0)
        user.append(usage.ru_utime)
        system.append(usage.ru_stime)
    return statistics.mean(user), statistics.mean(system)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--children', type=int, default=200)
    parser.add_argument('--calls', type=int, default=3)
    parser.add_argument('--rounds', type=int, default=3)
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    heap = [{'host': 'lb-%d' % index, 'vars': [index, str(index)]} for index in range(300000)]  # the controller's heap
    gc.freeze()
    figures = dict((client, []) for client in CLIENTS)
    try:
        for _round in range(args.rounds):
            for client in CLIENTS:
                figures[client].append(per_child(client, server.server_address[1], args.children, args.calls))
    finally:
        server.shutdown()
    print('fork cost: %d children per client and round, %d calls each, %d rounds, %d CPUs (%d objects of heap)'
          % (args.children, args.calls, args.rounds, os.cpu_count(), len(heap)))
    medians = {}
    for client in CLIENTS:
        user = statistics.median(user for user, _system in figures[client])
        system = statistics.median(system for _user, system in figures[client])
        medians[client] = user + system
        print('%-9s user %6.2f ms  sys %6.2f ms  per child' % (client, user * 1000, system * 1000))
    for client in CLIENTS[1:]:
        print('%-18s %5.2f' % ('%s/stdlib' % client, medians[client] / medians['stdlib']))
    print('requests-stdlib    %5.2f ms of CPU per child' % ((medians['requests'] - medians['stdlib']) * 1000))
    return 0


if __name__ == '__main__':
    sys.exit(main())
