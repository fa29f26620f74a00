# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fakes for unit tests: a scripted HTTP session that records every request."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json


class FakeReply:
    def __init__(self, status=200, body='', headers=None):
        self.status_code = status
        self.content = body.encode('utf-8') if isinstance(body, str) else body
        self.headers = headers or {}


class ScriptedSession:
    """Answers requests from a script: each entry is a FakeReply or an exception instance to raise."""

    def __init__(self, *script):
        self.script = list(script)
        self.sent = []

    def request(self, method, url, params=None, data=None, json=None, headers=None, **kwargs):
        self.sent.append({'method': method, 'url': url, 'params': params, 'data': data, 'headers': headers,
                          'timeout': kwargs.get('timeout'), 'verify': kwargs.get('verify')})
        if not self.script:
            raise AssertionError('unexpected request %s %s' % (method, url))
        step = self.script.pop(0)
        if isinstance(step, Exception):
            raise step
        return step

    def close(self):
        pass


def reply(status=200, body=None, headers=None):
    return FakeReply(status, json.dumps(body) if isinstance(body, (dict, list)) else (body or ''), headers)
