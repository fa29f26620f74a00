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

from playbook_fixtures import ansible, collections_path  # noqa: E402,F401 pylint: disable=wrong-import-position,unused-import
from postgres_fixture import postgres_server, state_dsn  # noqa: E402,F401 pylint: disable=wrong-import-position,unused-import
import reliability  # noqa: E402 pylint: disable=wrong-import-position


def pytest_terminal_summary(terminalreporter):
    """Print the tables the suite produced (the fault matrix), also without -s."""
    if not reliability.TABLES:
        return
    terminalreporter.section('reliability (%s)' % reliability.MODE.name)
    for title, text in reliability.TABLES:
        terminalreporter.write_line('%s\n\n%s' % (title, text))
    reliability.write_tables()
