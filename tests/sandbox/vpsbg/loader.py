"""Build a VpsbgState from the "vpsbg" section of a fixture; the admin snapshot; clock aging."""

from decimal import Decimal, InvalidOperation

from ..core.clock import DAY, add_months
from ..core.fixture import FixtureError, take
from . import billing
from .billing import money, potential_expiry
from .inputs import BILLING_CYCLES
from .routes import BULK, RENEW_PATHS
from .state import NEW_SERVICE, OPEN_STATUSES, PAID, RENEW_SERVICE, Invoice, Order, OrderLine, Plan, Promo, Server, SupportPlan, VpsbgState

DEFAULT_TOKEN = "sandbox-vpsbg-token"
SECTION_KEYS = ("token", "balance", "currency", "tax_rate", "renew_path", "auto_pay", "rate_limit_per_minute", "promo_codes",
                "servers", "support")
SERVER_KEYS = ("id", "hostname", "ip", "plan", "plan_label", "price", "minimum_billing_cycle", "billing_cycle", "status",
               "expires_in_days", "expiry_at", "auto_renew", "renew_enabled", "cancel_requested", "locked", "pending", "paid_history")
SUPPORT_KEYS = ("service_id", "plan", "price", "billing_cycle", "expires_in_days", "expiry_at", "pending", "paid_history")
PENDING_KEYS = ("billing_cycle", "status")
PROMO_KEYS = ("code", "percentage", "minimum_billing_cycle")
STATUSES = ("active", "processing", "suspended", "terminated")
DEFAULT_PLAN = ("cloud-vps-2gb", "Cloud VPS 2 GB")


def load(section, clock):
    """The state a fixture section describes; relative expiries are anchored on `clock`."""
    section = take(section or {}, "vpsbg", SECTION_KEYS)
    renew_path = section.get("renew_path", BULK)
    if renew_path not in RENEW_PATHS:
        raise FixtureError(f"vpsbg.renew_path: must be one of {', '.join(RENEW_PATHS)}")
    state = VpsbgState(
        token=str(section.get("token", DEFAULT_TOKEN)),
        balance=_decimal(section.get("balance", "0"), "vpsbg.balance"),
        currency=str(section.get("currency", "EUR")),
        tax_rate=_decimal(section.get("tax_rate", "1.2"), "vpsbg.tax_rate"),
        renew_path=renew_path,
        auto_pay=_boolean(section.get("auto_pay", True), "vpsbg.auto_pay"),
        rate_limit_per_minute=_integer(section.get("rate_limit_per_minute", 600), "vpsbg.rate_limit_per_minute", 1),
    )
    for index, raw in enumerate(section.get("promo_codes", [])):
        promo = _promo(take(raw, f"vpsbg.promo_codes[{index}]", PROMO_KEYS), f"vpsbg.promo_codes[{index}]")
        state.promos[promo.code.lower()] = promo
    now = clock.now()
    pending = []
    history = [_deposit(now)]
    if section.get("support") is not None:
        raw = take(section["support"], "vpsbg.support", SUPPORT_KEYS)
        state.support = _support(raw, clock)
        history += _history(state.support, now, _integer(raw.get("paid_history", 2), "vpsbg.support.paid_history", 1), purchase=True)
        pending.append((state.support, raw.get("pending"), "vpsbg.support.pending"))
    for index, raw in enumerate(section.get("servers", [])):
        where = f"vpsbg.servers[{index}]"
        server = _server(take(raw, where, SERVER_KEYS), where, clock)
        if server.server_id in state.servers:
            raise FixtureError(f"{where}.id: duplicate server id {server.server_id}")
        state.servers[server.server_id] = server
        history += _history(server, now, _integer(raw.get("paid_history", 1), f"{where}.paid_history", 1))
        pending.append((server, raw.get("pending"), f"{where}.pending"))
    _file_history(state, history)
    for service, raw, where in pending:
        if raw is not None:
            _pending(state, service, take(raw, where, PENDING_KEYS), where, now)
    return state


