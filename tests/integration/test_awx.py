# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet job run the way AWX runs it: ansible-runner, credentials injected by the shipped credential types,
survey answers as extra vars; and job slicing, N slices at once against one provider account."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from awx_job import AWX, finish, injected_env, load, private_data_dir, runner, survey_answers
from harness import COLLECTION_ROOT, LB_KEY, LB_USERID, SandboxProcess
from fleet import due_ids, lb_fleet_fixture, lb_hosts, renewals_by_order


def test_survey_variables_are_role_options():
    spec = load(AWX / 'job_templates' / 'renew_fleet.yml')['survey_spec']['spec']
    options = load(COLLECTION_ROOT / 'roles' / 'renew_orders' / 'meta' / 'argument_specs.yml')['argument_specs']['main']['options']
    assert set(question['variable'] for question in spec) <= set(options)


@pytest.mark.parametrize('name', ['logicboxes', 'hostup', 'vpsbg'])
def test_credential_types_inject_what_the_modules_read(name):
    credential_type = load(AWX / 'credential_types' / ('%s.yml' % name))
    assert credential_type['kind'] == 'cloud'
    secrets = [field['id'] for field in credential_type['inputs']['fields'] if field.get('secret')]
    assert secrets, 'the API secret must be a secret input'
    assert all(not env.startswith('ANSIBLE_') for env in credential_type['injectors']['env'])
    assert all(env.startswith(name.upper() + '_') for env in credential_type['injectors']['env'])


def test_job_through_ansible_runner(collections_path, tmp_path):
    fixture = lb_fleet_fixture(60, 0.5, seed=21)
    hosts = lb_hosts(fixture, declare_prices=True)
    with SandboxProcess(fixture=fixture) as sandbox:
        envvars = injected_env(load(AWX / 'credential_types' / 'logicboxes.yml'),
                               {'auth_userid': LB_USERID, 'api_key': LB_KEY, 'api_url': sandbox.url + '/logicboxes/api'})
        envvars.update(ANSIBLE_COLLECTIONS_PATH=str(collections_path), ANSIBLE_FORKS='20')
        pdd = private_data_dir(tmp_path / 'job', hosts, envvars,
                               survey_answers(tmp_path / 'state', tmp_path / 'report', renew_orders_budget='{"USD": 100000}'))
        rc, output = finish(runner(pdd))
        assert rc == 0, output[-3000:]
        report = json.loads((tmp_path / 'report' / 'report.json').read_text())
        renewed = set(int(e['id']) for e in report['orders'] if e['outcome'] == 'renewed')
        assert renewed == due_ids(fixture) == set(i for i, n in renewals_by_order(sandbox).items() if n == 1)
        assert set(renewals_by_order(sandbox).values()) <= {0, 1}
        # what AWX stores and shows: the job's stdout and its events (runner's own `command` file holds the env by design)
        events = [p for p in (tmp_path / 'job' / 'artifacts').rglob('*') if p.is_file() and (p.parent.name == 'job_events' or p.name == 'stdout')]
        assert len(events) > len(hosts)
        assert LB_KEY not in output and all(LB_KEY not in p.read_text(errors='replace') for p in events)


def test_job_slices_run_at_once_renew_every_due_order_once(collections_path, tmp_path):
    """AWX job slicing: N jobs over disjoint shares of the inventory, at the same time, possibly on other nodes."""
    slices = 3
    fixture = lb_fleet_fixture(90, 0.5, seed=33)
    hosts = lb_hosts(fixture, declare_prices=True)
    names = sorted(hosts)
    with SandboxProcess(fixture=fixture) as sandbox:
        envvars = injected_env(load(AWX / 'credential_types' / 'logicboxes.yml'),
                               {'auth_userid': LB_USERID, 'api_key': LB_KEY, 'api_url': sandbox.url + '/logicboxes/api'})
        envvars.update(ANSIBLE_COLLECTIONS_PATH=str(collections_path), ANSIBLE_FORKS='10')
        processes = []
        for index in range(slices):
            share = dict((name, hosts[name]) for name in names[index::slices])
            # each slice gets its own state dir, as it would on its own execution node
            pdd = private_data_dir(tmp_path / ('slice%d' % index), share, envvars,
                                   survey_answers(tmp_path / ('state%d' % index), tmp_path / ('report%d' % index)))
            processes.append(runner(pdd))
        results = [finish(process) for process in processes]
        assert all(result[0] == 0 for result in results), [result[1][-2000:] for result in results]
        reports = [json.loads((tmp_path / ('report%d' % i) / 'report.json').read_text()) for i in range(slices)]
        counts = renewals_by_order(sandbox)
        assert set(i for i, n in counts.items() if n) == due_ids(fixture) and set(counts.values()) <= {0, 1}
        assert sum(len(r['orders']) for r in reports) == len(hosts)
        renewed = sum(r['totals']['outcomes']['renewed'] for r in reports)
        assert renewed == len(due_ids(fixture))
        spend = round(sum(r['totals']['spent'].get('USD', 0) for r in reports), 2)
        assert spend == round(sum(float(o['price']) for o in fixture['logicboxes']['orders'] if o['order_id'] in due_ids(fixture)), 2)
