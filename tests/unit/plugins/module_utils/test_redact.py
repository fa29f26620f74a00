# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.renewals.hosting.plugins.module_utils._redact import Redactor


def test_secret_is_masked_raw_and_url_encoded_and_queries_dropped():
    redactor = Redactor(['a b/c+d=', None, '1'])
    text = 'raw a b/c+d= quoted a%20b%2Fc%2Bd%3D plus a+b%2Fc%2Bd%3D url https://h/api/x.json?auth-userid=1&api-key=zzz end'
    scrubbed = redactor.scrub(text)
    assert 'a b/c+d=' not in scrubbed and 'a%20b' not in scrubbed and 'a+b%2F' not in scrubbed and 'zzz' not in scrubbed
    assert 'https://h/api/x.json?********' in scrubbed
    assert redactor.scrub_data({'k': ['x a b/c+d= y', 3]}) == {'k': ['x ******** y', 3]}
