"""The VPSBG paths the sandbox serves, below the provider prefix (reference sections 4 to 7).

The server renew call is unconfirmed (reference section 4.4): the two candidate shapes are both
listed, tagged with the `renew_path` fixture value that serves them. The shape that is not served
answers like a Laravel router would: POST /v1/servers/renew hits the GET-only /v1/servers/{id}
route (405), POST /v1/servers/{id}/renew matches nothing (404).
"""

import re
from dataclasses import dataclass
from typing import Callable, Optional

from . import account_api, orders_api, servers_api, support_api

BULK = "bulk"  # POST /v1/servers/renew {server_ids: [..], billing_cycle, promo_code?}
PER_SERVER = "per_server"  # POST /v1/servers/{id}/renew {billing_cycle, promo_code?}
RENEW_PATHS = (BULK, PER_SERVER)


@dataclass(frozen=True)
class Endpoint:
    """One method + path pattern and what serves it."""

    method: str
    pattern: re.Pattern
    operation: str
    handler: Callable
    renew_path: Optional[str] = None  # served only when the fixture picks this shape

    def matches(self, subpath, renew_path):
        """Path arguments when the path matches (and the shape is served), else None."""
        if self.renew_path is not None and self.renew_path != renew_path:
            return None
        found = self.pattern.fullmatch(subpath)
        return found.groupdict() if found else None


def _endpoint(method, path, operation, handler, renew_path=None):
    pattern = re.compile(re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", path))
    return Endpoint(method, pattern, operation, handler, renew_path)


# Order matters: the first endpoint whose path and method match serves the request.
ENDPOINTS = (
    _endpoint("GET", "v1/servers", "servers", servers_api.list_servers),
    _endpoint("POST", "v1/servers/renew/calculate", "calculate", servers_api.calculate),
    _endpoint("POST", "v1/servers/renew", "renew_server", servers_api.renew_bulk, BULK),
    _endpoint("GET", "v1/servers/{server}", "server", servers_api.get_server),
    _endpoint("POST", "v1/servers/{server}/renew", "renew_server", servers_api.renew_one, PER_SERVER),
    _endpoint("GET", "v1/orders", "orders", orders_api.list_orders),
    _endpoint("POST", "v1/orders/pay", "pay_orders", orders_api.pay_orders),  # path unconfirmed (reference section 5.2)
    _endpoint("GET", "v1/orders/{order}", "order", orders_api.get_order),
    _endpoint("PATCH", "v1/orders/{order}/{service_type}/{service}", "change_period", orders_api.change_period),
    _endpoint("POST", "v1/support/renew", "support_renew", support_api.renew),
    _endpoint("GET", "v1/balance", "balance", account_api.balance),
)
OPERATIONS = frozenset(endpoint.operation for endpoint in ENDPOINTS)
MUTATIONS = frozenset(("renew_server", "change_period", "support_renew", "pay_orders"))
LISTINGS = frozenset(("servers", "orders"))


def resolve(method, subpath, renew_path):
    """(endpoint, path arguments, allowed methods): endpoint None when nothing serves this method here."""
    allowed = []
    for endpoint in ENDPOINTS:
        args = endpoint.matches(subpath, renew_path)
        if args is None:
            continue
        if endpoint.method == method or (method == "HEAD" and endpoint.method == "GET"):
            return endpoint, args, allowed
        allowed.append(endpoint.method)
    return None, {}, allowed
