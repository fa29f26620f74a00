# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""LogicBoxes reply decoding: errors read from the body first, bare values, search rows."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._errors import (
    AlreadyPendingError,
    AlreadyRenewedError,
    AuthError,
    NotFoundError,
    ProviderError,
)
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.wire import decode_body, provider_error, search_rows


@pytest.mark.parametrize('status,body,error_class', [
    (500, {'status': 'ERROR', 'message': 'There is already an action pending on this Order.'}, AlreadyPendingError),
    (500, {'status': 'ERROR', 'message': 'Domain already renewed.'}, AlreadyRenewedError),
    (500, {'status': 'error', 'error': 'No Entity found for Entityid 9'}, NotFoundError),
    (500, {'status': 'ERROR', 'message': 'Invalid credentials'}, AuthError),
    (200, {'status': 'Failed', 'actionstatusdesc': 'Order Locked In Processing'}, ProviderError),
    (200, {'actionstatus': 'Failed', 'actionstatusdesc': 'Renewal failed'}, ProviderError),
    (403, '<html>Forbidden</html>', AuthError),
])
def test_errors_are_read_from_the_body_first(status, body, error_class):
    error = provider_error(status, body if isinstance(body, dict) else None)
    assert error.__class__ is error_class and error.details['http_status'] == status


def test_forbidden_explains_the_ip_whitelist():
    assert 'whitelist' in provider_error(403, None).message
    assert 'whitelist' in provider_error(500, {'status': 'ERROR', 'message': 'Access Denied. You are not authorized.'}).message


def test_success_bodies_are_not_errors():
    assert provider_error(200, {'status': 'Success', 'privacydetails': {'status': 'error', 'error': 'x'}}) is None
    assert provider_error(500, None) is None  # unparseable 5xx: transient, not a definite answer


def test_bare_reply_values():
    assert decode_body('123456') == 123456
    assert decode_body('true') is True
    assert decode_body('Success: done')['status'] == 'Success'
    with pytest.raises(ValueError):
        decode_body('<html>')


def test_search_rows_accept_numbered_keys_and_result_lists():
    assert search_rows({'recsonpage': '2', '2': {'a': 2}, '1': {'a': 1}}) == [{'a': 1}, {'a': 2}]
    assert search_rows({'result': [{'a': 1}]}) == [{'a': 1}]
    assert search_rows(7) == []
