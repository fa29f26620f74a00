"""Build a HostUpState from the "hostup" section of a fixture (keys in hostup/README.md)."""

from decimal import Decimal, InvalidOperation

from ..core.clock import DAY
from ..core.fixture import FixtureError, take
from .billing import make_invoice, renewable
from .catalog import CANCELLED, CYCLES, KINDS, ORIGIN_CRON, PAID, STATUSES, UNPAID
from .state import HostUpState, RateLimit, Service

DEFAULT_API_KEY = "sandbox-hostup-key"
SECTION_KEYS = ("api_key", "payment_delay_seconds", "invoice_items_in_detail", "rate_limit", "services", "invoices")
SERVICE_KEYS = ("account_id", "public_id", "kind", "name", "status", "billing_cycle", "amount", "currency", "next_due_in_days",
                "expires_in_days", "created_days_ago", "payg", "move_due", "unpaid_invoice", "pricing_refresh_failure",
                "invoice_lookup_delay_seconds")
INVOICE_KEYS = ("accounts", "status")
FAILURE_KEYS = ("times", "invoice_created")
RATE_LIMIT_KEYS = ("limit", "window_seconds")


def load(section, clock):
    """The state a fixture section describes; relative dates are anchored on `clock`."""
    section = take(section or {}, "hostup", SECTION_KEYS)
    state = HostUpState(
        api_key=str(section.get("api_key", DEFAULT_API_KEY)),
        payment_delay=_number(section.get("payment_delay_seconds", 1), "hostup.payment_delay_seconds"),
        items_in_detail=_flag(section, "invoice_items_in_detail", "hostup", True),
        rate_limit=_rate_limit(section.get("rate_limit")),
    )
    for index, raw in enumerate(section.get("services", [])):
        where = f"hostup.services[{index}]"
        service = _service(take(raw, where, SERVICE_KEYS), where, clock)
        if service.account_id in state.services or (service.public_id and service.public_id in state.by_public_id):
            raise FixtureError(f"{where}: duplicate account_id or public_id")
        state.add_service(service)
        if raw.get("unpaid_invoice"):
            _cron_invoice(state, [service], UNPAID, where, clock)
    for index, raw in enumerate(section.get("invoices", [])):
        where = f"hostup.invoices[{index}]"
        take(raw, where, INVOICE_KEYS)
        accounts = raw.get("accounts")
        if not isinstance(accounts, list) or not accounts or any(account not in state.services for account in accounts):
            raise FixtureError(f"{where}.accounts: must list account_ids of services in the fixture")
        _cron_invoice(state, [state.services[account] for account in accounts], raw.get("status", UNPAID), where, clock)
    return state


def _service(raw, where, clock):
    """One Service from its fixture entry."""
    account_id = _integer(raw.get("account_id"), f"{where}.account_id", 1)
    kind = raw.get("kind", "vps")
    if kind not in KINDS:
        raise FixtureError(f"{where}.kind: must be one of {', '.join(KINDS)}")
    public_id = raw.get("public_id")
    if public_id is not None and (not isinstance(public_id, str) or not public_id.startswith(KINDS[kind])):
        raise FixtureError(f"{where}.public_id: a {kind} id starts with {KINDS[kind]}")
    cycle = CYCLES.get(raw.get("billing_cycle", "monthly"))
    if cycle is None:
        raise FixtureError(f"{where}.billing_cycle: must be one of {', '.join(CYCLES)}")
    status = raw.get("status", "active")
    if status not in STATUSES:
        raise FixtureError(f"{where}.status: must be one of {', '.join(STATUSES)}")
    payg = _flag(raw, "payg", where, False)
    if payg and kind != "vps":
        raise FixtureError(f"{where}.payg: only a VPS can be pay-as-you-go")
    next_due = None if payg else _midnight(clock.days_from_anchor(_number(raw.get("next_due_in_days", 10), f"{where}.next_due_in_days", None)))
    expires = next_due
    if "expires_in_days" in raw:
        expires = _midnight(clock.days_from_anchor(_number(raw["expires_in_days"], f"{where}.expires_in_days", None)))
    failure = take(raw.get("pricing_refresh_failure") or {}, f"{where}.pricing_refresh_failure", FAILURE_KEYS)
    return Service(
        account_id=account_id, public_id=public_id, kind=kind, name=str(raw.get("name", f"server{account_id}.example.se")),
        status=status, cycle=cycle, amount=_amount(raw.get("amount", "99.00"), f"{where}.amount"),
        currency=str(raw.get("currency", "SEK")), next_due=next_due, expires=expires,
        created=clock.anchor - int(_number(raw.get("created_days_ago", 400), f"{where}.created_days_ago") * DAY),
        payg=payg, move_due=_flag(raw, "move_due", where, True),
        pricing_failures=_integer(failure.get("times", 1 if failure else 0), f"{where}.pricing_refresh_failure.times", 0),
        invoice_despite_failure=_flag(failure, "invoice_created", f"{where}.pricing_refresh_failure", False),
        lookup_delay=_number(raw.get("invoice_lookup_delay_seconds", 0), f"{where}.invoice_lookup_delay_seconds"),
    )


def _cron_invoice(state, services, status, where, clock):
    """An invoice HostBill made before the sandbox started (its invoice run, auto-renew)."""
    if status not in (UNPAID, PAID, CANCELLED):
        raise FixtureError(f"{where}.status: must be {UNPAID}, {PAID} or {CANCELLED}")
    if not all(renewable(service) for service in services):
        raise FixtureError(f"{where}: only a renewable service can have a renewal invoice")
    invoice = make_invoice(state, services, ORIGIN_CRON, clock.anchor - DAY)
    invoice.status = status  # history: a paid fixture invoice does not move the dates the fixture gives
    if status == PAID:
        invoice.datepaid = clock.anchor - DAY


def _rate_limit(raw):
    if raw is None:
        return None
    take(raw, "hostup.rate_limit", RATE_LIMIT_KEYS)
    return RateLimit(limit=_integer(raw.get("limit"), "hostup.rate_limit.limit", 1),
                     window=_integer(raw.get("window_seconds", 60), "hostup.rate_limit.window_seconds", 1))


def _midnight(epoch):
    """HostBill dates have no time of day."""
    return epoch - epoch % DAY


def _flag(raw, name, where, default):
    value = raw.get(name, default)
    if not isinstance(value, bool):
        raise FixtureError(f"{where}.{name}: must be true or false")
    return value


def _integer(value, where, minimum):
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise FixtureError(f"{where}: must be an integer >= {minimum}")
    return value


def _number(value, where, minimum=0):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (minimum is not None and value < minimum):
        raise FixtureError(f"{where}: must be a number" + ("" if minimum is None else f" >= {minimum}"))
    return value


def _amount(value, where):
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise FixtureError(f"{where}: must be a decimal amount") from None
    if not amount.is_finite() or amount < 0:
        raise FixtureError(f"{where}: must be a non-negative amount")
    return amount
