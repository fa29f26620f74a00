# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Connection options of every LogicBoxes module.
    DOCUMENTATION = r'''
options:
  auth_userid:
    description:
      - The reseller ID (C(auth-userid)) of the LogicBoxes/ResellerClub account.
      - If not set, the value of the environment variable E(LOGICBOXES_AUTH_USERID) is used.
    type: int
    required: true
  api_key:
    description:
      - The API key of the reseller account.
      - If not set, the value of the environment variable E(LOGICBOXES_API_KEY) is used.
      - It never appears in results, errors or logs.
    type: str
    required: true
  api_url:
    description:
      - Base URL of the API, without a trailing action path.
      - Use V(https://test.httpapi.com/api) for the provider's test endpoint (with demo reseller credentials only).
      - If not set, the value of the environment variable E(LOGICBOXES_API_URL) is used, else the default.
      - Must be http(s), must not contain credentials or a query string.
    type: str
    default: https://httpapi.com/api
notes:
  - The LogicBoxes API accepts calls only from whitelisted IP addresses (reseller control panel, Settings > API).
    The module runs on the Ansible controller, so whitelist the controller or execution node.
  - Read calls carry the API key in the query string (the API offers nothing else); the collection never shows
    request URLs in results or errors for that reason.
'''

    # The product option of every LogicBoxes module: the choices are the product table's keys
    # (plugins/module_utils/_logicboxes/data.py; validate-modules checks them against the argument spec).
    PRODUCT = r'''
options:
  product:
    description:
      - The LogicBoxes product of the order. It selects the API path, the id parameter and the period unit.
    type: str
    required: true
    choices:
      - backup
      - business_email
      - cloud_hosting
      - codeguard
      - dedicated_server_linux
      - domain
      - enterprise_email
      - managed_server_linux
      - multi_domain_hosting_linux
      - multi_domain_hosting_windows
      - reseller_hosting_linux
      - reseller_hosting_windows
      - single_domain_hosting_linux
      - single_domain_hosting_windows
      - sitelock
      - ssl
      - vps_linux
'''
