"""GET actions/search-current.json: queued actions (reference section 8)."""

from ..core.http import json_response
from . import wire
from .wire import PENDING


def search_current(call):
    """List queued actions, filtered by the repeatable order-id, eaq-id, action-type, action-status."""
    params, state = call.params, call.state
    records, page = params.paging()
    order_ids = params.integers("order-id")
    eaqids = set(params.integers("eaq-id"))
    action_types = set(params.all("action-type"))
    statuses = set(params.all("action-status"))
    if order_ids:  # direct lookups keep the usual per-order query O(1)
        candidates = [state.orders[oid] for oid in dict.fromkeys(order_ids) if oid in state.orders]
    else:
        candidates = [state.orders[oid] for oid in state.pending_orders.values()]
    rows = []
    for order in candidates:
        action = order.pending
        if action is None or (eaqids and action.eaqid not in eaqids):
            continue
        if (action_types and action.action_type not in action_types) or (statuses and PENDING not in statuses):
            continue
        rows.append(order)
    rows.sort(key=lambda order: order.pending.eaqid)
    shown = [wire.current_action(order) for order in wire.page_of(rows, records, page)]
    return json_response(200, wire.numbered(shown, len(rows)))
