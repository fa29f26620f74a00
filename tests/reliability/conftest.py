# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the reliability suite; it reuses the integration helpers (harness.py, fleet.py)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys

INTEGRATION = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'integration')
if INTEGRATION not in sys.path:
    sys.path.insert(0, INTEGRATION)

import pytest  # noqa: E402 pylint: disable=wrong-import-position

from harness import Ansible, build_installed_collection  # noqa: E402 pylint: disable=wrong-import-position
import reliability  # noqa: E402 pylint: disable=wrong-import-position


@pytest.fixture(scope='session')
def collections_path(tmp_path_factory):
    """The installed artifact from `make test`, or one built and installed here."""
    installed = os.environ.get('RENEWALS_INSTALLED_COLLECTIONS')
    if installed:
        return installed
    return build_installed_collection(tmp_path_factory.mktemp('collection'))


@pytest.fixture
def ansible(collections_path, tmp_path):
    return Ansible(collections_path, tmp_path)


def pytest_terminal_summary(terminalreporter):
    """Print the tables the suite produced (the fault matrix), also without -s."""
    if not reliability.TABLES:
        return
    terminalreporter.section('reliability (%s)' % reliability.MODE.name)
    for title, text in reliability.TABLES:
        terminalreporter.write_line('%s\n\n%s' % (title, text))
    reliability.write_tables()
