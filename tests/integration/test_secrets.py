# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The API key appears nowhere: not at -vvvv, not in the log file, not in results, not on failures."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import quote, quote_plus

from harness import LB_KEY, SandboxProcess, lb_fixture, lb_order


def leaks(text, secret):
    return [form for form in (secret, quote(secret, safe=''), quote_plus(secret)) if form in text]


def test_no_key_anywhere_at_vvvv_with_failures(ansible, tmp_path):
    orders = [lb_order(8001, days=5), lb_order(8002, days=5), lb_order(8003, days=5), lb_order(8004, days=5)]
    hosts = dict(('order-%s' % o['order_id'], dict(product=o['product'], region='us', order_id=o['order_id'], timeout=1))
                 for o in orders)
    hosts['order-8004']['api_key'] = 'wrong-' + LB_KEY  # a wrong key must not leak either
    log = tmp_path / 'ansible.log'
    with SandboxProcess(fixture=lb_fixture(*orders)) as sandbox:
        sandbox.set_faults([
            dict(provider='logicboxes', operation='details', order_id=8001, kind='html_error'),
            dict(provider='logicboxes', operation='renew', order_id=8002, kind='commit_then_hang', params={'seconds': 3}),
            dict(provider='logicboxes', operation='details', order_id=8003, kind='forbidden'),
        ])
        for env in ({}, {'RENEWALS_HOSTING_EXECUTION': 'module'}):
            run = ansible.play('renew.yml', hosts, sandbox, verbosity=4, env=dict(env, ANSIBLE_LOG_PATH=str(log)))
            assert run['order-8001']['failed'] and run['order-8003']['failed'] and run['order-8004']['failed']
            texts = [run.output, log.read_text(), str(run.results)]
            for text in texts:
                assert leaks(text, LB_KEY) == [] and leaks(text, 'wrong-' + LB_KEY) == []
        assert all(LB_KEY not in str(entry) for entry in sandbox.requests())
