# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fleet benchmark: one command, every contender measured in one run against one sandbox.

  python tests/bench/fleet_bench.py [--orders 1000] [--latency-ms 50] [--due-share 0.5] [--forks 20] [--modes ...]
                                   [--repeat N] [--baseline REV]

Contenders (each on a freshly reset sandbox, correctness checked after each):
  fleet    ansible-playbook renewals.hosting.renew_fleet, per-host mode
  check    the same in check mode (must buy nothing)
  batch    the fleet in batch mode (one controller task renews the whole inventory)
  uri      the playbook a user would write without the collection (ansible.builtin.uri)
  raw      the HTTP lower bound: the same HTTP calls from a plain thread pool, no Ansible
  noop     Ansible's own floor: one set_fact per host
  floor    Ansible's own floor for a controller-task run: one run-once set_fact over the inventory (batch can be no
           faster than floor + raw)
  fleet-off, check-off, batch-off, raw-off
           the same without the run's listing (renew_orders_listing: off; raw: every order's details), as before it
  slices   three per-host runs at once, each over a third of the inventory (AWX job slicing)
  fleet-pg the per-host fleet with renew_orders_state_backend: postgresql (a fresh database on a server started here,
           the DSN in RENEWALS_STATE_DSN as AWX's credential injects it)
  batch-pg batch mode on the same backend
  limited  the per-host fleet against a sandbox enforcing a rate limit (--rate-limit calls/s), capped with
           renew_orders_concurrency (--concurrency); it must finish with no failed order
With --baseline REV the collection as built from git revision REV runs too, as fleet@base, batch@base, ... right
after each of those contenders, so that a change is measured against what it replaces in the same run.
Prints wall time, CPU time and peak memory (largest process) for each, and the ratios.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / 'tests'))
sys.path.insert(0, str(ROOT / 'tests' / 'integration'))

from harness import BIN, LB_KEY, LB_USERID, build_installed_collection  # noqa: E402  pylint: disable=wrong-import-position
from postgres_fixture import start_server  # noqa: E402  pylint: disable=wrong-import-position
from sandbox.client import SandboxProcess  # noqa: E402  pylint: disable=wrong-import-position
from sandbox.fixture_gen import generate_fixture  # noqa: E402  pylint: disable=wrong-import-position
from sandbox.logicboxes.catalog import PRODUCTS  # noqa: E402  pylint: disable=wrong-import-position

WINDOW_DAYS = 30
MODES = ('noop', 'floor', 'raw', 'fleet', 'check', 'batch', 'slices', 'limited', 'uri', 'fleet-pg', 'batch-pg',
         'raw-off', 'fleet-off', 'check-off', 'batch-off', 'forecast', 'forecast-off')
OFF = ['-e', json.dumps({'renew_orders_listing': 'off'})]
PG_MODES = ('fleet-pg', 'batch-pg')
COLLECTION_MODES = ('fleet', 'check', 'batch', 'slices', 'limited', 'fleet-pg', 'batch-pg', 'fleet-off', 'check-off', 'batch-off',
                    'forecast', 'forecast-off')
BASE = '@base'
STDLIB = 'stdlib'  # --baseline stdlib: this collection over http.client (stdlib_send.py)


def inventory(fixture):
    """One host per order with the fleet's renewal_* vars, plus the raw API facts the uri and raw contenders need."""
    hosts = {}
    for order in fixture['logicboxes']['orders']:
        product = PRODUCTS[order['product']]
        host = {'renewal_provider': 'logicboxes', 'renewal_service': order['product'], 'renewal_id': order['order_id'],
                'renewal_period': 1, 'lb_path': product.api_path(order.get('region')), 'lb_id_param': product.renew_id_param,
                'lb_period_param': product.period, 'lb_is_domain': product.is_domain}
        if order.get('region'):
            host['renewal_region'] = order['region']
        hosts['lb-%s' % order['order_id']] = host
    return {'all': {'hosts': hosts}}


def due_orders(fixture):
    return set(str(o['order_id']) for o in fixture['logicboxes']['orders'] if o['expires_in_days'] <= WINDOW_DAYS)


