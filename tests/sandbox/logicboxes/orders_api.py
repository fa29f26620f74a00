"""Order endpoints: details, renew, search and domain order-id lookup."""

from ..core.http import json_response, text_response
from . import wire
from .catalog import YEARS
from .errors import (ACTION_PENDING, AUTO_RENEW_UNSUPPORTED, MISSING_PARAMETER, NO_ENTITY, NOT_RENEWABLE, WEBSITE_MISSING,
                     INVALID_VALUE, ApiError)
from .renewal import INVOICE_OPTIONS, RenewalTerms, accept, check_domain_limit

DOMAIN_DETAIL_OPTIONS = ("All", "OrderDetails", "ContactIds", "RegistrantContactDetails", "AdminContactDetails", "TechContactDetails",
                         "BillingContactDetails", "NsDetails", "DomainStatus", "DNSSECDetails", "StatusDetails")
UNRENEWABLE = ("Deleted", "Archived", "Pending Delete Restorable")  # the last one needs domains/restore
MAX_PERIOD = {YEARS: 10, "months": 120}


def details(call):
    """GET <product>/details.json (domains also details-by-name.json, both with `options`)."""
    params, product = call.params, call.product
    if call.subpath.endswith("details-by-name.json"):
        order_id = _domain_order_id(call)
    else:
        order_id = _order_id(params, product.details_id_params)
    with_order_details = True
    if product.is_domain:
        options = params.all("options")
        if not options:
            raise ApiError(MISSING_PARAMETER, name="options")
        for option in options:
            if option not in DOMAIN_DETAIL_OPTIONS:
                raise ApiError(INVALID_VALUE, name="options", value=option)
        # Without OrderDetails/All the live API returns other sections only; so does the sandbox.
        with_order_details = bool({"All", "OrderDetails"} & set(options))
    order = _find(call, order_id)
    return json_response(200, wire.details(order, with_order_details))


def orderid(call):
    """GET domains/orderid.json: a bare integer body, not a JSON object."""
    return text_response(200, str(_domain_order_id(call)), "application/json; charset=utf-8")


def renew(call):
    """POST <product>/renew.json."""
    params, product = call.params, call.product
    order_id = params.integer(product.renew_id_param, required=True)
    terms = _terms(params, product)
    exp_date = params.integer("exp-date", required=True) if product.is_domain else None
    order = _find(call, order_id)
    if order.status in UNRENEWABLE:
        raise ApiError(NOT_RENEWABLE, status=order.status)
    if order.pending is not None:
        raise ApiError(ACTION_PENDING)
    if terms.period is None:  # SiteLock without months: its usual term
        terms.period = order.term_months
    if product.is_domain:
        if exp_date != order.endtime:  # compare-and-set on the expiry: the only server-side guard
            raise ApiError(call.state.domain_mismatch_message)
        check_domain_limit(order, terms, call.now)
    result = accept(call.state, order, terms, call.now)
    return json_response(200, wire.action_map(order, result, terms.discount, call.state))


def search(call):
    """GET <product>/search.json: flattened order rows, paged."""
    params, state = call.params, call.state
    records, page = params.paging()
    wanted_ids = set(params.integers("order-id"))
    statuses = set(params.all("status"))
    bounds = [params.integer(name) for name in ("expiry-date-start", "expiry-date-end", "creation-date-start", "creation-date-end")]
    orders = []
    for order_id in state.orders_by_path.get((call.product.key, call.region), ()):
        order = state.orders[order_id]
        if (wanted_ids and order_id not in wanted_ids) or (statuses and order.status not in statuses):
            continue
        if _within(order.endtime, bounds[0], bounds[1]) and _within(order.creationtime, bounds[2], bounds[3]):
            orders.append(order)
    _sort(orders, params.all("order-by"))
    return json_response(200, wire.numbered([wire.order_row(order) for order in wire.page_of(orders, records, page)], len(orders)))


def _terms(params, product):
    """Validate the renewal parameters of a renew call."""
    unit = product.period
    if product.period_required:
        period = params.integer(unit, required=True, minimum=1, maximum=MAX_PERIOD[unit])
    else:
        period = params.integer("months", minimum=1, maximum=MAX_PERIOD["months"])
    option = params.choice("invoice-option", INVOICE_OPTIONS)
    auto_renew = params.boolean("auto-renew")
    if auto_renew is not None and not product.auto_renew_allowed:
        raise ApiError(AUTO_RENEW_UNSUPPORTED)
    discount = params.amount("discount-amount")
    extras = {name: params.integer(name, minimum=minimum) for name, minimum in product.int_params}
    for name in product.bool_params:
        params.boolean(name)
    terms = RenewalTerms(period, unit, option, auto_renew, extra_accounts=extras.get("no-of-accounts") or 0)
    if discount is not None:
        terms.discount = discount
    return terms


def _order_id(params, names):
    """The order id from the first of `names` that was sent (backup details accept two spellings)."""
    for name in names:
        if params.get(name) is not None:
            return params.integer(name, required=True)
    raise ApiError(MISSING_PARAMETER, name=names[0])


def _domain_order_id(call):
    """Order id of a domain looked up by name."""
    name = call.params.required("domain-name")
    order_id = call.state.domains_by_name.get(name.lower())
    if order_id is None:
        raise ApiError(WEBSITE_MISSING, name=name)
    return order_id


def _find(call, order_id):
    """The order, if it exists under the called product and region (another path cannot see it)."""
    order = call.state.order_for(order_id, call.product, call.region)
    if order is None:
        raise ApiError(NO_ENTITY, order_id=order_id)
    return order


def _within(value, low, high):
    return (low is None or value >= low) and (high is None or value <= high)


def _sort(orders, order_by):
    """Apply `order-by` values such as "endtime" or "endtime desc"; orderid ascending by default."""
    orders.sort(key=lambda order: order.order_id)
    for spec in reversed(order_by):
        field, _sep, direction = spec.partition(" ")
        attribute = {"orderid": "order_id", "endtime": "endtime", "creationtime": "creationtime", "customerid": "customer_id"}.get(field)
        if attribute is None:
            raise ApiError(INVALID_VALUE, name="order-by", value=spec)
        orders.sort(key=lambda order, name=attribute: getattr(order, name), reverse=direction.strip().lower() == "desc")
