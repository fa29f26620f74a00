"""Fault injection, request log, admin API, clock, CLI and concurrency of the sandbox."""

import http.client
import json
import os
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode

import pytest

from lbcall import API_KEY, AUTH_USERID, call, connection_failure, get, order_state
from sandbox.client import SandboxError, SandboxProcess, http_request
from sandbox.fixture_gen import generate_fixture

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RENEW_SERVER = "dedicatedserver/linux/us/renew.json"
RENEW_PARAMS = {"order-id": "6002", "months": "1", "invoice-option": "NoInvoice"}
DETAILS_SERVER = "dedicatedserver/linux/us/details.json"


def renew(sandbox, timeout=10.0):
    """Renew order 6002 once."""
    return call(sandbox, RENEW_SERVER, RENEW_PARAMS, timeout=timeout)


def renewals(sandbox):
    """Accepted renewals of order 6002 so far."""
    return order_state(sandbox, 6002)["renewals"]


def only_rule(sandbox, **rule):
    """Install a single fault rule aimed at LogicBoxes renewals unless told otherwise."""
    rule.setdefault("provider", "logicboxes")
    rule.setdefault("operation", "renew")
    sandbox.set_faults([rule])


def last_log_entry(sandbox):
    """The most recent request log entry."""
    return sandbox.requests()[-1]


def test_latency_delays_then_answers(sandbox):
    only_rule(sandbox, kind="latency", ms=300)
    started = time.monotonic()
    status, _headers, _body = renew(sandbox)
    assert status == 200 and time.monotonic() - started >= 0.3
    assert renewals(sandbox) == 1 and last_log_entry(sandbox)["fault"] == "latency"


def test_rate_limit_carries_retry_after_and_does_not_commit(sandbox):
    only_rule(sandbox, kind="rate_limit", retry_after=7)
    status, headers, body = renew(sandbox)
    assert status == 429 and headers["Retry-After"] == "7"
    assert body["status"] == "ERROR"
    assert renewals(sandbox) == 0
    entry = last_log_entry(sandbox)
    assert entry["status"] == 429 and entry["fault"] == "rate_limit" and entry["committed"] is False


@pytest.mark.parametrize("rule, status, content_type", [
    ({"kind": "error_before_commit"}, 503, "text/html"),
    ({"kind": "error_before_commit", "status": 502, "params": {"body": "empty"}}, 502, "text/plain"),
    ({"kind": "html_error"}, 500, "text/html"),
    ({"kind": "forbidden"}, 403, "text/plain"),
    ({"kind": "unauthorized"}, 401, "application/json"),
    ({"kind": "not_found"}, 404, "application/json"),
    ({"kind": "validation"}, 422, "application/json"),
    ({"kind": "locked"}, 423, "application/json"),
    ({"kind": "api_error", "params": {"style": "lower", "message": "boom"}}, 500, "application/json"),
    ({"kind": "malformed_json"}, 200, "application/json"),
])
def test_faults_before_commit_change_nothing(sandbox, rule, status, content_type):
    only_rule(sandbox, **rule)
    got_status, headers, body = renew(sandbox)
    assert got_status == status
    assert headers["Content-Type"].startswith(content_type)
    assert renewals(sandbox) == 0
    assert last_log_entry(sandbox)["committed"] is False
    if rule["kind"] == "forbidden":
        assert b"Access Denied. You are not authorized to perform this action." in body
    if rule["kind"] in ("html_error", "error_before_commit", "malformed_json"):
        assert isinstance(body, bytes)  # not parseable as JSON
    if rule["kind"] == "api_error":
        assert body == {"status": "error", "error": "boom"}


def test_commit_then_500_applies_and_answers_html(sandbox):
    only_rule(sandbox, kind="commit_then_500")
    status, headers, body = renew(sandbox)
    assert status == 500 and headers["Content-Type"].startswith("text/html") and isinstance(body, bytes)
    assert renewals(sandbox) == 1
    assert last_log_entry(sandbox)["committed"] is True


def test_commit_then_reset_resets_connection_and_commits(sandbox):
    only_rule(sandbox, kind="commit_then_reset")
    error = connection_failure(sandbox, RENEW_SERVER, RENEW_PARAMS, timeout=5)
    assert isinstance(error, ConnectionResetError), repr(error)
    assert renewals(sandbox) == 1
    entry = last_log_entry(sandbox)
    assert entry["status"] == "reset" and entry["committed"] is True


