# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""TLS: the sandbox served over HTTPS with a self-signed certificate. validate_certs defaults to true, so by default
every provider fails with a certificate error before any request reaches the server; validate_certs: false and
ca_path (the certificate) both work. Through the fleet and through the inventory plugin."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import subprocess

import pytest

from harness import BIN, SandboxProcess
from sandbox.certificate import self_signed
from fleet import purchases, run_fleet
from reliability import matrix_fleet
from ansible_collections.renewals.hosting.plugins.module_utils._hostup import modules as hostup_modules
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes import modules as logicboxes_modules
from ansible_collections.renewals.hosting.plugins.module_utils._vpsbg import modules as vpsbg_modules

MODES = ('default', 'insecure', 'ca_path')
CERTIFICATE_ERROR = 'certificate'


@pytest.fixture(scope='module')
def certificate(tmp_path_factory):
    return self_signed(tmp_path_factory.mktemp('tls'))


@pytest.mark.parametrize('spec', [logicboxes_modules.RENEWAL, logicboxes_modules.INFO, hostup_modules.RENEWAL, hostup_modules.INFO,
                                  vpsbg_modules.SERVER_RENEWAL, vpsbg_modules.SUPPORT_RENEWAL, vpsbg_modules.SERVER_INFO])
def test_validate_certs_defaults_to_true(spec):
    assert spec.argument_spec['validate_certs'] == {'type': 'bool', 'default': True}
    assert spec.argument_spec['ca_path']['type'] == 'path'


def test_fleet_over_https_with_a_self_signed_certificate(ansible, tmp_path, certificate):
    cert, key = certificate
    fixture, all_hosts, orders = matrix_fleet(6, 1.0, 'tls')
    hosts, mode_of = {}, {}
    for provider in ('logicboxes', 'hostup', 'vpsbg'):
        mine = [order for order in orders if order['provider'] == provider and order['due'] and order['host'] != 'vpsbg-support']
        for order, mode in zip(mine, MODES):
            options = {'timeout': 5}
            if mode == 'insecure':
                options['validate_certs'] = False
            elif mode == 'ca_path':
                options['ca_path'] = str(cert)
            hosts[order['host']] = dict(all_hosts[order['host']], renewal_options=options)
            mode_of[order['host']] = (mode, order)
    with SandboxProcess(fixture=fixture, tls_cert=cert, tls_key=key) as sandbox:
        assert sandbox.url.startswith('https://')
        run = run_fleet(ansible, sandbox, hosts, tmp_path, name='tls')
        bought = purchases(sandbox)
        calls = sandbox.requests()
    entries = dict((entry['host'], entry) for entry in run.report['orders'])
    keys_called = set((call['provider'], call['order_id']) for call in calls)
    for host, (mode, order) in mode_of.items():
        entry = entries[host]
        if mode == 'default':
            assert entry['outcome'] == 'failed', (host, entry['msg'])
            assert CERTIFICATE_ERROR in entry['msg'] and 'validate_certs' in entry['msg'] and 'ca_path' in entry['msg'], entry['msg']
            assert bought[host] == 0 and (order['provider'], order['key']) not in keys_called, 'nothing reached the server'
        else:
            assert entry['outcome'] in ('renewed', 'awaiting_payment') and bought[host] == 1, (host, mode, entry['msg'])
    assert run.rc != 0, 'the certificate failures fail the job'


def test_inventory_over_https_with_a_self_signed_certificate(ansible, tmp_path, certificate):
    cert, key = certificate
    fixture, _hosts, _orders = matrix_fleet(3, 0.5, 'tls-inventory')
    sources = {'default': {}, 'insecure': {'validate_certs': False}, 'ca_path': {'ca_path': str(cert)}}
    paths = {}
    for mode, settings in sources.items():
        paths[mode] = tmp_path / ('%s.orders.yml' % mode)
        paths[mode].write_text(json.dumps({'plugin': 'renewals.hosting.orders', 'hostname_prefix': mode + '_',
                                           'providers': {'vpsbg': settings, 'hostup': settings}}))
    with SandboxProcess(fixture=fixture, tls_cert=cert, tls_key=key) as sandbox:
        command = [str(BIN / 'ansible-inventory'), '--list'] + [argument for path in paths.values() for argument in ('-i', str(path))]
        completed = subprocess.run(command, env=ansible.env(sandbox, {'ANSIBLE_INVENTORY_ENABLED': 'renewals.hosting.orders'}),
                                   capture_output=True, text=True, timeout=300, check=False)
    listed = json.loads(completed.stdout)['_meta']['hostvars']
    assert not any(host.startswith('default_') for host in listed)
    assert "with source '%s'" % paths['default'] in completed.stderr and CERTIFICATE_ERROR in completed.stderr
    for mode in ('insecure', 'ca_path'):
        # three HostUp services, three VPSBG servers and the VPSBG account's support plan
        assert len([host for host in listed if host.startswith(mode + '_')]) == 7, (mode, sorted(listed), completed.stderr[-2000:])
