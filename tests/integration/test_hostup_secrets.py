# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HostUp API key appears nowhere: not at -vvvv, not in the log file, not in results, in both execution paths."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import quote, quote_plus

from harness import SandboxProcess, hu_fixture, hu_service

SECRET = 'hu+s3cr3t/key=5d2b'  # characters that URL encoding changes, so every encoded form is searched


def leaks(text, secret):
    return [form for form in (secret, quote(secret, safe=''), quote_plus(secret)) if form in text]


def test_no_key_anywhere_at_vvvv_with_failures(ansible, tmp_path):
    services = [hu_service(24000, days=5), hu_service(24001, 'vps_s1', days=5), hu_service(24002, days=5),
                hu_service(24003, 'acct_s3', days=5, unpaid_invoice=True), hu_service(24004, days=5)]
    hosts = {
        'read-fails': dict(account_id='24000', timeout=1),
        'renew-hangs': dict(account_id='vps_s1', timeout=1),
        'blocked': dict(account_id='24002'),
        'pays': dict(account_id='acct_s3', pay_invoice=True),
        'wrong-key': dict(account_id='24004', api_key='wrong-' + SECRET),
    }
    log = tmp_path / 'ansible.log'
    fixture = hu_fixture(*services, payment_delay_seconds=0.2)
    fixture['hostup']['api_key'] = SECRET
    with SandboxProcess(fixture=fixture) as sandbox:
        for env in ({}, {'RENEWALS_HOSTING_EXECUTION': 'module'}):
            sandbox.reset()
            sandbox.set_faults([
                dict(provider='hostup', operation='accounts', kind='html_error'),
                dict(provider='hostup', operation='v2_renew', order_id=24001, kind='commit_then_hang', params={'seconds': 2}),
                dict(provider='hostup', operation='invoices', kind='forbidden'),
            ])
            run = ansible.play('hostup_renew.yml', hosts, sandbox, verbosity=4,
                               env=dict(env, HOSTUP_API_KEY=SECRET, ANSIBLE_LOG_PATH=str(log)))
            assert run['read-fails']['failed'] and run['blocked']['failed'] and run['wrong-key']['failed']
            assert run['pays']['paid'] is True and run['renew-hangs']['changed'] is True
            for text in (run.output, log.read_text(), str(run.results)):
                assert leaks(text, SECRET) == [] and leaks(text, 'wrong-' + SECRET) == []
        assert leaks(str(sandbox.requests()), SECRET) == []
