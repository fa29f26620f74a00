"""HostUp response shapes (reference sections 3, 5, 7 and 8).

v1 wraps every success in {success, timestamp, requestId, data} and sends HostBill rows where
every scalar is a string and dates are YYYY-MM-DD. v2 sends bare objects with JSON numbers and
ISO 8601 dates, lists as {data, nextCursor}, and errors as RFC 7807 problem documents.
"""

import base64
import time
import uuid
from datetime import datetime, timezone
from http import HTTPStatus

from ..core.http import json_response
from .catalog import INVOICE_STATUSES, STATUSES

PROBLEM_TYPE = "application/problem+json"
ERROR_DOCS = "https://developer.hostup.se/errors/"
NO_DATE = "0000-00-00"  # HostBill's empty date


def ymd(epoch):
    """A v1 date."""
    return NO_DATE if epoch is None else datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%d")


def iso(epoch):
    """A v2 timestamp, e.g. 2026-05-27T00:00:00.000Z."""
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(epoch * 1000) % 1000:03d}Z"


def money(amount):
    """A v1 amount string: "99.00"."""
    return f"{amount:.2f}"


def number(amount):
    """A v2 amount: a JSON number, integral when it can be (the docs show 99)."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def status_title(status):
    """HTTP status phrase, the v1 `error` field and the v2 default `title`."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def request_id(api):
    """A request id: a UUID in v1, req_... in v2."""
    return str(uuid.uuid4()) if api == "v1" else f"req_{uuid.uuid4().hex[:20]}"


def v1_ok(data, status=200):
    """The v1 success envelope."""
    return json_response(status, {"success": True, "timestamp": iso(time.time()), "requestId": request_id("v1"), "data": data})


def v1_error(error):
    """The v1 error envelope."""
    body = {"code": error.code, "error": status_title(error.status), "message": error.message,
            "requestId": request_id("v1"), "timestamp": iso(time.time())}
    return json_response(error.status, body, error.headers)


def v1_rate_limited(message, retry_after, headers):
    """v1 429s have their own shape: {error, message, retryAfter, requestId}."""
    body = {"error": status_title(429), "message": message, "retryAfter": retry_after, "requestId": request_id("v1")}
    return json_response(429, body, headers)


def problem(error, instance):
    """A v2 RFC 7807 problem document."""
    body = {"type": ERROR_DOCS + error.code, "title": status_title(error.status), "status": error.status, "detail": error.message,
            "code": error.code, "instance": instance, "requestId": request_id("v2"), "timestamp": iso(time.time())}
    if error.errors:
        body["errors"] = error.errors
    body["extensions"] = error.extensions or {}
    response = json_response(error.status, body, error.headers)
    response.content_type = PROBLEM_TYPE
    return response


def encode_cursor(offset):
    """An opaque v2 cursor."""
    return base64.urlsafe_b64encode(f"offset:{offset}".encode("ascii")).decode("ascii").rstrip("=")


def decode_cursor(cursor):
    """The offset in a cursor, or None when it is not one of ours."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (ValueError, UnicodeDecodeError):
        return None
    prefix, _sep, offset = text.partition(":")
    return int(offset) if prefix == "offset" and offset.isdigit() else None


def page(items, offset, limit):
    """A v2 list page."""
    end = offset + limit
    return {"data": items[offset:end], "nextCursor": encode_cursor(end) if end < len(items) else None}


# -- v1 rows -----------------------------------------------------------------------

def v1_account_row(service):
    """A GET /api/client-accounts row (HostBill account, strings only)."""
    return {
        "id": str(service.account_id),
        "domain": service.name,
        "label": service.name,
        "billingcycle": service.cycle.v1_label,
        "status": STATUSES[service.status],
        "total": money(service.amount),
        "next_due": ymd(service.next_due),
        "expires": ymd(service.expires),
        "product_id": "101" if service.kind == "vps" else "201",
        "type": "VPS" if service.kind == "vps" else "Hosting",
        "paytype": "PAYG" if service.payg else ("Free" if service.cycle.months is None else "Recurring"),
        "date_created": ymd(service.created),
    }


def v1_hosting_row(service):
    """A GET /api/hosting-accounts row: HostUp's own camelCase shape (value types unconfirmed: numbers where HostBill has strings)."""
    return {
        "id": service.account_id,
        "name": service.name,
        "domain": service.name,
        "status": STATUSES[service.status],
        "billingCycle": service.cycle.v1_label,
        "expires": ymd(service.expires),
        "nextDue": ymd(service.next_due),
        "price": number(service.amount),
        "currency": service.currency,
        "product_id": 201,
    }


