# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The provider registry: every provider declared in its package, and the places that must agree with it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from pathlib import Path

import pytest
import yaml

from ansible_collections.renewals.hosting.plugins.doc_fragments.logicboxes import ModuleDocFragment as LogicBoxesDocs
from ansible_collections.renewals.hosting.plugins.module_utils._declaration import ANY_SERVICE
from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._logicboxes.data import PRODUCTS
from ansible_collections.renewals.hosting.plugins.module_utils._registry import PROVIDERS, all_targets, target_for

COLLECTION = Path(__file__).resolve().parents[4]


def module_doc(name):
    """The DOCUMENTATION of plugins/modules/<name>.py, parsed."""
    source = (COLLECTION / 'plugins' / 'modules' / ('%s.py' % name)).read_text()
    start = source.index("DOCUMENTATION = r'''") + len("DOCUMENTATION = r'''")
    return yaml.safe_load(source[start:source.index("'''", start)])


def test_each_provider_package_declares_itself_under_its_own_name():
    assert sorted(PROVIDERS) == sorted(path.name.lstrip('_') for path in (COLLECTION / 'plugins' / 'module_utils').iterdir()
                                       if (path / 'provider.py').exists())
    for name, provider in PROVIDERS.items():
        assert provider.name == name and provider.targets and provider.connection and callable(provider.list_orders)


def test_every_fleet_target_is_a_module_with_an_action_plugin_in_its_providers_action_group():
    groups = yaml.safe_load((COLLECTION / 'meta' / 'runtime.yml').read_text())['action_groups']
    for name, provider in PROVIDERS.items():
        for target in provider.targets.values():
            short = target.module.split('.')[-1]
            assert (COLLECTION / 'plugins' / 'modules' / ('%s.py' % short)).exists()
            assert (COLLECTION / 'plugins' / 'action' / ('%s.py' % short)).exists()
            assert short in groups[name]


def test_renew_order_documents_exactly_the_registered_providers():
    assert module_doc('renew_order')['options']['provider']['choices'] == sorted(PROVIDERS)


def test_the_product_choices_are_the_product_table():
    documented = yaml.safe_load(LogicBoxesDocs.PRODUCT)['options']['product']['choices']
    assert documented == sorted(PRODUCTS)


def test_an_unknown_provider_or_service_names_the_option_and_the_known_values():
    with pytest.raises(InputError) as caught:
        target_for('godaddy', 'domain')
    assert caught.value.details['option'] == 'provider' and 'hostup, logicboxes, vpsbg' in caught.value.message
    with pytest.raises(InputError) as caught:
        target_for('vpsbg', 'domain')
    assert caught.value.details['option'] == 'service' and 'server, support' in caught.value.message
    assert target_for('logicboxes', 'any product at all').module == 'renewals.hosting.logicboxes_renewal'
    assert ANY_SERVICE in PROVIDERS['logicboxes'].targets


def test_all_targets_lists_each_module_once():
    modules = [target.module for target in all_targets()]
    assert len(modules) == len(set(modules)) == 4
