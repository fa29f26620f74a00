"""The account's price book (reference section 7.5): what a product, plan and tenure costs the reseller
(`cost`, debited from the reseller balance) and the customer (`customer`, what invoices bill).

Prices are per month (email: per account per month); domain prices are for that many years, as the
documented example shows (`"renewdomain": {"1": "9.5", "2": "19.0"}`). products/*-price.json publish
the book; every renewal is debited and invoiced from it, so a price changed at run time changes the
next renewal's cost. Sandbox rules where the reference is silent: a renewal period between two listed
tenures pays the largest listed tenure below it; email bands are 1-5, 6-25, 26-50 and 51-100000.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Optional

from ..core.fixture import FixtureError
from .catalog import HOSTING_LAYOUT, PRODUCTS, Product, domain_product_key

MONTH_TENURES = (1, 3, 6, 12, 24, 36)
YEAR_TENURES = tuple(range(1, 11))
EMAIL_BANDS = ((1, 5), (6, 25), (26, 50), (51, 100000))
FIRST_PLAN_ID = 101
# Catalogue entries for products no order uses, so the catalogue is more than the account's own lines.
FILLER_TLDS = ("com", "net", "org", "info", "biz")
FILLER_COST, FILLER_CUSTOMER = Decimal("8.00"), Decimal("10.00")


@dataclass
class PriceEntry:  # pylint: disable=too-many-instance-attributes
    """The prices of one catalogue line: a product key and its plan (plan id, email band, or None for domains)."""

    product: Product
    productkey: str
    plan: Optional[str]
    label: str
    cost: dict  # tenure (months, or years for domains) -> Decimal
    customer: dict
    order_ids: list = field(default_factory=list)

    @property
    def key(self):
        """Where the book keeps it."""
        return (self.productkey, self.plan)

    @property
    def layout(self):
        """Catalogue layout (None: not published)."""
        return self.product.layout


def band_of(accounts):
    """The email band ("1-5") that contains an account count."""
    for low, high in EMAIL_BANDS:
        if low <= accounts <= high:
            return f"{low}-{high}"
    return f"{EMAIL_BANDS[-1][0]}-{EMAIL_BANDS[-1][1]}"


def tenure_price(prices, period):
    """The listed price for a period; between two tenures, the largest tenure below it (sandbox rule)."""
    listed = sorted(prices)
    below = [tenure for tenure in listed if tenure <= period]
    return prices[below[-1] if below else listed[0]]


def renewal_amount(prices, product, period, accounts=1):
    """A renewal's price from one book (section 7.5): domains value["1"] x years, else price(tenure) x months, x accounts for email."""
    if product.is_domain:
        return prices[1] * period
    amount = tenure_price(prices, period) * period
    return amount * accounts if product.email else amount


def parse_prices(value, where, product, flat=False):
    """{tenure: Decimal} from a fixture or admin value: one amount for every tenure, or {"tenure": amount}.

    `flat`: the hosting reseller cost has no tenure level, so only a single amount is accepted.
    """
    tenures = YEAR_TENURES if product.is_domain else MONTH_TENURES
    if isinstance(value, dict):
        if flat:
            raise FixtureError(f"{where}: the hosting reseller cost has no tenure level; give one amount")
        prices = {_tenure(name, where): _amount(amount, f"{where}.{name}") for name, amount in value.items()}
        if not prices:
            raise FixtureError(f"{where}: give at least one tenure")
        if product.is_domain and 1 not in prices:
            raise FixtureError(f'{where}: a domain price needs the "1" (one year) tenure')
        return prices
    amount = _amount(value, where)
    if flat:
        return {1: amount}
    if product.is_domain:  # the price of N years, as the documented example lists it
        return {years: amount * years for years in tenures}
    return {months: amount for months in tenures}


def price_key(order):
    """The catalogue line an order is priced from (the email band follows the current account count)."""
    if order.product.is_domain:
        return (domain_product_key(order.description), None)
    if order.product.email:
        return (order.productkey, band_of(max(1, order.email_accounts)))
    return (order.productkey, order.plan_id)


def new_entry(product, productkey, plan, cost, customer):
    """A catalogue line; the label says what a human sees in the panel."""
    label = product.label if plan is None else f"{product.label} {plan}"
    return PriceEntry(product, productkey, plan, label, cost, customer)


def derive_plan_id(book, productkey, cost, customer):
    """Plan id of an order that names none: orders at the same prices share a plan, other prices get the next id."""
    plans = [entry for (key, _plan), entry in book.items() if key == productkey]
    for entry in plans:
        if entry.cost == cost and entry.customer == customer:
            return entry.plan
    numbers = [int(entry.plan) for entry in plans if entry.plan and entry.plan.isdigit()]
    return str(max(numbers, default=FIRST_PLAN_ID - 1) + 1)


def add_filler(book):
    """Every published product and region gets a line (and every email band, every common TLD) when no order has one."""
    for product in PRODUCTS.values():
        if product.layout is None:
            continue
        keys = [domain_product_key(f"x.{tld}") for tld in FILLER_TLDS] if product.is_domain else \
            [product.product_key(region) for region in product.regions or (None,)]
        for productkey in keys:
            plans = [None] if product.is_domain else ([band_of(low) for low, _high in EMAIL_BANDS] if product.email else [None])
            for plan in plans:
                _fill(book, product, productkey, plan)


def _fill(book, product, productkey, plan):
    existing = [entry for (key, _plan), entry in book.items() if key == productkey]
    if plan is None and product.has_plan:
        if existing:
            return
        plan = str(FIRST_PLAN_ID)
    if (productkey, plan) in book:
        return
    source = existing[0] if existing else None  # another email band of the same product: same prices
    cost = source.cost if source else parse_prices(str(FILLER_COST), productkey, product, flat=product.layout == HOSTING_LAYOUT)
    customer = source.customer if source else parse_prices(str(FILLER_CUSTOMER), productkey, product)
    book[(productkey, plan)] = new_entry(product, productkey, plan, dict(cost), dict(customer))


def _tenure(name, where):
    text = str(name)
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise FixtureError(f"{where}: tenure {name!r} must be a whole number >= 1")
    return int(text)


def _amount(value, where):
    if isinstance(value, bool):
        raise FixtureError(f"{where}: must be a decimal amount")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise FixtureError(f"{where}: must be a decimal amount") from None
    if not amount.is_finite() or amount < 0:
        raise FixtureError(f"{where}: must be a non-negative amount")
    return amount
