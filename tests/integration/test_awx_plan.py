# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shipped plan -> approve -> apply workflow (extensions/awx/workflows) run the way AWX runs it: each job through
ansible-runner in its own private data dir (its own container), the plan job's set_stats artifacts passed on to the
apply job as extra variables."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import shutil

from awx_job import AWX, finish, injected_env, load, private_data_dir, runner, survey_answers
from harness import LB_KEY, LB_USERID, VPSBG_TOKEN, SandboxProcess
from plan_fixtures import PLANNED, bought, plan_fixture, plan_hosts

WORKFLOW = AWX / 'workflows' / 'plan_approve_apply.yml'


def job_artifacts(pdd):
    """What AWX stores as the job's artifacts: the set_stats data of the playbook_on_stats event."""
    for path in (pdd / 'artifacts').rglob('job_events/*.json'):
        event = json.loads(path.read_text())
        if event.get('event') == 'playbook_on_stats':
            return event['event_data'].get('artifact_data') or {}
    raise AssertionError('no playbook_on_stats event under %s' % pdd)


def launch(node, pdd, hosts, envvars, extravars):
    """One job node of the workflow: the job type the node names (check: AWX adds --check to the command line)."""
    private_data_dir(pdd, hosts, envvars, extravars)
    if node['job_type'] == 'check':
        (pdd / 'env' / 'cmdline').write_text('--check')
    rc, output = finish(runner(pdd))
    return rc, output, job_artifacts(pdd)


def credentials(sandbox, collections_path):
    envvars = injected_env(load(AWX / 'credential_types' / 'logicboxes.yml'),
                           {'auth_userid': LB_USERID, 'api_key': LB_KEY, 'api_url': sandbox.url + '/logicboxes/api'})
    envvars.update(injected_env(load(AWX / 'credential_types' / 'vpsbg.yml'),
                                {'api_token': VPSBG_TOKEN, 'api_url': sandbox.url + '/vpsbg/v1'}))
    envvars.update(ANSIBLE_COLLECTIONS_PATH=str(collections_path), ANSIBLE_FORKS='10')
    return envvars


def test_workflow_is_check_then_approval_then_run():
    workflow = load(WORKFLOW)
    nodes = dict((node['identifier'], node) for node in workflow['workflow_nodes'])
    template = load(AWX / 'job_templates' / 'renew_fleet.yml')
    assert [nodes[n]['unified_job_template']['type'] for n in ('plan', 'approve', 'apply')] == [
        'job_template', 'workflow_approval', 'job_template']
    assert nodes['plan']['unified_job_template']['name'] == nodes['apply']['unified_job_template']['name'] == template['name']
    assert (nodes['plan']['job_type'], nodes['apply']['job_type']) == ('check', 'run') and template['ask_job_type_on_launch']
    assert nodes['plan']['related']['success_nodes'] == [{'identifier': 'approve'}]
    assert nodes['approve']['related']['success_nodes'] == [{'identifier': 'apply'}]
    assert nodes['approve']['unified_job_template']['timeout'] <= workflow['extra_vars']['renew_orders_plan_max_age'] * 3600


def test_plan_approve_apply_through_ansible_runner(collections_path, tmp_path):
    workflow = load(WORKFLOW)
    nodes = dict((node['identifier'], node) for node in workflow['workflow_nodes'])
    hosts = plan_hosts()
    with SandboxProcess(fixture=plan_fixture()) as sandbox:
        envvars = credentials(sandbox, collections_path)
        plan_job = tmp_path / 'plan'
        rc, output, artifacts = launch(nodes['plan'], plan_job, hosts, envvars, dict(
            workflow['extra_vars'], **survey_answers(plan_job / 'state', plan_job / 'report')))
        assert rc == 0, output[-3000:]
        assert set(bought(sandbox).values()) == {0}, 'the plan job bought something'

        # the approval node: the approver sees what the plan would spend and its digest; nothing moves meanwhile
        published = artifacts['renew_orders_plan']
        plan = published['content']
        assert published['digest'] == plan['digest'] and published['orders'] == len(PLANNED)
        assert set(o['host'] for o in plan['orders']) == PLANNED
        assert artifacts['renew_orders']['check_mode'] is True
        assert artifacts['renew_orders']['would_spend'] == plan['totals']['would_spend']
        shutil.rmtree(str(plan_job))  # the plan job's container is gone: the plan travels in the artifact

        # the apply node: a fresh container; AWX hands it the workflow's extra vars and the ancestors' artifacts
        apply_job = tmp_path / 'apply'
        extravars = dict(workflow['extra_vars'], **survey_answers(apply_job / 'state', apply_job / 'report',
                                                                  renew_orders_before_days=60))
        extravars.update(artifacts)
        rc, output, _artifacts = launch(nodes['apply'], apply_job, hosts, envvars, extravars)
        assert rc == 0, output[-3000:]
        report = json.loads((apply_job / 'report' / 'report.json').read_text())
        outcomes = dict((e['host'], e['outcome']) for e in report['orders'])
        assert set(host for host, outcome in outcomes.items() if outcome == 'renewed') == PLANNED
        assert outcomes['lb-5003'] == 'not_in_plan', 'due by the apply job\'s window, but nobody approved it'
        assert set(host for host, count in bought(sandbox).items() if count) == PLANNED
        assert set(bought(sandbox).values()) == {0, 1}
