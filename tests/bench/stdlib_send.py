# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark only: the collection's HttpClient sending over the standard library's http.client instead of requests.

``fleet_bench.py --baseline stdlib`` builds the current collection, appends this file to the installed copy's
``plugins/module_utils/_http.py`` and calls ``install`` there: the twin differs from the collection only in how a
request goes out, as the hand-written transport sent it before requests (one keep-alive connection per thread and
origin, a fresh connection for a paying request, no proxies). The collection never ships it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import http.client
import json as jsonlib
import os
import socket
import ssl
import threading

from urllib.parse import urlencode, urlsplit


def install(http_module):
    """Replace ``HttpClient._send`` in ``http_module`` (the collection's _http) with an http.client one."""
    response_class, failure = http_module.Response, getattr(http_module, '_SendFailure')
    local = threading.local()

    def connections():
        if getattr(local, 'pid', None) != os.getpid():  # a forked worker opens its own
            local.pool, local.pid = {}, os.getpid()
        return local.pool

    def connect(client, parts):
        if parts.scheme != 'https':
            return http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=client.timeout)
        context = ssl.create_default_context(cafile=client.verify if isinstance(client.verify, str) else None)
        if client.verify is False:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return http.client.HTTPSConnection(parts.hostname, parts.port or 443, timeout=client.timeout, context=context)

    def send(self, method, path, params, data, json, headers, paying=False):  # pylint: disable=too-many-arguments
        all_headers = dict(self.default_headers)
        all_headers.update(headers or {})
        parts = urlsplit('%s/%s' % (self.base_url, path.lstrip('/')))
        target = parts.path + ('?' + urlencode(params, doseq=True) if params else '')
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode('ascii')
            all_headers.setdefault('Content-Type', 'application/x-www-form-urlencoded')
        elif json is not None:
            body = jsonlib.dumps(json).encode('utf-8')
            all_headers.setdefault('Content-Type', 'application/json')
        self.calls += 1
        pool, key = connections(), (parts.scheme, parts.netloc)
        connection = pool.pop(key, None)
        if connection is not None and (paying or connection.sock is None):
            connection.close()
            connection = None
        if connection is None:
            connection = connect(self, parts)
            try:
                connection.connect()
            except OSError as exc:
                connection.close()
                raise failure('cannot connect to %s (%s)' % (self.origin, type(exc).__name__), kind='connect', not_sent=True)
        try:
            connection.request(method, target, body=body, headers=all_headers)
            response = connection.getresponse()
            content = response.read()
        except socket.timeout:
            connection.close()
            raise failure('no reply within %ss (%s)' % (self.timeout, self.origin), kind='timeout')
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            raise failure('the connection broke (%s, %s)' % (type(exc).__name__, self.origin), kind='reset')
        if response.will_close:
            connection.close()
        else:
            pool[key] = connection
        return response_class(response.status, dict(response.getheaders()), content)

    http_module.HttpClient._send = send
