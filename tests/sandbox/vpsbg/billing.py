"""Orders and money (reference sections 4.3, 5 and 10): quotes, renew orders, payment from balance, period changes.

Deliberately unguarded: every accepted renew call places another `renew-service` order, even while
one for the same service is still awaiting payment. Each new order's period starts where the
service's open orders end, so `potential_expiry_at` keeps moving out.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..core.clock import add_months
from .state import AWAITING_PAYMENT, OPEN_STATUSES, PAID, RENEW_SERVICE, Invoice, Order, OrderLine

CENT = Decimal("0.01")
DUE_DAYS = 7


def money(amount):
    """Round to cents."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def discount_of(amount, promo):
    """The promo's share of an amount."""
    return money(amount * promo.percentage / 100) if promo is not None else Decimal("0")


@dataclass
class QuoteLine:
    """What renewing one service for `cycle` months costs."""

    service: object
    cycle: int
    amount: Decimal
    discount: Decimal


def quote(services, cycle, promo):
    """Price of renewing `services` for `cycle` months with an optional promo."""
    lines = []
    for service in services:
        amount = money(service.unit_price * cycle)
        lines.append(QuoteLine(service, cycle, amount, discount_of(amount, promo)))
    return lines


def open_lines(state, service):
    """Lines of open (unpaid or processing) renew orders that extend `service`."""
    found = []
    for order in state.orders.values():
        if order.order_type != RENEW_SERVICE or order.status not in OPEN_STATUSES:
            continue
        found.extend(line for line in order.lines
                     if line.service_type == service.service_type and line.service_id == service.service_id)
    return found


def potential_expiry(state, service):
    """Expiry counting open renew orders (`potential_expiry_at`)."""
    return max([service.expiry_at] + [line.period_to for line in open_lines(state, service)])


def place_order(state, quoted, promo, now, status=AWAITING_PAYMENT, via_api=True):
    """Create a renew-service order for quoted services, then let it pay itself from the balance when it can."""
    lines = []
    for item in quoted:
        service = item.service
        period_from = potential_expiry(state, service)
        lines.append(OrderLine(
            service_type=service.service_type, service_id=service.service_id, label=service.line_label,
            sublabel=getattr(service, "ip", None), period_from=period_from, period_to=add_months(period_from, item.cycle),
            billing_cycle=item.cycle, minimum_billing_cycle=service.minimum_billing_cycle, unit_price=service.unit_price,
            amount=item.amount - item.discount, promo=promo, is_period_changeable=status == AWAITING_PAYMENT,
        ))
    order = Order(order_id=state.new_order_id(), order_type=RENEW_SERVICE, status=status, created_at=now,
                  due_at=max(now, min(line.period_from for line in lines)), lines=lines, auto_pay=state.auto_pay,
                  promo=promo, created_via_api=via_api)
    order.invoices.append(Invoice(state.new_invoice_id(), now, order.order_id))
    record(state, order)
    for item in quoted:
        if via_api:
            item.service.renew_calls += 1
    if via_api and order.auto_pay and state.balance >= with_vat(order.amount, state):
        pay(state, order, now)
    return order


def record(state, order):
    """Add an order to the account and to each service's order list."""
    state.orders[order.order_id] = order
    for line in order.lines:
        service = state.service(line.service_type, line.service_id)
        if service is not None:
            service.order_ids.append(order.order_id)


def pay(state, order, now):
    """Pay from the balance: the order's periods become paid, expiries move to their period ends."""
    total = with_vat(order.amount, state)
    state.balance -= total
    state.debits.append({"order_id": order.order_id, "amount": f"{total:.2f}", "time": now, "balance_after": f"{state.balance:.2f}"})
    order.amount_from_balance = total
    order.status = PAID
    order.payment_date = now
    for line in order.lines:
        line.is_period_changeable = False
        service = state.service(line.service_type, line.service_id)
        if service is None:
            continue
        service.expiry_at = max(service.expiry_at, line.period_to)
        if getattr(service, "status", None) == "suspended":
            service.status = "active"


def change_period(state, line, cycle, promo):
    """The documented PATCH: a new period for one line of an unpaid order, repriced; no new order."""
    line.billing_cycle = cycle
    line.period_to = add_months(line.period_from, cycle)
    amount = money(line.unit_price * cycle)
    line.promo = promo
    line.amount = amount - discount_of(amount, promo)
    line.period_changes += 1
    service = state.service(line.service_type, line.service_id)
    if service is not None:
        service.billing_cycle = cycle  # the next renewals follow the new period too


def with_vat(amount, state):
    """Amount with the account's VAT multiplier (`tax_rate` 1.2: 15 -> 18)."""
    return money(amount * state.tax_rate)
