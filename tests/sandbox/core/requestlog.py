"""The request log behind GET /_admin/requests. Credential values never enter it."""

import threading
import time
from collections import deque

MASK = "***"
# Credential-like parameter names masked for every provider, on top of each provider's own list.
COMMON_SECRETS = frozenset(("api-key", "api_key", "apikey", "auth-userid", "auth-password", "password", "token", "secret"))
DEFAULT_LIMIT = 200000  # bounds memory on long benchmark runs; the oldest entries go first


def mask(params, secrets):
    """Copy of a {name: [values]} mapping with credential values replaced by a mask."""
    hidden = COMMON_SECRETS | secrets
    return {name: [MASK] * len(values) if name.lower() in hidden else list(values) for name, values in params.items()}


class RequestLog:
    """Thread-safe, append-only (until cleared) list of provider calls."""

    def __init__(self, limit=DEFAULT_LIMIT):
        self._lock = threading.Lock()
        self._entries = deque(maxlen=limit)
        self._seq = 0

    def record(self, **entry):
        """Append one entry; `seq` and `time` are added here."""
        with self._lock:
            self._seq += 1
            entry = dict(entry, seq=self._seq, time=time.time())
            self._entries.append(entry)
        return entry

    def query(self, provider=None, operation=None, order_id=None, since=None):
        """Entries matching every given filter, oldest first."""
        with self._lock:
            entries = list(self._entries)
        return [
            entry for entry in entries
            if (provider is None or entry["provider"] == provider)
            and (operation is None or entry["operation"] == operation)
            and (order_id is None or entry["order_id"] == order_id)
            and (since is None or entry["seq"] > since)
        ]

    def count(self):
        """Number of entries kept."""
        with self._lock:
            return len(self._entries)

    def clear(self):
        """Forget every entry (sequence numbers restart at 1)."""
        with self._lock:
            self._entries.clear()
            self._seq = 0
