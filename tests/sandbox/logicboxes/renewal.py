"""Renewal semantics (reference sections 5, 8 and 9): what each invoice-option does to an order.

Deliberately unguarded: every accepted call renews and bills again, except that a queued action
blocks the next one and a domain renewal needs the current expiry (checked by the caller).
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ..core.clock import add_months, add_years
from .catalog import YEARS
from .errors import DOMAIN_TOO_LONG, ApiError
from .state import Invoice, PendingAction

NO_INVOICE = "NoInvoice"
PAY_INVOICE = "PayInvoice"
KEEP_INVOICE = "KeepInvoice"
ONLY_ADD = "OnlyAdd"
INVOICE_OPTIONS = (NO_INVOICE, PAY_INVOICE, KEEP_INVOICE, ONLY_ADD)
DOMAIN_MAX_YEARS = 10


@dataclass
class RenewalTerms:
    """The validated parameters of one renew call."""

    period: int
    unit: str  # "months" or "years"
    invoice_option: str
    auto_renew: Optional[bool] = None  # None: parameter not sent, flag left as it is
    discount: Decimal = Decimal("0")
    extra_accounts: int = 0


@dataclass
class RenewalResult:
    """What happened, for building the action hash map."""

    eaqid: int
    action_type: str
    action_description: str
    executed: bool
    invoice: Optional[Invoice]


def extend(endtime, period, unit):
    """Expiry after adding a renewal period."""
    return add_years(endtime, period) if unit == YEARS else add_months(endtime, period)


def describe(order, period, unit):
    """actiontypedesc, shaped like the documented "Renewal of x.co.in for 1 year"."""
    noun = unit[:-1] if period == 1 else unit
    return f"Renewal of {order.description} for {period} {noun}"


def price(order, terms):
    """Amount billed: price per period unit (year for domains, month otherwise) times period, less the discount."""
    return max(Decimal("0"), order.price * terms.period - terms.discount)


def check_domain_limit(order, terms, now):
    """Registries cap a domain's expiry at 10 years from today."""
    if order.product.is_domain and extend(order.endtime, terms.period, terms.unit) > add_years(now, DOMAIN_MAX_YEARS):
        raise ApiError(DOMAIN_TOO_LONG)


def execute(state, order, period, unit):
    """Apply a renewal: move the expiry and clear the queued action."""
    order.endtime = extend(order.endtime, period, unit)
    order.executed_renewals += 1
    state.set_pending(order, None)


def _book(state, order, terms, now, counted=True):
    """Bookkeeping shared by every accepted renewal: counters, auto-renew flag, invoice."""
    amount = price(order, terms)
    eaqid = state.new_eaqid()
    description = describe(order, terms.period, terms.unit)
    if terms.auto_renew is not None:
        order.recurring = terms.auto_renew
    if counted:
        order.renewals += 1
        order.billed_total += amount
    order.email_accounts += terms.extra_accounts
    invoice = None
    if terms.invoice_option != NO_INVOICE:
        invoice = Invoice(state.new_invoice_id(), order.order_id, eaqid, amount, terms.invoice_option, description, now)
        state.add_invoice(invoice)
    return RenewalResult(eaqid, order.product.action_type, description, False, invoice)


def _queue(state, order, terms, result, now):
    """Leave the renewal pending until its invoice is paid."""
    action = PendingAction(result.eaqid, result.action_type, result.action_description, terms.period, terms.unit, now,
                           result.invoice.invoice_id)
    state.set_pending(order, action)


def accept(state, order, terms, now):
    """Accept a renew call on an order with nothing queued, following `invoice-option`."""
    result = _book(state, order, terms, now)
    invoice = result.invoice
    if terms.invoice_option == PAY_INVOICE and state.customer_balance >= invoice.amount:
        state.customer_balance -= invoice.amount
        state.settle_invoice(invoice, "paid")
    result.executed = terms.invoice_option in (NO_INVOICE, KEEP_INVOICE) or invoice.status == "paid"
    if result.executed:
        execute(state, order, terms.period, terms.unit)
    else:
        _queue(state, order, terms, result, now)
    return result


def queue(state, order, terms, now):
    """Queue a renewal that predates the sandbox (fixtures): pending whatever the balance, not counted as a call."""
    result = _book(state, order, terms, now, counted=False)
    _queue(state, order, terms, result, now)
    return result


def execute_queued(state, order):
    """Run the queued renewal of an order (its invoice was paid or waived)."""
    action = order.pending
    execute(state, order, action.period, action.unit)
    return action
