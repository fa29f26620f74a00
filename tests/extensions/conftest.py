# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tests of extensions/ that need tools of their own (ansible-builder, awx.awx): scripts/extensions.sh sets them up."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
from pathlib import Path

import pytest

COLLECTION_ROOT = Path(__file__).resolve().parents[2]


def tool(variable):
    """A path scripts/extensions.sh gives in the environment; without it these tests cannot run at all."""
    value = os.environ.get(variable)
    if not value:
        pytest.fail('%s is not set: run these tests through scripts/extensions.sh' % variable)
    return value
