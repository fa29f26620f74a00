"""The LogicBoxes provider: routing, authentication, HTTP method rules and the error envelope."""

from dataclasses import dataclass
from typing import Optional

from ..core.http import html_page, json_response
from ..core.provider import Outcome, Provider, Route
from . import actions_api, admin_api, billing_api, loader, money_api, orders_api
from .catalog import LISTINGS, MUTATIONS, OPERATIONS, ROUTES, Product
from .funds import total_debited
from .errors import INVALID_CREDENTIALS, WRONG_METHOD, ApiError
from .params import Params
from .state import LogicBoxesState

HANDLERS = {
    "details": orders_api.details,
    "renew": orders_api.renew,
    "search": orders_api.search,
    "orderid": orders_api.orderid,
    "search_current": actions_api.search_current,
    "pay": billing_api.pay,
    "execute": billing_api.execute,
    "transactions": billing_api.transactions,
    "reseller_cost_price": money_api.reseller_cost_price,
    "customer_price": money_api.customer_price,
    "reseller_balance": money_api.reseller_balance,
    "customer_balance": money_api.customer_balance,
}


@dataclass
class Call:
    """Everything a handler needs for one API call."""

    state: LogicBoxesState
    params: Params
    product: Optional[Product]
    region: Optional[str]
    subpath: str
    now: int


class LogicBoxesProvider(Provider):
    """LogicBoxes / ResellerClub "OrderBox" HTTP API under /logicboxes/api/."""

    name = "logicboxes"
    prefix = "/logicboxes/api/"
    operations = OPERATIONS
    secret_params = frozenset(("auth-userid", "api-key", "auth-password"))
    listing_key_fields = ("orders.endtime",)

    def load_state(self, section, clock):
        return loader.load(section, clock)

    def route(self, request):
        entry = ROUTES.get(request.subpath)
        if entry is None:
            return Route(None, None, lambda: Outcome(html_page(404, "Not Found", "The requested resource is not available.")))
        operation = entry[0]
        page = Params(request).get("page-no") if operation in LISTINGS else None
        return Route(operation, self._order_id_hint(request, operation), lambda: self._run(request, entry),
                     listing=operation in LISTINGS, page=int(page) if page and page.isascii() and page.isdigit() else None)

    def _run(self, request, entry):
        operation, product, region = entry
        params = Params(request)
        with self.store.locked():
            state = self.store.section(self.name)
            try:
                if params.get("auth-userid") != state.auth_userid or params.get("api-key") != state.api_key:
                    raise ApiError(INVALID_CREDENTIALS)
                _check_method(request.method, operation)
                call = Call(state, params, product, region, request.subpath, self.store.clock.now())
                response = HANDLERS[operation](call)
            except ApiError as error:
                return Outcome(self.error_response(500, error.message))
        return Outcome(response, committed=operation in MUTATIONS)

    def _order_id_hint(self, request, operation):
        """The order a call is about, for fault rules and the request log (None when unknown)."""
        params = Params(request)
        with self.store.locked():
            state = self.store.section(self.name)
            if operation in ("pay", "execute"):
                for value in params.all("invoice-ids"):
                    invoice = state.invoices.get(int(value)) if value.isascii() and value.isdigit() else None
                    if invoice is not None:
                        return invoice.order_id
                return None
            name = params.get("domain-name")
            if name is not None and "order-id" not in request.param_names():
                return state.domains_by_name.get(name.lower())
        for key in ("order-id", "backup-order-id"):
            value = params.get(key)
            if value is not None and value.isascii() and value.isdigit():
                return int(value)
        return None

    def admin_routes(self):
        return admin_api.ROUTES

    def listing_rows(self, body):
        """Search answers keep their rows under "1", "2", ... beside recsonpage / recsindb."""
        return body, [body[key] for key in sorted((key for key in body if key.isdigit()), key=int)]

    def snapshot(self, state):
        return {
            "currency": state.currency,
            "reseller_balance": f"{state.reseller_balance:.2f}",
            "reseller_locked_balance": f"{state.reseller_locked:.2f}",
            "debited_total": f"{total_debited(state):.2f}",
            "debits": list(state.debits),
            "customer_balance": f"{state.customer_funds(state.default_customer_id):.2f}",
            "customer_balances": {customer: f"{amount:.2f}" for customer, amount in state.customer_balances.items()},
            "orders": {str(order_id): _order_snapshot(order, state) for order_id, order in state.orders.items()},
        }

    def age(self, state, seconds):
        for entry in state.debits:
            entry["time"] -= seconds
        for order in state.orders.values():
            order.endtime -= seconds
            order.creationtime -= seconds
            for entry in order.renew_log:
                entry["time"] -= seconds
            if order.pending is not None:
                order.pending.added -= seconds
        for invoice in state.invoices.values():
            invoice.created -= seconds

    def error_response(self, status, message, style=None):
        """{"status":"ERROR","message":...} as documented; "lower"/"toplevel" give the variants clients also meet."""
        if style == "lower":
            return json_response(status, {"status": "error", "error": message})
        if style == "toplevel":
            return json_response(status, {"error": message})
        return json_response(status, {"status": "ERROR", "message": message})


def _check_method(method, operation):
    """Live refuses mutations sent as GET; reads are GET (POST tolerated, unconfirmed either way)."""
    allowed = ("POST",) if operation in MUTATIONS else ("GET", "POST")
    if method not in allowed:
        raise ApiError(WRONG_METHOD, method=method, expected=allowed[0])


def _order_snapshot(order, state):
    """GET /_admin/state view of one order."""
    pending = order.pending
    return {
        "product": order.product.key,
        "region": order.region,
        "description": order.description,
        "endtime": order.endtime,
        "status": order.status,
        "recurring": order.recurring,
        "productkey": order.productkey,
        "plan_id": order.plan_id,
        "renewals": order.renewals,
        "executed_renewals": order.executed_renewals,
        "billed_total": f"{order.billed_total:.2f}",
        "debited_total": f"{order.debited_total:.2f}",
        "renew_calls": list(order.renew_log),
        "recurring_changes": sum(1 for entry in order.renew_log if entry["recurring_before"] != entry["recurring_after"]),
        "pending_action": None if pending is None else {
            "eaqid": pending.eaqid,
            "actiontype": pending.action_type,
            "period": pending.period,
            "unit": pending.unit,
            "added": pending.added,
            "invoice_id": pending.invoice_id,
            "cost": f"{pending.cost:.2f}",
            "waiting_for": pending.waiting_for,
        },
        "invoices": [_invoice_snapshot(state.invoices[invoice_id]) for invoice_id in order.invoice_ids],
    }


def _invoice_snapshot(invoice):
    return {
        "invoice_id": invoice.invoice_id,
        "eaqid": invoice.eaqid,
        "amount": f"{invoice.amount:.2f}",
        "invoice_option": invoice.invoice_option,
        "status": invoice.status,
        "created": invoice.created,
    }