def commands(mode, work, inventory_path, forks, concurrency=8):
    playbook = [str(BIN / 'ansible-playbook'), '-i', str(inventory_path), '-f', str(forks)]
    fleet_vars = ['-e', json.dumps({'renew_orders_state_dir': str(work / ('state-' + mode)),
                                    'renew_orders_report_dir': str(work / ('report-' + mode))})]
    pg_vars = fleet_vars + ['-e', json.dumps({'renew_orders_state_backend': 'postgresql'})]
    return {
        'noop': playbook + [str(HERE / 'noop_floor.yml')],
        'floor': playbook + [str(HERE / 'run_once_floor.yml')],
        'raw': [sys.executable, str(HERE / 'raw_client.py'), str(inventory_path), str(forks)],
        'fleet': playbook + ['renewals.hosting.renew_fleet'] + fleet_vars,
        'check': playbook + ['renewals.hosting.renew_fleet', '--check'] + fleet_vars,
        'batch': playbook + ['renewals.hosting.renew_fleet_batch'] + fleet_vars,
        'fleet-pg': playbook + ['renewals.hosting.renew_fleet'] + pg_vars,
        'batch-pg': playbook + ['renewals.hosting.renew_fleet_batch'] + pg_vars,
        'uri': playbook + [str(HERE / 'uri_reference.yml')],
        'slices': [sys.executable, str(HERE / 'run_slices.py'), str(inventory_path), '3', str(work), str(forks)],
        'raw-off': [sys.executable, str(HERE / 'raw_client.py'), str(inventory_path), str(forks), '--listing', 'off'],
        'fleet-off': playbook + ['renewals.hosting.renew_fleet'] + fleet_vars + OFF,
        'check-off': playbook + ['renewals.hosting.renew_fleet', '--check'] + fleet_vars + OFF,
        'batch-off': playbook + ['renewals.hosting.renew_fleet_batch'] + fleet_vars + OFF,
        'forecast': playbook + ['renewals.hosting.forecast'] + fleet_vars,  # read-only: 90 days ahead
        'forecast-off': playbook + ['renewals.hosting.forecast'] + fleet_vars + OFF,
        'limited': playbook + ['renewals.hosting.renew_fleet', '-e', json.dumps({
            'renew_orders_state_dir': str(work / 'state-limited'), 'renew_orders_report_dir': str(work / 'report-limited'),
            'renew_orders_concurrency': {'logicboxes': concurrency}})],
    }[mode]


def build_baseline(revision, work, collections):
    """The collection of git revision ``revision``, built and installed as users get it; returns its collections path.
    ``stdlib``: this collection (``collections``) sending its requests over http.client (stdlib_send.py)."""
    if revision == STDLIB:
        installed = work / 'baseline'
        shutil.copytree(collections, str(installed))
        http_module = installed / 'ansible_collections' / 'renewals' / 'hosting' / 'plugins' / 'module_utils' / '_http.py'
        twin = [line for line in (HERE / 'stdlib_send.py').read_text().splitlines()
                if not line.startswith(('from __future__', '__metaclass__'))]  # allowed only at the top of a module
        http_module.write_text(http_module.read_text() + '\n\n# -- benchmark twin --\nimport sys\n' + '\n'.join(twin)
                               + '\n\ninstall(sys.modules[__name__])\n')
        return str(installed)
    source, dist, installed = work / 'baseline-src', work / 'baseline-dist', work / 'baseline'
    source.mkdir()
    archive = subprocess.run(['git', '-C', str(ROOT), 'archive', revision], capture_output=True, check=True).stdout
    subprocess.run(['tar', '-x', '-C', str(source)], input=archive, check=True)
    subprocess.run([str(BIN / 'ansible-galaxy'), 'collection', 'build', '--force', '--output-path', str(dist), str(source)],
                   check=True, capture_output=True)
    subprocess.run([str(BIN / 'ansible-galaxy'), 'collection', 'install', '--force', '-p', str(installed),
                    str(next(dist.glob('renewals-hosting-*.tar.gz')))], check=True, capture_output=True)
    return str(installed)


def round_modes(modes, baseline):
    """One round: each contender, and right after a collection contender its baseline twin."""
    return [name for mode in modes for name in ([mode, mode + BASE] if baseline and mode in COLLECTION_MODES else [mode])]


