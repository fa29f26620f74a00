# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: how far a failed request got, told from a requests/urllib3 exception.

That is what decides whether a paying request may be sent again:

* NotSent: the connection (TCP, proxy tunnel, TLS handshake) could not be opened; nothing was sent.
  TlsFailure is the kind that will not heal by retrying (certificate, protocol).
* ReplyLost: the request was (maybe partly) sent and the connection broke before a full reply.
* ReplyTimeout: the request was sent and no reply came in time; the server may still act on it.

requests raises one SSLError whether TLS broke during the handshake or after the request was
written, and a handshake timeout as a ReadTimeout. So the phase is read from the exception chain
itself: an error that passed through urllib3's ``connect()`` (socket, proxy tunnel, TLS handshake)
happened before a byte of the request left. Only the standard library is imported here.

Messages never quote the library's own text: it contains the URL, query string included.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket
import ssl

_CONNECTING_FRAMES = frozenset(['connect'])   # urllib3.connection.HTTP(S)Connection.connect
_CONNECTING_MODULES = frozenset(['urllib3.connection'])
_TIMEOUTS = (socket.timeout, TimeoutError)


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


def exception_chain(exc, limit=30):
    """``exc`` and every exception it wraps (urllib3's ``reason``, exception args, causes and contexts)."""
    seen = []
    pending = [exc]
    while pending and len(seen) < limit:
        cause = pending.pop(0)
        if not isinstance(cause, BaseException) or any(cause is other for other in seen):
            continue
        seen.append(cause)
        pending.extend([getattr(cause, 'reason', None), cause.__cause__, cause.__context__])
        pending.extend(arg for arg in getattr(cause, 'args', ()) if isinstance(arg, BaseException))
    return seen


def _raised_while_connecting(exc):
    traceback = exc.__traceback__
    while traceback is not None:
        frame = traceback.tb_frame
        if frame.f_code.co_name in _CONNECTING_FRAMES and frame.f_globals.get('__name__') in _CONNECTING_MODULES:
            return True
        traceback = traceback.tb_next
    return False


def _reason(chain):
    """The innermost cause in a few words, never a URL: 'ConnectionRefusedError: Connection refused'."""
    for cause in reversed(chain):
        if isinstance(cause, ssl.SSLError):
            return getattr(cause, 'verify_message', None) or cause.reason or type(cause).__name__
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror
    return type(chain[-1]).__name__


def classify(exc, host, timeout):
    """The TransportFailure that says how far the request behind ``exc`` (from requests) got."""
    chain = exception_chain(exc)
    timed_out = any(isinstance(cause, _TIMEOUTS) for cause in chain) or 'Timeout' in type(exc).__name__
    if any(_raised_while_connecting(cause) for cause in chain):
        if any(isinstance(cause, ssl.SSLError) for cause in chain):
            return TlsFailure('TLS handshake with %s failed (%s)' % (host, _reason(chain)))
        if timed_out:
            return NotSent('connecting to %s timed out after %ss' % (host, timeout), kind='connect_timeout')
        return NotSent('cannot connect to %s (%s)' % (host, _reason(chain)))
    if timed_out:
        return ReplyTimeout('no reply within %ss' % timeout)
    return ReplyLost('the connection was closed before a full reply (%s)' % type(chain[-1]).__name__)
