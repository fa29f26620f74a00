# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The renewal_* host-var contract: one owner, and the role and the inventory plugin agree with it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
from pathlib import Path

import yaml

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC
from ansible_collections.renewals.hosting.plugins.module_utils._declaration import ListedOrder
from ansible_collections.renewals.hosting.plugins.module_utils._fleet import host_vars
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import FLEET_OPTIONS, RENEW_ORDER_ARGS

COLLECTION = Path(__file__).resolve().parents[5]


def test_the_role_sets_renewal_fleet_with_exactly_the_fleet_options():
    tasks = yaml.safe_load((COLLECTION / 'roles' / 'renew_orders' / 'tasks' / 'start.yml').read_text())
    settled = [task['ansible.builtin.set_fact'] for task in tasks if 'ansible.builtin.set_fact' in task]
    assert len(settled) == 1 and list(settled[0]) == [host_vars.host_var(host_vars.FLEET_VAR)]
    assert sorted(settled[0][host_vars.host_var(host_vars.FLEET_VAR)]) == sorted(host_vars.FLEET_KEYS) == sorted(FLEET_OPTIONS)


def test_every_order_var_is_a_renew_order_option():
    assert set(host_vars.ORDER_VARS + (host_vars.FLEET_VAR,)) <= set(RENEW_ORDER_ARGS)


def test_inventory_vars_are_prefixed_and_leave_out_what_the_provider_does_not_tell():
    listed = ListedOrder('vpsbg', 'server', 7001, datetime.datetime(2027, 1, 1, tzinfo=UTC), 'active', period=12,
                         auto_renew=False, description='web1')
    variables = host_vars.inventory_vars(listed, '2027-01-01T00:00:00Z', 31)
    assert variables == {'renewal_provider': 'vpsbg', 'renewal_service': 'server', 'renewal_id': '7001',
                         'renewal_expires_at': '2027-01-01T00:00:00Z', 'renewal_days_remaining': 31,
                         'renewal_status': 'active', 'renewal_auto_renew': False, 'renewal_description': 'web1',
                         'renewal_period': 12}
    assert all(name[len(host_vars.PREFIX):] in host_vars.ORDER_VARS + host_vars.FACT_VARS for name in variables)
