"""The HostUp provider: routing, authentication, rate limiting and the two error dialects.

v1 (`/api/...`) authenticates with `X-API-Key` (Bearer is accepted too, as the support article
shows both) and answers errors as {code, error, message, requestId, timestamp}; v2
(`/api/v2/...`) takes `Authorization: Bearer` only and answers RFC 7807 problem documents.
"""

import json
import math
import re
import threading
import time
from dataclasses import dataclass
from typing import Callable, Optional

from ..core.http import json_response
from ..core.provider import Outcome, Provider, Route
from . import loader, v1_api, v2_api, wire
from .billing import complete_payments
from .catalog import LISTINGS, MUTATIONS, OPERATIONS, UNPAID
from .errors import ApiError, codes_for, common
from .state import HostUpState


@dataclass(frozen=True)
class Endpoint:
    """One documented path."""

    api: str  # "v1" or "v2"
    methods: tuple
    pattern: str  # below /hostup/api/, matched whole
    operation: str
    handler: Callable
    kind: Optional[str] = None  # v2: "vps" or "hosting"
    view: Optional[str] = None  # v2: which GET of the service


ENDPOINTS = tuple((endpoint, re.compile(endpoint.pattern)) for endpoint in (
    Endpoint("v1", ("GET",), "client-accounts", "accounts", v1_api.accounts),
    Endpoint("v1", ("GET",), "hosting-accounts", "hosting_accounts", v1_api.hosting_accounts),
    Endpoint("v1", ("POST",), "services/([^/]+)/renew", "renew", v1_api.renew),
    Endpoint("v1", ("GET", "POST"), "billing/invoices", "invoices", v1_api.invoices),
    Endpoint("v1", ("GET",), "billing/invoice/([^/]+)", "invoice", v1_api.invoice),
    Endpoint("v1", ("POST",), "billing/pay", "pay", v1_api.pay),
    Endpoint("v2", ("GET",), "v2/vps", "v2_list", v2_api.list_services, "vps"),
    Endpoint("v2", ("GET",), "v2/vps/([^/]+)", "v2_service", v2_api.service, "vps"),
    Endpoint("v2", ("GET",), "v2/vps/([^/]+)/details", "v2_service", v2_api.service, "vps", "details"),
    Endpoint("v2", ("GET",), "v2/vps/([^/]+)/actions/billing-cycle", "v2_billing_cycle", v2_api.billing_cycle, "vps"),
    Endpoint("v2", ("POST",), "v2/vps/([^/]+)/actions/renew", "v2_renew", v2_api.renew, "vps"),
    Endpoint("v2", ("GET",), "v2/shared-hosting", "v2_list", v2_api.list_services, "hosting"),
    Endpoint("v2", ("GET",), "v2/shared-hosting/([^/]+)", "v2_service", v2_api.service, "hosting"),
    Endpoint("v2", ("GET",), "v2/shared-hosting/([^/]+)/account-details", "v2_service", v2_api.service, "hosting", "account-details"),
    Endpoint("v2", ("POST",), "v2/shared-hosting/([^/]+)/actions/renew", "v2_renew", v2_api.renew, "hosting"),
    Endpoint("v2", ("GET",), "v2/billing/invoices", "v2_invoices", v2_api.invoices),
    Endpoint("v2", ("POST",), "v2/billing/invoices/([^/]+)/actions/pay", "v2_pay", v2_api.pay),
))
ERROR_STYLES = {"upper": "v1", "lower": "v2"}  # fault rules may force a dialect; default: the called API's


@dataclass
class Call:  # pylint: disable=too-many-instance-attributes
    """Everything a handler needs for one API call."""

    api: str
    state: HostUpState
    request: object
    args: tuple
    now: float
    kind: Optional[str]
    view: Optional[str]

    def json_object(self, empty_ok=True):
        """The JSON object body ({} when empty and allowed)."""
        if not self.request.body.strip() and empty_ok:
            return {}
        try:
            body = json.loads(self.request.body)
        except ValueError:
            raise common(self.api, "bad_json") from None
        if not isinstance(body, dict):
            raise common(self.api, "bad_json")
        return body


