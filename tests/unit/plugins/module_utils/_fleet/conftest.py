# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every state backend behind one fixture, so the same behaviour suite runs against the file and the database."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(TESTS))

from postgres_fixture import postgres_server, state_dsn  # noqa: E402,F401 pylint: disable=wrong-import-position,unused-import
from sandbox.client import SandboxProcess  # noqa: E402 pylint: disable=wrong-import-position,wrong-import-order

from ansible_collections.renewals.hosting.plugins.module_utils._fleet.state import open_state, release_connections  # noqa: E402


class Backend:
    """The options of one fleet state (backend, directory, database), and the state they open."""

    def __init__(self, name, state_dir, dsn=None):
        self.name = name
        self.options = {'state_backend': name, 'state_dir': state_dir, 'state_dsn': dsn}

    def fleet(self, run_id='run-1', run_group=None, **extra):
        return dict(self.options, run_id=run_id, run_group=run_group, **extra)

    def open(self, run_group=None, check_mode=False):
        return open_state(dict(self.options, run_group=run_group), check_mode, migrate=True)


@pytest.fixture(params=['file', 'postgresql'])
def backend(request, tmp_path):
    dsn = request.getfixturevalue('state_dsn') if request.param == 'postgresql' else None
    return Backend(request.param, str(tmp_path / 'state'), dsn)


@pytest.fixture(scope='module')
def sandbox(request):
    """One sandbox process for a test module, started from the module's fixture() and stopped at its end."""
    with SandboxProcess(fixture=request.module.fixture()) as running:
        yield running


@pytest.fixture
def fresh(sandbox):  # pylint: disable=redefined-outer-name
    """The module's sandbox reset to its fixture; the test's database connections are closed after it."""
    sandbox.reset()
    yield sandbox
    release_connections()
