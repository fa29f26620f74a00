# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

# pytest collects the shared fixtures where a conftest imports them
from playbook_fixtures import ansible, collections_path  # noqa: F401 pylint: disable=unused-import
from postgres_fixture import postgres_server, state_dsn  # noqa: F401 pylint: disable=unused-import
