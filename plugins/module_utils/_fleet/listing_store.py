# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: how the run's listing is kept in the state backend (run.share), for every fork.

The rows are split into BUCKETS documents by a hash of the order key, so a forked worker deciding one order reads a
few kilobytes, not the whole fleet's listing. The documents are named after the listing id the run's start hands out
(``<run id>-<random>``, in the run's settings): a fork never reads a listing another start took, older or not.
A row: [expiry as epoch seconds or None, status, auto-renew flag, whether the row shows a renewal in flight].
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import uuid
import zlib

from ansible_collections.renewals.hosting.plugins.module_utils._dates import to_epoch

OFF = 'off'
BUCKETS = 256
_CACHE = {}  # documents already read by this process (batch mode: one process decides every order)


def new_listing_id(run_id):
    return '%s-%s' % (run_id, uuid.uuid4().hex[:12])


def bucket_of(key):
    return zlib.crc32(key.encode('utf-8')) % BUCKETS


def document_name(listing_id, bucket):
    return 'listing|%s|%03d' % (listing_id, bucket)


def encode(listed):
    """A ListedOrder as the row kept for the run."""
    return [to_epoch(listed.expires_at) if listed.expires_at is not None else None, listed.status, listed.auto_renew,
            bool(listed.in_flight)]


def store(run, listing_id, taken_at, rows):
    """Keep ``rows`` ({order key: row}) under ``listing_id``; returns how many documents were written."""
    buckets = {}
    for key, row in rows.items():
        buckets.setdefault(bucket_of(key), {})[key] = row
    for bucket, bucket_rows in buckets.items():
        run.share(document_name(listing_id, bucket), {'listing_id': listing_id, 'taken_at': taken_at, 'rows': bucket_rows})
    return len(buckets)


def lookup(run, listing_id, key):
    """(row, taken_at) of ``key`` in the listing ``listing_id``, or (None, None) when it does not list the order."""
    name = document_name(listing_id, bucket_of(key))
    document = _CACHE.get(name)
    if document is None:
        document = run.shared(name)
        if not isinstance(document, dict) or document.get('listing_id') != listing_id:
            return None, None
        _CACHE[name] = document
    row = (document.get('rows') or {}).get(key)
    return (row, document.get('taken_at')) if isinstance(row, list) and len(row) == 4 else (None, None)
