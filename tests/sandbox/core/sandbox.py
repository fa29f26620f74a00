"""The sandbox application: providers, their state, faults and the request log, behind one object."""

import threading
import time

from . import exchange
from .admin import handle_admin
from .clock import DAY, Clock
from .faults import FaultBook
from .fixture import FixtureError, check_top_level
from .http import json_response
from .requestlog import RequestLog
from .store import Store
from .ratelimit import RateLimiter

ADMIN_PREFIX = "/_admin/"


class Sandbox:  # pylint: disable=too-many-instance-attributes
    """Everything the HTTP server serves; independent of sockets so it can be driven directly."""

    def __init__(self, provider_classes, fixture, seed=0, latency_ms=0, rate_limit=0):
        self.store = Store()
        self.providers = [provider_class(self.store) for provider_class in provider_classes]
        self.faults = FaultBook(seed, {provider.name: provider.operations for provider in self.providers})
        self.log = RequestLog()
        self.seed = seed
        self.latency_ms = latency_ms
        self.limiter = RateLimiter(rate_limit)
        self.started = time.time()
        self.stopping = threading.Event()  # wakes hanging connections on shutdown
        self.start_fixture = fixture
        self.load(fixture)

    def load(self, fixture):
        """Replace all provider state with what `fixture` describes; relative dates count from now."""
        check_top_level(fixture)
        names = {provider.name for provider in self.providers}
        unknown = sorted(key for key in fixture if key not in names and not key.startswith("_"))
        if unknown:
            raise FixtureError(f"unknown provider section(s): {', '.join(unknown)}")
        clock = Clock()
        sections = {provider.name: provider.load_state(fixture.get(provider.name), clock) for provider in self.providers}
        self.store.replace(sections, clock)

    def reset(self, fixture=None):
        """Back to the start fixture (or `fixture`), with no faults and an empty request log."""
        self.load(self.start_fixture if fixture is None else fixture)
        self.faults.clear()
        self.log.clear()

    def advance_clock(self, days):
        """Simulate `days` passing: every stored timestamp moves that far into the past."""
        seconds = int(round(days * DAY))
        with self.store.locked():
            for provider in self.providers:
                provider.age(self.store.section(provider.name), seconds)
            self.store.clock.advanced_seconds += seconds
            return self.store.clock.describe()

    def state_view(self):
        """GET /_admin/state: every provider's snapshot, keyed by provider name."""
        with self.store.locked():
            return {provider.name: provider.snapshot(self.store.section(provider.name)) for provider in self.providers}

    def dispatch(self, request):
        """Route a request to the admin API or to the provider owning its path prefix."""
        if request.path.startswith(ADMIN_PREFIX):
            return handle_admin(self, request)
        for provider in self.providers:
            if request.path.startswith(provider.prefix):
                request.subpath = request.path[len(provider.prefix):]
                return exchange.serve(self, provider, request)
        self.log.record(provider=None, operation=None, method=request.method, path=request.path, query="", page=None, order_id=None,
                        status=404, fault=None, committed=False, params={})
        return json_response(404, {"error": f"no provider serves {request.path}",
                                   "prefixes": [provider.prefix for provider in self.providers]})
