"""The LogicBoxes provider: routing, authentication, HTTP method rules and the error envelope."""

from dataclasses import dataclass
from typing import Optional

from ..core.http import html_page, json_response
from ..core.provider import Outcome, Provider, Route
from . import actions_api, billing_api, loader, orders_api
from .catalog import MUTATIONS, OPERATIONS, ROUTES, Product
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

    def load_state(self, section, clock):
        return loader.load(section, clock)

    def route(self, request):
        entry = ROUTES.get(request.subpath)
        if entry is None:
            return Route(None, None, lambda: Outcome(html_page(404, "Not Found", "The requested resource is not available.")))
        operation = entry[0]
        return Route(operation, self._order_id_hint(request, operation), lambda: self._run(request, entry))

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

    def snapshot(self, state):
        return {
            "customer_balance": f"{state.customer_balance:.2f}",
            "orders": {str(order_id): _order_snapshot(order, state) for order_id, order in state.orders.items()},
        }

    def age(self, state, seconds):
        for order in state.orders.values():
            order.endtime -= seconds
            order.creationtime -= seconds
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
        "renewals": order.renewals,
        "executed_renewals": order.executed_renewals,
        "billed_total": f"{order.billed_total:.2f}",
        "pending_action": None if pending is None else {
            "eaqid": pending.eaqid,
            "actiontype": pending.action_type,
            "period": pending.period,
            "unit": pending.unit,
            "added": pending.added,
            "invoice_id": pending.invoice_id,
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
