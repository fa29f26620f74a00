"""The VPSBG provider: routing, `Accept` and Bearer-token checks, rate limiting and the Laravel error envelope."""

import json
import time
from dataclasses import dataclass

from ..core.http import html_page, json_response
from ..core.provider import Outcome, Provider, Route
from . import loader
from .errors import METHOD_NOT_ALLOWED, ROUTE_MISSING, UNAUTHENTICATED, ApiError
from .inputs import as_integer, body_of, is_json
from .admin_api import ROUTES as ADMIN_ROUTES
from .routes import LISTINGS, MUTATIONS, OPERATIONS, resolve

RATE_WINDOW = 60  # seconds; the documented limit is per minute


@dataclass
class Call:  # pylint: disable=too-many-instance-attributes
    """Everything a handler needs for one API call."""

    state: object
    body: dict
    query: dict
    args: dict
    now: int
    base_url: str

    def first(self, name):
        """First value of a query parameter, or None."""
        values = self.query.get(name)
        return values[0] if values else None


class VpsbgProvider(Provider):
    """VPSBG's REST API (Laravel backend) under /vpsbg/, so `api_url` is http://HOST:PORT/vpsbg/v1."""

    name = "vpsbg"
    prefix = "/vpsbg/"
    operations = OPERATIONS
    secret_params = frozenset(("token", "api_token", "authorization"))
    listing_key_fields = ("expiry_at",)

    def load_state(self, section, clock):
        return loader.load(section, clock)

    def route(self, request):
        with self.store.locked():
            state = self.store.section(self.name)
            renew_path = state.renew_path
            endpoint, args, allowed = resolve(request.method, request.subpath, renew_path)
            body = body_of(request)
            about = self._about(state, endpoint, args, body)
        if is_json(request):
            # JSON fields show in the request log's params like form fields do (values as JSON text).
            request.form = {name: [value if isinstance(value, str) else json.dumps(value)] for name, value in body.items()}
        if endpoint is None:
            return Route(None, None, lambda: Outcome(self._no_route(request, allowed)))
        listing = endpoint.operation in LISTINGS
        page = as_integer(request.first("page", include_form=False) or 1) if listing else None
        return Route(endpoint.operation, about, lambda: self._run(request, endpoint, args, body), listing=listing, page=page)

    def _run(self, request, endpoint, args, body):
        with self.store.locked():
            state = self.store.section(self.name)
            if "application/json" not in request.headers.get("accept", "").lower():
                # Laravel renders errors (and redirects) for browsers without it; the sandbox refuses outright.
                return Outcome(html_page(406, "Not Acceptable", "Send Accept: application/json."))
            try:
                self._throttle(state)
                if request.headers.get("authorization", "") != f"Bearer {state.token}":
                    raise ApiError(401, UNAUTHENTICATED)
                call = Call(state, body, request.query, args, self.store.clock.now(),
                            f"http://{request.headers.get('host', '127.0.0.1')}{request.path}")
                response = endpoint.handler(call)
            except ApiError as error:
                response = json_response(error.status, error.body(), error.headers)
            response.headers.update(_rate_headers(state))
        return Outcome(response, committed=endpoint.operation in MUTATIONS and response.status < 400)

    @staticmethod
    def _about(state, endpoint, args, body):
        """The service or order a call is about, for fault rules and the request log (None when unknown).

        Server calls name the server id (the first of `server_ids` for the bulk shapes), order calls the
        order id, the support renewal the support plan's service id.
        """
        if endpoint is None:
            return None
        if "server" in args:
            return as_integer(args["server"])
        if "order" in args:
            return as_integer(args["order"])
        if endpoint.operation == "support_renew":
            return state.support.service_id if state.support is not None else None
        ids = body.get("order_ids" if endpoint.operation == "pay_orders" else "server_ids")
        if isinstance(ids, list) and ids:
            return as_integer(ids[0])
        return None

    @staticmethod
    def _throttle(state):
        """A fixed one-minute window of `rate_limit_per_minute` requests, then 429 with Retry-After."""
        now = time.time()
        if now - state.window_started >= RATE_WINDOW:
            state.window_started, state.window_count = now, 0
        if state.window_count >= state.rate_limit_per_minute:
            wait = max(1, int(state.window_started + RATE_WINDOW - now + 0.999))
            raise ApiError(429, "Too Many Attempts.", headers={"Retry-After": str(wait), "X-RateLimit-Reset": str(int(now) + wait)})
        state.window_count += 1

    @staticmethod
    def _no_route(request, allowed):
        path = request.subpath
        if allowed:
            methods = ", ".join(dict.fromkeys(method for name in allowed for method in ([name, "HEAD"] if name == "GET" else [name])))
            return json_response(405, {"message": METHOD_NOT_ALLOWED.format(method=request.method, path=path, allowed=methods)})
        return json_response(404, {"message": ROUTE_MISSING.format(path=path)})

    def admin_routes(self):
        return ADMIN_ROUTES

    def snapshot(self, state):
        return loader.snapshot(state)

    def age(self, state, seconds):
        loader.age(state, seconds)

    def error_response(self, status, message, style=None):
        """Laravel's {"message"}; a 422 names a field like real validation errors do; a 429 carries the limit headers."""
        body = {"message": message}
        headers = {}
        if status == 422:
            body["errors"] = {"billing_cycle": [message]}
        if status == 429:
            with self.store.locked():
                headers.update(_rate_headers(self.store.section(self.name), remaining=0))
        return json_response(status, body, headers)

    def forbidden_response(self):
        """A blocked caller meets the web application firewall's HTML page, not the API."""
        return html_page(403, "Forbidden", "Access denied by the web application firewall.")


def _rate_headers(state, remaining=None):
    left = max(0, state.rate_limit_per_minute - state.window_count) if remaining is None else remaining
    return {"X-RateLimit-Limit": str(state.rate_limit_per_minute), "X-RateLimit-Remaining": str(left)}
