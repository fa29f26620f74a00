# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: error types shared by every provider.

The split that matters is between errors where nothing was bought (safe to report
and retry on the next run) and UnknownOutcomeError, raised only for a paying request
whose reply was lost: the engine must re-read the provider before doing anything else.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class RenewalError(Exception):
    """Base class. ``code`` is machine-readable, ``details`` goes into the result's ``error``."""

    code = 'error'

    def __init__(self, message, code=None, **details):
        super(RenewalError, self).__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = dict((k, v) for k, v in details.items() if v is not None)

    def as_dict(self):
        error = {'code': self.code, 'message': self.message}
        error.update(self.details)
        return error


class InputError(RenewalError):
    """Bad input, detected before any API call. ``option`` names the offending option."""

    code = 'invalid_input'

    def __init__(self, option, message):
        super(InputError, self).__init__('%s: %s' % (option, message), option=option)


class TransportError(RenewalError):
    """The request failed on the network or got an unusable reply. Nothing is known to have happened."""

    code = 'transport_error'


class ProviderError(RenewalError):
    """The provider answered with a definite error (the request was refused, nothing bought)."""

    code = 'provider_error'

    def __init__(self, message, code=None, http_status=None, request_id=None, provider_code=None):
        super(ProviderError, self).__init__(
            message, code=code, http_status=http_status, request_id=request_id, provider_code=provider_code)


class AuthError(ProviderError):
    code = 'auth_error'


class NotFoundError(ProviderError):
    code = 'not_found'


class RateLimitedError(ProviderError):
    code = 'rate_limited'


class AlreadyPendingError(ProviderError):
    """The provider refused the renewal because another action is already in flight."""

    code = 'already_pending'


class AlreadyRenewedError(ProviderError):
    """The provider's compare-and-set refused the renewal: the expiry moved since it was read."""

    code = 'already_renewed'


class UnknownOutcomeError(RenewalError):
    """A paying request was sent but its reply was lost or unusable.

    ``may_still_commit`` is true when the provider may still be working on the request
    (a timeout): a re-read that shows nothing does not prove that nothing will happen.
    """

    code = 'unknown_outcome'

    def __init__(self, message, kind, may_still_commit):
        super(UnknownOutcomeError, self).__init__(message, kind=kind)
        self.kind = kind
        self.may_still_commit = may_still_commit
