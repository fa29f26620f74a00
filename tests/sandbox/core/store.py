"""The state container shared by all providers: one lock, one clock, one state object per provider."""

import threading
from contextlib import contextmanager

from .clock import Clock


class Store:
    """Holds every provider's state; a request's whole read-modify-write runs under `locked()`.

    One coarse lock keeps each API call atomic (two concurrent renewals of one order must both
    land, like on the real backend); calls are dictionary lookups, so contention stays low.
    """

    def __init__(self):
        self._lock = threading.RLock()
        self.clock = Clock()
        self._sections = {}

    @contextmanager
    def locked(self):
        """Hold the state lock for one API call or admin change."""
        with self._lock:
            yield self

    def replace(self, sections, clock):
        """Swap in freshly loaded provider states (fixture load or reset)."""
        with self._lock:
            self._sections = dict(sections)
            self.clock = clock

    def section(self, provider_name):
        """The state object of one provider."""
        return self._sections[provider_name]

    def sections(self):
        """(name, state) pairs for every provider."""
        return list(self._sections.items())