class HostUpProvider(Provider):
    """HostUp v1 and v2 under /hostup/api/ (so api_url is http://127.0.0.1:PORT/hostup/api)."""

    name = "hostup"
    prefix = "/hostup/api/"
    operations = OPERATIONS
    secret_params = frozenset(("key", "api_key", "apikey", "x-api-key", "authorization"))
    listing_key_fields = ("nextDueAt", "next_due", "nextDue")

    def __init__(self, store):
        super().__init__(store)
        # error_response() gets no request; route() runs first on the same thread and notes the dialect here.
        self._current = threading.local()

    def load_state(self, section, clock):
        return loader.load(section, clock)

    def route(self, request):
        api = "v2" if request.subpath.startswith("v2/") else "v1"
        self._current.api, self._current.path = api, request.path
        path = request.subpath.rstrip("/")
        matched = []
        for endpoint, pattern in ENDPOINTS:
            found = pattern.fullmatch(path)
            if found:
                matched.append((endpoint, found.groups()))
        for endpoint, args in matched:
            if request.method in endpoint.methods:
                listing = endpoint.operation in LISTINGS
                return Route(endpoint.operation, self._account_hint(request, endpoint, args),
                             lambda endpoint=endpoint, args=args: self._run(request, endpoint, args),
                             listing=listing, page=_page_number(request, endpoint) if listing else None)
        refusal = common(api, "method" if matched else "no_route")
        return Route(matched[0][0].operation if matched else None, None, lambda: Outcome(self._render(api, refusal, request.path)))

    def _run(self, request, endpoint, args):
        with self.store.locked():
            state = self.store.section(self.name)
            now = time.time()
            complete_payments(state, now)
            limit_headers = {}
            try:
                _authenticate(request, endpoint.api, state)
                limit_headers = _spend_request(state, endpoint.api, now)
                response = endpoint.handler(Call(endpoint.api, state, request, args, now, endpoint.kind, endpoint.view))
            except ApiError as error:
                response = self._render(endpoint.api, error, request.path)
                response.headers.update(limit_headers)
                return Outcome(response, committed=error.committed)
        response.headers.update(limit_headers)
        return Outcome(response, committed=endpoint.operation in MUTATIONS)

    def _account_hint(self, request, endpoint, args):
        """The HostBill account a call is about, for fault rules and the request log (None when unknown)."""
        with self.store.locked():
            state = self.store.section(self.name)
            if endpoint.kind and args:
                return state.by_public_id.get(args[0])
            invoice = None
            if endpoint.operation == "v2_pay":
                invoice = state.invoice_by_public_id(args[0])
            elif endpoint.operation in ("invoice", "pay"):
                raw = args[0] if args else _json_field(request.body, "invoiceId")
                invoice = state.invoices.get(int(raw)) if str(raw).isascii() and str(raw).isdigit() else None
            elif endpoint.operation == "renew" and args[0].isascii() and args[0].isdigit():
                return int(args[0])
            return invoice.items[0].account_id if invoice is not None else None

    def _render(self, api, error, path):
        if error.status == 429 and api == "v1":
            return wire.v1_rate_limited(error.message, error.headers.get("Retry-After"), error.headers)
        return wire.v1_error(error) if api == "v1" else wire.problem(error, path)

    def listing_rows(self, body):
        """v2 lists keep their rows in `data`; v1 wraps them in `data` under accounts / invoices."""
        data = body.get("data")
        if isinstance(data, dict):
            rows = data.get("accounts", data.get("invoices"))
            return data, rows if isinstance(rows, list) else []
        return super().listing_rows(body)

    def snapshot(self, state):
        complete_payments(state, time.time())
        return {
            "services": {str(account_id): _service_snapshot(state, service) for account_id, service in state.services.items()},
            "invoices": {str(invoice_id): _invoice_snapshot(invoice) for invoice_id, invoice in state.invoices.items()},
        }

    def age(self, state, seconds):
        for service in state.services.values():
            service.created -= seconds
            if service.next_due is not None:
                service.next_due -= seconds
            if service.expires is not None:
                service.expires -= seconds
        for invoice in state.invoices.values():
            invoice.created -= seconds
            invoice.duedate -= seconds
            invoice.visible_at -= seconds
            invoice.payments = [when - seconds for when in invoice.payments]
            if invoice.datepaid is not None:
                invoice.datepaid -= seconds
            for item in invoice.items:
                item.period_start -= seconds
                item.period_end -= seconds
        if state.rate_limit is not None:
            state.rate_limit.window_start -= seconds

    def error_response(self, status, message, style=None):
        if style == "toplevel":
            return json_response(status, {"error": message})
        api = ERROR_STYLES.get(style) or getattr(self._current, "api", "v1")
        error = ApiError(status, codes_for(status, api), message)
        return self._render(api, error, getattr(self._current, "path", self.prefix))


