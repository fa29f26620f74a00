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


def generate_support_plan_account(n_servers, history_months=6, support_expires_in_days=10):
    """A "vpsbg" section where the support plan's last paid order is older than every server order.

    `n_servers` monthly servers, each with `history_months` paid monthly renew orders; the support plan
    (12-month cycle, due in `support_expires_in_days`) was last paid about a year ago. The order list
    (newest first, at most 50 a page) only reaches the support order after every server order, so a
    client must page through all of them.
    """
    if not 1 <= history_months <= 11:
        raise ValueError("history_months must be 1..11 so that every server order is newer than the support order")
    servers = []
    for index in range(n_servers):
        name, label, price = PLANS[index % len(PLANS)]
        server_id = FIRST_SERVER_ID + index
        servers.append({"id": server_id, "hostname": f"vps{server_id}.example.net", "plan": name, "plan_label": label,
                        "price": price, "billing_cycle": 1, "expires_in_days": 5 + index % 20, "paid_history": history_months})
    return {
        "token": "sandbox-vpsbg-token",
        "balance": "0.00",
        "servers": servers,
        "support": {"service_id": 1, "plan": "professional", "price": "15.00", "billing_cycle": 12,
                    "expires_in_days": support_expires_in_days},
    }