def measure(command, log, env):
    output = subprocess.run([sys.executable, str(HERE / 'measure.py'), str(log), '--'] + command,
                            env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(output)


def verdict(mode, sandbox, due):
    """Every due order renewed exactly once and nothing else bought (check and noop: nothing bought)."""
    counts = dict((oid, order['renewals']) for oid, order in sandbox.state('logicboxes')['orders'].items())
    expected = set() if mode.split('-')[0] in ('check', 'noop', 'floor', 'forecast') else due
    wrong = [oid for oid, count in counts.items() if count != (1 if oid in expected else 0)]
    return 'ok' if not wrong else 'WRONG: %d orders (e.g. %s)' % (len(wrong), ', '.join(sorted(wrong)[:3]))


def run(args):
    work = Path(tempfile.mkdtemp(prefix='renewals-bench-'))
    collections = os.environ.get('RENEWALS_INSTALLED_COLLECTIONS') or str(build_installed_collection(work / 'collection'))
    fixture = generate_fixture(args.orders, args.due_share, args.seed, providers=('logicboxes',))
    fixture['logicboxes'].update(auth_userid=LB_USERID, api_key=LB_KEY)
    due = due_orders(fixture)
    inventory_path = work / 'inventory.json'
    inventory_path.write_text(json.dumps(inventory(fixture)))
    baseline = build_baseline(args.baseline, work, collections) if args.baseline else None
    modes = round_modes(args.modes, baseline)
    runs = dict((mode, []) for mode in modes)
    server = start_server() if set(args.modes) & set(PG_MODES) else None
    try:
        return _run_all(args, work, collections, fixture, due, inventory_path, runs, server, baseline, modes)
    finally:
        if server is not None:
            server.destroy()


def _run_all(args, work, collections, fixture, due, inventory_path, runs, server, baseline, modes):
    for name in [mode for _round in range(args.repeat) for mode in modes]:  # alternating, so drift hits every mode
        mode = name.replace(BASE, '')
        limit = args.rate_limit if mode == 'limited' else 0
        with SandboxProcess(fixture=fixture, latency_ms=args.latency_ms, rate_limit=limit) as sandbox:
            env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=baseline if name.endswith(BASE) else collections,
                       LOGICBOXES_AUTH_USERID=LB_USERID,
                       LOGICBOXES_API_KEY=LB_KEY, LOGICBOXES_API_URL=sandbox.url + '/logicboxes/api',
                       ANSIBLE_RETRY_FILES_ENABLED='false', ANSIBLE_NOCOLOR='1', ANSIBLE_HOST_KEY_CHECKING='false',
                       ANSIBLE_FORKS=str(args.forks), PATH='%s%s%s' % (BIN, os.pathsep, os.environ.get('PATH', '')))
            if mode in PG_MODES:  # a fresh database for each run, as the file contenders get a fresh state directory
                env['RENEWALS_STATE_DSN'] = server.dsn(server.new_database())
            started = time.time()
            sandbox_cpu = sandbox.cpu_seconds()
            (work / name).mkdir(exist_ok=True)
            row = measure(commands(mode, work / name, inventory_path, args.forks, args.concurrency), work / ('%s.log' % name), env)
            row['sandbox_cpu'] = round(sandbox.cpu_seconds() - sandbox_cpu, 2) if sandbox_cpu is not None else None
            row['correct'] = verdict(mode, sandbox, due)
            log = sandbox.requests(provider='logicboxes')
            row['calls'] = len(log)
            row['pages'] = sum(1 for entry in log if entry['operation'] == 'search')  # the run's listing
            row['http_429'] = sum(1 for entry in log if entry['status'] == 429)
            runs[name].append(row)
            print('%-12s wall %7.2fs  cpu %7.2fs  peak %7.1f MB  calls %6d  pages %4d  429s %5d  sandbox cpu %6.2fs  rc %s  %s  (%s)'
                  % (name, row['wall'], row['cpu'], row['peak_mb'], row['calls'], row['pages'], row['http_429'],
                     row['sandbox_cpu'] or 0,
                     row['rc'], row['correct'],
                     time.strftime('%H:%M:%S', time.localtime(started))), flush=True)
    return runs, due, work


def _twin(mode):
    """The baseline's name for a collection contender; other contenders have none."""
    return mode + BASE if mode in COLLECTION_MODES else mode


