# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet benchmark itself, on a small fleet: it must check every contender's result and pair its repeats, or
its figures in docs/performance.md could not be trusted."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from sandbox.fixture_gen import generate_fixture  # pylint: disable=wrong-import-order

BENCH = Path(__file__).resolve().parents[1] / 'bench' / 'fleet_bench.py'
FORK_COST = BENCH.parent / 'fork_cost.py'


def test_benchmark_checks_each_contender_and_pairs_the_repeats(collections_path, tmp_path):
    result_file = tmp_path / 'bench.json'
    completed = subprocess.run(
        [sys.executable, str(BENCH), '--orders', '24', '--latency-ms', '5', '--modes', 'noop', 'floor', 'raw', 'fleet', 'check',
         'batch', '--repeat', '2', '--json', str(result_file)],
        env=dict(os.environ, RENEWALS_INSTALLED_COLLECTIONS=str(collections_path)),
        capture_output=True, text=True, timeout=600, check=False)
    assert completed.returncode == 0, (completed.stdout + completed.stderr)[-3000:]
    result = json.loads(result_file.read_text())
    rows, runs = result['rows'], result['runs']
    assert all(len(runs[mode]) == 2 for mode in rows), 'every contender ran once per round'
    assert all(run['correct'] == 'ok' for mode_runs in runs.values() for run in mode_runs)
    # the same HTTP work as the lower bound: one listing page per product path of the fleet (each has fewer than 500
    # orders), then three calls per due order (details, current actions, renewal); check mode never renews; the floor
    # makes no call at all
    due, paths = result['due'], len(set((o['product'], o.get('region')) for o in generate_fixture(24, 0.5, 1)['logicboxes']['orders']))
    assert all(runs[mode][0]['pages'] == paths for mode in ('fleet', 'raw', 'batch', 'check'))
    # plus, once per run, the price catalogues and the reseller balance (reseller cost, customer price, funds)
    assert rows['fleet']['calls'] == rows['raw']['calls'] == rows['batch']['calls'] == paths + 3 * due + 3
    assert rows['check']['calls'] == paths + 2 * due + 3 and rows['noop']['calls'] == rows['floor']['calls'] == 0
    assert set(result['ratios']) >= {'fleet/raw', 'fleet/noop', 'check/fleet', 'batch/raw', 'batch/floor', 'floor/raw'}
    paired = statistics.median(fleet['wall'] / noop['wall'] for fleet, noop in zip(runs['fleet'], runs['noop']))
    assert abs(result['ratios']['fleet/noop'] - paired) < 0.006, 'ratios are the median of the ratios within a round'


def test_the_http_client_twin_renews_the_same_orders_with_the_same_calls(collections_path, tmp_path):
    result_file = tmp_path / 'bench.json'
    completed = subprocess.run(
        [sys.executable, str(BENCH), '--orders', '12', '--latency-ms', '5', '--modes', 'fleet', '--baseline', 'stdlib',
         '--json', str(result_file)],
        env=dict(os.environ, RENEWALS_INSTALLED_COLLECTIONS=str(collections_path)),
        capture_output=True, text=True, timeout=600, check=False)
    assert completed.returncode == 0, (completed.stdout + completed.stderr)[-3000:]
    rows = json.loads(result_file.read_text())['rows']
    assert rows['fleet']['correct'] == rows['fleet@base']['correct'] == 'ok'
    assert rows['fleet']['calls'] == rows['fleet@base']['calls'] > 0
    work = Path(completed.stdout.rsplit('logs in ', 1)[1].strip())
    twin = work / 'baseline' / 'ansible_collections' / 'renewals' / 'hosting' / 'plugins' / 'module_utils' / '_http.py'
    assert twin.read_text().rstrip().endswith('install(sys.modules[__name__])')  # the twin sends over http.client
    shutil.rmtree(str(work))


def test_the_fork_cost_benchmark_measures_each_client_in_forked_children(collections_path):
    completed = subprocess.run([sys.executable, str(FORK_COST), '--children', '6', '--rounds', '2'],
                               env=dict(os.environ, RENEWALS_INSTALLED_COLLECTIONS=str(collections_path)),
                               capture_output=True, text=True, timeout=300, check=False)
    assert completed.returncode == 0, (completed.stdout + completed.stderr)[-3000:]
    lines = dict(line.split(None, 1) for line in completed.stdout.splitlines()[1:])
    assert set(lines) >= {'stdlib', 'urllib3', 'requests', 'urllib3/stdlib', 'requests/stdlib'}
    assert float(lines['requests/stdlib']) > 0  # a ratio of measured CPU, not a placeholder
