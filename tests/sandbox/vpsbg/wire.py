"""VPSBG response shapes (reference sections 2, 4, 5 and 7).

Amounts are JSON numbers; object timestamps are ISO 8601 UTC with microseconds; order line periods
are integer epoch seconds. Pagination follows Laravel: `data`, `links`, `meta`, and the links carry
only `?page=N` (Laravel's default without `withQueryString()`), so a client that follows them blindly
loses its filters.
"""

import math
from datetime import datetime, timezone

from .billing import potential_expiry, with_vat


def iso(epoch):
    """`2024-10-27T11:03:10.000000Z`, or None."""
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000000Z")


def number(amount):
    """A money amount as a JSON number (integers stay integers, like the documented examples)."""
    value = float(amount)
    return int(value) if value.is_integer() else value


def server(state, item):
    """Body of GET /v1/servers/{id}."""
    plan = item.plan
    renew_amount = item.plan.price * item.billing_cycle
    return {
        "id": item.server_id,
        "hostname": item.hostname,
        "billing_cycle": item.billing_cycle,
        "plan": {"id": plan.plan_id, "type": plan.plan_type, "name": plan.name, "minimum_billing_cycle": plan.minimum_billing_cycle,
                 "price": number(plan.price), "price_with_vat": number(with_vat(plan.price, state)), "available": True},
        "status": item.status,
        "virtualization": "kvm",
        "promo_code": None,
        "renew_amount": number(renew_amount),
        "renew_amount_with_vat": number(with_vat(renew_amount, state)),
        "locked": item.locked_at is not None,
        "locked_at": iso(item.locked_at),
        "created_at": iso(item.created_at),
        "expiry_at": iso(item.expiry_at),
        "potential_expiry_at": iso(potential_expiry(state, item)),
        "auto_renew": item.auto_renew,
        "addons": [],
        "cancel_request": None if item.cancel_requested_at is None else {
            "reason": "No longer needed", "created_at": iso(item.cancel_requested_at)},
        "settings": {"renew_enabled": item.renew_enabled, "snapshots_enabled": True},
    }


def promo(item):
    """An order's or quote's promo object."""
    if item is None:
        return None
    return {"code": item.code, "percentage": number(item.percentage), "minimum_billing_cycle": item.minimum_billing_cycle}


def order_summary(state, order):
    """A row of GET /v1/orders: the order without `services` and `invoices`."""
    return {
        "id": order.order_id,
        "tax_rate": number(state.tax_rate),
        "amount": number(order.amount),
        "amount_with_vat": number(with_vat(order.amount, state)),
        "amount_from_balance": number(order.amount_from_balance),
        "payment_method": order.payment_method,
        "status": order.status,
        "type": order.order_type,
        "auto_pay": order.auto_pay,
        "promo_applicable": True,
        "created_at": iso(order.created_at),
        "due_at": iso(order.due_at),
        "payment_date": iso(order.payment_date),
        "promo": promo(order.promo),
        "payment_information": None,
    }


def order(state, item):
    """Body of GET /v1/orders/{id} and of the renew calls (201)."""
    body = order_summary(state, item)
    body["invoices"] = [{
        "id": invoice.invoice_id,
        "invoice_number": f"{invoice.invoice_id:010d}",
        "created_at": iso(invoice.created_at),
        "amount": number(item.amount),
        "amount_with_vat": number(with_vat(item.amount, state)),
        "type": "proform",
        "order_ids": [invoice.order_id],
    } for invoice in item.invoices]
    body["services"] = [order_line(state, line) for line in item.lines]
    return body


def order_line(state, line):
    """One `services[]` entry."""
    return {
        "label": line.label,
        "sublabel": line.sublabel,
        "period_from": line.period_from,
        "period_to": line.period_to,
        "is_period_changeable": line.is_period_changeable,
        "service_id": line.service_id,
        "service_billing_cycle": line.billing_cycle,
        "service_minimum_billing_cycle": line.minimum_billing_cycle,
        "service_type": line.service_type,
        "amount": number(line.amount),
        "amount_with_vat": number(with_vat(line.amount, state)),
        "amount_sublabel": f"{line.billing_cycle} month{'s' if line.billing_cycle > 1 else ''}",
        "promo": None if line.promo is None else {"code": line.promo.code, "percentage": number(line.promo.percentage)},
    }


def page(rows, page_number, per_page, base_url):
    """A Laravel length-aware page of already serialised rows."""
    total = len(rows)
    last_page = max(1, math.ceil(total / per_page))
    start = (page_number - 1) * per_page
    chunk = rows[start:start + per_page]

    def url(number_):
        return f"{base_url}?page={number_}" if 1 <= number_ <= last_page else None

    links = [{"url": url(page_number - 1), "label": "&laquo; Previous", "active": False}]
    links += [{"url": url(index), "label": str(index), "active": index == page_number} for index in range(1, last_page + 1)]
    links.append({"url": url(page_number + 1), "label": "Next &raquo;", "active": False})
    return {
        "data": chunk,
        "links": {"first": url(1), "last": url(last_page), "prev": url(page_number - 1), "next": url(page_number + 1)},
        "meta": {"current_page": page_number, "from": start + 1 if chunk else None, "last_page": last_page, "links": links,
                 "path": base_url, "per_page": per_page, "to": start + len(chunk) if chunk else None, "total": total},
    }


def balance(state):
    """Body of GET /v1/balance."""
    unpaid = sum((with_vat(item.amount, state) for item in state.orders.values() if item.status == "awaiting_payment"), 0)
    return {"balance": number(state.balance), "balance_limit": 0, "estimated_expenses": number(unpaid),
            "shortfall": number(max(0, unpaid - state.balance)), "currency": state.currency, "has_valid_card": False,
            "last_deposit": None, "unconfirmed_bitcoin_deposits": []}
