"""Build a LogicBoxesState from the "logicboxes" section of a fixture."""

from decimal import Decimal, InvalidOperation

from ..core.clock import DAY
from ..core.fixture import FixtureError, take
from .catalog import PRODUCTS, YEARS, MONTHS
from .errors import DOMAIN_ALREADY_RENEWED
from .renewal import ONLY_ADD, PAY_INVOICE, RenewalTerms, queue
from .state import LogicBoxesState, Order

DEFAULT_AUTH_USERID = "1001"
DEFAULT_API_KEY = "sandbox-lb-key"
DEFAULT_CUSTOMER_ID = "20001"
STATUSES = ("Active", "InActive", "Suspended", "Deleted", "Archived", "Pending Delete Restorable")
SECTION_KEYS = ("auth_userid", "api_key", "customer_balance", "selling_currency", "customer_id", "domain_mismatch_message", "orders")
ORDER_KEYS = ("order_id", "product", "region", "description", "expires_in_days", "endtime", "creationtime", "status", "recurring",
              "price", "customer_id", "term_months", "email_accounts", "pending")
PENDING_KEYS = ("invoice_option", "months", "years")


def load(section, clock):
    """The state a fixture section describes; relative expiries are anchored on `clock`."""
    section = take(section or {}, "logicboxes", SECTION_KEYS)
    state = LogicBoxesState(
        auth_userid=str(section.get("auth_userid", DEFAULT_AUTH_USERID)),
        api_key=str(section.get("api_key", DEFAULT_API_KEY)),
        customer_balance=_decimal(section.get("customer_balance", "0"), "logicboxes.customer_balance"),
        currency=str(section.get("selling_currency", "USD")),
        domain_mismatch_message=str(section.get("domain_mismatch_message", DOMAIN_ALREADY_RENEWED)),
    )
    customer_id = str(section.get("customer_id", DEFAULT_CUSTOMER_ID))
    pending = []
    for index, raw in enumerate(section.get("orders", [])):
        where = f"logicboxes.orders[{index}]"
        order = _order(take(raw, where, ORDER_KEYS), where, clock, customer_id)
        if order.order_id in state.orders:
            raise FixtureError(f"{where}: duplicate order_id {order.order_id}")
        state.add_order(order)
        if raw.get("pending") is not None:
            pending.append((order, _pending_terms(raw["pending"], order, f"{where}.pending")))
    for order, terms in pending:
        # A fixture's queued renewal is one accepted earlier: count and bill it like a real call.
        queue(state, order, terms, clock.now())
    return state


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
    return Order(
        order_id=order_id, product=product, region=region, description=str(raw.get("description", default_name)),
        status=status, endtime=endtime,
        creationtime=_integer(raw.get("creationtime", min(endtime, clock.anchor) - 365 * DAY), f"{where}.creationtime", 0),
        recurring=recurring, price=_decimal(raw.get("price", "10.00"), f"{where}.price"),
        customer_id=str(raw.get("customer_id", customer_id)),
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
