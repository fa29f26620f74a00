"""Server endpoints: list, get, renew quote, and the two candidate shapes of the (unconfirmed) renew call."""

from ..core.http import json_response
from . import billing, wire
from .errors import (BELOW_MINIMUM_CYCLE, INVALID_CHOICE, LOCKED, MODEL_MISSING, NOT_RENEWABLE, PROMO_NEEDS_LONGER_CYCLE, ApiError,
                     field_error)
from .inputs import Validator, as_integer, csv_filter, paging

SORTABLE = {"sort[expiry_at]": "expiry_at", "sort[created_at]": "created_at"}


def list_servers(call):
    """GET /v1/servers: filter[status] (default active,suspended), filter[search], filter[ip], sort[...], pages."""
    page_number, per_page = paging(call.query)
    statuses = csv_filter(call.query, "filter[status]", "active,suspended")
    search = (call.first("filter[search]") or "").lower()
    address = call.first("filter[ip]")
    servers = [server for server in sorted(call.state.servers.values(), key=lambda item: item.server_id)
               if server.status in statuses and (not search or search in server.hostname.lower() or search in server.ip)
               and (address is None or server.ip == address)]
    for name, attribute in SORTABLE.items():
        direction = call.first(name)
        if direction is not None:
            servers.sort(key=lambda item, key=attribute: getattr(item, key), reverse=direction.lower() == "desc")
    rows = [wire.server(call.state, server) for server in servers]
    return json_response(200, wire.page(rows, page_number, per_page, call.base_url))


def get_server(call):
    """GET /v1/servers/{id}."""
    return json_response(200, wire.server(call.state, find_server(call.state, call.args["server"])))


def calculate(call):
    """POST /v1/servers/renew/calculate: the price of a renewal; changes nothing."""
    servers, cycle, promo = _bulk_input(call)
    lines = billing.quote(servers, cycle, promo)
    amount = sum((line.amount for line in lines), 0)
    discount = sum((line.discount for line in lines), 0)
    state = call.state
    return json_response(200, {
        "amount": wire.number(amount),
        "amount_with_vat": wire.number(billing.with_vat(amount, state)),
        "discount": wire.number(discount),
        "discount_with_vat": wire.number(billing.with_vat(discount, state)),
        "promo_code": wire.promo(promo),
        "due_today_amount": wire.number(amount - discount),
        "due_today_amount_with_vat": wire.number(billing.with_vat(amount - discount, state)),
    })


def renew_bulk(call):
    """POST /v1/servers/renew {server_ids, billing_cycle, promo_code?}: one new renew-service order, 201."""
    servers, cycle, promo = _bulk_input(call)
    _check_renewable(servers, "server_ids")
    return _place(call, servers, cycle, promo)


def renew_one(call):
    """POST /v1/servers/{id}/renew {billing_cycle, promo_code?}: one new renew-service order, 201."""
    server = find_server(call.state, call.args["server"])
    checker = Validator(call.body)
    cycle = checker.billing_cycle()
    promo = _promo(checker, call.state)
    checker.finish()
    _check_terms([server], cycle, promo)
    _check_renewable([server], "server")
    return _place(call, [server], cycle, promo)


def find_server(state, raw_id):
    """The server with this id, or Laravel's model-not-found 404."""
    server_id = as_integer(raw_id)
    server = state.servers.get(server_id) if server_id is not None else None
    if server is None:
        raise ApiError(404, MODEL_MISSING.format(model="Server", key=raw_id))
    return server


def _bulk_input(call):
    """Validated (servers, billing_cycle, promo) of a body with `server_ids`."""
    checker = Validator(call.body)
    ids = checker.integer_list("server_ids")
    cycle = checker.billing_cycle()
    promo = _promo(checker, call.state)
    servers = []
    for index, server_id in enumerate(ids):
        server = call.state.servers.get(server_id)
        if server is None:
            checker.fail(f"server_ids.{index}", INVALID_CHOICE)
        elif server not in servers:
            servers.append(server)
    checker.finish()
    _check_terms(servers, cycle, promo)
    return servers, cycle, promo


def _promo(checker, state):
    code = checker.optional_string("promo_code")
    if code is None:
        return None
    promo = state.promos.get(code.lower())
    if promo is None:
        checker.fail("promo_code", INVALID_CHOICE)
    return promo


def _check_terms(servers, cycle, promo):
    """The plan's and the promo's minimum billing cycle."""
    minimum = max(server.plan.minimum_billing_cycle for server in servers)
    if cycle < minimum:
        raise field_error("billing_cycle", BELOW_MINIMUM_CYCLE, minimum=minimum)
    if promo is not None and cycle < promo.minimum_billing_cycle:
        raise field_error("promo_code", PROMO_NEEDS_LONGER_CYCLE, minimum=promo.minimum_billing_cycle)


def _check_renewable(servers, field):
    """423 while locked; 422 when terminated, renewal disabled or a cancellation is pending (sandbox assumptions)."""
    for server in servers:
        if server.locked_at is not None:
            raise ApiError(423, LOCKED)
    for server in servers:
        reason = None
        if server.status == "terminated":
            reason = "it is terminated"
        elif not server.renew_enabled:
            reason = "renewal is disabled for it"
        elif server.cancel_requested_at is not None:
            reason = "it has a pending cancellation request"
        if reason is not None:
            raise field_error(field, NOT_RENEWABLE, reason=reason)


def _place(call, servers, cycle, promo):
    order = billing.place_order(call.state, billing.quote(servers, cycle, promo), promo, call.now)
    return json_response(201, wire.order(call.state, order))
