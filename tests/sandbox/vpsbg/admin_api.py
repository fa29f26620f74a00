"""VPSBG admin calls under /_admin/vpsbg/: the account balance (a top-up between runs) and a server's monthly
price (a price rise between two runs), changed at run time."""

import dataclasses

from ..core.admin import AdminError, amount_field, balance_change, only_fields


def set_balance(state, body, _now):
    """POST balance {balance | add}: the balance orders are paid from; the change itself pays nothing."""
    only_fields(body, ("balance", "add"))
    state.balance = balance_change(state.balance, body)
    return {"balance": f"{state.balance:.2f}"}


def set_server_price(state, body, _now):
    """POST server-price {server_id, price}: the server's plan price per month from now on (quotes and renewals)."""
    only_fields(body, ("server_id", "price"))
    server = state.servers.get(body.get("server_id"))
    if server is None:
        raise AdminError(f"no server {body.get('server_id')!r}")
    server.plan = dataclasses.replace(server.plan, price=amount_field(body.get("price"), "price"))
    return {"server_id": server.server_id, "price": f"{server.plan.price:.2f}"}


ROUTES = {("POST", "balance"): set_balance, ("POST", "server-price"): set_server_price}
