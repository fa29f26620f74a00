"""The admin API under /_admin/: health, state, request log, faults, reset, clock.

No authentication; only loopback peers are served. Errors answer 400 with {"error": ...}.
"""

import ipaddress
import json
from decimal import Decimal, InvalidOperation

from .faults import FaultError
from .fixture import FixtureError
from .http import json_response


class AdminError(ValueError):
    """A bad admin request (answered 400)."""


def handle_admin(sandbox, request):
    """Answer one admin request: a core endpoint, or a provider's own under /_admin/<provider>/."""
    if not ipaddress.ip_address(request.client or "127.0.0.1").is_loopback:
        return json_response(403, {"error": "the admin API only answers loopback clients"})
    handler = ROUTES.get((request.method, request.path)) or _provider_handler(sandbox, request)
    if handler is None:
        known = sorted(f"{method} {path}" for method, path in ROUTES)
        for provider in sandbox.providers:
            known += sorted(f"{method} /_admin/{provider.name}/{name}" for method, name in provider.admin_routes())
        return json_response(404, {"error": "unknown admin endpoint", "endpoints": known})
    try:
        return json_response(200, handler(sandbox, request))
    except (AdminError, FaultError, FixtureError) as error:
        return json_response(400, {"error": str(error)})


def _provider_handler(sandbox, request):
    """The provider admin call for this path, wrapped to run under the state lock; None when there is none."""
    for provider in sandbox.providers:
        base = f"/_admin/{provider.name}/"
        if not request.path.startswith(base):
            continue
        handler = provider.admin_routes().get((request.method, request.path[len(base):]))
        if handler is None:
            return None

        def run(sandbox_, request_, provider_=provider, handler_=handler):
            body = _body(request_) if request_.method == "POST" else {}
            with sandbox_.store.locked():
                return handler_(sandbox_.store.section(provider_.name), body, sandbox_.store.clock.now())
        return run
    return None


def amount_field(value, name):
    """A non-negative decimal amount from an admin body (string or number)."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise AdminError(f"{name} must be a decimal amount") from None
    if isinstance(value, bool) or not amount.is_finite() or amount < 0:
        raise AdminError(f"{name} must be a non-negative decimal amount")
    return amount


def balance_change(current, body):
    """A provider balance after {"balance": amount} (set) or {"add": amount} (top up)."""
    if ("balance" in body) == ("add" in body):
        raise AdminError("give exactly one of balance, add")
    if "balance" in body:
        return amount_field(body["balance"], "balance")
    return current + amount_field(body["add"], "add")


def only_fields(body, fields):
    """Refuse fields an admin call does not know, so a typo fails loudly."""
    unknown = sorted(set(body) - set(fields))
    if unknown:
        raise AdminError(f"unknown field(s) {', '.join(unknown)}; known: {', '.join(fields)}")


def _body(request):
    """The JSON object of an admin POST ({} when empty)."""
    if not request.body.strip():
        return {}
    try:
        body = json.loads(request.body)
    except ValueError as error:
        raise AdminError(f"body is not valid JSON: {error}") from None
    if not isinstance(body, dict):
        raise AdminError("body must be a JSON object")
    return body


def _int_filter(request, name):
    value = request.first(name, include_form=False)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise AdminError(f"{name} must be an integer") from None


def health(sandbox, _request):
    """GET /_admin/health."""
    return {
        "status": "ok",
        "providers": {provider.name: provider.prefix for provider in sandbox.providers},
        "started": sandbox.started,
        "seed": sandbox.seed,
        "latency_ms": sandbox.latency_ms,
        "requests_logged": sandbox.log.count(),
    }


def state(sandbox, _request):
    """GET /_admin/state."""
    return sandbox.state_view()


def requests(sandbox, request):
    """GET /_admin/requests?provider=&operation=&order_id=&since=."""
    entries = sandbox.log.query(**_log_filters(request))
    return {"count": len(entries), "requests": entries}


def request_counts(sandbox, request):
    """GET /_admin/requests/counts (same filters): calls per "METHOD /path" and per provider:operation."""
    return sandbox.log.counts(**_log_filters(request))


def _log_filters(request):
    return {
        "provider": request.first("provider", include_form=False),
        "operation": request.first("operation", include_form=False),
        "order_id": _int_filter(request, "order_id"),
        "since": _int_filter(request, "since"),
        "path": request.first("path", include_form=False),
        "method": request.first("method", include_form=False),
    }


def clear_requests(sandbox, _request):
    """DELETE /_admin/requests."""
    sandbox.log.clear()
    return {"cleared": True}


def faults(sandbox, _request):
    """GET /_admin/faults: active rules with their matched/fired counters."""
    return {"rules": sandbox.faults.describe()}


def set_faults(sandbox, request):
    """POST /_admin/faults {"rules": [...]}: replace the rule list."""
    body = _body(request)
    if "rules" not in body:
        raise AdminError('body must be {"rules": [...]}')
    return {"rules": sandbox.faults.replace(body["rules"])}


def clear_faults(sandbox, _request):
    """DELETE /_admin/faults."""
    sandbox.faults.clear()
    return {"rules": 0}


def reset(sandbox, request):
    """POST /_admin/reset [{"fixture": {...}}]: reload state, clear faults and the log."""
    fixture = _body(request).get("fixture")
    if fixture is not None and not isinstance(fixture, dict):
        raise AdminError("fixture must be a JSON object")
    sandbox.reset(fixture)
    return {"reset": True, "clock": sandbox.store.clock.describe()}


def clock(sandbox, request):
    """POST /_admin/clock [{"advance_days": N}]; GET /_admin/clock."""
    body = _body(request) if request.method == "POST" else {}
    days = body.get("advance_days", 0)
    if isinstance(days, bool) or not isinstance(days, (int, float)) or days < 0:
        raise AdminError("advance_days must be a number >= 0")
    return sandbox.advance_clock(days) if days else sandbox.store.clock.describe()


ROUTES = {
    ("GET", "/_admin/health"): health,
    ("GET", "/_admin/state"): state,
    ("GET", "/_admin/requests"): requests,
    ("GET", "/_admin/requests/counts"): request_counts,
    ("DELETE", "/_admin/requests"): clear_requests,
    ("GET", "/_admin/faults"): faults,
    ("POST", "/_admin/faults"): set_faults,
    ("DELETE", "/_admin/faults"): clear_faults,
    ("POST", "/_admin/reset"): reset,
    ("GET", "/_admin/clock"): clock,
    ("POST", "/_admin/clock"): clock,
}
