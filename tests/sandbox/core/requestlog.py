"""The request log behind GET /_admin/requests. Credential values never enter it."""

import threading
import time
from collections import Counter, deque
from urllib.parse import urlencode

MASK = "***"
# Credential-like parameter names masked for every provider, on top of each provider's own list.
COMMON_SECRETS = frozenset(("api-key", "api_key", "apikey", "auth-userid", "auth-password", "password", "token", "secret"))
DEFAULT_LIMIT = 200000  # bounds memory on long benchmark runs; the oldest entries go first


def mask(params, secrets):
    """Copy of a {name: [values]} mapping with credential values replaced by a mask."""
    hidden = COMMON_SECRETS | secrets
    return {name: [MASK] * len(values) if name.lower() in hidden else list(values) for name, values in params.items()}


def masked_query(query, secrets):
    """The query string as sent (names in arrival order), credential values masked: "page-no=2&api-key=***"."""
    return urlencode(mask(query, secrets), doseq=True, safe="*")


def endpoint_of(entry):
    """"METHOD /path" of an entry: what call counts group by."""
    return f"{entry['method']} {entry['path']}"


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

    def query(self, provider=None, operation=None, order_id=None, since=None, path=None, method=None):  # pylint: disable=too-many-arguments
        """Entries matching every given filter, oldest first."""
        with self._lock:
            entries = list(self._entries)
        return [
            entry for entry in entries
            if (provider is None or entry["provider"] == provider)
            and (operation is None or entry["operation"] == operation)
            and (order_id is None or entry["order_id"] == order_id)
            and (since is None or entry["seq"] > since)
            and (path is None or entry["path"] == path)
            and (method is None or entry["method"] == method)
        ]

    def counts(self, **filters):
        """Calls per "METHOD /path" and per operation among the entries matching `filters`."""
        entries = self.query(**filters)
        return {
            "total": len(entries),
            "by_endpoint": dict(sorted(Counter(endpoint_of(entry) for entry in entries).items())),
            "by_operation": dict(sorted(Counter(f"{entry['provider']}:{entry['operation']}" for entry in entries).items())),
        }

    def count(self):
        """Number of entries kept."""
        with self._lock:
            return len(self._entries)

    def clear(self):
        """Forget every entry (sequence numbers restart at 1)."""
        with self._lock:
            self._entries.clear()
            self._seq = 0
