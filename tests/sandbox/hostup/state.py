"""In-memory HostUp account: services and the HostBill invoices both APIs share."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from .catalog import RENEW_ORIGINS, UNPAID, Cycle


@dataclass
class Service:  # pylint: disable=too-many-instance-attributes
    """One HostBill account (a VPS or a web hosting account)."""

    account_id: int  # HostBill id, used by v1
    public_id: Optional[str]  # v2 id (vps_... / acct_...); None: not reachable through v2
    kind: str  # "vps" or "hosting"
    name: str
    status: str  # v2 spelling: active, suspended, ...
    cycle: Cycle
    amount: Decimal
    currency: str
    next_due: int  # epoch, midnight UTC: payment due for the next period
    expires: int  # epoch, midnight UTC: end of the paid period
    created: int
    payg: bool = False
    move_due: bool = True  # v1 renew moves next_due one cycle (HostBill generateNextInvoice move_due=1)
    pricing_failures: int = 0  # v1 renew answers 500 INTERNAL_ERROR this many more times
    invoice_despite_failure: bool = False  # ... and makes the invoice anyway
    lookup_delay: float = 0.0  # v2 renew: seconds before the new invoice becomes visible
    renew_calls: dict = field(default_factory=lambda: {"v1": 0, "v2": 0})  # renew calls that made an invoice
    invoice_ids: list = field(default_factory=list)


@dataclass
class Item:
    """An invoice line for one service's next period."""

    account_id: int
    amount: Decimal
    period_start: int
    period_end: int
    due_moved: bool  # next_due was already moved when the invoice was made


@dataclass
class Invoice:  # pylint: disable=too-many-instance-attributes
    """A HostBill invoice; v1 shows `invoice_id`, v2 shows `inv_<invoice_id>`."""

    invoice_id: int
    items: list
    currency: str
    created: int
    duedate: int
    origin: str
    status: str = UNPAID
    visible_at: float = 0.0  # v2 async creation: hidden from every read before this time
    datepaid: Optional[int] = None
    payments: list = field(default_factory=list)  # epochs at which scheduled charges complete
    charges: int = 0  # charges that completed (more than 1 means the customer paid twice)

    @property
    def public_id(self):
        """The v2 id."""
        return f"inv_{self.invoice_id}"

    @property
    def number(self):
        """Human invoice number (v1 `formatted_id`, v2 `number`)."""
        return str(self.invoice_id)

    @property
    def total(self):
        """Sum of the lines."""
        return sum((item.amount for item in self.items), Decimal("0"))

    def covers(self, account_id):
        """Whether a line of this invoice is for the account."""
        return any(item.account_id == account_id for item in self.items)

    def visible(self, now):
        """Whether reads show the invoice yet."""
        return now >= self.visible_at


@dataclass
class RateLimit:
    """A fixed-window request budget per API key (section 4)."""

    limit: int
    window: int
    window_start: float = 0.0
    used: int = 0


@dataclass
class HostUpState:  # pylint: disable=too-many-instance-attributes
    """The whole customer account as one API key sees it."""

    api_key: str
    payment_delay: float
    items_in_detail: bool
    rate_limit: Optional[RateLimit] = None
    services: dict = field(default_factory=dict)  # account id -> Service
    by_public_id: dict = field(default_factory=dict)  # v2 id -> account id
    invoices: dict = field(default_factory=dict)  # invoice id -> Invoice
    last_invoice_id: int = 49960  # the documented example invoice is 49961

    def add_service(self, service):
        """Index a new service."""
        self.services[service.account_id] = service
        if service.public_id:
            self.by_public_id[service.public_id] = service.account_id

    def service_by_public_id(self, public_id, kind):
        """The service a v2 id names, if it is of that kind."""
        service = self.services.get(self.by_public_id.get(public_id))
        return service if service is not None and service.kind == kind else None

    def new_invoice_id(self):
        """Next HostBill invoice id."""
        self.last_invoice_id += 1
        return self.last_invoice_id

    def add_invoice(self, invoice):
        """Record an invoice on the account and on every service it covers."""
        self.invoices[invoice.invoice_id] = invoice
        for item in invoice.items:
            self.services[item.account_id].invoice_ids.append(invoice.invoice_id)

    def invoice_by_public_id(self, public_id):
        """The invoice a v2 id names."""
        number = public_id[4:] if public_id.startswith("inv_") else ""
        return self.invoices.get(int(number)) if number.isdigit() else None

    def unpaid_for(self, service, now):
        """Visible unpaid invoices with a line for the service, oldest first."""
        invoices = [self.invoices[invoice_id] for invoice_id in service.invoice_ids]
        return [invoice for invoice in invoices if invoice.status == UNPAID and invoice.visible(now)]

    def renewal_invoices(self, service):
        """Invoices made by renew calls for the service (what tests count)."""
        return [self.invoices[invoice_id] for invoice_id in service.invoice_ids if self.invoices[invoice_id].origin in RENEW_ORIGINS]
