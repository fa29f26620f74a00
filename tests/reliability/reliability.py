# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared parts of the reliability suite: the mode (CI subset or full matrix), the fault matrix and its table.

CI runs a bounded subset; ``RENEWALS_RELIABILITY=full`` (``make reliability``) runs the full matrix:
every fault kind in its own fleet run over every provider, more crash trials.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json
import os
import random
import re
from pathlib import Path
from urllib.parse import quote, quote_plus

from fleet import mixed_fleet_fixture, mixed_hosts

FULL = os.environ.get('RENEWALS_RELIABILITY') == 'full'


class Mode:
    name = 'full matrix' if FULL else 'CI subset'
    # Fault matrix: one fleet run per group of kinds; a group of one kind also faults the calls that no single order owns.
    matrix_orders_per_cell = 90 if FULL else 3   # orders per provider and kind (the VPSBG support plan comes on top)
    matrix_controls = 4                          # orders per provider that get no fault (grouped runs)
    matrix_probability = 0.5                     # chance of a fault on each call an order makes (besides its first paying call)
    crash_trials = 12 if FULL else 3
    state_db_crash_trials = 10 if FULL else 1   # AWX jobs on the PostgreSQL backend: SIGKILL, then a relaunch
    seed = int(os.environ.get('RENEWALS_RELIABILITY_SEED', '20261121'))


MODE = Mode()
TABLES = []  # (title, markdown) printed at the end of the session (conftest.pytest_terminal_summary)

PROVIDERS = ('logicboxes', 'hostup', 'vpsbg')
PROVIDER_TITLES = {'logicboxes': 'LogicBoxes', 'hostup': 'HostUp', 'vpsbg': 'VPSBG'}

# Every fault kind of the sandbox with the parameters the matrix uses. The modules run with timeout=1.
FAULT_KINDS = (
    ('latency', {'ms': 1500}, 'latency beyond the timeout'),
    ('rate_limit', {'retry_after': 1}, '429 storm'),
    ('error_before_commit', {'status': 503}, '5xx before commit'),
    ('commit_then_500', {}, 'commit, then 500'),
    ('commit_then_reset', {}, 'commit, then reset'),
    ('commit_then_hang', {'seconds': 2}, 'commit, then hang'),
    ('malformed_json', {}, 'malformed JSON (half after commit)'),
    ('html_error', {}, 'HTML error page'),
    ('unauthorized', {}, '401'),
    ('forbidden', {}, '403'),
    ('not_found', {}, '404 unknown order'),
    ('validation', {}, '422 validation'),
    ('locked', {}, '423 locked'),
    ('api_error', {}, 'provider error body (500)'),
)
KIND_NAMES = tuple(kind for kind, _params, _title in FAULT_KINDS)
TIMEOUT = 1

# Sandbox operations about one order, called only by that order's host: faults on them are attributed exactly.
ORDER_OPS = {
    'logicboxes': ('details', 'search_current', 'renew'),
    'hostup': ('renew', 'v2_service', 'v2_billing_cycle', 'v2_renew', 'v2_invoices'),
    'vpsbg': ('server', 'calculate', 'renew_server', 'support_renew'),
}
# Calls no single order owns (account-wide lists, invoices, orders): faulted only in single-kind runs.
SHARED_OPS = {
    'logicboxes': ('search', 'orderid', 'pay', 'execute', 'transactions'),
    'hostup': ('accounts', 'invoices', 'invoice', 'pay', 'v2_list', 'v2_pay'),
    'vpsbg': ('servers', 'orders', 'order', 'change_period', 'balance'),
}
# awaiting_payment: a renewal placed (or found in flight) whose invoice or order waits for payment: bought, not paid
FINAL_OUTCOMES = ('renewed', 'awaiting_payment', 'pending', 'not_due', 'failed')

# What a failure message must say, per fault kind the order met (any of the words; case-insensitive).
REASONS = {
    'latency': r'no reply within|timed out|not re-sent|outcome is unknown',
    'rate_limit': r'429|too many',
    'error_before_commit': r'HTTP 503|outcome is unknown|nothing changed',
    'commit_then_500': r'HTTP 500|outcome is unknown',
    'commit_then_reset': r'connection (was closed|broke)|outcome is unknown',
    'commit_then_hang': r'no reply within|outcome is unknown|not re-sent',
    'malformed_json': r'unreadable|outcome is unknown',
    'html_error': r'HTTP 500|outcome is unknown',
    'unauthorized': r'HTTP 401|credential|api_token|api_key',
    'forbidden': r'HTTP 403|access denied|whitelist|firewall',
    'not_found': r'HTTP 404|not found',
    'validation': r'HTTP 422|invalid|billing_cycle',
    'locked': r'HTTP 423|locked',
    'api_error': r'internal error|HTTP 50\d|outcome is unknown',
}
# Signs of a message meant for a programmer, not for the person reading the report.
INTERNALS = re.compile(r'Traceback|NoneType|object has no attribute|KeyError|TypeError|unexpected keyword|MODULE FAILURE|'
                       r'module_stdout|VALUE_SPECIFIED_IN_NO_LOG_PARAMETER')


