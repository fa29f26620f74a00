# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small LogicBoxes + VPSBG account for plan -> approve -> apply tests, and what "someone else" does to it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from harness import LB_KEY, LB_USERID, VPSBG_TOKEN

from sandbox.client import http_request  # pylint: disable=wrong-import-order

# LogicBoxes orders: two due (planned), one due only within 60 days (never planned), one far off.
LB_ORDERS = ((5001, 10), (5002, 12), (5003, 45), (5004, 200))
# VPSBG servers, monthly: two due (planned, VPSBG quotes their price), one far off.
VPS_SERVERS = ((300001, 8, '10.00'), (300002, 9, '20.00'), (300003, 300, '10.00'))


def plan_fixture():
    orders = [{'order_id': order_id, 'product': 'vps_linux', 'region': 'us', 'expires_in_days': days, 'price': '20.00'}
              for order_id, days in LB_ORDERS]
    servers = [{'id': server_id, 'hostname': 'vps%d.example.net' % server_id, 'plan': 'cloud-vps-%d' % server_id,
                'plan_label': 'Cloud VPS', 'price': price, 'billing_cycle': 1, 'expires_in_days': days}
               for server_id, days, price in VPS_SERVERS]
    return {'logicboxes': {'auth_userid': LB_USERID, 'api_key': LB_KEY, 'orders': orders},
            'vpsbg': {'token': VPSBG_TOKEN, 'balance': '1000.00', 'servers': servers}}


def plan_hosts():
    """LogicBoxes orders declare their price (LogicBoxes tells none before paying); VPSBG quotes its own."""
    hosts = dict(('lb-%d' % order_id, {'renewal_provider': 'logicboxes', 'renewal_service': 'vps_linux',
                                       'renewal_id': order_id, 'renewal_region': 'us', 'renewal_period': 1,
                                       'renewal_price': {'amount': 20.0, 'currency': 'USD'}})
                 for order_id, _days in LB_ORDERS)
    hosts.update(('vps-%d' % server_id, {'renewal_provider': 'vpsbg', 'renewal_service': 'server', 'renewal_id': server_id,
                                         'renewal_period': 1})
                 for server_id, _days, _price in VPS_SERVERS)
    return hosts


PLANNED = {'lb-5001', 'lb-5002', 'vps-300001', 'vps-300002'}


def bought(sandbox):
    """Renewals each provider saw, per host of plan_hosts()."""
    state = sandbox.state()
    counts = dict(('lb-%s' % oid, order['renewals']) for oid, order in state['logicboxes']['orders'].items())
    counts.update(('vps-%s' % sid, server['renew_calls']) for sid, server in state['vpsbg']['servers'].items())
    return counts


def renew_elsewhere(sandbox, order_id):
    """Someone renews a LogicBoxes VPS order by hand (the control panel, another tool) for a month."""
    status, _headers, body = http_request('POST', sandbox.logicboxes_url + '/virtualserver/linux/us/renew.json', params={
        'auth-userid': LB_USERID, 'api-key': LB_KEY, 'order-id': order_id, 'months': 1, 'invoice-option': 'NoInvoice'})
    assert status == 200, body
