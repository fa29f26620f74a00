"""The contract between the shared core and one provider module (LogicBoxes, HostUp, VPSBG, ...)."""

from dataclasses import dataclass
from typing import Callable, Optional

from .http import Response, json_response, text_response

FORBIDDEN_TEXT = "Access Denied. You are not authorized to perform this action."


@dataclass
class Outcome:
    """What a provider handler did: the answer, and whether it changed provider state."""

    response: Response
    committed: bool = False


@dataclass
class Route:
    """A provider's reading of a request, made before anything runs.

    `operation`, `order_id`, `listing` and `page` drive fault matching and the request log; `run`
    performs the call (under the store lock) and is skipped entirely when a fault answers first.
    """

    operation: Optional[str]
    order_id: Optional[int]
    run: Callable[[], Outcome]
    listing: bool = False  # a page of a collection (orders, servers, services, invoices, actions)
    page: Optional[int] = None  # 1-based page number of a listing call


class Provider:
    """Base class of a provider module.

    Subclasses set `name`, `prefix` (the URL path they own, ending in "/"), `operations`
    (logical names fault rules may target) and implement the methods below.
    """

    name = ""
    prefix = ""
    operations = frozenset()
    # Parameter names whose values must never reach the request log.
    secret_params = frozenset()
    # Row fields a `drop_fields` fault removes when the rule names none (the expiry a listing carries).
    listing_key_fields = ()

    def __init__(self, store):
        self.store = store

    def load_state(self, section, clock):
        """Build this provider's state from its fixture section (None when absent)."""
        raise NotImplementedError

    def route(self, request):
        """Return the Route for a request under `prefix` (request.subpath is set)."""
        raise NotImplementedError

    def snapshot(self, state):
        """JSON-able view of the state for GET /_admin/state."""
        raise NotImplementedError

    def age(self, state, seconds):
        """Move every stored timestamp `seconds` into the past (POST /_admin/clock)."""
        raise NotImplementedError

    def admin_routes(self):
        """Provider admin calls under /_admin/<name>/: {(method, subpath): handler(state, body, now) -> dict}."""
        return {}

    def listing_rows(self, body):
        """(envelope, rows) of a parsed listing body: the object holding the rows, and the row objects."""
        rows = body.get("data") if isinstance(body, dict) else None
        return body, rows if isinstance(rows, list) else []

    def error_response(self, status, message, style=None):  # pylint: disable=unused-argument
        """An error in this provider's own envelope; fault kinds use it for 401/404/422/423/429."""
        return json_response(status, {"error": message})

    def forbidden_response(self):
        """What this provider answers when the caller is blocked (IP allow-list, WAF)."""
        return text_response(403, FORBIDDEN_TEXT)
