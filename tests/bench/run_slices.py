# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWX-style job slicing: N fleet runs at once, each over its share of the inventory (every Nth host),
each with its own state directory as on separate execution nodes.

Usage: python run_slices.py INVENTORY.json SLICES WORK_DIR FORKS
"""

import json
import subprocess
import sys
from pathlib import Path


def main(inventory_path, slices, work, forks):
    hosts = json.loads(Path(inventory_path).read_text())['all']['hosts']
    names = sorted(hosts)
    work = Path(work)
    processes = []
    for index in range(int(slices)):
        share = work / ('slice%d.json' % index)
        share.write_text(json.dumps({'all': {'hosts': dict((name, hosts[name]) for name in names[index::int(slices)])}}))
        variables = {'renew_orders_state_dir': str(work / ('slice%d-state' % index)),
                     'renew_orders_report_dir': str(work / ('slice%d-report' % index))}
        processes.append(subprocess.Popen(['ansible-playbook', 'renewals.hosting.renew_fleet', '-i', str(share), '-f', str(forks),
                                           '-e', json.dumps(variables)]))
    codes = [process.wait() for process in processes]
    totals = [json.loads((work / ('slice%d-report' % i) / 'report.json').read_text())['totals'] for i in range(int(slices))]
    print('slices %s, orders %d, renewed %d' % (codes, sum(t['orders'] for t in totals),
                                                sum(t['outcomes']['renewed'] for t in totals)))
    return max(codes)


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:5]))
