"""The reseller balance (reference sections 7.6 and 8.3): debits at reseller cost, and the actions
queued while it is short, which run oldest first once funds arrive."""

from decimal import Decimal


def debit(state, order, cost, now):
    """Take a renewal's reseller cost from the balance and write it in the ledger."""
    state.reseller_balance -= cost
    order.debited_total += cost
    state.debits.append({"order_id": order.order_id, "amount": f"{cost:.2f}", "time": now,
                         "balance_after": f"{state.reseller_balance:.2f}"})


def release_queued(state, now, execute):
    """Run the actions waiting for funds, oldest first, while the balance covers them; the order ids that ran."""
    waiting = sorted((order.pending.eaqid, order) for order in state.orders.values()
                     if order.pending is not None and order.pending.waiting_for == "funds")
    ran = []
    for _eaqid, order in waiting:
        action = order.pending
        if state.available_funds() < action.cost:
            break  # strictly in order: a later, cheaper action does not jump the queue
        execute(state, order, action.period, action.unit, action.cost, now)
        ran.append(order.order_id)
    return ran


def total_debited(state):
    """Everything the ledger took."""
    return sum((Decimal(entry["amount"]) for entry in state.debits), Decimal("0"))
