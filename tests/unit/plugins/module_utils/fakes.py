# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A scripted HTTP session for unit tests that records every request. A failure in its script is real: the request
goes through requests to a loopback server that misbehaves, so the exception is the one a provider would cause."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from urllib.parse import urlsplit

import requests

import loopback


class FakeReply:
    def __init__(self, status=200, body='', headers=None):
        self.status_code = status
        self.content = body.encode('utf-8') if isinstance(body, str) else body
        self.headers = headers or {}


class Fault:
    """A script step that fails for real: ``refused`` (nothing listens), ``reset`` (the server reads the request and
    resets the connection) or ``hang`` (it reads the request and never answers)."""

    BEHAVIOURS = {'reset': loopback.reset_after_request, 'hang': loopback.hang_after_request}

    def __init__(self, how):
        self.how = how

    def send(self, method, url, params=None, data=None, json=None):
        """The request, with the path and query it was meant to have, sent to the misbehaving server."""
        server = loopback.LoopbackServer(self.BEHAVIOURS[self.how]) if self.how in self.BEHAVIOURS else None
        origin = server.url if server else 'http://127.0.0.1:%d' % loopback.refusing_port()
        try:
            with requests.Session() as session:
                return session.request(method, origin + urlsplit(url).path, params=params, data=data, json=json, timeout=0.5)
        finally:
            if server:
                server.close()


class ScriptedSession:
    """Answers requests from a script: each entry is a FakeReply or a Fault."""

    def __init__(self, *script):
        self.script = list(script)
        self.sent = []

    def request(self, method, url, params=None, data=None, json=None, headers=None, **kwargs):
        self.sent.append({'method': method, 'url': url, 'params': params, 'data': data, 'headers': headers,
                          'timeout': kwargs.get('timeout'), 'verify': kwargs.get('verify')})
        if not self.script:
            raise AssertionError('unexpected request %s %s' % (method, url))
        step = self.script.pop(0)
        if isinstance(step, Fault):
            return step.send(method, url, params, data, json)
        return step

    def close(self):
        pass


def reply(status=200, body=None, headers=None):
    return FakeReply(status, json.dumps(body) if isinstance(body, (dict, list)) else (body or ''), headers)
