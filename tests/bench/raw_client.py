# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP lower bound: the collection's HTTP calls for a fleet, made by a plain thread pool, no Ansible.

With the listing (the default): each product path's search.json, 500 a page, only orders expiring after the
window; then each order the listing did not show: details, and when due the current-actions check and the renewal.
With --listing off: details for every order, then the same for the due ones. Before the first renewal, once per run,
what the collection reads to check a renewal's price and funds: the reseller-cost and customer price catalogues and the
reseller balance. Same concurrency as the forks.
Usage: python raw_client.py INVENTORY.json FORKS [--listing auto|off]
"""

import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from threading import Lock, local

import requests

WINDOW = 30 * 86400
PAGE = 500
_SESSIONS = local()
_MONEY = {'read': False, 'lock': Lock()}


def session():
    if not hasattr(_SESSIONS, 'value'):
        _SESSIONS.value = requests.Session()
    return _SESSIONS.value


def read_money_once(api, credentials):
    """The price catalogues and the reseller balance, once for the run (the first due order reads them)."""
    with _MONEY['lock']:
        if _MONEY['read']:
            return
        for path, params in (('products/reseller-cost-price.json', credentials), ('products/customer-price.json', credentials),
                             ('billing/reseller-balance.json', dict(credentials, **{'reseller-id': credentials['auth-userid']}))):
            session().get('%s/%s' % (api, path), params=params, timeout=30).raise_for_status()
        _MONEY['read'] = True


def renew(order, api, credentials):
    id_pair = {order['lb_id_param']: order['renewal_id']}
    query = dict(credentials, **id_pair)
    if order['lb_is_domain']:
        query['options'] = 'OrderDetails'
    details = session().get('%s/%s/details.json' % (api, order['lb_path']), params=query, timeout=30).json()
    if int(details['endtime']) > time.time() + WINDOW:
        return 0
    read_money_once(api, credentials)
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


def search_page(api, credentials, path, page, expiring_after):
    query = dict(credentials, **{'no-of-records': PAGE, 'page-no': page, 'expiry-date-start': expiring_after})
    body = session().get('%s/%s/search.json' % (api, path), params=query, timeout=30).json()
    rows = [row for key, row in body.items() if key.isdigit()]
    return [str(row['orders.orderid']) for row in rows if int(row['orders.endtime']) > time.time() + WINDOW], \
        -(-int(body['recsindb']) // PAGE)


def listed_not_due(pool, hosts, api, credentials):
    """Ids of the orders the listing shows not due: page 1 of every path at once, then their other pages."""
    expiring_after = int(time.time()) + WINDOW
    paths = sorted(set(order['lb_path'] for order in hosts))
    firsts = list(pool.map(lambda path: search_page(api, credentials, path, 1, expiring_after), paths))
    listed = set(oid for ids, _pages in firsts for oid in ids)
    rest = [(path, page) for path, (_ids, pages) in zip(paths, firsts) for page in range(2, pages + 1)]
    for ids, _pages in pool.map(lambda item: search_page(api, credentials, item[0], item[1], expiring_after), rest):
        listed.update(ids)
    return listed


def main(inventory_path, forks, listing='auto'):
    with open(inventory_path) as handle:
        hosts = list(json.load(handle)['all']['hosts'].values())
    api = os.environ['LOGICBOXES_API_URL']
    credentials = {'auth-userid': os.environ['LOGICBOXES_AUTH_USERID'], 'api-key': os.environ['LOGICBOXES_API_KEY']}
    with ThreadPoolExecutor(int(forks)) as pool:
        if listing != 'off':
            listed = listed_not_due(pool, hosts, api, credentials)
            hosts = [order for order in hosts if str(order['renewal_id']) not in listed]
        renewed = sum(pool.map(lambda order: renew(order, api, credentials), hosts))
    print('renewed %d' % renewed)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], *(sys.argv[4:5] if sys.argv[3:4] == ['--listing'] else []))
