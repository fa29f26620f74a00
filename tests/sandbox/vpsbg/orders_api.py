"""Order endpoints: list (with the documented default-filter mismatch), get, and the in-place period change."""

from ..core.http import Response, json_response
from . import billing, wire
from .errors import (REQUIRED, BALANCE_TOO_LOW, BELOW_MINIMUM_CYCLE, INVALID_CHOICE, MODEL_MISSING, NOT_AWAITING_PAYMENT, ONLY_BALANCE,
                     PERIOD_NOT_CHANGEABLE, ApiError, field_error, validation_error)
from .inputs import Validator, as_integer, csv_filter, paging
from .state import AWAITING_PAYMENT

PAYMENT_METHODS = ("balance", "card", "bank", "bitcoin", "bitcoin-ln")

# The documented default of filter[status]; "pending_payment" is not a status any order has, so
# without an explicit filter unpaid orders are never listed (reference section 5.2).
DEFAULT_STATUS_FILTER = "pending_payment,paid"


def list_orders(call):
    """GET /v1/orders?filter[status]=&page=&per_page=: newest first, rows without services and invoices."""
    page_number, per_page = paging(call.query)
    statuses = csv_filter(call.query, "filter[status]", DEFAULT_STATUS_FILTER)
    orders = sorted((order for order in call.state.orders.values() if order.status in statuses),
                    key=lambda order: order.order_id, reverse=True)
    rows = [wire.order_summary(call.state, order) for order in orders]
    return json_response(200, wire.page(rows, page_number, per_page, call.base_url))


def get_order(call):
    """GET /v1/orders/{id}: the full order."""
    return json_response(200, wire.order(call.state, find_order(call.state, call.args["order"])))


def change_period(call):
    """PATCH /v1/orders/{id}/{service_type}/{service_id} {billing_cycle, promo_code?}: 204, no new order."""
    order = find_order(call.state, call.args["order"])
    service_id = as_integer(call.args["service"])
    line = next((line for line in order.lines
                 if line.service_type == call.args["service_type"] and line.service_id == service_id), None)
    if line is None:
        raise ApiError(404, MODEL_MISSING.format(model="OrderService", key=call.args["service"]))
    checker = Validator(call.body)
    cycle = checker.billing_cycle()
    code = checker.optional_string("promo_code")
    promo = call.state.promos.get(code.lower()) if code else None
    if code and promo is None:
        checker.fail("promo_code", INVALID_CHOICE)
    checker.finish()
    if order.status != AWAITING_PAYMENT or not line.is_period_changeable:
        raise field_error("billing_cycle", PERIOD_NOT_CHANGEABLE)
    if cycle < line.minimum_billing_cycle:
        raise field_error("billing_cycle", BELOW_MINIMUM_CYCLE, minimum=line.minimum_billing_cycle)
    billing.change_period(call.state, line, cycle, promo)
    return Response(204, b"", "application/json")


def find_order(state, raw_id):
    """The order with this id, or Laravel's model-not-found 404."""
    order_id = as_integer(raw_id)
    order = state.orders.get(order_id) if order_id is not None else None
    if order is None:
        raise ApiError(404, MODEL_MISSING.format(model="Order", key=raw_id))
    return order


def pay_orders(call):
    """POST /v1/orders/pay {order_ids, payment_method}: pay awaiting-payment orders from the balance, all or none.

    The path and body are unconfirmed (reference section 5.2). Only `balance` is served: the other
    methods need a card or a transfer outside the API. Paid orders extend their services at once.
    """
    checker = Validator(call.body)
    ids = checker.integer_list("order_ids")
    method = checker.data.get("payment_method")
    if method is None:
        checker.fail("payment_method", REQUIRED)
    elif method not in PAYMENT_METHODS:
        checker.fail("payment_method", INVALID_CHOICE)
    elif method != "balance":
        checker.fail("payment_method", ONLY_BALANCE)
    orders = []
    for index, order_id in enumerate(ids):
        order = call.state.orders.get(order_id)
        if order is None:
            checker.fail(f"order_ids.{index}", INVALID_CHOICE)
        elif order.status != AWAITING_PAYMENT:
            checker.fail(f"order_ids.{index}", NOT_AWAITING_PAYMENT, order_id=order_id, status=order.status)
        elif order not in orders:
            orders.append(order)
    checker.finish()
    total = sum((billing.with_vat(order.amount, call.state) for order in orders), 0)
    if total > call.state.balance:
        raise validation_error({"balance": [BALANCE_TOO_LOW.format(total=wire.number(total), balance=wire.number(call.state.balance))]})
    for order in orders:
        billing.pay(call.state, order, call.now)
    return json_response(200, {"data": [wire.order(call.state, order) for order in orders]})
