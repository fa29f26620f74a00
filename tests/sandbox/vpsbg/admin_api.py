"""VPSBG admin calls under /_admin/vpsbg/: the account balance, changed at run time (a top-up between runs)."""

from ..core.admin import balance_change, only_fields


def set_balance(state, body, _now):
    """POST balance {balance | add}: the balance orders are paid from; the change itself pays nothing."""
    only_fields(body, ("balance", "add"))
    state.balance = balance_change(state.balance, body)
    return {"balance": f"{state.balance:.2f}"}


ROUTES = {("POST", "balance"): set_balance}