def _server(raw, where, clock):
    server_id = _integer(raw.get("id"), f"{where}.id", 1)
    name = str(raw.get("plan", DEFAULT_PLAN[0]))
    label = str(raw.get("plan_label", DEFAULT_PLAN[1] if name == DEFAULT_PLAN[0] else name))
    minimum = _cycle(raw.get("minimum_billing_cycle", 1), f"{where}.minimum_billing_cycle")
    cycle = _cycle(raw.get("billing_cycle", max(1, minimum)), f"{where}.billing_cycle")
    status = raw.get("status", "active")
    if status not in STATUSES:
        raise FixtureError(f"{where}.status: must be one of {', '.join(STATUSES)}")
    expiry = _expiry(raw, where, clock)
    return Server(
        server_id=server_id, hostname=str(raw.get("hostname", f"server{server_id}.example.com")),
        ip=str(raw.get("ip", f"87.120.{server_id // 256 % 256}.{server_id % 256}")),
        plan=Plan(100 + sum(name.encode()) % 900, name, label, _decimal(raw.get("price", "10.00"), f"{where}.price"), minimum),
        billing_cycle=cycle, status=status, expiry_at=expiry, created_at=min(expiry, clock.anchor) - 365 * DAY,
        auto_renew=_boolean(raw.get("auto_renew", False), f"{where}.auto_renew"),
        renew_enabled=_boolean(raw.get("renew_enabled", True), f"{where}.renew_enabled"),
        cancel_requested_at=clock.anchor - DAY if _boolean(raw.get("cancel_requested", False), f"{where}.cancel_requested") else None,
        locked_at=clock.anchor if _boolean(raw.get("locked", False), f"{where}.locked") else None,
    )


def _support(raw, clock):
    return SupportPlan(
        service_id=_integer(raw.get("service_id", 1), "vpsbg.support.service_id", 1),
        plan=str(raw.get("plan", "professional")),
        price=_decimal(raw.get("price", "15.00"), "vpsbg.support.price"),
        billing_cycle=_cycle(raw.get("billing_cycle", 1), "vpsbg.support.billing_cycle"),
        expiry_at=_expiry(raw, "vpsbg.support", clock),
    )


def _history(service, now, periods, purchase=False):
    """Paid orders for the service's last `periods` periods up to its expiry; with `purchase` the oldest is the purchase."""
    bounds = []
    period_to = service.expiry_at
    for _index in range(periods):
        period_from = add_months(period_to, -service.billing_cycle)
        bounds.insert(0, (period_from, period_to))
        period_to = period_from
    orders = []
    for index, (period_from, period_to) in enumerate(bounds):
        line = OrderLine(service.service_type, service.service_id, service.line_label, getattr(service, "ip", None), period_from,
                         period_to, service.billing_cycle, service.minimum_billing_cycle, service.unit_price,
                         money(service.unit_price * service.billing_cycle), None, False)
        created = min(now, period_from) - 7 * DAY
        orders.append(Order(order_id=0, order_type=NEW_SERVICE if purchase and index == 0 else RENEW_SERVICE, status=PAID,
                            created_at=created, due_at=created + 7 * DAY, lines=[line], payment_date=created + DAY))
    return orders


def _deposit(now):
    """A paid balance top-up: an order without services, as accounts have."""
    return Order(order_id=0, order_type="deposit", status=PAID, created_at=now - 30 * DAY, due_at=now - 30 * DAY, lines=[],
                 payment_date=now - 30 * DAY, payment_method="card")


def _file_history(state, orders):
    """Number the history oldest first (ids grow with creation time, as on the live backend) and record it."""
    for order in sorted(orders, key=lambda item: item.created_at):
        order.order_id = state.new_order_id()
        if order.payment_method == "balance":
            order.amount_from_balance = billing.with_vat(order.amount, state)
        order.invoices.append(Invoice(state.new_invoice_id(), order.created_at, order.order_id))
        billing.record(state, order)


def _pending(state, service, raw, where, now):
    """An open renew order that predates the sandbox (placed earlier; not counted in renew_calls)."""
    status = raw.get("status", "awaiting_payment")
    if status not in OPEN_STATUSES:
        raise FixtureError(f"{where}.status: must be one of {', '.join(OPEN_STATUSES)}")
    cycle = _cycle(raw.get("billing_cycle", service.billing_cycle), f"{where}.billing_cycle")
    billing.place_order(state, billing.quote([service], cycle, None), None, now, status=status, via_api=False)