def test_commit_then_hang_commits_and_client_times_out(sandbox):
    only_rule(sandbox, kind="commit_then_hang", seconds=3)
    started = time.monotonic()
    error = connection_failure(sandbox, RENEW_SERVER, RENEW_PARAMS, timeout=1)
    assert isinstance(error, TimeoutError), repr(error)
    assert time.monotonic() - started < 2.5
    assert renewals(sandbox) == 1
    assert last_log_entry(sandbox)["status"] == "hang"


def test_malformed_json_can_commit(sandbox):
    only_rule(sandbox, kind="malformed_json", params={"commit": True})
    status, _headers, body = renew(sandbox)
    assert status == 200 and isinstance(body, bytes) and body.startswith(b"{")
    assert renewals(sandbox) == 1


def test_times_limits_a_rule(sandbox):
    only_rule(sandbox, kind="html_error", times=2)
    assert [renew(sandbox)[0] for _attempt in range(3)] == [500, 500, 200]
    assert renewals(sandbox) == 1
    assert sandbox.admin_get("/_admin/faults")["rules"][0]["fired"] == 2


def test_rules_target_order_and_operation(sandbox):
    sandbox.set_faults([{"provider": "logicboxes", "operation": "details", "order_id": 6005, "kind": "not_found"}])
    assert get(sandbox, "virtualserver/linux/in/details.json", {"order-id": "6005"})[0] == 404
    assert get(sandbox, DETAILS_SERVER, {"order-id": "6002"})[0] == 200
    assert renew(sandbox)[0] == 200


def test_faults_on_billing_match_the_invoice_order(sandbox):
    invoice_id = call(sandbox, RENEW_SERVER, dict(RENEW_PARAMS, **{"invoice-option": "OnlyAdd"}))[2]["invoiceid"]
    sandbox.set_faults([{"provider": "*", "operation": "pay", "order_id": 6002, "kind": "commit_then_500"}])
    status, _headers, _body = call(sandbox, "billing/customer-pay.json", {"invoice-ids": invoice_id})
    assert status == 500
    assert order_state(sandbox, 6002)["pending_action"] is None
    assert last_log_entry(sandbox)["order_id"] == 6002


def statuses_with_probability(sandbox, count=30, **rule):
    """Set a probabilistic html_error rule on details and return the status sequence of `count` calls."""
    only_rule(sandbox, operation="details", kind="html_error", probability=0.5, **rule)
    return [get(sandbox, DETAILS_SERVER, {"order-id": "6002"})[0] for _call in range(count)]


def test_probability_is_reproducible(sandbox):
    first = statuses_with_probability(sandbox, seed=7)
    assert statuses_with_probability(sandbox, seed=7) == first
    assert 0 < first.count(500) < len(first)
    assert statuses_with_probability(sandbox, seed=8) != first
    from_server_seed = statuses_with_probability(sandbox)
    assert statuses_with_probability(sandbox) == from_server_seed


def test_server_seed_drives_rules_without_seed(sandbox):
    expected = statuses_with_probability(sandbox)  # module sandbox runs with --seed 42
    with SandboxProcess(fixture=sandbox.fixture, seed=42) as twin:
        assert statuses_with_probability(twin) == expected
    with SandboxProcess(fixture=sandbox.fixture, seed=43) as other:
        assert statuses_with_probability(other) != expected


def test_request_log_never_holds_credentials(sandbox):
    renew(sandbox)
    get(sandbox, DETAILS_SERVER, {"order-id": "6002"})
    call(sandbox, RENEW_SERVER, dict(RENEW_PARAMS, **{"api-key": f"{API_KEY}x"}), credentials={})
    _status, _headers, raw = http_request("GET", f"{sandbox.url}/_admin/requests")
    assert API_KEY.encode() not in raw and AUTH_USERID.encode() not in raw
    entries = json.loads(raw)["requests"]
    assert [entry["operation"] for entry in entries] == ["renew", "details", "renew"]
    first = entries[0]
    assert set(first) >= {"seq", "provider", "operation", "method", "path", "order_id", "status", "fault", "committed", "time"}
    assert first["path"] == f"/logicboxes/api/{RENEW_SERVER}" and "?" not in entries[1]["path"]
    assert first["params"]["api-key"] == ["***"] and first["params"]["months"] == ["1"]
    assert [entry["seq"] for entry in sandbox.requests(operation="renew", order_id=6002)] == [1, 3]


