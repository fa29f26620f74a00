"""Invoice semantics (reference sections 5, 6, 7.2, 8.2, 8.3 and 11).

* v1 renew is HostBill `generateNextInvoice`: no guard at all. Every call makes another invoice
  for the next period and, with `move_due` (HostBill's usual setting), moves next_due one more
  cycle, so calling it twice bills the customer twice.
* v2 renew refuses with 409 `existing_invoice_blocking` while any unpaid invoice covers the service.
* Paying is asynchronous: the charge completes `payment_delay` seconds later. v2 refuses a second
  payment while one runs (409 `invoice_payment_in_progress`); v1 documents no such guard and takes
  the card again.
* A paid invoice extends the paid period; when the invoice did not already move next_due, it moves
  next_due too.
"""

from ..core.clock import add_months
from .catalog import NOT_RENEWABLE, PAID, UNPAID
from .state import Invoice, Item


def renewable(service):
    """Whether anything recurs on the service."""
    return service.status not in NOT_RENEWABLE and not service.payg and service.cycle.months is not None


def next_period(service):
    """(start, end) of the period the next renewal invoice bills."""
    start = service.next_due
    return start, add_months(start, service.cycle.months)


def make_invoice(state, services, origin, now, move_due=False, visible_at=0.0):
    """A new unpaid invoice billing the next period of each service."""
    items = []
    for service in services:
        start, end = next_period(service)
        items.append(Item(service.account_id, service.amount, start, end, due_moved=move_due))
        if move_due:
            service.next_due = end
    created = int(now)
    invoice = Invoice(state.new_invoice_id(), items, services[0].currency, created,
                      duedate=min(item.period_start for item in items), origin=origin, visible_at=visible_at)
    state.add_invoice(invoice)
    return invoice


def schedule_payment(state, invoice, now):
    """Start charging the card; the charge completes later."""
    invoice.payments.append(now + state.payment_delay)


def payment_running(invoice, now):
    """Whether a scheduled charge has not completed yet."""
    return any(when > now for when in invoice.payments)


def complete_payments(state, now):
    """Apply every charge whose time has come (called before each request is served)."""
    for invoice in state.invoices.values():
        if not invoice.payments or not any(when <= now for when in invoice.payments):
            continue
        done = [when for when in invoice.payments if when <= now]
        invoice.payments = [when for when in invoice.payments if when > now]
        invoice.charges += len(done)
        if invoice.status == UNPAID:
            mark_paid(state, invoice, int(min(done)))


def mark_paid(state, invoice, when):
    """The invoice is paid: its services are paid up to the end of the billed period."""
    invoice.status = PAID
    invoice.datepaid = when
    for item in invoice.items:
        service = state.services[item.account_id]
        service.expires = max(service.expires or 0, item.period_end)
        if not item.due_moved:
            service.next_due = max(service.next_due or 0, item.period_end)
