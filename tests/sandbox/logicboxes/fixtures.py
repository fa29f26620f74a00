"""Generated LogicBoxes fixture sections for benchmarks (see sandbox.fixture_gen)."""

from .catalog import PRODUCTS

FIRST_ORDER_ID = 100001
DUE_WINDOW_DAYS = 30
TLDS = ("com", "net", "org")
# Weights roughly like a reseller's book: mostly domains and hosting.
PRODUCT_WEIGHTS = {key: 1 for key in PRODUCTS}
PRODUCT_WEIGHTS.update({"domain": 8, "single_domain_hosting_linux": 3, "business_email": 2, "vps_linux": 2})
PRICES = (1.5, 4.99, 9.99, 12.99, 25.0, 80.0)
RESELLER_BALANCE = "1000000.00"


def generate_section(n_orders, due_share, rng):
    """A "logicboxes" fixture section with `n_orders` Active orders, `due_share` of them expiring within 30 days."""
    keys = sorted(PRODUCT_WEIGHTS)
    weights = [PRODUCT_WEIGHTS[key] for key in keys]
    due = set(rng.sample(range(n_orders), int(round(n_orders * due_share))))
    orders = []
    line_prices = {}  # a TLD or an email product has one catalogue line (per band): one price for all its orders
    for index in range(n_orders):
        product = PRODUCTS[rng.choices(keys, weights)[0]]
        order_id = FIRST_ORDER_ID + index
        days = rng.randint(1, DUE_WINDOW_DAYS - 1) if index in due else rng.randint(DUE_WINDOW_DAYS + 1, 730)
        tld = rng.choice(TLDS)
        price = rng.choice(PRICES)
        if product.is_domain or product.email:
            price = line_prices.setdefault((product.key, tld if product.is_domain else None), price)
        order = {
            "order_id": order_id,
            "product": product.key,
            "description": f"{'d' if product.is_domain else 'host'}{order_id}.example.{tld}",
            "expires_in_days": days,
            "recurring": rng.random() < 0.3,
            "price": f"{price:.2f}",
        }
        if product.regions:
            order["region"] = rng.choice(product.regions)
        orders.append(order)
    return {
        "auth_userid": "1001",
        "api_key": "sandbox-lb-key",
        "reseller_balance": RESELLER_BALANCE,
        "customer_balance": "1000000.00",
        "selling_currency": "USD",
        "orders": orders,
    }
