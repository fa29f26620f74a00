"""v2 endpoints (reference section 8): VPS and shared hosting, guarded renew actions, invoices, pay."""

from ..core.http import json_response
from . import wire
from .billing import make_invoice, next_period, payment_running, renewable, schedule_payment
from .catalog import CYCLES, ORIGIN_V2_RENEW, UNPAID
from .errors import ApiError

DEFAULT_LIMIT, MAX_LIMIT = 20, 100
MAX_ADDONS = 20
RENEW_FIELDS = ("addonIds",)
NOT_FOUND_CODES = {"vps": "vps_not_found", "hosting": "account_not_found"}  # account_not_found: sandbox wording


def list_services(call):
    """GET /v2/vps, GET /v2/shared-hosting: cursor-paged."""
    services = [service for service in call.state.services.values() if service.kind == call.kind and service.public_id]
    return json_response(200, _page(call, [wire.v2_service(service) for service in services]))


def service(call):
    """GET /v2/vps/{id}[/details], /v2/shared-hosting/{accountId}[/account-details]."""
    found = _service(call)
    if call.view == "account-details":
        body = wire.v2_service(found)
        body = {name: body[name] for name in ("id", "serviceStatus", "nextDueAt", "billing")}
    elif call.kind == "hosting":  # the hosting account carries its billing-cycle state, blocking invoices included
        body = wire.v2_service(found, blocking=call.state.unpaid_for(found, call.now))
    else:
        body = wire.v2_service(found)
        if call.view == "details":
            body["actions"] = {"renew": {"allowed": renewable(found), "reason": None if renewable(found) else "not_renewable"}}
    return json_response(200, body)


def billing_cycle(call):
    """GET /v2/vps/{id}/actions/billing-cycle: cycle options and the unpaid invoices that block changes."""
    found = _service(call)
    blocking = call.state.unpaid_for(found, call.now)
    cycles = [{"billingCycle": cycle.key, "amount": wire.number(found.amount * cycle.months),
               "currencyCode": found.currency, "isCurrent": cycle is found.cycle}
              for cycle in CYCLES.values() if cycle.months]
    return json_response(200, {
        "currentBillingCycle": found.cycle.key,
        "cycles": cycles,
        "blockingInvoices": [wire.v2_invoice(invoice) for invoice in blocking],
        "actions": {"canChangeBillingCycle": {"allowed": not blocking, "reason": "existing_invoice_blocking" if blocking else None}},
    })


def renew(call):
    """POST /v2/{vps|shared-hosting}/{id}/actions/renew: one renewal invoice, then 409 while it is unpaid."""
    body = call.json_object(empty_ok=True)
    _check_renew_body(body)
    found = _service(call)
    if not renewable(found):
        raise ApiError(409, "service_not_renewable", "This service has no renewal (pay-as-you-go, free or closed).")
    hidden = [invoice for invoice in call.state.invoices.values()
              if invoice.status == UNPAID and invoice.covers(found.account_id)]  # the guard sees invoices still being made
    if hidden:
        blocking = hidden[0]
        raise ApiError(409, "existing_invoice_blocking", "An unpaid renewal invoice already exists for this service.",
                       extensions={"invoice": wire.v2_invoice(blocking), "recoveryAction": "pay_existing_invoice"})
    _start, end = next_period(found)
    found.renew_calls["v2"] += 1
    invoice = make_invoice(call.state, [found], ORIGIN_V2_RENEW, call.now, visible_at=call.now + found.lookup_delay)
    return json_response(200, wire.renew_answer(found, invoice, end, visible=invoice.visible(call.now)))


def invoices(call):
    """GET /v2/billing/invoices: newest first, cursor-paged; unknown filter parameters are ignored."""
    rows = sorted((invoice for invoice in call.state.invoices.values() if invoice.visible(call.now)),
                  key=lambda invoice: -invoice.invoice_id)
    return json_response(200, _page(call, [wire.v2_invoice(invoice) for invoice in rows]))


def pay(call):
    """POST /v2/billing/invoices/{id}/actions/pay: asynchronous; a second payment while one runs is refused."""
    call.json_object(empty_ok=True)
    invoice = call.state.invoice_by_public_id(call.args[0])
    if invoice is None or not invoice.visible(call.now):
        raise ApiError(404, "invoice_not_found", "No invoice with this id.")
    if payment_running(invoice, call.now):
        raise ApiError(409, "invoice_payment_in_progress", "A payment of this invoice is already in progress.")
    if invoice.status != UNPAID:
        raise ApiError(409, "invoice_not_payable", f"The invoice is {wire.v2_invoice(invoice)['status']}.")
    schedule_payment(call.state, invoice, call.now)
    return json_response(202, {"invoiceId": invoice.public_id, "paymentStatus": "processing"})


def _service(call):
    found = call.state.service_by_public_id(call.args[0], call.kind)
    if found is None:
        raise ApiError(404, NOT_FOUND_CODES[call.kind], f"No {'VPS' if call.kind == 'vps' else 'hosting account'} with this id.")
    return found


def _check_renew_body(body):
    unknown = sorted(set(body) - set(RENEW_FIELDS))
    if unknown:
        raise ApiError(400, "invalid_request", "The request body failed validation.",
                       errors=[{"pointer": f"/{name}", "detail": "Unknown field.", "code": "unknown_field"} for name in unknown])
    addons = body.get("addonIds", [])
    if not isinstance(addons, list) or len(addons) > MAX_ADDONS or not all(isinstance(addon, str) for addon in addons):
        raise ApiError(400, "invalid_request", "The request body failed validation.",
                       errors=[{"pointer": "/addonIds", "detail": f"At most {MAX_ADDONS} addon ids.", "code": "invalid_value"}])


def _page(call, items):
    raw_limit = call.request.first("limit", include_form=False)
    limit = DEFAULT_LIMIT
    if raw_limit is not None:
        if not (raw_limit.isascii() and raw_limit.isdigit()) or not 1 <= int(raw_limit) <= MAX_LIMIT:
            raise ApiError(400, "invalid_request", "limit must be between 1 and 100.",
                           errors=[{"pointer": "limit", "detail": "Out of range.", "code": "invalid_value"}])
        limit = int(raw_limit)
    cursor = call.request.first("cursor", include_form=False)
    offset = 0
    if cursor:
        offset = wire.decode_cursor(cursor)
        if offset is None:
            raise ApiError(400, "invalid_request", "Invalid cursor.", errors=[{"pointer": "cursor", "detail": "Unknown cursor.",
                                                                               "code": "invalid_value"}])
    return wire.page(items, offset, limit)
