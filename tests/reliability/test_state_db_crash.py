# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWX jobs on the PostgreSQL state backend, SIGKILLed while renew calls are slow and relaunched at once in a fresh
container, trial after trial (10 in the full run): no order is ever renewed twice, every due order once in the end."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from reliability import MODE
from test_awx_state_db import sigkill_and_relaunch


@pytest.mark.parametrize('trial', range(MODE.state_db_crash_trials))
def test_sigkill_and_relaunch_on_one_state_database(collections_path, tmp_path, state_dsn, trial):
    sigkill_and_relaunch(collections_path, tmp_path, state_dsn, seed=MODE.seed + trial)
