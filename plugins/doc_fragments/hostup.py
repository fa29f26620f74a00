# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Connection options of every HostUp module.
    DOCUMENTATION = r'''
options:
  api_key:
    description:
      - A HostUp API key (created in the panel under API management).
      - Reading needs the read scopes (C(read:vm), C(read:hosting), C(read:billing)); renewing and paying need C(write:billing).
      - If not set, the value of the environment variable E(HOSTUP_API_KEY) is used.
      - "Sent as C(X-API-Key) to v1 and as C(Authorization: Bearer) to v2. It never appears in results, errors or logs."
    type: str
    required: true
  api_url:
    description:
      - Base URL of the API, without a trailing path; v2 calls go to O(api_url)C(/v2/...).
      - If not set, the value of the environment variable E(HOSTUP_API_URL) is used, else the default.
      - Must be http(s), must not contain credentials or a query string.
    type: str
    default: https://cloud.hostup.se/api
'''
