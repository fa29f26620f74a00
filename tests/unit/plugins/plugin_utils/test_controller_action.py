# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the controller-side action base does to task input before validation."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar

try:
    from ansible.template import trust_as_template  # ansible-core 2.19+: only trusted strings are templates
except ImportError:
    def trust_as_template(value):
        return value

from ansible_collections.renewals.hosting.plugins.plugin_utils._controller_action import has_template, plain, prefixed_vars


def test_has_template_looks_into_keys_lists_and_dicts():
    assert has_template({'a': ['x', '{{ y }}']}) and has_template({'{% if %}': 1}) and not has_template({'a': ['x', 1, None]})


def test_plain_turns_subclassed_values_into_builtins():
    class Tagged(str):
        pass

    value = plain({Tagged('k'): [Tagged('v'), True, 3, 1.5, None]})
    assert value == {'k': ['v', True, 3, 1.5, None]}
    assert [item.__class__ for item in (list(value)[0], value['k'][0])] == [str, str]


def test_prefixed_vars_renders_only_what_holds_a_template_and_skips_unset_names():
    variables = {'greeting': 'hello', 'renewal_id': 7, 'renewal_service': trust_as_template('{{ greeting }} service'), 'renewal_region': 'us'}
    templar = Templar(loader=DataLoader(), variables=variables)
    found = prefixed_vars(templar, variables, ('id', 'service', 'period'), 'renewal_')
    assert found == {'id': 7, 'service': 'hello service'}