def v1_invoice_row(invoice):
    """A v1 invoice list row (HostBill fields; no items)."""
    total = money(invoice.total)
    return {
        "id": str(invoice.invoice_id),
        "status": invoice.status,
        "date": ymd(invoice.created),
        "duedate": ymd(invoice.duedate),
        "paybefore": ymd(invoice.duedate),
        "datepaid": ymd(invoice.datepaid),
        "subtotal2": total,
        "total": total,
        "grandtotal": total,
        "credit": "0.00",
        "currency_id": "1",
        "formatted_id": invoice.number,
        "locked": "0",
        "recid": "0",
    }


def v1_invoice_detail(invoice, service_names, with_items):
    """GET /api/billing/invoice/{id}: data.invoice; HostBill `items` only when the account passes them through."""
    detail = dict(v1_invoice_row(invoice), currency=invoice.currency, payment_module="stripe", metadata={})
    if with_items:
        detail["items"] = [{
            "id": str(invoice.invoice_id * 10 + index),
            "type": "Hosting",
            "item_id": str(item.account_id),
            "description": f"{service_names[item.account_id]} ({ymd(item.period_start)} - {ymd(item.period_end)})",
            "amount": money(item.amount),
        } for index, item in enumerate(invoice.items)]
    return {"invoice": detail}


# -- v2 objects --------------------------------------------------------------------

def v2_invoice(invoice):
    """A v2 invoice (list item, blocking invoice, renewalInvoice)."""
    return {
        "id": invoice.public_id,
        "number": invoice.number,
        "amount": number(invoice.total),
        "currencyCode": invoice.currency,
        "dueAt": iso(invoice.duedate),
        "status": INVOICE_STATUSES.get(invoice.status, "unknown"),
        "paymentUrl": f"/billing?invoice={invoice.number}",
    }


def v2_billing(service):
    """The `billing` block of a v2 service."""
    billing = {"amount": number(service.amount), "currencyCode": service.currency, "billingCycle": service.cycle.key}
    if service.kind == "vps":
        billing.update(isPayg=service.payg, periodYears=(service.cycle.months or 0) // 12)
    return billing


def v2_service(service, blocking=None):
    """A v2 VPS or shared hosting account as GET /v2/vps/{id} and friends show it."""
    body = {
        "id": service.public_id,
        "name": service.name,
        "serviceStatus": service.status,
        "billing": v2_billing(service),
        "createdAt": iso(service.created),
        "nextDueAt": iso(service.next_due),
    }
    if service.kind == "hosting":
        body["expiresAt"] = iso(service.expires)
        body["pinned"] = False
    if blocking is not None:
        body["billingCycleState"] = {
            "currentBillingCycle": service.cycle.key,
            "billingCycleOptions": [{"billingCycle": service.cycle.key, "amount": number(service.amount),
                                     "currencyCode": service.currency, "isCurrent": True}],
            "blockingInvoices": [v2_invoice(invoice) for invoice in blocking],
        }
    return body


def renew_answer(service, invoice, period_end, visible):
    """200 answer of POST /v2/.../actions/renew."""
    return {
        ("vpsId" if service.kind == "vps" else "accountId"): service.public_id,
        "renewalScheduled": True,
        "newExpiresAt": iso(period_end),
        "billing": {"amount": number(invoice.total), "currencyCode": invoice.currency},
        "renewalInvoice": v2_invoice(invoice) if visible else None,
        "invoiceLookupPending": not visible,
    }
