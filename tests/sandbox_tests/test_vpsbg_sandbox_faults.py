"""Every generic fault kind through VPSBG's renew calls, fault targeting by server, and the request log."""

import json
import socket
import urllib.error
import urllib.request

import pytest

from sandbox.client import http_request

TOKEN = "vpsbg-fault-t0ken"
SANDBOX_SEED = 11
FIXTURE = {"vpsbg": {"token": TOKEN, "servers": [{"id": 3001, "expires_in_days": 5}, {"id": 3002, "expires_in_days": 5}],
                     "support": {"service_id": 77, "expires_in_days": 5}}}
SANDBOX_FIXTURE = FIXTURE  # the module's sandbox (conftest.py)


def post(sandbox, path, body, timeout=10.0):
    """POST JSON; (status, headers, body bytes), or the transport exception when there is no answer."""
    request = urllib.request.Request(f"{sandbox.url}/vpsbg/v1/{path}", data=json.dumps(body).encode(), method="POST")
    for name, value in (("Authorization", f"Bearer {TOKEN}"), ("Accept", "application/json"), ("Content-Type", "application/json")):
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()
    except urllib.error.URLError as error:
        return error.reason
    except OSError as error:
        return error


def renew(sandbox, server_id=3001, timeout=10.0):
    """Bulk renew of one server."""
    return post(sandbox, "servers/renew", {"server_ids": [server_id], "billing_cycle": 1}, timeout)


def renew_calls(sandbox, server_id=3001):
    """Orders placed through the API for a server."""
    return sandbox.state("vpsbg")["servers"][str(server_id)]["renew_calls"]


def only_rule(sandbox, **rule):
    """One fault rule, aimed at VPSBG server renewals unless told otherwise."""
    rule.setdefault("provider", "vpsbg")
    rule.setdefault("operation", "renew_server")
    sandbox.set_faults([rule])


@pytest.mark.parametrize("rule, status, content_type, body", [
    ({"kind": "rate_limit", "retry_after": 4}, 429, "application/json", {"message": "Too many requests"}),
    ({"kind": "error_before_commit"}, 503, "text/html", None),
    ({"kind": "html_error"}, 500, "text/html", None),
    ({"kind": "forbidden"}, 403, "text/html", None),
    ({"kind": "unauthorized", "message": "Unauthenticated."}, 401, "application/json", {"message": "Unauthenticated."}),
    ({"kind": "not_found"}, 404, "application/json", {"message": "Not found"}),
    ({"kind": "validation"}, 422, "application/json",
     {"message": "The given data was invalid.", "errors": {"billing_cycle": ["The given data was invalid."]}}),
    ({"kind": "locked"}, 423, "application/json", {"message": "Locked"}),
    ({"kind": "api_error", "message": "Server Error"}, 500, "application/json", {"message": "Server Error"}),
    ({"kind": "malformed_json"}, 200, "application/json", None),
])
def test_faults_before_commit_order_nothing(vpsbg, rule, status, content_type, body):
    only_rule(vpsbg, **rule)
    got, headers, raw = renew(vpsbg)
    assert got == status and headers["Content-Type"].startswith(content_type)
    if body is not None:
        assert json.loads(raw) == body
    if rule["kind"] == "rate_limit":
        assert headers["Retry-After"] == "4" and headers["X-RateLimit-Remaining"] == "0"
    assert renew_calls(vpsbg) == 0
    entry = vpsbg.requests(provider="vpsbg")[-1]
    assert entry["fault"] == rule["kind"] and entry["committed"] is False


@pytest.mark.parametrize("kind", ["commit_then_500", "malformed_json"])
def test_faults_after_commit_place_the_order(vpsbg, kind):
    only_rule(vpsbg, kind=kind, params={"commit": True} if kind == "malformed_json" else {})
    status, _headers, raw = renew(vpsbg)
    assert status in (500, 200)
    with pytest.raises(ValueError):
        json.loads(raw)
    assert renew_calls(vpsbg) == 1 and vpsbg.requests(operation="renew_server")[-1]["committed"] is True


def test_commit_then_reset_and_hang_place_the_order_without_an_answer(vpsbg):
    only_rule(vpsbg, kind="commit_then_reset")
    assert isinstance(renew(vpsbg), ConnectionResetError)
    only_rule(vpsbg, kind="commit_then_hang", seconds=2)
    assert isinstance(renew(vpsbg, timeout=0.5), (TimeoutError, socket.timeout))
    assert renew_calls(vpsbg) == 2
    assert [entry["status"] for entry in vpsbg.requests(operation="renew_server")] == ["reset", "hang"]


def test_latency_delays_then_places(vpsbg):
    only_rule(vpsbg, kind="latency", ms=200)
    assert renew(vpsbg)[0] == 201 and renew_calls(vpsbg) == 1


def test_rules_target_one_server_and_the_support_plan(vpsbg):
    only_rule(vpsbg, kind="html_error", order_id=3002)
    assert renew(vpsbg, 3001)[0] == 201 and renew(vpsbg, 3002)[0] == 500
    assert post(vpsbg, "servers/3002/renew", {"billing_cycle": 1})[0] == 404, "per-server shape not served by default"
    only_rule(vpsbg, operation="support_renew", order_id=77, kind="commit_then_500")
    assert post(vpsbg, "support/renew", {"billing_cycle": 1})[0] == 500
    assert vpsbg.state("vpsbg")["support"]["renew_calls"] == 1


def test_unknown_operations_are_refused(vpsbg):
    status, _headers, raw = http_request("POST", vpsbg.url + "/_admin/faults",
                                         json_body={"rules": [{"provider": "vpsbg", "operation": "renew", "kind": "html_error"}]})
    assert status == 400 and "renew_server" in json.loads(raw)["error"]


def test_request_log_shows_json_fields_and_never_the_token(vpsbg):
    renew(vpsbg)
    post(vpsbg, "servers/renew/calculate", {"server_ids": [3001], "billing_cycle": 3, "token": TOKEN})
    _status, _headers, raw = http_request("GET", f"{vpsbg.url}/_admin/requests?provider=vpsbg")
    assert TOKEN.encode() not in raw
    entries = json.loads(raw)["requests"]
    assert [(entry["operation"], entry["order_id"], entry["status"]) for entry in entries] == [("renew_server", 3001, 201),
                                                                                               ("calculate", 3001, 200)]
    assert entries[0]["params"] == {"server_ids": ["[3001]"], "billing_cycle": ["1"]}
    assert entries[1]["params"]["token"] == ["***"]