def test_clock_advance_ages_orders(sandbox):
    before = order_state(sandbox, 6005)["endtime"]
    clock = sandbox.advance_clock(15)
    assert clock["advanced_days"] == 15
    assert order_state(sandbox, 6005)["endtime"] == before - 15 * 86400
    body = get(sandbox, "virtualserver/linux/in/details.json", {"order-id": "6005"})[2]
    assert int(body["endtime"]) - time.time() < 26 * 86400  # was 40 days out, now inside a 30-day window
    with pytest.raises(SandboxError):
        sandbox.advance_clock(-1)


def test_reset_with_fixture_and_admin_errors(sandbox):
    sandbox.reset({"logicboxes": {"orders": [{"order_id": 1, "product": "codeguard", "expires_in_days": 2}]}})
    assert list(sandbox.state("logicboxes")["orders"]) == ["1"]
    sandbox.reset()
    assert "6002" in sandbox.state("logicboxes")["orders"]
    for path, body in (("/_admin/faults", {"rules": [{"kind": "explode"}]}),
                       ("/_admin/faults", {"rules": [{"kind": "latency", "operation": "nope"}]}),
                       ("/_admin/reset", {"fixture": {"logicboxes": {"orders": [{"order_id": 1, "product": "tv"}]}}}),
                       ("/_admin/clock", {"advance_days": "soon"})):
        status, _headers, raw = http_request("POST", sandbox.url + path, json_body=body)
        assert status == 400 and "error" in json.loads(raw)


def test_concurrent_clients_on_a_large_fixture():
    fixture = generate_fixture(10000, 0.2, seed=3)
    for section in fixture.values():
        section.update(auth_userid=AUTH_USERID, api_key=API_KEY)
    orders = [order for order in fixture["logicboxes"]["orders"] if order["product"] == "vps_linux"][:20]
    with SandboxProcess(fixture=fixture) as sandbox:
        errors = []

        def client(order):
            path = f"virtualserver/linux/{order['region']}/"
            for _round in range(5):
                if get(sandbox, f"{path}details.json", {"order-id": str(order["order_id"])})[0] != 200:
                    errors.append(order["order_id"])
                params = {"order-id": str(order["order_id"]), "months": "1", "invoice-option": "KeepInvoice"}
                if call(sandbox, f"{path}renew.json", params)[0] != 200:
                    errors.append(order["order_id"])

        threads = [threading.Thread(target=client, args=(order,)) for order in orders]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        assert time.monotonic() - started < 30
        state = sandbox.state("logicboxes")["orders"]
        assert all(state[str(order["order_id"])]["renewals"] == 5 for order in orders)
        assert len(sandbox.requests(operation="renew")) == 100


def test_cli_refuses_other_hosts(tmp_path):
    fixture = tmp_path / "fixture.json"
    fixture.write_text("{}")
    env = dict(os.environ, PYTHONPATH=TESTS_DIR)
    result = subprocess.run([sys.executable, "-m", "sandbox", "--fixture", str(fixture), "--host", "0.0.0.0"],
                            env=env, capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2 and "refusing to bind 0.0.0.0" in result.stderr


def test_cli_writes_and_removes_port_file(tmp_path):
    fixture, port_file = tmp_path / "fixture.json", tmp_path / "port"
    fixture.write_text("{}")
    env = dict(os.environ, PYTHONPATH=TESTS_DIR)
    command = [sys.executable, "-m", "sandbox", "--fixture", str(fixture), "--port-file", str(port_file)]
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as process:
        try:
            line = process.stdout.readline()
            port = int(port_file.read_text())
            assert line.strip() == f"sandbox listening on http://127.0.0.1:{port}"
            assert http_request("GET", f"http://127.0.0.1:{port}/_admin/health")[0] == 200
        finally:
            process.terminate()
            assert process.wait(timeout=10) == 0
    assert not port_file.exists()


def test_keep_alive_serves_many_requests_per_connection(sandbox):
    connection = http.client.HTTPConnection("127.0.0.1", sandbox.port, timeout=10)
    try:
        query = urlencode({"auth-userid": AUTH_USERID, "api-key": API_KEY, "order-id": "6002"})
        statuses, sockets = [], []
        for path in (DETAILS_SERVER, "dedicatedserver/linux/in/details.json", DETAILS_SERVER):  # 200, 500, 200
            connection.request("GET", f"/logicboxes/api/{path}?{query}")
            sockets.append(connection.sock)
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
        assert statuses == [200, 500, 200]
        assert sockets[0] is sockets[1] is sockets[2]  # one TCP connection served all three
    finally:
        connection.close()
