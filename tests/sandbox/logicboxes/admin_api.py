"""LogicBoxes admin calls under /_admin/logicboxes/: the price book and the balances, changed at run time.

A price raised between a client's plan and its apply changes what the next renewal costs; funds added
to a short reseller balance run the actions queued for them, oldest first.
"""

from ..core.admin import AdminError, amount_field, balance_change, only_fields
from .catalog import HOSTING_LAYOUT
from .funds import release_queued
from .prices import parse_prices, price_key
from .renewal import execute

PRICE_FIELDS = ("order_id", "productkey", "plan", "cost_price", "customer_price")
BALANCE_FIELDS = ("balance", "add", "locked")


def prices(state, _body, _now):
    """GET prices: every catalogue line (published or not), with the orders priced from it."""
    return {"prices": [price_view(entry) for entry in state.prices.values()]}


def set_price(state, body, _now):
    """POST prices {order_id | productkey [+ plan], cost_price?, customer_price?}: amounts or {tenure: amount}."""
    only_fields(body, PRICE_FIELDS)
    entry = _entry(state, body)
    if "cost_price" not in body and "customer_price" not in body:
        raise AdminError("give cost_price and/or customer_price")
    product = entry.product
    if "cost_price" in body:
        entry.cost = _merged(entry.cost, parse_prices(body["cost_price"], "cost_price", product, flat=entry.layout == HOSTING_LAYOUT),
                             body["cost_price"])
    if "customer_price" in body:
        entry.customer = _merged(entry.customer, parse_prices(body["customer_price"], "customer_price", product),
                                 body["customer_price"])
    return {"price": price_view(entry)}


def set_reseller_balance(state, body, now):
    """POST reseller-balance {balance | add, locked?}: then run what was queued for funds."""
    only_fields(body, BALANCE_FIELDS)
    state.reseller_balance = balance_change(state.reseller_balance, body)
    if "locked" in body:
        state.reseller_locked = amount_field(body["locked"], "locked")
    ran = release_queued(state, now, execute)
    return {"reseller_balance": f"{state.reseller_balance:.2f}", "reseller_locked_balance": f"{state.reseller_locked:.2f}",
            "executed_order_ids": ran}


def set_customer_balance(state, body, _now):
    """POST customer-balance {customer_id?, balance | add}: a customer's debit balance (default: the fixture's customer)."""
    only_fields(body, ("customer_id",) + BALANCE_FIELDS[:2])
    customer = str(body.get("customer_id", state.default_customer_id))
    state.customer_balances[customer] = balance_change(state.customer_funds(customer), body)
    return {"customer_id": customer, "customer_balance": f"{state.customer_balances[customer]:.2f}"}


def price_view(entry):
    """Admin view of one catalogue line."""
    return {"productkey": entry.productkey, "plan": entry.plan, "layout": entry.layout, "published": entry.layout is not None,
            "cost": {str(tenure): f"{amount:.2f}" for tenure, amount in sorted(entry.cost.items())},
            "customer": {str(tenure): f"{amount:.2f}" for tenure, amount in sorted(entry.customer.items())},
            "order_ids": list(entry.order_ids)}


ROUTES = {
    ("GET", "prices"): prices,
    ("POST", "prices"): set_price,
    ("POST", "reseller-balance"): set_reseller_balance,
    ("POST", "customer-balance"): set_customer_balance,
}


def _entry(state, body):
    if "order_id" in body:
        order = state.orders.get(body["order_id"]) if isinstance(body["order_id"], int) else None
        if order is None:
            raise AdminError(f"no order {body['order_id']!r}")
        return state.prices[price_key(order)]
    entry = state.prices.get((body.get("productkey"), body.get("plan")))
    if entry is None:
        raise AdminError("give order_id, or productkey (and plan) of a line in GET /_admin/logicboxes/prices")
    return entry


def _merged(current, given, raw):
    """One amount replaces every tenure; {tenure: amount} changes only those tenures."""
    return {**current, **given} if isinstance(raw, dict) else given
