"""Test helper: run the sandbox as a subprocess and talk to its admin API.

    with SandboxProcess(fixture={"logicboxes": {...}}) as sandbox:
        api_url = sandbox.url + "/logicboxes/api"
        ...
        assert sandbox.state()["logicboxes"]["orders"]["5001"]["renewals"] == 1

Standard library only (urllib), so the collection's tests and demo need nothing installed.
"""

import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO_FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "demo.json")
# Loopback only: never route through a proxy configured in the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http_request(method, url, params=None, json_body=None, timeout=10.0, cafile=None, headers=None):  # pylint: disable=too-many-arguments
    """One HTTP call. `params` (dict or list of pairs) go in the query string on GET and in a
    form body otherwise; `json_body` is sent as JSON instead. Returns (status, headers, body
    bytes); HTTP error statuses are returned, not raised (provider errors live in 500 bodies).
    `cafile` trusts that certificate for an https:// URL (the sandbox's own, with --tls-cert);
    `headers` are sent as given (e.g. Authorization, Accept).
    """
    data, content_type = None, None
    if json_body is not None:
        data, content_type = json.dumps(json_body).encode("utf-8"), "application/json"
    elif params is not None:
        encoded = urlencode(params, doseq=True)
        if method == "GET":
            url += ("&" if "?" in url else "?") + encoded
        else:
            data, content_type = encoded.encode("ascii"), "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if content_type:
        request.add_header("Content-Type", content_type)
    opener = _OPENER
    if cafile is not None:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                             urllib.request.HTTPSHandler(context=ssl.create_default_context(cafile=cafile)))
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


class SandboxError(RuntimeError):
    """The sandbox did not start, or an admin call failed."""


class SandboxProcess:
    """Context manager owning one sandbox subprocess on a free loopback port."""

    def __init__(self, fixture=None, latency_ms=0, seed=None, startup_timeout=20.0, rate_limit=0, tls_cert=None, tls_key=None):
        """`fixture` is a dict, a file path, or None for the demo fixture.

        `tls_cert` (a PEM file, with `tls_key` unless the key is in it) serves HTTPS; admin calls trust that certificate.
        """
        self.fixture = DEMO_FIXTURE if fixture is None else fixture
        self.latency_ms = latency_ms
        self.rate_limit = rate_limit
        self.seed = seed
        self.tls_cert = tls_cert
        self.tls_key = tls_key
        self.startup_timeout = startup_timeout
        self.port = None
        self._process = None
        self._workdir = None

    @property
    def url(self):
        """Base URL, e.g. http://127.0.0.1:PORT (https:// with a TLS certificate; providers live under their prefix)."""
        return f"{'https' if self.tls_cert else 'http'}://127.0.0.1:{self.port}"

    @property
    def logicboxes_url(self):
        """The `api_url` of the LogicBoxes modules."""
        return f"{self.url}/logicboxes/api"

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def start(self):
        """Start the subprocess and wait until it answers /_admin/health."""
        self._workdir = tempfile.mkdtemp(prefix="sandbox-")
        fixture_path = self.fixture
        if isinstance(self.fixture, dict):
            fixture_path = os.path.join(self._workdir, "fixture.json")
            with open(fixture_path, "w", encoding="utf-8") as handle:
                json.dump(self.fixture, handle)
        port_file = os.path.join(self._workdir, "port")
        command = [sys.executable, "-m", "sandbox", "--fixture", str(fixture_path), "--port", "0", "--port-file", port_file,
                   "--latency-ms", str(self.latency_ms)]
        if self.seed is not None:
            command += ["--seed", str(self.seed)]
        if self.rate_limit:
            command += ["--rate-limit", str(self.rate_limit)]
        if self.tls_cert:
            command += ["--tls-cert", str(self.tls_cert)] + (["--tls-key", str(self.tls_key)] if self.tls_key else [])
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [PACKAGE_PARENT, os.environ.get("PYTHONPATH")])))
        with open(os.path.join(self._workdir, "output.log"), "wb") as output:
            self._process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)  # pylint: disable=consider-using-with
        try:
            self._wait_until_ready(port_file)
        except BaseException:
            self.stop()
            raise

    def cpu_seconds(self):
        """CPU time the sandbox process has used so far (Linux /proc; None elsewhere): benchmarks report it, since a
        local sandbox competes with the client for the same cores where a real provider would not."""
        try:
            with open(f"/proc/{self._process.pid}/stat", encoding="ascii") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except (OSError, AttributeError, IndexError):
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _wait_until_ready(self, port_file):
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise SandboxError(f"sandbox exited with {self._process.returncode}: {self.output()}")
            if os.path.exists(port_file):
                with open(port_file, encoding="utf-8") as handle:
                    self.port = int(handle.read().strip())
                try:
                    if self.admin_get("/_admin/health").get("status") == "ok":
                        return
                except (OSError, SandboxError):
                    pass
            time.sleep(0.05)
        raise SandboxError(f"sandbox not ready after {self.startup_timeout}s: {self.output()}")

    def output(self):
        """What the subprocess printed so far."""
        path = os.path.join(self._workdir or "", "output.log")
        if not self._workdir or not os.path.exists(path):
            return ""
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()

    def stop(self):
        """Terminate the subprocess, wait for it (kill if it lingers) and remove temp files."""
        if self._process is not None:
            if self._process.poll() is None:
                self._process.terminate()
                try:
                    self._process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait()
            self._process = None
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def _admin(self, method, path, body=None):
        status, _headers, raw = http_request(method, self.url + path, json_body=body,
                                             cafile=str(self.tls_cert) if self.tls_cert else None)
        if status != 200:
            raise SandboxError(f"{method} {path} -> {status}: {raw.decode('utf-8', 'replace')}")
        return json.loads(raw)

    def admin_get(self, path):
        """GET an admin endpoint, e.g. "/_admin/state"; returns the parsed JSON."""
        return self._admin("GET", path)

    def admin_post(self, path, body=None):
        """POST JSON to an admin endpoint."""
        return self._admin("POST", path, body if body is not None else {})

    def admin_delete(self, path):
        """DELETE an admin endpoint."""
        return self._admin("DELETE", path)

    def state(self, provider=None):
        """GET /_admin/state, or one provider's part of it."""
        state = self.admin_get("/_admin/state")
        return state if provider is None else state[provider]

    def requests(self, **filters):
        """The request log, filtered by provider, operation, order_id and/or since (a seq)."""
        query = urlencode({name: value for name, value in filters.items() if value is not None})
        return self.admin_get("/_admin/requests" + (f"?{query}" if query else ""))["requests"]

    def request_counts(self, **filters):
        """GET /_admin/requests/counts: {"total", "by_endpoint": {"GET /path": N}, "by_operation": {"provider:op": N}}."""
        query = urlencode({name: value for name, value in filters.items() if value is not None})
        return self.admin_get("/_admin/requests/counts" + (f"?{query}" if query else ""))

    def set_faults(self, rules):
        """Replace the fault rules."""
        return self.admin_post("/_admin/faults", {"rules": list(rules)})

    def clear_faults(self):
        """Remove all fault rules."""
        return self.admin_delete("/_admin/faults")

    def reset(self, fixture=None):
        """Reload the start fixture (or `fixture`, a dict); clears faults and the request log."""
        return self.admin_post("/_admin/reset", {} if fixture is None else {"fixture": fixture})

    def advance_clock(self, days):
        """Simulate `days` passing (every stored date moves that far into the past)."""
        return self.admin_post("/_admin/clock", {"advance_days": days})
