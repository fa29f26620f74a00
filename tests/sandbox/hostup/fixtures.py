"""Generated HostUp fixture sections for benchmarks (see sandbox.fixture_gen)."""

FIRST_ACCOUNT_ID = 300001
DUE_WINDOW_DAYS = 30
CYCLE_WEIGHTS = {"monthly": 6, "quarterly": 1, "annually": 3}
KIND_PREFIXES = {"vps": "vps_", "hosting": "acct_"}


def generate_section(n_orders, due_share, rng):
    """A "hostup" fixture section with `n_orders` active services, `due_share` of them due within 30 days.

    A third are reachable through v1 only (no public id), the rest through v2 as well.
    """
    cycles = sorted(CYCLE_WEIGHTS)
    due = set(rng.sample(range(n_orders), int(round(n_orders * due_share))))
    services = []
    for index in range(n_orders):
        account_id = FIRST_ACCOUNT_ID + index
        kind = rng.choice(sorted(KIND_PREFIXES))
        days = rng.randint(1, DUE_WINDOW_DAYS - 1) if index in due else rng.randint(DUE_WINDOW_DAYS + 1, 700)
        service = {
            "account_id": account_id,
            "kind": kind,
            "name": f"{kind}{account_id}.example.se",
            "billing_cycle": rng.choices(cycles, [CYCLE_WEIGHTS[cycle] for cycle in cycles])[0],
            "amount": f"{rng.choice((49, 99, 149, 299, 599)):.2f}",
            "next_due_in_days": days,
        }
        if index % 3:
            service["public_id"] = f"{KIND_PREFIXES[kind]}{account_id:x}"
        services.append(service)
    return {"api_key": "sandbox-hostup-key", "payment_delay_seconds": 1, "services": services}