def _promo(raw, where):
    code = raw.get("code")
    if not isinstance(code, str) or not code:
        raise FixtureError(f"{where}.code: must be a non-empty string")
    return Promo(code, _decimal(raw.get("percentage", "10"), f"{where}.percentage"),
                 _cycle(raw.get("minimum_billing_cycle", 1), f"{where}.minimum_billing_cycle"))


def _expiry(raw, where, clock):
    if ("expiry_at" in raw) == ("expires_in_days" in raw):
        raise FixtureError(f"{where}: give exactly one of expires_in_days, expiry_at")
    if "expiry_at" in raw:
        return _integer(raw["expiry_at"], f"{where}.expiry_at", 0)
    days = raw["expires_in_days"]
    if isinstance(days, bool) or not isinstance(days, (int, float)):
        raise FixtureError(f"{where}.expires_in_days: must be a number")
    return clock.days_from_anchor(days)


def _cycle(value, where):
    cycle = _integer(value, where, 1)
    if cycle not in BILLING_CYCLES:
        raise FixtureError(f"{where}: must be one of {', '.join(map(str, BILLING_CYCLES))}")
    return cycle


def _integer(value, where, minimum):
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise FixtureError(f"{where}: must be an integer >= {minimum}")
    return value


def _boolean(value, where):
    if not isinstance(value, bool):
        raise FixtureError(f"{where}: must be true or false")
    return value


def _decimal(value, where):
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise FixtureError(f"{where}: must be a decimal amount") from None
    if not amount.is_finite() or amount < 0:
        raise FixtureError(f"{where}: must be a non-negative amount")
    return amount


# -- admin view and clock -------------------------------------------------------------------

def snapshot(state):
    """GET /_admin/state: what tests count (renew calls and open renew orders per service), plus every order."""
    return {
        "balance": f"{state.balance:.2f}",
        "debited_total": f"{sum((Decimal(entry['amount']) for entry in state.debits), Decimal('0')):.2f}",
        "debits": list(state.debits),
        "currency": state.currency,
        "renew_path": state.renew_path,
        "servers": {str(server.server_id): dict(_service_view(state, server), hostname=server.hostname, status=server.status)
                    for server in state.servers.values()},
        "support": None if state.support is None else dict(_service_view(state, state.support), service_id=state.support.service_id),
        "orders": {str(order.order_id): _order_view(order) for order in state.orders.values()},
    }


def _service_view(state, service):
    return {
        "billing_cycle": service.billing_cycle,
        "expiry_at": service.expiry_at,
        "potential_expiry_at": potential_expiry(state, service),
        "renew_calls": service.renew_calls,
        "orders": list(service.order_ids),
        "open_renew_orders": [order_id for order_id in service.order_ids
                              if state.orders[order_id].order_type == RENEW_SERVICE and state.orders[order_id].status in OPEN_STATUSES],
    }


def _order_view(order):
    return {
        "type": order.order_type,
        "status": order.status,
        "amount": f"{order.amount:.2f}",
        "created_via_api": order.created_via_api,
        "lines": [{"service_type": line.service_type, "service_id": line.service_id, "billing_cycle": line.billing_cycle,
                   "period_from": line.period_from, "period_to": line.period_to, "period_changes": line.period_changes}
                  for line in order.lines],
    }


def age(state, seconds):
    """Move every stored timestamp `seconds` into the past."""
    for entry in state.debits:
        entry["time"] -= seconds
    for server in state.servers.values():
        server.expiry_at -= seconds
        server.created_at -= seconds
        if server.cancel_requested_at is not None:
            server.cancel_requested_at -= seconds
        if server.locked_at is not None:
            server.locked_at -= seconds
    if state.support is not None:
        state.support.expiry_at -= seconds
    for order in state.orders.values():
        order.created_at -= seconds
        order.due_at -= seconds
        if order.payment_date is not None:
            order.payment_date -= seconds
        for line in order.lines:
            line.period_from -= seconds
            line.period_to -= seconds
        for invoice in order.invoices:
            invoice.created_at -= seconds
