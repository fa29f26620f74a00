"""Support plan renewal (seed "Renew support plan"): POST /v1/support/renew {billing_cycle} -> 201 order."""

from ..core.http import json_response
from . import billing, wire
from .errors import NO_SUPPORT_PLAN, validation_error
from .inputs import Validator


def renew(call):
    """Place a renew-service order with one `support` line. No guard: a second call orders again."""
    checker = Validator(call.body)
    cycle = checker.billing_cycle()
    checker.finish()
    support = call.state.support
    if support is None:
        raise validation_error({"support": [NO_SUPPORT_PLAN]})
    order = billing.place_order(call.state, billing.quote([support], cycle, None), None, call.now)
    return json_response(201, wire.order(call.state, order))
