# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: HTTP over the standard library's http.client.

Why not a third-party HTTP library: every order of a fleet runs in a freshly forked
Ansible worker, and importing one costs ten times more CPU than the renewal's own work.
http.client also lets us say precisely how far a request got, which is what decides
whether a paying request may be sent again:

* NotSent: the connection (TCP, TLS, proxy tunnel) could not be opened; nothing was sent.
* ReplyLost: the request was (maybe partly) sent and the connection broke before a full reply.
* ReplyTimeout: the request was sent and no reply came in time; the server may still act on it.

``StdlibSession.request()`` has the call shape of a ``requests.Session`` so tests can script it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import http.client
import json as jsonlib
import os
import socket
import ssl

from urllib.parse import urlencode, urlsplit


class TransportFailure(Exception):
    kind = 'transport'
    not_sent = False

    def __init__(self, message, kind=None):
        super(TransportFailure, self).__init__(message)
        self.message = message
        if kind:
            self.kind = kind


class NotSent(TransportFailure):
    kind = 'connect'
    not_sent = True


class TlsFailure(NotSent):
    kind = 'tls'


class ReplyLost(TransportFailure):
    kind = 'reset'


class ReplyTimeout(TransportFailure):
    kind = 'timeout'


class Reply:
    def __init__(self, status_code, headers, content):
        self.status_code = status_code
        self.headers = headers
        self.content = content


def _proxy_settings():
    """Proxy settings from the environment, or None when there are none (urllib is imported only then)."""
    if not any(name.lower().endswith('_proxy') for name in os.environ):
        return None
    from urllib.request import getproxies_environment
    return getproxies_environment()


def _proxy_for(proxies, scheme, host):
    """The proxy URL for this request, or None."""
    if not proxies:
        return None
    from urllib.request import proxy_bypass_environment
    if scheme not in proxies or proxy_bypass_environment(host, proxies):
        return None
    return proxies[scheme]


def _tls_context(verify):
    if verify is False:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    return ssl.create_default_context(cafile=verify if isinstance(verify, str) else None)


class StdlibSession:
    """Keeps one keep-alive connection per origin."""

    def __init__(self):
        self._connections = {}
        self._proxies = _proxy_settings()  # read once per session, not per request

    def request(self, method, url, params=None, data=None, json=None, headers=None, timeout=30, verify=True,
                allow_redirects=False):
        parts = urlsplit(url)
        target = parts.path or '/'
        if params:
            target += ('&' if parts.query else '?') + urlencode(params, doseq=True)
        elif parts.query:
            target += '?' + parts.query
        headers = dict(headers or {})
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode('ascii')
            headers.setdefault('Content-Type', 'application/x-www-form-urlencoded')
        elif json is not None:
            body = jsonlib.dumps(json).encode('utf-8')
            headers.setdefault('Content-Type', 'application/json')
        key = (parts.scheme, parts.hostname, parts.port, timeout, verify)
        connection = self._connect(key, parts, timeout, verify)
        proxy_target = getattr(connection, '_renewals_absolute', None)
        try:
            connection.request(method, (proxy_target + target) if proxy_target else target, body=body, headers=headers)
        except (OSError, http.client.HTTPException) as exc:
            self._drop(key)
            raise ReplyLost('the connection broke while sending the request (%s)' % type(exc).__name__)
        try:
            response = connection.getresponse()
            content = response.read()
        except socket.timeout:
            self._drop(key)
            raise ReplyTimeout('no reply within %ss' % timeout)
        except (OSError, http.client.HTTPException) as exc:
            self._drop(key)
            raise ReplyLost('the connection was closed before a full reply (%s)' % type(exc).__name__)
        if response.will_close:
            self._drop(key)
        return Reply(response.status, dict(response.getheaders()), content)

    def _connect(self, key, parts, timeout, verify):
        connection = self._connections.get(key)
        if connection is not None and connection.sock is not None:
            return connection
        port = parts.port or (443 if parts.scheme == 'https' else 80)
        proxy = _proxy_for(self._proxies, parts.scheme, parts.hostname)
        connection = self._new_connection(parts.scheme, parts.hostname, port, proxy, timeout, verify)
        try:
            connection.connect()
        except ssl.SSLError as exc:
            connection.close()
            raise TlsFailure('TLS handshake with %s failed (%s)' % (parts.hostname, getattr(exc, 'verify_message', None) or exc.reason))
        except socket.timeout:
            connection.close()
            raise NotSent('connecting to %s timed out after %ss' % (parts.hostname, timeout), kind='connect_timeout')
        except OSError as exc:
            connection.close()
            raise NotSent('cannot connect to %s (%s)' % (parts.hostname, exc.strerror or type(exc).__name__))
        self._connections[key] = connection
        return connection

    @staticmethod
    def _new_connection(scheme, host, port, proxy, timeout, verify):
        if proxy is None:
            if scheme == 'https':
                return http.client.HTTPSConnection(host, port, timeout=timeout, context=_tls_context(verify))
            return http.client.HTTPConnection(host, port, timeout=timeout)
        proxy_parts = urlsplit(proxy if '://' in proxy else 'http://' + proxy)
        proxy_port = proxy_parts.port or 8080
        if scheme == 'https':  # CONNECT tunnel: TLS runs end to end with the provider
            connection = http.client.HTTPSConnection(proxy_parts.hostname, proxy_port, timeout=timeout,
                                                     context=_tls_context(verify))
            connection.set_tunnel(host, port)
            return connection
        connection = http.client.HTTPConnection(proxy_parts.hostname, proxy_port, timeout=timeout)
        connection._renewals_absolute = 'http://%s:%s' % (host, port)  # plain HTTP through a proxy: absolute URL
        return connection

    def _drop(self, key):
        connection = self._connections.pop(key, None)
        if connection is not None:
            connection.close()

    def close(self):
        for key in list(self._connections):
            self._drop(key)
