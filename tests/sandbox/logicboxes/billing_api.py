"""Billing endpoints (reference section 8.3): pay or waive renewal invoices, list them."""

from ..core.http import json_response
from . import wire
from .errors import INSUFFICIENT_FUNDS, INVALID_VALUE, INVOICE_SETTLED, MISSING_PARAMETER, UNKNOWN_INVOICE, ApiError
from .renewal import execute_queued

BALANCE_TYPES = {"onlyunbalanced": ("unpaid",), "onlybalanced": ("paid",), None: ("unpaid", "paid")}
TRANSACTION_TYPES = ("credit", "debit", "invoice", "receipt")


def pay(call):
    """POST billing/customer-pay.json: pay invoices from their customers' balances, all or nothing."""
    state = call.state
    invoices = _unpaid_invoices(call)
    totals = {}
    for invoice in invoices:
        customer = state.orders[invoice.order_id].customer_id
        totals[customer] = totals.get(customer, 0) + invoice.amount
    if any(total > state.customer_funds(customer) for customer, total in totals.items()):
        raise ApiError(INSUFFICIENT_FUNDS)
    for customer, total in totals.items():
        state.customer_balances[customer] = state.customer_funds(customer) - total
    body = {}
    for invoice in invoices:
        state.settle_invoice(invoice, "paid")
        body[wire.text(invoice.invoice_id)] = _settled(state, invoice, call.now)
    return json_response(200, body)


def execute(call):
    """POST billing/execute-order-without-payment.json: run the queued actions; cancel-invoice=true drops the invoices."""
    state = call.state
    invoices = _unpaid_invoices(call)
    cancel = call.params.boolean("cancel-invoice")
    if cancel is None:
        raise ApiError(MISSING_PARAMETER, name="cancel-invoice")
    body = {}
    for invoice in invoices:
        if cancel:
            state.settle_invoice(invoice, "cancelled")
        body[wire.text(invoice.invoice_id)] = _settled(state, invoice, call.now)
    return json_response(200, body)


def transactions(call):
    """GET billing/customer-transactions/search.json: renewal invoices, flattened rows, paged."""
    params, state = call.params, call.state
    records, page = params.paging()
    balance_type = params.get("balance-type")
    if balance_type not in BALANCE_TYPES:
        raise ApiError(INVALID_VALUE, name="balance-type", value=balance_type)
    kinds = set(params.all("transaction-type"))
    unknown_kinds = sorted(kinds - set(TRANSACTION_TYPES))
    if unknown_kinds:
        raise ApiError(INVALID_VALUE, name="transaction-type", value=unknown_kinds[0])
    rows = []
    if not kinds or "invoice" in kinds:  # the sandbox only records invoices
        rows = _invoice_rows(state, BALANCE_TYPES[balance_type], set(params.integers("transaction-id")), set(params.all("customer-id")))
    return json_response(200, wire.numbered(wire.page_of(rows, records, page), len(rows)))


def _invoice_rows(state, statuses, wanted_ids, customers):
    """Transaction rows of the invoices in `statuses`, optionally only some ids or customers."""
    source = state.unpaid_invoice_ids if statuses == ("unpaid",) else state.invoices
    rows = []
    for invoice_id in source:
        invoice = state.invoices[invoice_id]
        order = state.orders[invoice.order_id]
        if invoice.status not in statuses or (wanted_ids and invoice_id not in wanted_ids):
            continue
        if customers and order.customer_id not in customers:
            continue
        rows.append(wire.transaction_row(invoice, order, state))
    return rows


def _unpaid_invoices(call):
    """The invoices named by the repeatable `invoice-ids`; every one must exist and be unpaid."""
    ids = call.params.integers("invoice-ids")
    if not ids:
        raise ApiError(MISSING_PARAMETER, name="invoice-ids")
    invoices = []
    for invoice_id in dict.fromkeys(ids):
        invoice = call.state.invoices.get(invoice_id)
        if invoice is None:
            raise ApiError(UNKNOWN_INVOICE, invoice_id=invoice_id)
        if invoice.status != "unpaid":
            raise ApiError(INVOICE_SETTLED, invoice_id=invoice_id, status=invoice.status)
        invoices.append(invoice)
    return invoices


def _settled(state, invoice, now):
    """Run the renewal an invoice was holding back (if still queued) and describe the result.

    Short of reseller funds, the renewal stays queued (waiting for funds) although the invoice is settled.
    """
    order = state.orders[invoice.order_id]
    action_type = order.product.action_type
    waiting = None
    if order.pending is not None and order.pending.eaqid == invoice.eaqid:
        action = order.pending
        action_type = action.action_type
        if not execute_queued(state, order, now):
            waiting = action
    return {
        "invoiceid": wire.text(invoice.invoice_id),
        "entityid": wire.text(order.order_id),
        "description": order.description,
        "eaqid": wire.text(invoice.eaqid),
        "actiontype": action_type,
        "actionstatus": wire.PENDING if waiting else wire.SUCCESS,
        "actionstatusdesc": wire.pending_text(waiting) if waiting else ("Invoice paid" if invoice.status == "paid"
                                                                        else "Executed without payment"),
        "status": wire.SUCCESS,
    }
