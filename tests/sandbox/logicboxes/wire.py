"""LogicBoxes response shapes. Every scalar goes out as a string, as the live API sends it
(reference section 3); the one documented exception, `emailaccounts`, stays a JSON number.
"""

from .errors import FUNDS_AWAITED, PAYMENT_AWAITED, RENEWED_DOMAIN, RESELLER_FUNDS_SHORT, RENEWED_ORDER

SUCCESS = "Success"
PENDING = "PendingExecution"


def text(value):
    """A scalar as the API writes it: "true"/"false" for booleans, str() otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def money(amount, negate=True):
    """Amounts are strings with three decimals; invoices show as debits (negative), like the docs' example."""
    return f"{(-amount if negate and amount else amount):.3f}"


def product_key(order):
    """`productkey` of an order."""
    return order.productkey


def details(order, with_order_details=True):
    """Body of <product>/details.json."""
    body = {"entityid": text(order.order_id), "description": order.description}
    if order.product.is_domain:
        body.update({"orderid": text(order.order_id), "domainname": order.description})
    if not with_order_details:
        return body
    body.update({
        "currentstatus": order.status,
        "creationtime": text(order.creationtime),
        "endtime": text(order.endtime),
        "recurring": text(order.recurring),
        "customerid": order.customer_id,
        "productkey": product_key(order),
        "productcategory": order.product.category,
        "entitytypeid": order.product.entitytypeid,
        "eaqid": text(order.pending.eaqid if order.pending else 0),
        "actioncompleted": "0",
        "paused": "false",
        "isOrderSuspendedUponExpiry": "false",
        "orderSuspendedByParent": "false",
        "allowdeletion": "true",
        "isImmediateReseller": "true",
        "autoRenewTermType": "LONG_TERM",
        "autoRenewAttemptDuration": "30",
    })
    if order.plan_id is not None and order.product.has_plan:
        body["planid"] = order.plan_id  # the catalogue line the order is priced from (section 7.5)
    if order.pending is not None:
        body["actiontype"] = order.pending.action_type  # present only while an action is queued
    if order.product.email:
        body["emailaccounts"] = order.email_accounts  # a JSON number, as in the Business Email fixture
    if order.product.is_domain:
        body.update({"orderstatus": [], "domainstatus": [], "isprivacyprotected": "false", "privacyprotectedallowed": "true"})
    return body


def action_map(order, result, discount, state):
    """Body of a renew call (reference section 4.3).

    Accepted but queued for reseller funds: a top-level `error` instead of `status` (section 8.3; the
    text is the sandbox's own).
    """
    body = {
        "description": order.description,
        "entityid": text(order.order_id),
        "actiontype": result.action_type,
        "actiontypedesc": result.action_description,
        "eaqid": text(result.eaqid),
        "actionstatus": SUCCESS if result.executed else PENDING,
        "actionstatusdesc": _status_text(order, result),
        "discount-amount": f"{discount:.2f}",
        "status": SUCCESS,
    }
    if result.invoice is not None:  # none of these with NoInvoice
        body.update(invoice_fields(result.invoice, state))
        body["customerid"] = order.customer_id
    if result.queued_for_funds:
        del body["status"]
        body["error"] = RESELLER_FUNDS_SHORT
    return body


def invoice_fields(invoice, state):
    """The invoice part of an action hash map."""
    unpaid = invoice.status == "unpaid"
    return {
        "invoiceid": text(invoice.invoice_id),
        "sellingcurrencysymbol": state.currency,
        "sellingamount": money(invoice.amount),
        "unutilisedsellingamount": money(invoice.amount if unpaid else 0),
    }


def _status_text(order, result):
    if result.queued_for_funds:
        return FUNDS_AWAITED
    if not result.executed:
        return PAYMENT_AWAITED.format(invoice_id=result.invoice.invoice_id)
    return RENEWED_DOMAIN if order.product.is_domain else RENEWED_ORDER


def current_action(order):
    """One row of actions/search-current.json."""
    action = order.pending
    row = {
        "entityid": text(order.order_id),
        "entitytypeid": order.product.entitytypeid,
        "description": order.description,
        "eaqid": text(action.eaqid),
        "actiontype": action.action_type,
        "actiontypedesc": action.description,
        "actionstatus": PENDING,
        "actionstatusdesc": pending_text(action),
        "actionadded": text(action.added),
        "actionstarted": "0",
        "actioncompleted": "0",
    }
    if action.invoice_id is not None:
        row["invoiceid"] = text(action.invoice_id)
    return row


def pending_text(action):
    """actionstatusdesc of a queued action: what it waits for."""
    if action.waiting_for == "funds":
        return FUNDS_AWAITED
    return PAYMENT_AWAITED.format(invoice_id=action.invoice_id)


def order_row(order):
    """One flattened row of <product>/search.json."""
    return {
        "orders.orderid": text(order.order_id),
        "orders.endtime": text(order.endtime),
        "orders.creationtime": text(order.creationtime),
        "orders.timestamp": text(order.creationtime),
        "orders.autorenew": text(order.recurring),
        "orders.resellerlock": "false",
        "orders.customerlock": "false",
        "orders.transferlock": "false",
        "entity.entityid": text(order.order_id),
        "entity.customerid": order.customer_id,
        "entity.entitytypeid": order.product.entitytypeid,
        "entity.description": order.description,
        "entity.currentstatus": order.status,
        "entitytype.entitytypekey": product_key(order),
        "entitytype.entitytypename": order.product.label,
    }


def transaction_row(invoice, order, state):
    """One flattened row of billing/customer-transactions/search.json."""
    prefix = "customer_transaction."
    fields = {
        "transid": text(invoice.invoice_id),
        "orderid": text(invoice.order_id),
        "customerid": order.customer_id,
        "type": "invoice",
        "transactionkey": "systemgenerated",
        "transactiondate": text(invoice.created),
        "description": invoice.description,
        "key": product_key(order),
        "sellingcurrencysymbol": state.currency,
        "sellingamount": money(invoice.amount),
        "unutilisedsellingamount": money(invoice.amount if invoice.status == "unpaid" else 0),
    }
    return {prefix + name: value for name, value in fields.items()}


def numbered(rows, total):
    """The search envelope: counts plus rows under "1", "2", ..."""
    body = {"recsonpage": text(len(rows)), "recsindb": text(total)}
    for number, row in enumerate(rows, 1):
        body[text(number)] = row
    return body


def page_of(items, records, page):
    """The slice of a result list one page covers."""
    start = (page - 1) * records
    return items[start:start + records]
