# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The transport options every provider module shares (module_utils/_options.py connection_options()).
    DOCUMENTATION = r'''
options:
  validate_certs:
    description:
      - Whether to verify the provider's TLS certificate. Only set to V(false) against a test server you control.
    type: bool
    default: true
  ca_path:
    description:
      - A CA bundle file used to verify the provider's TLS certificate instead of the system's trust store.
    type: path
  timeout:
    description:
      - Seconds to wait for each API reply.
      - A renewal request that times out is never re-sent in the same run, because the provider may still be working on it.
    type: float
    default: 30
notes:
  - HTTPS proxies are taken from the E(https_proxy), E(http_proxy) and E(no_proxy) environment variables.
'''