def ratios(runs):
    """Wall-time ratios, each the median of the ratios within one repetition (pairing cancels the machine's drift)."""
    pairs = (('fleet/raw', 'fleet', 'raw'), ('fleet/noop', 'fleet', 'noop'), ('uri/fleet', 'uri', 'fleet'),
             ('check/fleet', 'check', 'fleet'), ('batch/raw', 'batch', 'raw'), ('batch/fleet', 'batch', 'fleet'),
             ('slices/fleet', 'slices', 'fleet'), ('limited/fleet', 'limited', 'fleet'),
             ('fleet-pg/fleet', 'fleet-pg', 'fleet'), ('batch-pg/batch', 'batch-pg', 'batch'),
             ('batch-off/batch', 'batch-off', 'batch'), ('fleet/fleet-off', 'fleet', 'fleet-off'),
             ('check/check-off', 'check', 'check-off'), ('batch/batch-off', 'batch', 'batch-off'),
             ('raw/raw-off', 'raw', 'raw-off'), ('fleet-off/noop', 'fleet-off', 'noop'),
             ('forecast/forecast-off', 'forecast', 'forecast-off'),
             ('batch-off/raw-off', 'batch-off', 'raw-off'), ('batch/floor', 'batch', 'floor'), ('floor/raw', 'floor', 'raw'))
    pairs += tuple(('%s/%s' % (_twin(a), _twin(b)), _twin(a), _twin(b)) for _name, a, b in pairs if a in COLLECTION_MODES)
    pairs += tuple(('%s/%s%s' % (mode, mode, BASE), mode, mode + BASE) for mode in COLLECTION_MODES)
    return dict((name, round(statistics.median(x['wall'] / y['wall'] for x, y in zip(runs[a], runs[b])), 2))
                for name, a, b in pairs if a in runs and b in runs)


def medians(runs):
    """One row per contender: the median of each figure over the repetitions, correct only if every run was."""
    rows = {}
    for mode, mode_runs in runs.items():
        row = dict((key, round(statistics.median(run[key] or 0 for run in mode_runs), 2))
                   for key in ('wall', 'cpu', 'user', 'sys', 'peak_mb', 'sandbox_cpu', 'calls', 'pages', 'http_429'))
        wrong = [run['correct'] for run in mode_runs if run['correct'] != 'ok']
        row.update(correct=wrong[0] if wrong else 'ok', rc=max(run['rc'] for run in mode_runs), runs=len(mode_runs))
        rows[mode] = row
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--orders', type=int, default=1000)
    parser.add_argument('--latency-ms', type=int, default=50)
    parser.add_argument('--due-share', type=float, default=0.5)
    parser.add_argument('--forks', type=int, default=20)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--modes', nargs='+', default=list(MODES), choices=MODES)
    parser.add_argument('--rate-limit', type=int, default=100, help='calls per second the sandbox allows in mode limited')
    parser.add_argument('--concurrency', type=int, default=8, help='renew_orders_concurrency for logicboxes in mode limited')
    parser.add_argument('--repeat', type=int, default=1,
                        help='run the contenders this many times, alternating; figures and ratios are medians')
    parser.add_argument('--baseline', metavar='REV', help='also run the collection contenders as built from this git revision '
                        '(stdlib: this collection sending over http.client, stdlib_send.py)')
    parser.add_argument('--json', help='also write the results to this file')
    args = parser.parse_args(argv)
    print('fleet benchmark: %d orders (%.0f%% due), %d ms per call, %d forks, %d CPUs'
          % (args.orders, args.due_share * 100, args.latency_ms, args.forks, os.cpu_count()), flush=True)
    runs, due, work = run(args)
    rows = medians(runs)
    result = {'orders': args.orders, 'due': len(due), 'due_ids': sorted(due), 'latency_ms': args.latency_ms, 'forks': args.forks, 'repeat': args.repeat,
              'rows': rows, 'ratios': ratios(runs), 'runs': runs}
    if args.repeat > 1:
        print('medians of %d alternating runs:' % args.repeat)
        for mode, row in rows.items():
            print('%-12s wall %7.2fs  cpu %7.2fs  peak %7.1f MB' % (mode, row['wall'], row['cpu'], row['peak_mb']))
    for name, value in result['ratios'].items():
        print('%-22s %6.2f' % (name, value))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    print('logs in %s' % work)
    return 0 if all(row['correct'] == 'ok' and row['rc'] == 0 for row in rows.values()) else 1


if __name__ == '__main__':
    sys.exit(main())
