"""The layouts of products/reseller-cost-price.json and products/customer-price.json (reference section 7.5).

Domain prices are strings, every other price a JSON number, as the reference describes. Tenure keys
are strings ("1", "12"). The reseller-cost layout of hosting has no tenure level; the reseller-cost
layouts of servers and email are unconfirmed and copy the customer layout, as the reference assumes.
"""

from .catalog import DOMAIN_LAYOUT, EMAIL_LAYOUT, HOSTING_LAYOUT, SERVER_LAYOUT
from .prices import tenure_price

# Fixed add-on prices of the server layout (documented keys; amounts are the sandbox's).
SERVER_ADDONS = {"storage_1": 5.0, "cpanel": 15.0}
HOSTING_SSL = 15.0


def catalogue(book, whose):
    """The whole catalogue for `whose` ("cost" or "customer"), keyed by productkey."""
    body = {}
    for entry in sorted(book.values(), key=_line_order):
        if entry.layout is None:
            continue
        prices = entry.cost if whose == "cost" else entry.customer
        RENDERERS[entry.layout](body, entry, prices, whose)
    return body


def _line_order(entry):
    """Product key, then plan by number (email bands "1-5" before "6-25")."""
    lead = (entry.plan or "").split("-")[0]
    return (entry.productkey, int(lead) if lead.isdigit() else 0, entry.plan or "")


def _by_tenure(prices, as_text=False):
    return {str(tenure): (f"{amount:.2f}" if as_text else _number(amount)) for tenure, amount in sorted(prices.items())}


def _number(amount):
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _domain(body, entry, prices, _whose):
    years = _by_tenure(prices, as_text=True)
    body[entry.productkey] = {"addnewdomain": dict(years), "renewdomain": dict(years), "addtransferdomain": {"1": years["1"]}}


def _hosting(body, entry, prices, whose):
    if whose == "cost":  # productkey -> productkey -> plan -> pricing -> action, no tenure
        flat = _number(tenure_price(prices, 1))
        plans = body.setdefault(entry.productkey, {}).setdefault(entry.productkey, {})
        plans[entry.plan] = {"pricing": {"renew": flat, "add": flat, "ssl": HOSTING_SSL}, "description": {"name": entry.label}}
    else:  # productkey -> plan -> action -> months, plus a bare ssl
        tenures = _by_tenure(prices)
        body.setdefault(entry.productkey, {})[entry.plan] = {"renew": tenures, "add": dict(tenures), "ssl": HOSTING_SSL}


def _server(body, entry, prices, _whose):
    product = body.setdefault(entry.productkey, {"addons": dict(SERVER_ADDONS), "plans": {}})
    tenures = _by_tenure(prices)
    product["plans"][entry.plan] = {"renew": tenures, "add": dict(tenures)}


def _email(body, entry, prices, _whose):
    tenures = _by_tenure(prices)
    ranges = body.setdefault(entry.productkey, {"email_account_ranges": {}})["email_account_ranges"]
    ranges[entry.plan] = {"renew": tenures, "add": dict(tenures)}


RENDERERS = {DOMAIN_LAYOUT: _domain, HOSTING_LAYOUT: _hosting, SERVER_LAYOUT: _server, EMAIL_LAYOUT: _email}
