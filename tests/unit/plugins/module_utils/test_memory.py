# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a service keeps across runs: one document in the fleet's (file) state; check mode and the plain module keep none."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible_collections.renewals.hosting.plugins.module_utils._errors import RenewalError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state_file import StateDir
from ansible_collections.renewals.hosting.plugins.module_utils._memory import NO_MEMORY, Memory
from ansible_collections.renewals.hosting.plugins.module_utils._runner import ModuleSpec


class BrokenStore:
    def recall(self, key):
        raise RenewalError('the state database is unreachable')

    def remember(self, key, value):
        raise RenewalError('the state database is unreachable')


def test_a_document_is_kept_across_runs_under_its_key(tmp_path):
    Memory(StateDir(str(tmp_path)), 'vpsbg|support|a').remember({'checked_up_to': 7})
    assert Memory(StateDir(str(tmp_path)), 'vpsbg|support|a').recall() == {'checked_up_to': 7}
    assert Memory(StateDir(str(tmp_path)), 'vpsbg|support|b').recall() is None


def test_check_mode_and_the_plain_module_write_nothing(tmp_path):
    Memory(StateDir(str(tmp_path)), 'k', check_mode=True).remember({'a': 1})
    NO_MEMORY.remember({'a': 1})
    assert not os.path.exists(os.path.join(str(tmp_path), 'memo')) and NO_MEMORY.recall() is None


def test_a_store_that_fails_is_an_empty_memory():
    memory = Memory(BrokenStore(), 'k')
    assert memory.recall() is None
    memory.remember({'a': 1})  # not kept; the next run reads the provider again


def test_only_a_spec_with_a_memory_key_gets_a_memory(tmp_path):
    built = []
    plain = ModuleSpec({}, lambda params: None, lambda params: built.append(()) or 'api', kind='renewal')
    keeping = ModuleSpec({}, lambda params: None, lambda params, memory: built.append(memory) or 'api', kind='renewal',
                         memory_key=lambda params: 'key|%s' % params['account'])
    store = StateDir(str(tmp_path))
    plain.build({'account': 1}, store)
    keeping.build({'account': 1}, store, check_mode=True)
    keeping.build({'account': 1})
    assert built[0] == () and built[1].key == 'key|1' and built[1].check_mode and built[1].store is store
    assert built[2] is NO_MEMORY
