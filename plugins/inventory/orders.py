# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: orders
short_description: One inventory host per paid order, read from the provider accounts
version_added: 1.0.0
description:
  - Lists the orders of the configured provider accounts and makes each one a host with the C(renewal_*) variables
    the R(renewals.hosting.renew_orders,ansible_collections.renewals.hosting.renew_orders_role) role reads, plus its expiry and status.
  - Groups hosts per provider (for example C(logicboxes)) and per provider and service (for example C(logicboxes_domain)).
    C(compose), C(groups) and C(keyed_groups) work as usual, so a group like "expiring within 30 days" is one line.
  - Credentials come only from the environment variables the modules read (E(LOGICBOXES_AUTH_USERID),
    E(LOGICBOXES_API_KEY), E(LOGICBOXES_API_URL), E(HOSTUP_API_KEY), E(HOSTUP_API_URL), E(VPSBG_API_TOKEN), E(VPSBG_API_URL)); inventory files hold no secrets.
  - The file name must end with C(orders.yml) or C(orders.yaml).
author:
  - renewals.hosting maintainers (@renewals-hosting)
extends_documentation_fragment:
  - constructed
  - inventory_cache
options:
  plugin:
    description: The name of this plugin.
    type: str
    required: true
    choices: [renewals.hosting.orders]
  providers:
    description:
      - One section per provider account to read.
      - C(logicboxes) takes C(products), a list of product keys (all of the product's regions are read) or of dicts
        with C(product), optional C(regions) and optional C(period) (becomes C(renewal_period)); without C(products)
        every product is read.
      - C(hostup) lists the services of the v1 account list (C(renewal_service=service), the id is the v1 account id).
        Hosts keep v1 ids, because neither HostUp API tells which v2 id (C(vps_...), C(acct_...)) is which v1 account, and a
        service listed under both ids would be two orders to the fleet.
      - C(vpsbg) lists the servers, every page (C(renewal_service=server)), then the account's support plan as one host
        C(<prefix>vpsbg_support_<service id>) (C(renewal_service=support), C(renewal_id) is the service id of the plan's
        order line; the modules need no id, it names the plan). The plan is found in the account's paid orders (every
        page up to its newest support order, see the VPSBG guide); an account without a paid support order gets no
        such host. C(support_plan=false) skips it.
      - Every section takes C(periods), a mapping of service (LogicBoxes a product key) to C(renewal_period), as in
        the example below. Without it, C(renewal_period) is the order's current term where the provider tells it
        (VPSBG server billing cycle, the VPSBG support plan's cycle in its last paid order, the HostUp billing cycle in
        months), else the product's default. LogicBoxes lists tell no term; its defaults are C(domain) 1 year,
        C(vps_linux) 1 month, every other product 12 months (the LogicBoxes guide lists them). A product's own
        C(period) comes first.
      - Every section also takes C(api_url), C(validate_certs), C(ca_path) and C(timeout).
    type: dict
    required: true
  hostname_prefix:
    description: Prefix of every host name; a host is named C(<prefix><provider>_<service>_<id>).
    type: str
    default: ''
'''

EXAMPLES = r'''
# renewals.orders.yml
plugin: renewals.hosting.orders
providers:
  logicboxes:
    products:
      - domain
      - product: dedicated_server_linux
        regions: [us]
        period: 12
    periods:
      domain: 2
  vpsbg:
    periods:
      support: 12
groups:
  expiring_30d: renewal_days_remaining <= 30
keyed_groups:
  - key: renewal_status
    prefix: status
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/renewals-inventory
cache_timeout: 3600
'''

import re

from ansible.errors import AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.renewals.hosting.plugins.module_utils._dates import days_remaining, to_iso, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.host_vars import host_var, inventory_vars
from ansible_collections.renewals.hosting.plugins.module_utils._registry import PROVIDERS

_UNSAFE_NAME = re.compile(r'[^A-Za-z0-9_]')


def _group_name(*parts):
    return _UNSAFE_NAME.sub('_', '_'.join(str(part) for part in parts))


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = 'renewals.hosting.orders'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(('orders.yml', 'orders.yaml'))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        cache_key = self.get_cache_key(path)
        use_cache = self.get_option('cache') and cache
        hosts = None
        if use_cache:
            try:
                hosts = self._cache[cache_key]
            except KeyError:
                hosts = None
        if hosts is None:
            hosts = self._read_providers()
            if self.get_option('cache'):
                self._cache[cache_key] = hosts
        self._populate(hosts)

    def _read_providers(self):
        now = utcnow()
        hosts = []
        for provider, section in sorted((self.get_option('providers') or {}).items()):
            declaration = PROVIDERS.get(provider)
            if declaration is None:
                raise AnsibleParserError('renewals.hosting.orders: unknown provider %r (known: %s)'
                                         % (provider, ', '.join(sorted(PROVIDERS))))
            try:
                for order in declaration.list_orders(section or {}):
                    hosts.append(self._host_vars(order, now))
            except RenewalError as error:
                raise AnsibleParserError('renewals.hosting.orders: %s: %s' % (provider, error.message))
        return hosts

    def _host_vars(self, order, now):
        variables = inventory_vars(order, to_iso(order.expires_at),
                                   days_remaining(order.expires_at, now) if order.expires_at else None)
        name = self.get_option('hostname_prefix') + _group_name(order.provider, order.service, order.order_id)
        return {'name': name, 'vars': variables}

    def _populate(self, hosts):
        strict = self.get_option('strict')
        for host in hosts:
            # Provider text (descriptions, hostnames, ...) is data: marked unsafe, Jinja in it is never rendered.
            name, variables = host['name'], dict((key, wrap_var(value)) for key, value in host['vars'].items())
            self.inventory.add_host(name)
            provider, service = variables[host_var('provider')], variables[host_var('service')]
            for group in (provider, _group_name(provider, service)):
                self.inventory.add_group(group)
                self.inventory.add_child(group, name)
            for key, value in variables.items():
                self.inventory.set_variable(name, key, value)
            self._set_composite_vars(self.get_option('compose'), variables, name, strict=strict)
            self._add_host_to_composed_groups(self.get_option('groups'), variables, name, strict=strict)
            self._add_host_to_keyed_groups(self.get_option('keyed_groups'), variables, name, strict=strict)
