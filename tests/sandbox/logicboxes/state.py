"""In-memory LogicBoxes account: orders, their pending actions and invoices."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from .catalog import Product


@dataclass
class PendingAction:
    """A renewal accepted but not executed (waiting for its invoice to be paid)."""

    eaqid: int
    action_type: str
    description: str  # actiontypedesc
    period: int
    unit: str  # "months" or "years"
    added: int
    invoice_id: Optional[int]
    cost: Decimal = Decimal("0")  # reseller cost debited when it executes
    waiting_for: str = "invoice"  # "invoice" (to be paid) or "funds" (reseller balance too low)


@dataclass
class Invoice:  # pylint: disable=too-many-instance-attributes
    """A renewal invoice raised for the customer (every option except NoInvoice)."""

    invoice_id: int
    order_id: int
    eaqid: int
    amount: Decimal  # positive; the API shows it negated
    invoice_option: str
    description: str
    created: int
    status: str = "unpaid"  # "paid" or "cancelled" later


@dataclass
class Order:  # pylint: disable=too-many-instance-attributes
    """One LogicBoxes order and its renewal bookkeeping."""

    order_id: int
    product: Product
    region: Optional[str]
    description: str
    status: str
    endtime: int
    creationtime: int
    recurring: bool
    customer_id: str
    term_months: int  # what a renew without a period adds (SiteLock)
    productkey: str
    plan_id: Optional[str] = None  # servers, VPS, hosting (and the unpublished products' price line)
    email_accounts: int = 0
    renewals: int = 0  # renew calls accepted (executed or left pending)
    executed_renewals: int = 0  # renewals that moved endtime
    billed_total: Decimal = Decimal("0")  # customer price of every accepted renewal
    debited_total: Decimal = Decimal("0")  # reseller cost taken from the reseller balance
    pending: Optional[PendingAction] = None
    invoice_ids: list = field(default_factory=list)
    renew_log: list = field(default_factory=list)  # one entry per accepted renew call (auto-renew before/after, money)


@dataclass
class LogicBoxesState:  # pylint: disable=too-many-instance-attributes
    """The whole account as one reseller sees it."""

    auth_userid: str
    api_key: str
    currency: str
    domain_mismatch_message: str
    default_customer_id: str
    customer_balances: dict  # customer id -> Decimal (each customer's debit balance)
    reseller_balance: Decimal
    reseller_locked: Decimal
    auto_renew_omitted: str  # "keep" or "reset": what a renew call without auto-renew does to `recurring`
    prices: dict = field(default_factory=dict)  # (productkey, plan) -> PriceEntry
    debits: list = field(default_factory=list)  # reseller balance ledger, oldest first
    orders: dict = field(default_factory=dict)  # order id -> Order
    invoices: dict = field(default_factory=dict)  # invoice id -> Invoice
    unpaid_invoice_ids: dict = field(default_factory=dict)  # insertion-ordered set
    pending_orders: dict = field(default_factory=dict)  # eaqid -> order id, insertion-ordered
    orders_by_path: dict = field(default_factory=dict)  # (product key, region) -> [order ids]
    domains_by_name: dict = field(default_factory=dict)  # lower-case domain -> order id
    last_eaqid: int = 524620000  # id series start near the documented examples
    last_invoice_id: int = 88713000

    def available_funds(self):
        """What the reseller can spend: balance less the locked part (an assumption; clients differ)."""
        return self.reseller_balance - self.reseller_locked

    def customer_funds(self, customer_id):
        """A customer's debit balance (0 for a customer the account does not know)."""
        return self.customer_balances.get(customer_id, Decimal("0"))

    def new_eaqid(self):
        """Next action id."""
        self.last_eaqid += 1
        return self.last_eaqid

    def new_invoice_id(self):
        """Next invoice id."""
        self.last_invoice_id += 1
        return self.last_invoice_id

    def add_order(self, order):
        """Index a new order."""
        self.orders[order.order_id] = order
        self.orders_by_path.setdefault((order.product.key, order.region), []).append(order.order_id)
        if order.product.is_domain:
            self.domains_by_name[order.description.lower()] = order.order_id

    def order_for(self, order_id, product, region):
        """The order when it exists under this product and region, else None (as the API sees it)."""
        order = self.orders.get(order_id)
        if order is None or order.product is not product or order.region != region:
            return None
        return order

    def add_invoice(self, invoice):
        """Record a new unpaid invoice."""
        self.invoices[invoice.invoice_id] = invoice
        self.unpaid_invoice_ids[invoice.invoice_id] = True
        self.orders[invoice.order_id].invoice_ids.append(invoice.invoice_id)

    def settle_invoice(self, invoice, status):
        """Mark an invoice paid or cancelled."""
        invoice.status = status
        self.unpaid_invoice_ids.pop(invoice.invoice_id, None)

    def set_pending(self, order, action):
        """Queue an action on an order (or clear it with None)."""
        if order.pending is not None:
            self.pending_orders.pop(order.pending.eaqid, None)
        order.pending = action
        if action is not None:
            self.pending_orders[action.eaqid] = order.order_id
