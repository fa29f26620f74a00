"""v1 endpoints (reference sections 5 and 7): client accounts, the unguarded renew, invoices, pay."""

from . import wire
from .billing import make_invoice, renewable, schedule_payment
from .catalog import INVOICE_STATUSES, ORIGIN_V1_RENEW, UNPAID
from .errors import INVOICE_PAID_SV, NOT_RENEWABLE_SV, PRICING_REFRESH_FAILED, ApiError

DEFAULT_LIMIT, MAX_LIMIT = 25, 100
HOSTING_PER_PAGE = 1000  # documented perPage of GET /api/hosting-accounts
RENEWED = "Renewal invoice generated successfully"
HOSTBILL_INFO = ["Invoice sent to client", "Invoice generated"]
SERVICE_TYPE = "3"  # HostBill product type number; meaning undocumented (reference section 5)
PAY_SCHEDULED = "Function has been scheduled for execution"


def accounts(call):
    """GET /api/client-accounts: every HostBill account of the customer."""
    rows = [wire.v1_account_row(service) for service in call.state.services.values()]
    return wire.v1_ok({"accounts": rows, "total": len(rows)})


def hosting_accounts(call):
    """GET /api/hosting-accounts?page=&perPage=: the web hosting accounts, with `data.pagination` (perPage up to 1000)."""
    limit = _positive(call.request.first("perPage", include_form=False), "perPage", HOSTING_PER_PAGE, HOSTING_PER_PAGE)
    number = _positive(call.request.first("page", include_form=False), "page", 1, None)
    services = [service for service in call.state.services.values() if service.kind == "hosting"]
    start = (number - 1) * limit
    return wire.v1_ok({"accounts": [wire.v1_hosting_row(service) for service in services[start:start + limit]],
                       "pagination": {"currentPage": number, "perPage": limit, "totalPages": max(1, -(-len(services) // limit)),
                                      "totalRecords": len(services), "totalAllAccounts": len(call.state.services)}})


def renew(call):
    """POST /api/services/{accountId}/renew: HostBill generateNextInvoice, once per call, no guard."""
    service = _service(call, call.args[0])
    if not renewable(service):
        raise ApiError(400, "BAD_REQUEST", NOT_RENEWABLE_SV)
    if service.pricing_failures:
        service.pricing_failures -= 1
        invoice = None
        if service.invoice_despite_failure:
            invoice = _generate(call, service)
        raise ApiError(500, "INTERNAL_ERROR", PRICING_REFRESH_FAILED, committed=invoice is not None)
    invoice = _generate(call, service)
    raw = {"success": True, "invoice_id": str(invoice.invoice_id), "call": "generateNextInvoice",
           "server_time": int(call.now), "info": list(HOSTBILL_INFO)}
    return wire.v1_ok({"success": True, "invoiceId": str(invoice.invoice_id), "message": RENEWED, "info": list(HOSTBILL_INFO),
                       "serviceType": SERVICE_TYPE, "raw": raw})


def invoices(call):
    """GET /api/billing/invoices (all) or POST with {filters: {status, limit, page}, skipCache}."""
    filters = {}
    if call.request.method == "POST":
        body = call.json_object()
        filters = body.get("filters") or {}
        if not isinstance(filters, dict):
            raise ApiError(400, "BAD_REQUEST", "filters must be an object")
    else:
        filters = {name: call.request.first(name, include_form=False) for name in ("status", "limit", "page")}
    status = filters.get("status")
    if status is not None and status not in INVOICE_STATUSES:  # HostBill words, exact case
        raise ApiError(400, "BAD_REQUEST", f"Unknown invoice status: {status}")
    limit = _positive(filters.get("limit"), "limit", DEFAULT_LIMIT, MAX_LIMIT)
    number = _positive(filters.get("page"), "page", 1, None)
    rows = [invoice for invoice in sorted(call.state.invoices.values(), key=lambda invoice: -invoice.invoice_id)
            if invoice.visible(call.now) and (status is None or invoice.status == status)]
    start = (number - 1) * limit
    pages = max(1, -(-len(rows) // limit))
    return wire.v1_ok({"invoices": [wire.v1_invoice_row(invoice) for invoice in rows[start:start + limit]],
                       "hasMore": start + limit < len(rows), "total": len(rows), "pages": pages, "currentPage": number})


def invoice(call):
    """GET /api/billing/invoice/{id}."""
    found = _invoice(call, call.args[0])
    names = {account_id: service.name for account_id, service in call.state.services.items()}
    return wire.v1_ok(wire.v1_invoice_detail(found, names, call.state.items_in_detail))


def pay(call):
    """POST /api/billing/pay {invoiceId, cardId}: schedules a card charge; no guard against a second one."""
    body = call.json_object()
    if not isinstance(body.get("cardId"), str) or not body["cardId"]:
        raise ApiError(400, "BAD_REQUEST", "cardId is required")
    found = _invoice(call, body.get("invoiceId"))
    if found.status != UNPAID:
        raise ApiError(400, "BAD_REQUEST", INVOICE_PAID_SV)
    schedule_payment(call.state, found, call.now)
    return wire.v1_ok({"message": PAY_SCHEDULED, "invoiceId": str(found.invoice_id)})


def _generate(call, service):
    service.renew_calls["v1"] += 1
    return make_invoice(call.state, [service], ORIGIN_V1_RENEW, call.now, move_due=service.move_due)


def _service(call, raw_id):
    if not (raw_id.isascii() and raw_id.isdigit()) or int(raw_id) < 1:
        raise ApiError(400, "BAD_REQUEST", "accountId must be an integer >= 1")
    service = call.state.services.get(int(raw_id))
    if service is None:
        raise ApiError(404, "NOT_FOUND", f"Service {raw_id} not found")
    return service


def _invoice(call, raw_id):
    text = str(raw_id) if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else ""
    if not (text.isascii() and text.isdigit()):
        raise ApiError(400, "BAD_REQUEST", "invoiceId must be a numeric invoice id")
    found = call.state.invoices.get(int(text))
    if found is None or not found.visible(call.now):
        raise ApiError(404, "NOT_FOUND", f"Invoice {text} not found")
    return found


def _positive(value, name, default, maximum):
    if value is None:
        return default
    text = str(value)
    if isinstance(value, bool) or not (text.isascii() and text.isdigit()) or int(text) < 1 or (maximum and int(text) > maximum):
        raise ApiError(400, "BAD_REQUEST", f"{name} must be an integer between 1 and {maximum or 'any'}")
    return int(text)
