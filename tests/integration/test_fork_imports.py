# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""requests is imported once, in the controller, before Ansible forks a worker per order: a real ansible-playbook run
with an audit hook that logs, per process, every import of requests/urllib3 and every connection to the sandbox."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from harness import SandboxProcess, lb_fixture, lb_order, renewals

HOOK = '''
import os
import sys

_LOG = os.environ['RENEWALS_IMPORT_LOG']
_PORT = int(os.environ['RENEWALS_SANDBOX_PORT'])


def _write(event, name):
    line = '%d %d %s %s\\n' % (os.getpid(), os.getppid(), event, name)
    descriptor = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    os.write(descriptor, line.encode('ascii'))
    os.close(descriptor)


def _hook(event, args):
    if event == 'import' and args[0].split('.')[0] in ('requests', 'urllib3'):
        _write('import', args[0])
    elif event == 'socket.connect' and isinstance(args[1], tuple) and args[1][1:2] == (_PORT,):
        _write('connect', '%s:%s' % args[1][:2])


sys.addaudithook(_hook)
'''


def test_forked_workers_inherit_requests_from_the_controller(ansible, tmp_path):
    orders = [lb_order(6101 + index, days=10) for index in range(4)]
    hosts = dict(('order-%s' % order['order_id'], dict((key, order[key]) for key in ('product', 'region', 'order_id')))
                 for order in orders)
    (tmp_path / 'hook').mkdir()
    (tmp_path / 'hook' / 'sitecustomize.py').write_text(HOOK)
    log = tmp_path / 'imports.log'
    with SandboxProcess(fixture=lb_fixture(*orders)) as sandbox:
        run = ansible.play('renew.yml', hosts, sandbox, env={
            'PYTHONPATH': os.pathsep.join([str(tmp_path / 'hook')] + [p for p in [os.environ.get('PYTHONPATH')] if p]),
            'RENEWALS_IMPORT_LOG': str(log), 'RENEWALS_SANDBOX_PORT': str(sandbox.port)})
        assert run.rc == 0, run.output
        assert [renewals(sandbox, order['order_id']) for order in orders] == [1, 1, 1, 1]
    events = [line.split(' ', 3) for line in log.read_text().splitlines()]
    pids = set(event[0] for event in events)
    imported = dict((pid, [name for p, _ppid, event, name in events if p == pid and event == 'import']) for pid in pids)
    workers = set((pid, ppid) for pid, ppid, event, _name in events if event == 'connect')
    controllers = set(ppid for _pid, ppid in workers)
    assert len(controllers) == 1 and len(workers) >= 2, 'every order ran in a worker forked by the one controller'
    controller = controllers.pop()
    assert imported.get(controller, []).count('requests') == 1, 'the controller imported requests once'
    assert all(imported[pid] == [] for pid, _ppid in workers), 'a worker imported requests or urllib3 again'
