"""In-memory VPSBG account: servers, the support plan, orders with their lines and invoices."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

SERVER = "server"
SUPPORT = "support"
AWAITING_PAYMENT = "awaiting_payment"
PROCESSING = "processing"
PAID = "paid"
OPEN_STATUSES = (AWAITING_PAYMENT, PROCESSING)
RENEW_SERVICE = "renew-service"
NEW_SERVICE = "new-service"


@dataclass(frozen=True)
class Plan:
    """A server plan; `price` is per month without VAT."""

    plan_id: int
    name: str
    label: str
    price: Decimal
    minimum_billing_cycle: int
    plan_type: str = "cloud-vps"


@dataclass(frozen=True)
class Promo:
    """A promo code usable on renewals."""

    code: str
    percentage: Decimal
    minimum_billing_cycle: int


@dataclass
class Server:  # pylint: disable=too-many-instance-attributes
    """One server and its renewal bookkeeping. `expiry_at` is the paid-until date (epoch)."""

    server_id: int
    hostname: str
    ip: str
    plan: Plan
    billing_cycle: int
    status: str
    expiry_at: int
    created_at: int
    auto_renew: bool
    renew_enabled: bool
    cancel_requested_at: Optional[int]
    locked_at: Optional[int]
    renew_calls: int = 0  # renew calls that placed an order for this server
    order_ids: list = field(default_factory=list)

    service_type = SERVER

    @property
    def service_id(self):
        """Id of the service in order lines."""
        return self.server_id

    @property
    def unit_price(self):
        """Price per month."""
        return self.plan.price

    @property
    def minimum_billing_cycle(self):
        """Shortest period the plan allows."""
        return self.plan.minimum_billing_cycle

    @property
    def line_label(self):
        """Order line label, like "Cloud VPS 4 GB - cpanel.server.com"."""
        return f"{self.plan.label} - {self.hostname}"


@dataclass
class SupportPlan:  # pylint: disable=too-many-instance-attributes
    """The account's support plan. Its expiry is internal: the API shows it only through order lines."""

    service_id: int
    plan: str
    price: Decimal
    billing_cycle: int
    expiry_at: int
    renew_calls: int = 0
    order_ids: list = field(default_factory=list)

    service_type = SUPPORT
    minimum_billing_cycle = 1

    @property
    def unit_price(self):
        """Price per month."""
        return self.price

    @property
    def line_label(self):
        """Order line label."""
        return f"{self.plan.capitalize()} support plan"


@dataclass
class OrderLine:  # pylint: disable=too-many-instance-attributes
    """One `services[]` entry of an order: a service and the period it pays for."""

    service_type: str
    service_id: int
    label: str
    sublabel: Optional[str]
    period_from: int
    period_to: int
    billing_cycle: int
    minimum_billing_cycle: int
    unit_price: Decimal
    amount: Decimal
    promo: Optional[Promo]
    is_period_changeable: bool
    period_changes: int = 0


@dataclass
class Invoice:
    """A proforma invoice of one order."""

    invoice_id: int
    created_at: int
    order_id: int


@dataclass
class Order:  # pylint: disable=too-many-instance-attributes
    """An order: every purchase and renewal is one."""

    order_id: int
    order_type: str
    status: str
    created_at: int
    due_at: int
    lines: list
    auto_pay: bool = True
    payment_method: str = "balance"
    payment_date: Optional[int] = None
    amount_from_balance: Decimal = Decimal("0")
    promo: Optional[Promo] = None
    invoices: list = field(default_factory=list)
    created_via_api: bool = False

    @property
    def amount(self):
        """Sum of the lines, without VAT."""
        return sum((line.amount for line in self.lines), Decimal("0"))


@dataclass
class VpsbgState:  # pylint: disable=too-many-instance-attributes
    """The whole account as one API token sees it."""

    token: str
    balance: Decimal
    currency: str
    tax_rate: Decimal
    renew_path: str  # which candidate shape of the unconfirmed server renew call is served
    auto_pay: bool
    rate_limit_per_minute: int
    servers: dict = field(default_factory=dict)  # id -> Server
    support: Optional[SupportPlan] = None
    orders: dict = field(default_factory=dict)  # id -> Order
    promos: dict = field(default_factory=dict)  # lower-case code -> Promo
    debits: list = field(default_factory=list)  # payments from the balance during the run, oldest first
    last_order_id: int = 200157  # id series start at the documented example
    last_invoice_id: int = 8551
    window_started: float = 0.0  # rate limit window (wall clock)
    window_count: int = 0

    def new_order_id(self):
        """Next order id."""
        self.last_order_id += 1
        return self.last_order_id

    def new_invoice_id(self):
        """Next invoice id."""
        self.last_invoice_id += 1
        return self.last_invoice_id

    def service(self, service_type, service_id):
        """The server or support plan an order line is about, or None."""
        if service_type == SERVER:
            return self.servers.get(service_id)
        if service_type == SUPPORT and self.support is not None and self.support.service_id == service_id:
            return self.support
        return None
