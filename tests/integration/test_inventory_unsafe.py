# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Provider text that looks like Jinja stays text: the orders inventory plugin marks every value unsafe, on every
ansible-core line (2.19's trust model would hide a missing mark; 2.16 to 2.18 would render it on the controller)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import subprocess

from harness import BIN, PLAYBOOKS, SandboxProcess, lb_fixture, lb_order, vpsbg_fixture, vpsbg_server

JINJA = '{{ 6 * 7 }}'
RAW = '{% raw %}x{% endraw %}'
CONFIG = """plugin: renewals.hosting.orders
providers:
  logicboxes:
    products: [domain]
  vpsbg: {}
compose:
  renewal_label: renewal_description
"""


def fixture():
    found = lb_fixture(lb_order(7101, product='domain', region=None, days=5, description=JINJA),
                       lb_order(7102, product='domain', region=None, days=5, description=RAW))
    found.update(vpsbg_fixture(vpsbg_server(7201, hostname=JINJA)))
    return found


def test_provider_text_is_never_templated(ansible, tmp_path):
    path = tmp_path / 'renewals.orders.yml'
    path.write_text(CONFIG)
    results_file = tmp_path / 'rendered.json'
    with SandboxProcess(fixture=fixture()) as sandbox:
        listed = subprocess.run([str(BIN / 'ansible-inventory'), '-i', str(path), '--list'], capture_output=True, text=True,
                                env=ansible.env(sandbox), check=False, timeout=300)
        played = subprocess.run([str(BIN / 'ansible-playbook'), str(PLAYBOOKS / 'inventory_text.yml'), '-i', str(path),
                                 '-e', json.dumps({'results_file': str(results_file)})],
                                capture_output=True, text=True, env=ansible.env(sandbox), check=False, timeout=300)
    assert played.returncode == 0, played.stdout[-3000:]
    rendered = json.loads(results_file.read_text())
    assert rendered == {
        'logicboxes_domain_7101': {'description': JINJA, 'label': JINJA, 'via_hostvars': JINJA},
        'logicboxes_domain_7102': dict.fromkeys(('description', 'label', 'via_hostvars'), RAW),
        'vpsbg_server_7201': {'description': JINJA, 'label': JINJA, 'via_hostvars': JINJA},
    }, rendered
    assert listed.returncode == 0, listed.stderr[-3000:]
    hostvars = json.loads(listed.stdout)['_meta']['hostvars']
    # ansible-inventory writes a value marked unsafe (or, from 2.19 on, not trusted as a template) as {"__ansible_unsafe": ...}
    described = dict((host, variables['renewal_description']) for host, variables in hostvars.items())
    assert described == {'logicboxes_domain_7101': {'__ansible_unsafe': JINJA}, 'logicboxes_domain_7102': {'__ansible_unsafe': RAW},
                         'vpsbg_server_7201': {'__ansible_unsafe': JINJA}}
