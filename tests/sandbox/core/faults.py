"""Fault rules: which requests misbehave, how often, and with what parameters.

Rules are checked in order; the first rule that matches a request and fires answers it.
Probabilities are drawn from a per-rule RNG seeded from the rule's `seed` or the server's
`--seed`, so a given sequence of requests misbehaves the same way on every run.
"""

import random
import threading
from dataclasses import dataclass, field
from typing import Optional

# Every kind with its parameters and their defaults. Parameters go in the rule's "params"
# object or, as a shorthand, at the top level of the rule.
KINDS = {
    "latency": {"ms": 1000},
    "rate_limit": {"status": 429, "retry_after": 2, "message": "Too many requests"},
    "error_before_commit": {"status": 503, "body": "html"},
    "commit_then_500": {"status": 500},
    "commit_then_reset": {},
    "commit_then_hang": {"seconds": 5},
    "malformed_json": {"status": 200, "commit": False},
    "html_error": {"status": 500},
    "forbidden": {"status": 403},
    "unauthorized": {"status": 401, "message": "Unauthorized"},
    "not_found": {"status": 404, "message": "Not found"},
    "validation": {"status": 422, "message": "The given data was invalid."},
    "locked": {"status": 423, "message": "Locked"},
    # Provider-style API error (LogicBoxes: styles "upper", "lower", "toplevel"); nothing applied.
    "api_error": {"status": 500, "message": "Internal error", "style": None},
    # The real answer with fields removed from the rows of a listing (and from its envelope):
    # an incomplete page. No fields named: the provider's expiry field.
    "drop_fields": {"fields": [], "rows": None},
}
ALWAYS_COMMIT = frozenset(("commit_then_500", "commit_then_reset", "commit_then_hang", "drop_fields"))
RULE_FIELDS = frozenset(("provider", "operation", "order_id", "listing", "page", "kind", "times", "probability", "seed", "params"))
PARAM_CHECKS = {
    "ms": lambda v: _is_number(v) and v >= 0,
    "seconds": lambda v: _is_number(v) and v >= 0,
    "status": lambda v: isinstance(v, int) and not isinstance(v, bool) and 100 <= v <= 599,
    "retry_after": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
    "commit": lambda v: isinstance(v, bool),
    "body": lambda v: v in ("html", "empty"),
    "message": lambda v: isinstance(v, str),
    "style": lambda v: v in (None, "upper", "lower", "toplevel"),
    "fields": lambda v: isinstance(v, list) and all(isinstance(item, str) and item for item in v),
    "rows": lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool) and v >= 0),
}


class FaultError(ValueError):
    """A rule the sandbox cannot apply."""


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass
class FaultRule:  # pylint: disable=too-many-instance-attributes
    """One parsed rule plus its firing state."""

    provider: str
    operation: str
    order_id: Optional[int]
    listing: Optional[bool]
    page: Optional[int]
    kind: str
    times: Optional[int]
    probability: Optional[float]
    params: dict
    rng: random.Random = field(repr=False)
    source: dict = field(repr=False)
    fired: int = 0
    matched: int = 0

    @property
    def commits(self):
        """Whether the real call runs (state changes) before the fault answers."""
        return self.kind in ALWAYS_COMMIT or (self.kind == "malformed_json" and self.params["commit"])

    def matches(self, provider, operation, order_id, listing=False, page=None):
        """Does the rule target this request? ("*" matches anything, even unrouted paths)."""
        return (self.provider in ("*", provider) and self.operation in ("*", operation)
                and (self.order_id is None or self.order_id == order_id)
                and (self.listing is None or self.listing == listing)
                and (self.page is None or self.page == page))

    def fire(self):
        """Decide whether a matching request gets the fault; callers hold the book's lock."""
        if self.times is not None and self.fired >= self.times:
            return False
        self.matched += 1
        if self.probability is not None and self.rng.random() >= self.probability:
            return False
        self.fired += 1
        return True

    def describe(self):
        """Admin view: the rule as given plus counters."""
        return dict(self.source, fired=self.fired, matched=self.matched)


