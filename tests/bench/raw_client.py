# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP lower bound: the collection's HTTP calls for a fleet, made by a plain thread pool, no Ansible.

Per order: details; when due, the current-actions check and the renewal. Same concurrency as the forks.
Usage: python raw_client.py INVENTORY.json FORKS
"""

import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from threading import local

import requests

WINDOW = 30 * 86400
_SESSIONS = local()


def session():
    if not hasattr(_SESSIONS, 'value'):
        _SESSIONS.value = requests.Session()
    return _SESSIONS.value


def renew(order, api, credentials):
    id_pair = {order['lb_id_param']: order['renewal_id']}
    query = dict(credentials, **id_pair)
    if order['lb_is_domain']:
        query['options'] = 'OrderDetails'
    details = session().get('%s/%s/details.json' % (api, order['lb_path']), params=query, timeout=30).json()
    if int(details['endtime']) > time.time() + WINDOW:
        return 0
    session().get('%s/actions/search-current.json' % api, timeout=30,
                  params=dict(credentials, **{'order-id': order['renewal_id'], 'no-of-records': 10, 'page-no': 1}))
    form = dict(credentials, **id_pair)
    form[order['lb_period_param']] = 1
    form['invoice-option'] = 'NoInvoice'
    if order['lb_is_domain']:
        form['exp-date'] = details['endtime']
    reply = session().post('%s/%s/renew.json' % (api, order['lb_path']), data=form, timeout=30)
    reply.raise_for_status()
    return 1


def main(inventory_path, forks):
    with open(inventory_path) as handle:
        hosts = json.load(handle)['all']['hosts']
    api = os.environ['LOGICBOXES_API_URL']
    credentials = {'auth-userid': os.environ['LOGICBOXES_AUTH_USERID'], 'api-key': os.environ['LOGICBOXES_API_KEY']}
    with ThreadPoolExecutor(int(forks)) as pool:
        renewed = sum(pool.map(lambda order: renew(order, api, credentials), hosts.values()))
    print('renewed %d' % renewed)


if __name__ == '__main__':
    main(*sys.argv[1:3])
