# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Connection options of every VPSBG module.
    DOCUMENTATION = r'''
options:
  api_token:
    description:
      - "A VPSBG API token (client area, API section), sent as C(Authorization: Bearer ...)."
      - If not set, the value of the environment variable E(VPSBG_API_TOKEN) is used.
      - It never appears in results, errors or logs.
    type: str
    required: true
  api_url:
    description:
      - Base URL of the API, including the version path.
      - If not set, the value of the environment variable E(VPSBG_API_URL) is used, else the default.
      - Must be http(s), must not contain credentials or a query string.
    type: str
    default: https://api.vpsbg.eu/v1
notes:
  - "Every request carries C(Accept: application/json), without which the API may answer HTML or redirects."
  - The VPSBG API is marked beta by the provider. Paths and enum values the modules rely on, and the assumptions made
    where the documentation is silent, are listed in the VPSBG guide of the collection.
  - An answer HTTP 423 (resource locked) is waited out up to three times (1, 2 and 4 seconds), an answer HTTP 429
    after its C(Retry-After) header; both refuse the request before anything happens, so they are safe to repeat.
'''