class FaultBook:
    """The active rule list, replaced as a whole by POST /_admin/faults."""

    def __init__(self, server_seed, operations_by_provider):
        self._lock = threading.Lock()
        self._rules = []
        self._seed = server_seed
        self._operations = operations_by_provider

    def replace(self, raw_rules):
        """Validate and install a new rule list (nothing changes if one rule is invalid)."""
        if not isinstance(raw_rules, list):
            raise FaultError('"rules" must be a list')
        rules = [self._parse(raw, index) for index, raw in enumerate(raw_rules)]
        with self._lock:
            self._rules = rules
        return len(rules)

    def clear(self):
        """Remove every rule."""
        with self._lock:
            self._rules = []

    def pick(self, provider, operation, order_id, listing=False, page=None):
        """The rule that answers this request, or None for normal service."""
        with self._lock:
            for rule in self._rules:
                if rule.matches(provider, operation, order_id, listing, page) and rule.fire():
                    return rule
        return None

    def describe(self):
        """Admin view of all rules."""
        with self._lock:
            return [rule.describe() for rule in self._rules]

    def _parse(self, raw, index):
        where = f"rules[{index}]"
        if not isinstance(raw, dict):
            raise FaultError(f"{where}: must be an object")
        kind = raw.get("kind")
        if kind not in KINDS:
            raise FaultError(f"{where}.kind: must be one of {', '.join(sorted(KINDS))}")
        unknown = sorted(set(raw) - RULE_FIELDS - set(KINDS[kind]))
        if unknown:
            raise FaultError(f"{where}: unknown field(s) {', '.join(unknown)} for kind {kind}")
        provider, operation = self._target(raw, where)
        params = self._params(raw, kind, where)
        seed = raw.get("seed")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, str))):
            raise FaultError(f"{where}.seed: must be an integer or a string")
        listing = raw.get("listing")
        if listing is not None and not isinstance(listing, bool):
            raise FaultError(f"{where}.listing: must be true or false")
        return FaultRule(
            provider=provider, operation=operation, order_id=_optional_int(raw, "order_id", where, 0), listing=listing,
            page=_optional_int(raw, "page", where, 1), kind=kind,
            times=_optional_int(raw, "times", where, 0), probability=_probability(raw, where), params=params,
            rng=random.Random(seed if seed is not None else f"{self._seed}/{index}"), source=dict(raw),
        )

    def _target(self, raw, where):
        provider = raw.get("provider", "*")
        if provider != "*" and provider not in self._operations:
            raise FaultError(f"{where}.provider: must be * or one of {', '.join(sorted(self._operations))}")
        operation = raw.get("operation", "*")
        known = set().union(*self._operations.values()) if provider == "*" else self._operations[provider]
        if operation != "*" and operation not in known:
            raise FaultError(f"{where}.operation: must be * or one of {', '.join(sorted(known))}")
        return provider, operation

    @staticmethod
    def _params(raw, kind, where):
        given = raw.get("params") or {}
        if not isinstance(given, dict):
            raise FaultError(f"{where}.params: must be an object")
        params = dict(KINDS[kind])
        for name, value in list(given.items()) + [(name, raw[name]) for name in KINDS[kind] if name in raw]:
            if name not in KINDS[kind]:
                raise FaultError(f"{where}.params.{name}: not a parameter of kind {kind}")
            if not PARAM_CHECKS[name](value):
                raise FaultError(f"{where}.params.{name}: invalid value {value!r}")
            params[name] = value
        return params


def _optional_int(raw, name, where, minimum):
    value = raw.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise FaultError(f"{where}.{name}: must be an integer >= {minimum}")
    return value


def _probability(raw, where):
    value = raw.get("probability")
    if value is None:
        return None
    if not _is_number(value) or not 0 <= value <= 1:
        raise FaultError(f"{where}.probability: must be a number from 0 to 1")
    return float(value)
