# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fixtures every suite that runs ansible-playbook shares (imported by the integration and reliability conftests)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import pytest

from harness import Ansible, build_installed_collection


@pytest.fixture(scope='session')
def collections_path(tmp_path_factory):
    """The installed artifact from `make test`, or one built and installed here."""
    installed = os.environ.get('RENEWALS_INSTALLED_COLLECTIONS')
    if installed:
        return installed
    return build_installed_collection(tmp_path_factory.mktemp('collection'))


@pytest.fixture
def ansible(collections_path, tmp_path):  # pylint: disable=redefined-outer-name
    return Ansible(collections_path, tmp_path)
