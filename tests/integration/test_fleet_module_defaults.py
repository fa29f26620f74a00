# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet resolves module_defaults for the provider modules it calls (action group and module name), as a task
naming those modules would: the path differs per ansible-core line, so this runs on every line."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import pytest

from harness import LB_KEY, LB_USERID, PLAYBOOKS, SandboxProcess
from fleet import due_ids, lb_fleet_fixture, lb_hosts, renewals_by_order, run_fleet

WRONG_ENV = {'LOGICBOXES_AUTH_USERID': '9999', 'LOGICBOXES_API_KEY': 'wrong-key-0000'}


@pytest.mark.parametrize('mode', ['run', 'batch'])
def test_fleet_takes_credentials_from_module_defaults(ansible, tmp_path, mode):
    fixture = lb_fleet_fixture(8, 0.5, seed=31)
    hosts, due = lb_hosts(fixture), due_ids(fixture)
    assert due, 'the fixture has no due order'
    variables = {'group_api_key': LB_KEY, 'module_auth_userid': LB_USERID, 'fleet_mode': mode}
    playbook = str(PLAYBOOKS / 'fleet_module_defaults.yml')
    with SandboxProcess(fixture=fixture) as sandbox:
        without = run_fleet(ansible, sandbox, hosts, tmp_path / 'without', env=WRONG_ENV, name='without',
                            playbook='renewals.hosting.renew_fleet_batch' if mode == 'batch' else 'renewals.hosting.renew_fleet')
        assert without.hosts_with('failed') == set(hosts) and sum(renewals_by_order(sandbox).values()) == 0, \
            'the wrong environment credentials worked'
        real = run_fleet(ansible, sandbox, hosts, tmp_path / 'real', extra_vars=variables, env=WRONG_ENV, name='real', playbook=playbook)
        counts = renewals_by_order(sandbox)
        assert real.rc == 0, real.output[-3000:]
        assert set(i for i, n in counts.items() if n) == due and set(counts.values()) <= {0, 1}
        assert real.hosts_with('renewed') == set('lb-%s' % i for i in due)
        # run-level steps show as the controller's, and batch mode ends with the summary table (no per-order results)
        assert re.search(r'Write report\.json, summary\.md[^\n]*\] \*+\n\w+: \[[^\]\s]+ -> localhost\]', real.output), real.output[-3000:]
        rows = set(re.findall(r'"\| (lb-\d+) \| logicboxes \| \d+ \| (\w+) \|', real.output))
        assert rows == (set(real.outcomes().items()) if mode == 'batch' else set()), rows
        rerun = run_fleet(ansible, sandbox, hosts, tmp_path / 'rerun', extra_vars=variables, env=WRONG_ENV, name='rerun', playbook=playbook)
        assert renewals_by_order(sandbox) == counts and not rerun.hosts_with('renewed') and rerun.rc == 0