def _page_number(request, endpoint):
    """1-based page of a list call: v1 `page` (query, or `filters.page` in a POST body), v2 from the cursor's offset."""
    if endpoint.api == "v2":
        cursor = request.first("cursor", include_form=False)
        limit = request.first("limit", include_form=False) or str(v2_api.DEFAULT_LIMIT)
        offset = wire.decode_cursor(cursor) if cursor else 0
        return offset // int(limit) + 1 if offset is not None and limit.isdigit() and int(limit) else None
    raw = request.first("page", include_form=False)
    if request.method == "POST":
        filters = _json_field(request.body, "filters")
        raw = filters.get("page") if isinstance(filters, dict) else None
    text = str(raw if raw is not None else 1)
    return int(text) if text.isascii() and text.isdigit() else None


def _authenticate(request, api, state):
    bearer = request.headers.get("authorization", "")
    given = bearer[7:] if bearer.lower().startswith("bearer ") else None
    if api == "v1" and given is None:
        given = request.headers.get("x-api-key")
    if given != state.api_key:
        raise common(api, "unauthorized")


def _spend_request(state, api, now):
    """Count the request against the key's window; 429 with the documented headers once it is spent."""
    limit = state.rate_limit
    if limit is None:
        return {}
    if now - limit.window_start >= limit.window:
        limit.window_start, limit.used = now, 0
    limit.used += 1
    reset_at = limit.window_start + limit.window
    headers = {"X-RateLimit-Limit": str(limit.limit), "X-RateLimit-Remaining": str(max(0, limit.limit - limit.used)),
               "X-RateLimit-Reset": wire.iso(reset_at)}
    if limit.used > limit.limit:
        headers["Retry-After"] = str(max(1, math.ceil(reset_at - now)))
        raise common(api, "rate_limited", headers=headers)
    return headers


def _json_field(body, name):
    try:
        value = json.loads(body or b"{}")
    except ValueError:
        return None
    return value.get(name) if isinstance(value, dict) else None


def _service_snapshot(state, service):
    renewal_invoices = state.renewal_invoices(service)
    return {
        "public_id": service.public_id,
        "kind": service.kind,
        "name": service.name,
        "status": service.status,
        "billing_cycle": service.cycle.key,
        "amount": wire.money(service.amount),
        "currency": service.currency,
        "payg": service.payg,
        "next_due": service.next_due,
        "next_due_date": wire.ymd(service.next_due),
        "expires": service.expires,
        "renew_calls": dict(service.renew_calls),
        "renewal_invoices": len(renewal_invoices),
        "unpaid_invoices": sum(1 for invoice_id in service.invoice_ids if state.invoices[invoice_id].status == UNPAID),
        "invoice_ids": list(service.invoice_ids),
    }


def _invoice_snapshot(invoice):
    return {
        "public_id": invoice.public_id,
        "accounts": [item.account_id for item in invoice.items],
        "amount": wire.money(invoice.total),
        "currency": invoice.currency,
        "status": invoice.status,
        "origin": invoice.origin,
        "created": invoice.created,
        "visible_at": invoice.visible_at,
        "charges": invoice.charges,
        "payments_running": len(invoice.payments),
        "datepaid": invoice.datepaid,
    }
