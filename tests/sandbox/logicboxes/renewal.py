"""Renewal semantics (reference sections 5, 6, 7.5, 8 and 9): what each invoice-option does to an order.

Deliberately unguarded: every accepted call renews and bills again, except that a queued action
blocks the next one and a domain renewal needs the current expiry (checked by the caller). A renewal
that executes takes its reseller cost from the reseller balance; when the balance is short the call
is accepted but queued until funds arrive (reference sections 7.6 and 8.3), and nothing is debited.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ..core.clock import add_months, add_years
from .catalog import YEARS
from .errors import DOMAIN_TOO_LONG, ApiError
from .funds import debit
from .prices import price_key, renewal_amount
from .state import Invoice, PendingAction

NO_INVOICE = "NoInvoice"
PAY_INVOICE = "PayInvoice"
KEEP_INVOICE = "KeepInvoice"
ONLY_ADD = "OnlyAdd"
INVOICE_OPTIONS = (NO_INVOICE, PAY_INVOICE, KEEP_INVOICE, ONLY_ADD)
DOMAIN_MAX_YEARS = 10
EXECUTED, AWAITING_INVOICE, QUEUED_FOR_FUNDS = "executed", "awaiting_invoice", "queued_for_funds"


@dataclass
class RenewalTerms:
    """The validated parameters of one renew call."""

    period: int
    unit: str  # "months" or "years"
    invoice_option: str
    auto_renew: Optional[bool] = None  # None: parameter not sent
    discount: Decimal = Decimal("0")
    extra_accounts: int = 0


@dataclass
class RenewalResult:  # pylint: disable=too-many-instance-attributes
    """What happened, for building the action hash map."""

    eaqid: int
    action_type: str
    action_description: str
    executed: bool
    invoice: Optional[Invoice]
    cost: Decimal = Decimal("0")  # reseller cost of the renewal
    queued_for_funds: bool = False  # accepted, waiting for the reseller balance


def extend(endtime, period, unit):
    """Expiry after adding a renewal period."""
    return add_years(endtime, period) if unit == YEARS else add_months(endtime, period)


def describe(order, period, unit):
    """actiontypedesc, shaped like the documented "Renewal of x.co.in for 1 year"."""
    noun = unit[:-1] if period == 1 else unit
    return f"Renewal of {order.description} for {period} {noun}"


def amounts(state, order, terms):
    """(reseller cost, customer invoice amount) from the price book; email counts the accounts after the renewal."""
    entry = state.prices[price_key(order)]
    accounts = order.email_accounts + terms.extra_accounts
    cost = renewal_amount(entry.cost, order.product, terms.period, accounts)
    billed = max(Decimal("0"), renewal_amount(entry.customer, order.product, terms.period, accounts) - terms.discount)
    return cost, billed


def check_domain_limit(order, terms, now):
    """Registries cap a domain's expiry at 10 years from today."""
    if order.product.is_domain and extend(order.endtime, terms.period, terms.unit) > add_years(now, DOMAIN_MAX_YEARS):
        raise ApiError(DOMAIN_TOO_LONG)


def execute(state, order, period, unit, cost, now):  # pylint: disable=too-many-arguments
    """Apply a renewal: debit the reseller, move the expiry and clear the queued action."""
    debit(state, order, cost, now)
    order.endtime = extend(order.endtime, period, unit)
    order.executed_renewals += 1
    state.set_pending(order, None)


def _set_recurring(state, order, terms):
    """`auto-renew` sets the flag when sent (section 6); when omitted, the fixture says whether it stays or resets."""
    if terms.auto_renew is not None:
        order.recurring = terms.auto_renew
    elif state.auto_renew_omitted == "reset" and order.product.auto_renew_listed:
        order.recurring = False


def _book(state, order, terms, now, counted=True):
    """Bookkeeping shared by every accepted renewal: counters, auto-renew flag, invoice."""
    cost, amount = amounts(state, order, terms)
    eaqid = state.new_eaqid()
    description = describe(order, terms.period, terms.unit)
    if counted:
        _set_recurring(state, order, terms)
        order.renewals += 1
        order.billed_total += amount
    order.email_accounts += terms.extra_accounts
    invoice = None
    if terms.invoice_option != NO_INVOICE:
        invoice = Invoice(state.new_invoice_id(), order.order_id, eaqid, amount, terms.invoice_option, description, now)
        state.add_invoice(invoice)
    return RenewalResult(eaqid, order.product.action_type, description, False, invoice, cost)


def _queue(state, order, terms, result, now, waiting_for="invoice"):  # pylint: disable=too-many-arguments
    """Leave the renewal pending until its invoice is paid (or the reseller has the funds)."""
    action = PendingAction(result.eaqid, result.action_type, result.action_description, terms.period, terms.unit, now,
                           result.invoice.invoice_id if result.invoice else None, result.cost, waiting_for)
    state.set_pending(order, action)


def accept(state, order, terms, now):
    """Accept a renew call on an order with nothing queued, following `invoice-option`; log what it did."""
    recurring_before = order.recurring
    result = _book(state, order, terms, now)
    invoice = result.invoice
    funds = state.customer_funds(order.customer_id)
    if terms.invoice_option == PAY_INVOICE and funds >= invoice.amount:
        state.customer_balances[order.customer_id] = funds - invoice.amount
        state.settle_invoice(invoice, "paid")
    if terms.invoice_option not in (NO_INVOICE, KEEP_INVOICE) and invoice.status != "paid":
        _queue(state, order, terms, result, now)
    elif state.available_funds() < result.cost:
        result.queued_for_funds = True
        _queue(state, order, terms, result, now, waiting_for="funds")
    else:
        result.executed = True
        execute(state, order, terms.period, terms.unit, result.cost, now)
    _log(order, terms, result, recurring_before, now)
    return result


def _log(order, terms, result, recurring_before, now):
    """What one renew call did, for GET /_admin/state (tests assert that no renewal changed the auto-renew flag)."""
    outcome = EXECUTED if result.executed else (QUEUED_FOR_FUNDS if result.queued_for_funds else AWAITING_INVOICE)
    order.renew_log.append({
        "call": len(order.renew_log) + 1, "time": now, "eaqid": result.eaqid, "invoice_option": terms.invoice_option,
        "period": terms.period, "unit": terms.unit, "auto_renew_sent": terms.auto_renew,
        "recurring_before": recurring_before, "recurring_after": order.recurring, "outcome": outcome,
        "cost": f"{result.cost:.2f}", "debited": f"{result.cost if result.executed else 0:.2f}",
        "invoice_id": result.invoice.invoice_id if result.invoice else None,
    })


def queue(state, order, terms, now):
    """Queue a renewal that predates the sandbox (fixtures): pending whatever the balance, not counted as a call."""
    result = _book(state, order, terms, now, counted=False)
    _queue(state, order, terms, result, now)
    return result


def execute_queued(state, order, now):
    """Run the queued renewal of an order (its invoice was paid or waived); True when it ran.

    With too little reseller balance it stays queued, now waiting for funds.
    """
    action = order.pending
    if state.available_funds() < action.cost:
        action.waiting_for = "funds"
        return False
    execute(state, order, action.period, action.unit, action.cost, now)
    return True
