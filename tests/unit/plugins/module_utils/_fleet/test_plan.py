# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The renewal plan: built from a check run's report, refused when changed or too old, and each order held to it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json

import pytest

from ansible_collections.renewals.hosting.plugins.module_utils._dates import UTC
from ansible_collections.renewals.hosting.plugins.module_utils._errors import InputError
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.plan import artifact, build_plan, keep_copy, load_plan
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.plan_guard import guard_for
from ansible_collections.renewals.hosting.plugins.module_utils._fleet.report import build_report, row
from ansible_collections.renewals.hosting.plugins.module_utils._provider import Quote, ServiceState

NOW = datetime.datetime(2026, 12, 1, tzinfo=UTC)
EXPIRY = '2026-12-05T00:00:00Z'


def check_report():
    rows = [row('a', {'provider': 'vpsbg', 'service': 'server', 'id': 7, 'period': 1}, 'would_renew', check_mode=True,
                expires_before=EXPIRY, amount=12.0, currency='EUR'),
            row('b', {'provider': 'logicboxes', 'service': 'domain', 'id': 8}, 'would_renew', check_mode=True,
                expires_before=EXPIRY),
            row('c', {'provider': 'logicboxes', 'service': 'domain', 'id': 9}, 'not_due', check_mode=True)]
    return build_report('run-1', rows, ['a', 'b', 'c'])


def test_the_plan_lists_what_the_check_run_would_renew_with_its_price_and_expiry():
    plan = build_plan(check_report(), now=NOW)
    assert [(o['host'], o['price'], o['expires_before'], o['period']) for o in plan['orders']] == [
        ('a', {'amount': 12.0, 'currency': 'EUR'}, EXPIRY, 1), ('b', None, EXPIRY, None)]
    assert plan['totals'] == {'orders': 2, 'would_spend': {'EUR': 12.0}, 'price_unknown': 1} and plan['created_at'] == '2026-12-01T00:00:00Z'
    assert load_plan(plan, 24, now=NOW) == plan
    assert artifact(plan, '/p/plan.json')['content'] == plan


@pytest.mark.parametrize('change', [
    lambda plan: plan['orders'][0]['price'].update(amount=1.0),
    lambda plan: plan['orders'].pop(),
    lambda plan: plan.update(created_at='2026-12-01T12:00:00Z'),
])
def test_a_changed_plan_is_refused(change):
    plan = build_plan(check_report(), now=NOW)
    change(plan)
    with pytest.raises(InputError, match='does not match its digest'):
        load_plan(plan, 24, now=NOW)


def test_a_plan_is_refused_when_old_or_not_the_approved_one(tmp_path):
    plan = build_plan(check_report(), now=NOW)
    with pytest.raises(InputError, match='older than renew_orders_plan_max_age'):
        load_plan(plan, 24, now=NOW + datetime.timedelta(hours=25))
    path = tmp_path / 'plan.json'
    path.write_text(json.dumps(plan))
    assert load_plan(str(path), 24, now=NOW) == plan
    assert load_plan(json.dumps({'path': str(path), 'digest': plan['digest']}), 24, now=NOW) == plan
    with pytest.raises(InputError, match='is not the approved'):
        load_plan({'path': str(path), 'digest': 'sha256:00'}, 24, now=NOW)
    with pytest.raises(InputError, match='cannot read the plan'):
        load_plan(str(tmp_path / 'missing.json'), 24, now=NOW)


def test_each_order_is_held_to_the_plan(tmp_path):
    plan = build_plan(check_report(), now=NOW)
    fleet_plan = {'path': keep_copy(str(tmp_path), plan), 'digest': plan['digest'], 'price_tolerance': 0.5}
    read = ServiceState('7', 'Active', datetime.datetime(2026, 12, 5, tzinfo=UTC))
    guard = guard_for(fleet_plan, {'provider': 'vpsbg', 'service': 'server', 'id': 7, 'period': 1})
    assert guard.stale(read) is None
    assert guard.refusal(Quote(12.5, 'EUR')) is None
    assert guard.refusal(Quote(12.51, 'EUR'))[0] == 'price_changed'
    assert guard.refusal(Quote(12.0, 'USD'))[0] == 'price_changed'
    assert guard.refusal(None)[0] == 'price_changed'
    moved = ServiceState('7', 'Active', datetime.datetime(2027, 1, 5, tzinfo=UTC))
    assert guard.stale(moved)[0] == 'plan_stale'
    other_period = guard_for(fleet_plan, {'provider': 'vpsbg', 'service': 'server', 'id': 7, 'period': 12})
    assert other_period.refusal(Quote(12.0, 'EUR'))[0] == 'not_in_plan'
    unlisted = guard_for(fleet_plan, {'provider': 'logicboxes', 'service': 'domain', 'id': 9, 'period': None})
    assert unlisted.stale(read) is None and unlisted.refusal(None)[0] == 'not_in_plan'
    unpriced = guard_for(fleet_plan, {'provider': 'logicboxes', 'service': 'domain', 'id': '8', 'period': None})
    assert unpriced.refusal(None) is None
    assert guard_for(None, {'provider': 'vpsbg', 'service': 'server', 'id': 7}) is None
