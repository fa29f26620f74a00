"""Generate large fixtures for benchmarks: ``generate_fixture(n_orders, due_share, seed)``, and the VPSBG
account whose support order hides behind every server order: ``support_plan_account(n_servers)``.

Command line: ``PYTHONPATH=tests python -m sandbox.fixture_gen --orders 10000 --due-share 0.2 --seed 1 -o fixture.json``,
``PYTHONPATH=tests python -m sandbox.fixture_gen --vpsbg-support-account 500 [--history-months 6] -o fixture.json``.
"""

import argparse
import json
import random
import sys

from .hostup import fixtures as hostup_fixtures
from .logicboxes import fixtures as logicboxes_fixtures
from .vpsbg import fixtures as vpsbg_fixtures

# One section generator per provider: (n_orders, due_share, rng) -> fixture section.
SECTION_GENERATORS = {
    "logicboxes": logicboxes_fixtures.generate_section,
    "hostup": hostup_fixtures.generate_section,
    "vpsbg": vpsbg_fixtures.generate_section,
}


def generate_fixture(n_orders, due_share, seed, providers=("logicboxes",)):
    """A fixture dict with `n_orders` orders per provider, `due_share` (0..1) of them due within 30 days.

    The same arguments always give the same fixture (dates stay relative to sandbox start).
    """
    if not 0 <= due_share <= 1:
        raise ValueError("due_share must be between 0 and 1")
    if n_orders < 0:
        raise ValueError("n_orders must be >= 0")
    fixture = {}
    for name in providers:
        if name not in SECTION_GENERATORS:
            raise ValueError(f"no fixture generator for provider {name!r}; known: {', '.join(sorted(SECTION_GENERATORS))}")
        fixture[name] = SECTION_GENERATORS[name](n_orders, due_share, random.Random(f"{seed}/{name}"))
    return fixture


def support_plan_account(n_servers, history_months=6, support_expires_in_days=10):
    """A fixture with one VPSBG account of `n_servers` monthly servers whose paid orders are all newer than the support plan's."""
    if n_servers < 0:
        raise ValueError("n_servers must be >= 0")
    return {"vpsbg": vpsbg_fixtures.generate_support_plan_account(n_servers, history_months, support_expires_in_days)}


def main(argv=None):
    """Write a generated fixture to a file or stdout."""
    parser = argparse.ArgumentParser(prog="python -m sandbox.fixture_gen", description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--orders", type=int)
    group.add_argument("--vpsbg-support-account", type=int, metavar="N_SERVERS")
    parser.add_argument("--history-months", type=int, default=6, help="paid monthly orders per server (--vpsbg-support-account)")
    parser.add_argument("--due-share", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--providers", default="logicboxes", help="comma-separated provider names")
    parser.add_argument("-o", "--output", help="file to write (default stdout)")
    args = parser.parse_args(argv)
    if args.vpsbg_support_account is not None:
        fixture = support_plan_account(args.vpsbg_support_account, args.history_months)
    else:
        fixture = generate_fixture(args.orders, args.due_share, args.seed, tuple(args.providers.split(",")))
    text = json.dumps(fixture, indent=None, separators=(",", ":"))
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(f"{text}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
