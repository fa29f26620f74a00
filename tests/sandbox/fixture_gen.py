"""Generate large fixtures for benchmarks: ``generate_fixture(n_orders, due_share, seed)``.

Command line: ``PYTHONPATH=tests python -m sandbox.fixture_gen --orders 10000 --due-share 0.2 --seed 1 -o fixture.json``.
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


def main(argv=None):
    """Write a generated fixture to a file or stdout."""
    parser = argparse.ArgumentParser(prog="python -m sandbox.fixture_gen", description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, required=True)
    parser.add_argument("--due-share", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--providers", default="logicboxes", help="comma-separated provider names")
    parser.add_argument("-o", "--output", help="file to write (default stdout)")
    args = parser.parse_args(argv)
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
