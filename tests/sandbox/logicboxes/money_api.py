"""Prices and balances (reference sections 7.5 and 7.6): the whole catalogue in one call, and the funds."""

from ..core.http import json_response
from . import price_wire
from .errors import NOT_YOUR_RESELLER, UNKNOWN_CUSTOMER, ApiError
from .wire import money


def reseller_cost_price(call):
    """GET products/reseller-cost-price.json [reseller-id]: what the reseller pays, for every product."""
    _own_reseller(call)
    return json_response(200, price_wire.catalogue(call.state.prices, "cost"))


def customer_price(call):
    """GET products/customer-price.json [customer-id]: the generic customer prices (per-customer pricing is not modelled)."""
    customer = call.params.get("customer-id")
    if customer is not None and customer not in call.state.customer_balances:
        raise ApiError(UNKNOWN_CUSTOMER, customer_id=customer)
    return json_response(200, price_wire.catalogue(call.state.prices, "customer"))


def reseller_balance(call):
    """GET billing/reseller-balance.json reseller-id: the advance account renewals are debited from."""
    _own_reseller(call)
    state = call.state
    return json_response(200, {
        "sellingcurrencysymbol": state.currency,
        "sellingcurrencybalance": money(state.reseller_balance, negate=False),
        "sellingcurrencylockedbalance": money(state.reseller_locked, negate=False),
    })


def customer_balance(call):
    """GET billing/customer-balance.json customer-id: what PayInvoice and customer-pay draw on."""
    customer = call.params.required("customer-id")
    if customer not in call.state.customer_balances:
        raise ApiError(UNKNOWN_CUSTOMER, customer_id=customer)
    balance = money(call.state.customer_funds(customer), negate=False)
    return json_response(200, {
        "currencysymbol": call.state.currency,
        "sellingcurrencybalance": balance,
        "sellingcurrencylockedbalance": money(0, negate=False),
        "totalsellingbalance": balance,
        "accountingcurrencybalance": balance,
        "accountingcurrencylockedbalance": money(0, negate=False),
    })


def _own_reseller(call):
    """`reseller-id` is optional; another reseller's id is refused like an order outside the chain."""
    reseller = call.params.get("reseller-id")
    if reseller is not None and reseller != call.state.auth_userid:
        raise ApiError(NOT_YOUR_RESELLER)
