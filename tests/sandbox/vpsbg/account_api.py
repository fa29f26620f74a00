"""Account endpoints: GET /v1/balance (reference section 7)."""

from ..core.http import json_response
from . import wire


def balance(call):
    """The account balance and its currency."""
    return json_response(200, wire.balance(call.state))
