"""Build a LogicBoxesState from the "logicboxes" section of a fixture."""

from decimal import Decimal, InvalidOperation

from ..core.clock import DAY
from ..core.fixture import FixtureError, take
from .catalog import HOSTING_LAYOUT, PRODUCTS, YEARS, MONTHS, domain_product_key
from .errors import DOMAIN_ALREADY_RENEWED
from .prices import add_filler, derive_plan_id, new_entry, parse_prices, price_key
from .renewal import ONLY_ADD, PAY_INVOICE, RenewalTerms, queue
from .state import LogicBoxesState, Order

DEFAULT_AUTH_USERID = "1001"
DEFAULT_API_KEY = "sandbox-lb-key"
DEFAULT_CUSTOMER_ID = "20001"
DEFAULT_RESELLER_BALANCE = "1000000.00"  # fixtures that say nothing about money never run short
AUTO_RENEW_OMITTED = ("keep", "reset")
STATUSES = ("Active", "InActive", "Suspended", "Deleted", "Archived", "Pending Delete Restorable")
SECTION_KEYS = ("auth_userid", "api_key", "customer_balance", "customer_balances", "reseller_balance", "reseller_locked_balance",
                "selling_currency", "customer_id", "domain_mismatch_message", "auto_renew_omitted", "orders")
ORDER_KEYS = ("order_id", "product", "region", "description", "expires_in_days", "endtime", "creationtime", "status", "recurring",
              "price", "cost_price", "plan_id", "customer_id", "term_months", "email_accounts", "pending")
PENDING_KEYS = ("invoice_option", "months", "years")


def load(section, clock):
    """The state a fixture section describes; relative expiries are anchored on `clock`."""
    section = take(section or {}, "logicboxes", SECTION_KEYS)
    customer_id = str(section.get("customer_id", DEFAULT_CUSTOMER_ID))
    state = LogicBoxesState(
        auth_userid=str(section.get("auth_userid", DEFAULT_AUTH_USERID)),
        api_key=str(section.get("api_key", DEFAULT_API_KEY)),
        currency=str(section.get("selling_currency", "USD")),
        domain_mismatch_message=str(section.get("domain_mismatch_message", DOMAIN_ALREADY_RENEWED)),
        default_customer_id=customer_id,
        customer_balances={},
        reseller_balance=_decimal(section.get("reseller_balance", DEFAULT_RESELLER_BALANCE), "logicboxes.reseller_balance"),
        reseller_locked=_decimal(section.get("reseller_locked_balance", "0"), "logicboxes.reseller_locked_balance"),
        auto_renew_omitted=section.get("auto_renew_omitted", "keep"),
    )
    if state.auto_renew_omitted not in AUTO_RENEW_OMITTED:
        raise FixtureError(f"logicboxes.auto_renew_omitted: must be one of {', '.join(AUTO_RENEW_OMITTED)}")
    default_balance = _decimal(section.get("customer_balance", "0"), "logicboxes.customer_balance")
    state.customer_balances[customer_id] = default_balance
    pending = []
    for index, raw in enumerate(section.get("orders", [])):
        where = f"logicboxes.orders[{index}]"
        order = _order(take(raw, where, ORDER_KEYS), where, clock, customer_id)
        if order.order_id in state.orders:
            raise FixtureError(f"{where}: duplicate order_id {order.order_id}")
        _price(state, order, raw, where)
        state.add_order(order)
        state.customer_balances.setdefault(order.customer_id, default_balance)
        if raw.get("pending") is not None:
            pending.append((order, _pending_terms(raw["pending"], order, f"{where}.pending")))
    balances = section.get("customer_balances") or {}
    if not isinstance(balances, dict):
        raise FixtureError("logicboxes.customer_balances: must map customer ids to amounts")
    for customer, amount in balances.items():
        state.customer_balances[str(customer)] = _decimal(amount, f"logicboxes.customer_balances.{customer}")
    add_filler(state.prices)
    for order, terms in pending:
        # A fixture's queued renewal is one accepted earlier: count and bill it like a real call.
        queue(state, order, terms, clock.now())
    return state