def kind_params(kind, index):
    params = dict(dict((name, params) for name, params, _title in FAULT_KINDS)[kind])
    if kind == 'malformed_json':
        params['commit'] = index % 2 == 0  # half the orders get the real reply cut in half after it committed
    return params


# -- the fleet under test ------------------------------------------------------------------------------------------------

def fleet_orders(fixture, hosts):
    """One record per inventory host: provider, the sandbox's id for it, whether it is due, and its paying operation."""
    orders = []
    for order in fixture['logicboxes']['orders']:
        orders.append(dict(host='lb-%s' % order['order_id'], provider='logicboxes', key=order['order_id'],
                           due=order['expires_in_days'] <= 30, paying_op='renew'))
    for service in fixture['hostup']['services']:
        host = 'hu-%s' % service['account_id']
        v2 = not str(hosts[host]['renewal_id']).isdigit()
        orders.append(dict(host=host, provider='hostup', key=service['account_id'], due=service['next_due_in_days'] <= 30,
                           paying_op='v2_renew' if v2 else 'renew'))
    for server in fixture['vpsbg']['servers']:
        orders.append(dict(host='vps-%s' % server['id'], provider='vpsbg', key=server['id'], due=server['expires_in_days'] <= 30,
                           paying_op='renew_server'))
    support = fixture['vpsbg']['support']
    orders.append(dict(host='vpsbg-support', provider='vpsbg', key=support['service_id'], due=support['expires_in_days'] <= 30,
                       paying_op='support_renew'))
    return orders


def matrix_fleet(n_per_provider, due_share, seed):
    """A three-provider fleet (LogicBoxes orders, HostUp v1 and v2 services, VPSBG servers and support), half of it due.

    The support plan's paging under faults on large accounts has its own test (test_support_plan_paging.py).
    """
    fixture = mixed_fleet_fixture(n_per_provider, due_share, seed)
    fixture['vpsbg']['support']['expires_in_days'] = 12  # due: its renewal is in the matrix too
    # VPSBG's own limit (600 calls a minute, honoured through Retry-After) would only make the runs wait; 429s come from the matrix
    fixture['vpsbg']['rate_limit_per_minute'] = 100000
    hosts = mixed_hosts(fixture)
    for host in hosts.values():
        host['renewal_options'] = {'timeout': TIMEOUT}
    return fixture, hosts, fleet_orders(fixture, hosts)


def assign_kinds(orders, kinds, per_cell, seed):
    """host -> fault kind: per provider and kind, ``per_cell`` orders, two thirds of them due; the rest get no fault."""
    rng = random.Random('%s/assign' % seed)
    assignment = {}
    for provider in PROVIDERS:
        due = [order['host'] for order in orders if order['provider'] == provider and order['due']]
        rest = [order['host'] for order in orders if order['provider'] == provider and not order['due']]
        rng.shuffle(due)
        rng.shuffle(rest)
        for kind in kinds:
            wanted_due = min(len(due), per_cell - per_cell // 3)
            picked = due[:wanted_due] + rest[:per_cell - wanted_due]
            del due[:wanted_due]
            del rest[:per_cell - wanted_due]
            assert len(picked) == per_cell, 'the fleet has too few %s orders for %d per fault kind' % (provider, per_cell)
            assignment.update((host, kind) for host in picked)
    return assignment


def fault_rules(orders, assignment, seed, probability, shared_kind=None):
    """Seeded rules: each faulted due order's first paying call, then its own calls with ``probability`` each.

    Each rule has its own seeded RNG and is consumed by one order's calls only (one fork, in order), so the faults an
    order meets do not depend on how the forks interleave. ``shared_kind`` also faults the calls no order owns.
    """
    rules = []
    for index, order in enumerate(orders):
        kind = assignment.get(order['host'])
        if kind is None:
            continue
        params = kind_params(kind, index)
        if order['due']:
            rules.append(dict(provider=order['provider'], operation=order['paying_op'], order_id=order['key'], kind=kind, times=1,
                              params=params))
        for operation in ORDER_OPS[order['provider']]:
            rules.append(dict(provider=order['provider'], operation=operation, order_id=order['key'], kind=kind,
                              probability=probability, seed='%s/%s/%s' % (seed, order['host'], operation), params=params))
    if shared_kind is not None:
        for provider in PROVIDERS:
            for operation in SHARED_OPS[provider]:
                rules.append(dict(provider=provider, operation=operation, kind=shared_kind, probability=probability,
                                  seed='%s/%s/%s' % (seed, provider, operation), params=kind_params(shared_kind, 0)))
    return rules


def ledger(state_dir):
    path = Path(state_dir) / 'ledger.jsonl'
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def open_intents(state_dir):
    """Paying requests the ledger has an intent for and nothing after it (what a crash leaves behind)."""
    records = ledger(state_dir)
    closed = set(r['intent_id'] for r in records if r['event'] in ('outcome', 'recovered'))
    return [r for r in records if r['event'] == 'intent' and r['intent_id'] not in closed]


def age_open_intents(state_dir, seconds):
    """Move the send time of the ledger's open intents ``seconds`` into the past: as if the next run came that much later."""
    path = Path(state_dir) / 'ledger.jsonl'
    open_ids = set(record['intent_id'] for record in open_intents(state_dir))
    past = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=seconds)).strftime('%Y-%m-%dT%H:%M:%SZ')
    lines = []
    for line in path.read_text().splitlines():
        try:
            record = json.loads(line)
        except ValueError:  # a line a crash cut short stays as it is
            lines.append(line)
            continue
        if record.get('event') == 'intent' and record['intent_id'] in open_ids:
            record['time'] = past
        lines.append(json.dumps(record, sort_keys=True))
    path.write_text('\n'.join(lines) + '\n')


