"""Generated VPSBG fixture sections for benchmarks (see sandbox.fixture_gen)."""

FIRST_SERVER_ID = 300001
DUE_WINDOW_DAYS = 30
PLANS = (("cloud-vps-2gb", "Cloud VPS 2 GB", "10.00"), ("cloud-vps-4gb", "Cloud VPS 4 GB", "20.00"),
         ("cloud-vps-8gb", "Cloud VPS 8 GB", "40.00"))


def generate_section(n_orders, due_share, rng):
    """A "vpsbg" section with `n_orders` active servers, `due_share` of them expiring within 30 days, and a support plan."""
    due = set(rng.sample(range(n_orders), int(round(n_orders * due_share))))
    servers = []
    for index in range(n_orders):
        name, label, price = rng.choice(PLANS)
        server_id = FIRST_SERVER_ID + index
        servers.append({
            "id": server_id,
            "hostname": f"vps{server_id}.example.net",
            "plan": name,
            "plan_label": label,
            "price": price,
            "billing_cycle": rng.choice((1, 1, 1, 3, 12)),
            "expires_in_days": rng.randint(1, DUE_WINDOW_DAYS - 1) if index in due else rng.randint(DUE_WINDOW_DAYS + 1, 365),
            "auto_renew": rng.random() < 0.3,
        })
    return {
        "token": "sandbox-vpsbg-token",
        "balance": "0.00",
        "servers": servers,
        "support": {"service_id": 1, "plan": "professional", "price": "15.00", "expires_in_days": rng.randint(1, 60)},
    }
