"""A provider-wide rate limit: at most N calls per second per provider (fixed one-second window).

Providers enforce limits like this; the fleet must stay under them without failing orders.
"""

import math
import threading
import time


class RateLimiter:
    """``allow(provider)`` is False once a provider had ``per_second`` calls in the current second."""

    def __init__(self, per_second):
        self.per_second = per_second
        self._lock = threading.Lock()
        self._windows = {}
        self.refused = 0

    def allow(self, provider):
        if not self.per_second:
            return True
        now = time.monotonic()
        with self._lock:
            start, count = self._windows.get(provider, (now, 0))
            if now - start >= 1.0:
                start, count = now, 0
            if count >= self.per_second:
                self.refused += 1
                return False
            self._windows[provider] = (start, count + 1)
            return True

    def retry_after(self, provider):
        """Whole seconds until the provider's window opens again (at least 1)."""
        with self._lock:
            start = self._windows.get(provider, (time.monotonic(), 0))[0]
        return max(1, int(math.ceil(1.0 - (time.monotonic() - start))))