# -- the table -------------------------------------------------------------------------------------------------------------

class Cell:
    """Counts of one provider x fault kind cell."""

    def __init__(self):
        self.orders = 0
        self.due = 0
        self.calls = 0
        self.faulted = 0
        self.outcomes = dict((outcome, 0) for outcome in FINAL_OUTCOMES)
        self.rerun_bought = 0
        self.double = 0

    def add(self, other):
        for name in ('orders', 'due', 'calls', 'faulted', 'rerun_bought', 'double'):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for outcome, count in other.outcomes.items():
            self.outcomes[outcome] += count

    def render(self):
        share = 100.0 * self.faulted / self.calls if self.calls else 0.0
        return '%d (%d due) · %d/%d calls = %d%% · %d/%d/%d/%d · +%d · %d' % (
            self.orders, self.due, self.faulted, self.calls, round(share), self.outcomes['renewed'], self.outcomes['pending'],
            self.outcomes['not_due'], self.outcomes['failed'], self.rerun_bought, self.double)


LEGEND = ('Each cell: orders (due) · faulted/all calls about those orders · outcomes of the faulty run '
          'renewed/pending/not_due/failed · renewals bought by the fault-free rerun · orders renewed twice.')


def matrix_table(cells, runs):
    """Markdown: fault kinds x providers."""
    lines = ['| Fault | %s |' % ' | '.join(PROVIDER_TITLES[p] for p in PROVIDERS), '|---|---|---|---|']
    total = dict((provider, Cell()) for provider in PROVIDERS)
    for kind, _params, title in FAULT_KINDS:
        row = []
        for provider in PROVIDERS:
            cell = cells.get((provider, kind))
            row.append(cell.render() if cell else '-')
            if cell:
                total[provider].add(cell)
        lines.append('| `%s` (%s) | %s |' % (kind, title, ' | '.join(row)))
    lines.append('| **all kinds** | %s |' % ' | '.join('**%s**' % total[p].render() for p in PROVIDERS))
    return '\n'.join(lines + ['', LEGEND, '', runs])


def write_tables():
    """Also into a file when RENEWALS_RELIABILITY_TABLE names one (the full-matrix command sets it)."""
    target = os.environ.get('RENEWALS_RELIABILITY_TABLE')
    if not target or not TABLES:
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(''.join('## %s\n\n%s\n\n' % (title, text) for title, text in TABLES))


# -- secrets -------------------------------------------------------------------------------------------------------------

def secret_forms(secret):
    """A credential as it may show up: raw, URL-encoded (path and form style)."""
    return set((secret, quote(secret, safe=''), quote_plus(secret)))


def leaks(text, secrets):
    """Every form of every secret found in ``text``."""
    return sorted(form for secret in secrets for form in secret_forms(secret) if form in text)


def tree_texts(path):
    """(relative path, text) of every file below ``path``."""
    root = Path(path)
    return [(str(item.relative_to(root)), item.read_text(errors='replace')) for item in sorted(root.rglob('*')) if item.is_file()]
