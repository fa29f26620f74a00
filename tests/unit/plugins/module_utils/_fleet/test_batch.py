# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Batch mode in one process: each order's own options validated (the run's fleet settings once for all), a bad order
reported in host-var terms before any call, the others decided as in per-host mode."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import threading

from ansible_collections.renewals.hosting.plugins.module_utils._dates import to_epoch, to_iso, utcnow
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.batch import renew_orders_batch
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.listing_store import new_listing_id, store
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.order import FleetOrder
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.specs import BATCH_VALIDATOR
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state import open_state
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state_file import order_key

# nothing listens there: an order that made a call would fail
CREDENTIALS = {'auth_userid': 1001, 'api_key': 'batch-key-1', 'api_url': 'http://127.0.0.1:9/logicboxes/api'}


def batch_params(tmp_path, orders):
    fleet = {'run_id': 'run-b', 'state_dir': str(tmp_path / 'state'), 'renew_before_days': 30}
    state = open_state(dict(fleet, state_backend='file'), False, migrate=True)
    listing_id = new_listing_id('run-b')
    account = '%s#%s' % (CREDENTIALS['api_url'], CREDENTIALS['auth_userid'])
    expires = to_epoch(utcnow() + datetime.timedelta(days=200))
    store(state.run('run-b'), listing_id, to_iso(utcnow()),
          dict((order_key('logicboxes', account, 'domain', order['id']), [expires, 'Active', False, False]) for order in orders))
    validation = BATCH_VALIDATOR.validate({'fleet': dict(fleet, listing=listing_id), 'orders': orders, 'workers': 4})
    assert not validation.error_messages
    return validation.validated_parameters, state


def test_a_bad_order_is_reported_in_host_var_terms_and_the_others_are_decided(tmp_path):
    orders = [{'host': 'good-%d' % index, 'provider': 'logicboxes', 'service': 'domain', 'id': 7000 + index, 'period': 1}
              for index in range(5)]
    orders.append({'host': 'bad', 'provider': 'logicboxes', 'service': 'domain', 'id': 7100, 'period': 'two'})
    params, state = batch_params(tmp_path, orders)
    result, no_log = renew_orders_batch(params, False, defaults_for=lambda module: CREDENTIALS)
    assert result['outcomes'] == {'not_due': 5, 'failed': 1} and 'batch-key-1' in no_log
    rows = dict((entry['host'], entry) for entry in state.run('run-b').entries())
    assert rows['bad']['outcome'] == 'failed' and 'renewal_period' in rows['bad']['msg'], rows['bad']
    assert all('from the run\'s listing' in rows['good-%d' % index]['msg'] for index in range(5))


def test_only_the_orders_that_need_a_call_reach_the_pool(tmp_path, monkeypatch):
    """The orders the listing (or the duplicate check) settles are decided in the calling thread; the pool renews the
    rest, each once. Here the unlisted ones fail as not sent (nothing listens), and are reported so."""
    listed = [{'host': 'listed-%d' % index, 'provider': 'logicboxes', 'service': 'domain', 'id': 7200 + index, 'period': 1}
              for index in range(4)]
    duplicate = dict(listed[0], host='listed-again')
    unlisted = [{'host': 'unlisted-%d' % index, 'provider': 'logicboxes', 'service': 'domain', 'id': 7300 + index,
                 'period': 1} for index in range(2)]
    params, state = batch_params(tmp_path, listed)
    params['orders'] = listed + [duplicate] + unlisted
    calling = threading.current_thread()
    decided_in, renewed = [], []
    real_decide, real_renew = FleetOrder.decide, FleetOrder.renew

    def decide(step):
        decided_in.append(threading.current_thread())
        return real_decide(step)

    def renew(step):
        renewed.append((step.fleet['host'], threading.current_thread()))
        return real_renew(step)

    monkeypatch.setattr(FleetOrder, 'decide', decide)
    monkeypatch.setattr(FleetOrder, 'renew', renew)
    result, _no_log = renew_orders_batch(params, False, defaults_for=lambda module: CREDENTIALS)
    assert result['outcomes'] == {'not_due': 4, 'duplicate': 1, 'failed': 2}, result
    assert len(decided_in) == 7 and all(thread is calling for thread in decided_in)
    assert sorted(host for host, _thread in renewed) == ['unlisted-0', 'unlisted-1']
    assert all(thread is not calling for _host, thread in renewed)
    rows = dict((entry['host'], entry) for entry in state.run('run-b').entries())
    assert len(rows) == 7 and rows['listed-again']['outcome'] == 'duplicate'
    assert all(rows['unlisted-%d' % index]['outcome'] == 'failed' for index in range(2))