def _price(state, order, raw, where):
    """Put the order's prices in the book: `price` is the customer's, `cost_price` the reseller's (default: `price`).

    Orders on one catalogue line must agree on its prices; an order without `plan_id` joins the plan of
    its product with the same prices, or opens the next one.
    """
    product = order.product
    customer = parse_prices(raw.get("price", "10.00"), f"{where}.price", product)
    cost_value = raw.get("cost_price", raw.get("price", "10.00"))
    flat = product.layout == HOSTING_LAYOUT
    if flat and isinstance(cost_value, dict) and "cost_price" not in raw:
        cost_value = next(iter(cost_value.values()))  # telescopic customer prices; the hosting cost is one amount
    cost = parse_prices(cost_value, f"{where}.cost_price", product, flat=flat)
    if not product.email and not product.is_domain:
        order.plan_id = str(raw["plan_id"]) if "plan_id" in raw else derive_plan_id(state.prices, order.productkey, cost, customer)
    elif "plan_id" in raw:
        raise FixtureError(f"{where}.plan_id: {product.key} orders have no plan (domains: the TLD, email: the account band)")
    key = price_key(order)
    entry = state.prices.get(key)
    if entry is None:
        entry = state.prices[key] = new_entry(product, key[0], key[1], cost, customer)
    elif entry.cost != cost or entry.customer != customer:
        raise FixtureError(f"{where}: prices differ from order {entry.order_ids[0]} on the same catalogue line {key[0]} {key[1] or ''}"
                           .rstrip())
    entry.order_ids.append(order.order_id)


def _order(raw, where, clock, customer_id):
    """One Order from its fixture entry."""
    product = PRODUCTS.get(raw.get("product"))
    if product is None:
        raise FixtureError(f"{where}.product: must be one of {', '.join(sorted(PRODUCTS))}")
    region = raw.get("region")
    if product.regions and region not in product.regions:
        raise FixtureError(f"{where}.region: {product.key} needs one of {', '.join(product.regions)}")
    if not product.regions and region is not None:
        raise FixtureError(f"{where}.region: {product.key} has no region")
    order_id = _integer(raw.get("order_id"), f"{where}.order_id", 1)
    endtime = _endtime(raw, where, clock)
    status = raw.get("status", "Active")
    if status not in STATUSES:
        raise FixtureError(f"{where}.status: must be one of {', '.join(STATUSES)}")
    recurring = raw.get("recurring", False)
    if not isinstance(recurring, bool):
        raise FixtureError(f"{where}.recurring: must be true or false")
    default_name = f"example{order_id}.com" if product.is_domain else f"order{order_id}.example.com"
    description = str(raw.get("description", default_name))
    return Order(
        order_id=order_id, product=product, region=region, description=description,
        status=status, endtime=endtime,
        creationtime=_integer(raw.get("creationtime", min(endtime, clock.anchor) - 365 * DAY), f"{where}.creationtime", 0),
        recurring=recurring, customer_id=str(raw.get("customer_id", customer_id)),
        productkey=domain_product_key(description) if product.is_domain else product.product_key(region),
        term_months=_integer(raw.get("term_months", 12), f"{where}.term_months", 1),
        email_accounts=_integer(raw.get("email_accounts", 1 if product.email else 0), f"{where}.email_accounts", 0),
    )


def _endtime(raw, where, clock):
    """Absolute `endtime`, or `expires_in_days` counted from the moment the fixture is loaded."""
    if ("endtime" in raw) == ("expires_in_days" in raw):
        raise FixtureError(f"{where}: give exactly one of expires_in_days, endtime")
    if "endtime" in raw:
        return _integer(raw["endtime"], f"{where}.endtime", 0)
    days = raw["expires_in_days"]
    if isinstance(days, bool) or not isinstance(days, (int, float)):
        raise FixtureError(f"{where}.expires_in_days: must be a number")
    return clock.days_from_anchor(days)


def _pending_terms(raw, order, where):
    """RenewalTerms of a renewal the fixture says is already queued."""
    take(raw, where, PENDING_KEYS)
    option = raw.get("invoice_option", ONLY_ADD)
    if option not in (ONLY_ADD, PAY_INVOICE):
        raise FixtureError(f"{where}.invoice_option: only OnlyAdd or PayInvoice leave a renewal pending")
    unit = YEARS if order.product.is_domain else MONTHS
    period = _integer(raw.get(unit, 1 if unit == YEARS else order.term_months), f"{where}.{unit}", 1)
    return RenewalTerms(period, unit, option)


def _integer(value, where, minimum):
    """An integer fixture value (JSON number or digit string)."""
    try:
        number = int(str(value), 10)
    except ValueError:
        raise FixtureError(f"{where}: must be an integer") from None
    if isinstance(value, bool) or number < minimum:
        raise FixtureError(f"{where}: must be an integer >= {minimum}")
    return number


def _decimal(value, where):
    """A money amount (string or number)."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise FixtureError(f"{where}: must be a decimal amount") from None
    if not amount.is_finite() or amount < 0:
        raise FixtureError(f"{where}: must be a non-negative amount")
    return amount
