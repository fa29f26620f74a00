# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The play's orders from the hosts' renewal_* vars, with Ansible's real inventory, variable manager and hostvars."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible.inventory.manager import InventoryManager
from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar
from ansible.vars.hostvars import HostVars
from ansible.vars.manager import VariableManager

from ansible_collections.renewals.hosting.plugins.plugin_utils._play_orders import with_play_orders


def play(tmp_path):
    """An inventory: a plain host, one whose provider comes from its group, one with a templated id; a host_vars file."""
    (tmp_path / 'host_vars').mkdir()
    (tmp_path / 'host_vars' / 'a.yml').write_text('renewal_period: 12\n')
    inventory_file = tmp_path / 'inventory.json'
    inventory_file.write_text(json.dumps({'all': {'children': {'lb': {
        'vars': {'renewal_provider': 'logicboxes'},
        'hosts': {'a': {'renewal_provider': 'logicboxes', 'renewal_service': 'domain', 'renewal_id': 1},
                  'b': {'renewal_service': 'domain', 'renewal_id': 2, 'renewal_region': 'us'},
                  'c': {'renewal_service': 'domain', 'renewal_id': '{{ 1 + 2 }}', 'renewal_period': 2}}}}}}))
    loader = DataLoader()
    inventory = InventoryManager(loader=loader, sources=[str(inventory_file)])
    variables = VariableManager(loader=loader, inventory=inventory)
    task_vars = {'hostvars': HostVars(inventory, variables, loader), 'ansible_play_hosts_all': ['a', 'b', 'c']}
    return Templar(loader=loader), task_vars


def orders_by_host(templar, task_vars, **options):
    return dict((order.pop('host'), order) for order in with_play_orders(templar, {}, task_vars, **options)['orders'])


def test_exact_orders_are_ansible_s_own_host_variables(tmp_path):
    templar, task_vars = play(tmp_path)
    orders = orders_by_host(templar, task_vars)
    assert orders['a'] == {'provider': 'logicboxes', 'service': 'domain', 'id': 1, 'period': 12}
    assert orders['b']['provider'] == 'logicboxes' and orders['b']['region'] == 'us'
    assert str(orders['c']['id']) == '3' and orders['c']['period'] == 2


def test_the_listing_reads_the_inventory_s_own_vars_and_falls_back_for_templates(tmp_path):
    templar, task_vars = play(tmp_path)
    orders = orders_by_host(templar, task_vars, exact=False)
    assert orders['a'] == {'provider': 'logicboxes', 'service': 'domain', 'id': 1}   # host_vars files are not read
    assert orders['b']['provider'] == 'logicboxes'                                   # the group's var
    assert str(orders['c']['id']) == '3' and orders['c']['period'] == 2              # a template: Ansible's variables


def test_given_orders_are_kept(tmp_path):
    templar, task_vars = play(tmp_path)
    assert with_play_orders(templar, {'orders': [{'id': 9}]}, task_vars)['orders'] == [{'id': 9}]
