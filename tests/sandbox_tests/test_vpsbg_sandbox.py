"""The sandbox's VPSBG API behaves like the documented provider (reference: shared/reference/vpsbg-api.md), ugly parts included."""

import json
import time
import urllib.error
import urllib.request

import pytest

from sandbox.client import SandboxProcess, http_request
from sandbox.fixture_gen import generate_fixture

TOKEN = "vpsbg-t0ken/with+chars"
DAY = 86400
PROMO = {"code": "fall2406", "percentage": 25, "minimum_billing_cycle": 3}
SERVERS = [
    {"id": 2864, "hostname": "ubuntu-2gb", "expires_in_days": 10, "price": "100", "plan_label": "Cloud VPS 2 GB"},
    {"id": 2865, "expires_in_days": 5, "price": "20.00", "pending": {"billing_cycle": 1}},
    {"id": 2866, "expires_in_days": 5, "minimum_billing_cycle": 3, "billing_cycle": 3, "pending": {"billing_cycle": 3, "status": "processing"}},
    {"id": 2867, "expires_in_days": 5, "locked": True},
    {"id": 2868, "expires_in_days": 5, "renew_enabled": False},
    {"id": 2869, "expires_in_days": 5, "cancel_requested": True},
    {"id": 2870, "expires_in_days": -3, "status": "terminated"},
]
SANDBOX_SEED = 7
FIXTURE = {"vpsbg": {"token": TOKEN, "promo_codes": [PROMO], "servers": SERVERS,
                     "support": {"service_id": 77, "price": "15.00", "expires_in_days": 12}}}
SANDBOX_FIXTURE = FIXTURE  # the module's sandbox (conftest.py)


def call(sandbox, method, path, body=None, token=TOKEN, accept="application/json"):
    """One API call: (status, headers, parsed JSON or raw bytes)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{sandbox.url}/vpsbg/v1/{path}", data=data, method=method)
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    if accept is not None:
        request.add_header("Accept", accept)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, headers, raw = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            status, headers, raw = error.code, dict(error.headers), error.read()
    try:
        return status, headers, json.loads(raw)
    except ValueError:
        return status, headers, raw


def server_state(sandbox, server_id):
    """One server of GET /_admin/state."""
    return sandbox.state("vpsbg")["servers"][str(server_id)]


def renew(sandbox, server_id=2864, cycle=1, **extra):
    """The bulk renew call."""
    return call(sandbox, "POST", "servers/renew", dict({"server_ids": [server_id], "billing_cycle": cycle}, **extra))


def test_requests_need_the_token_and_accept_json(vpsbg):
    assert call(vpsbg, "GET", "servers/2864", token=None)[:3:2] == (401, {"message": "Unauthenticated."})
    assert call(vpsbg, "GET", "servers/2864", token="wrong")[0] == 401
    status, headers, body = call(vpsbg, "GET", "servers/2864", accept=None)
    assert status == 406 and headers["Content-Type"].startswith("text/html") and isinstance(body, bytes)


def test_server_carries_the_renewal_fields(vpsbg):
    status, headers, body = call(vpsbg, "GET", "servers/2864")
    assert status == 200 and headers["X-RateLimit-Limit"] == "600"
    assert body["expiry_at"].endswith(".000000Z") and body["potential_expiry_at"] == body["expiry_at"]
    assert (body["billing_cycle"], body["renew_amount"], body["renew_amount_with_vat"]) == (1, 100, 120)
    assert body["plan"]["minimum_billing_cycle"] == 1 and body["settings"] == {"renew_enabled": True, "snapshots_enabled": True}
    assert body["locked"] is False and body["cancel_request"] is None and body["status"] == "active"
    assert call(vpsbg, "GET", "servers/999")[2] == {"message": "No query results for model [App\\Models\\Server] 999"}


def test_open_renew_order_shows_as_a_later_potential_expiry(vpsbg):
    body = call(vpsbg, "GET", "servers/2865")[2]
    assert body["potential_expiry_at"] > body["expiry_at"]
    state = server_state(vpsbg, 2865)
    assert len(state["open_renew_orders"]) == 1 and state["renew_calls"] == 0


def test_calculate_prices_without_changing_anything(vpsbg):
    before = vpsbg.state("vpsbg")
    status, _headers, body = call(vpsbg, "POST", "servers/renew/calculate", {"server_ids": [2864], "billing_cycle": 3, "promo_code": "FALL2406"})
    assert status == 200
    assert body == {"amount": 300, "amount_with_vat": 360, "discount": 75, "discount_with_vat": 90,
                    "promo_code": {"code": "fall2406", "percentage": 25, "minimum_billing_cycle": 3},
                    "due_today_amount": 225, "due_today_amount_with_vat": 270}
    assert vpsbg.state("vpsbg") == before
    status, _headers, body = call(vpsbg, "POST", "servers/renew/calculate", {"server_ids": [2864], "billing_cycle": 1, "promo_code": "fall2406"})
    assert status == 422 and list(body["errors"]) == ["promo_code"]


def test_every_renew_call_places_another_order(vpsbg):
    expiry = server_state(vpsbg, 2864)["expiry_at"]
    first, second = renew(vpsbg), renew(vpsbg)
    assert first[0] == second[0] == 201 and first[2]["id"] != second[2]["id"]
    order = first[2]
    assert (order["type"], order["status"], order["amount"], order["amount_with_vat"]) == ("renew-service", "awaiting_payment", 100, 120)
    line = order["services"][0]
    assert (line["service_type"], line["service_id"], line["service_billing_cycle"], line["is_period_changeable"]) == ("server", 2864, 1, True)
    assert line["period_from"] == expiry and line["label"] == "Cloud VPS 2 GB - ubuntu-2gb"
    assert order["invoices"][0]["type"] == "proform" and order["invoices"][0]["order_ids"] == [order["id"]]
    assert second[2]["services"][0]["period_from"] == line["period_to"], "the second order chains after the first"
    state = server_state(vpsbg, 2864)
    assert state["renew_calls"] == 2 and len(state["open_renew_orders"]) == 2
    assert state["expiry_at"] == expiry and state["potential_expiry_at"] == second[2]["services"][0]["period_to"]


def test_an_order_pays_itself_from_a_sufficient_balance(vpsbg):
    vpsbg.reset({"vpsbg": dict(FIXTURE["vpsbg"], balance="130.00")})
    expiry = server_state(vpsbg, 2864)["expiry_at"]
    order = renew(vpsbg)[2]
    assert order["status"] == "paid" and order["amount_from_balance"] == 120 and order["payment_date"]
    assert server_state(vpsbg, 2864)["expiry_at"] == order["services"][0]["period_to"] > expiry
    assert vpsbg.state("vpsbg")["balance"] == "10.00"
    assert renew(vpsbg)[2]["status"] == "awaiting_payment", "10.00 left does not cover the next one"


@pytest.mark.parametrize("server_id, status, field, words", [
    (2867, 423, None, "locked"),
    (2868, 422, "server_ids", "renewal is disabled"),
    (2869, 422, "server_ids", "pending cancellation request"),
    (2870, 422, "server_ids", "terminated"),
])
def test_servers_that_cannot_be_renewed_are_refused(vpsbg, server_id, status, field, words):
    got, _headers, body = renew(vpsbg, server_id)
    assert got == status and words in body["message"]
    assert (list(body["errors"]) == [field]) if field else "errors" not in body
    assert server_state(vpsbg, server_id)["renew_calls"] == 0


def test_validation_errors_are_laravel_shaped(vpsbg):
    status, _headers, body = call(vpsbg, "POST", "servers/renew", {"billing_cycle": 2})
    assert status == 422
    assert body == {"message": "The server ids field is required. (and 1 more error)",
                    "errors": {"server_ids": ["The server ids field is required."], "billing_cycle": ["The selected billing cycle is invalid."]}}
    assert renew(vpsbg, 999)[2]["errors"] == {"server_ids.0": ["The selected server ids.0 is invalid."]}
    assert renew(vpsbg, 2866, cycle=1)[2]["errors"] == {"billing_cycle": ["The billing cycle must be at least 3 months for this plan."]}
    assert renew(vpsbg, cycle="3")[0] == 201, "digit strings pass Laravel's integer rule"


def test_the_renew_path_shapes_are_selected_per_fixture(vpsbg):
    status, _headers, body = call(vpsbg, "POST", "servers/2864/renew", {"billing_cycle": 1})
    assert status == 404 and body == {"message": "The route v1/servers/2864/renew could not be found."}
    vpsbg.reset({"vpsbg": dict(FIXTURE["vpsbg"], renew_path="per_server")})
    status, _headers, body = renew(vpsbg)
    assert status == 405 and body["message"].endswith("Supported methods: GET, HEAD.")
    status, _headers, order = call(vpsbg, "POST", "servers/2864/renew", {"billing_cycle": 3})
    assert status == 201 and order["services"][0]["service_billing_cycle"] == 3
    assert server_state(vpsbg, 2864)["renew_calls"] == 1
    assert [entry["operation"] for entry in vpsbg.requests(provider="vpsbg")] == [None, "renew_server"]


def test_order_list_default_filter_hides_unpaid_orders(vpsbg):
    unpaid = server_state(vpsbg, 2865)["open_renew_orders"][0]
    listed = call(vpsbg, "GET", "orders")[2]
    assert unpaid not in [row["id"] for row in listed["data"]]
    assert {row["status"] for row in listed["data"]} == {"paid"}
    status, _headers, body = call(vpsbg, "GET", "orders?filter[status]=awaiting_payment,processing")
    assert status == 200 and {row["status"] for row in body["data"]} == {"awaiting_payment", "processing"}
    assert all("services" not in row and "invoices" not in row for row in body["data"])
    assert len(call(vpsbg, "GET", f"orders/{unpaid}")[2]["services"]) == 1


def test_order_pages_follow_laravel(vpsbg):
    status, _headers, body = call(vpsbg, "GET", "orders?filter[status]=paid&per_page=2&page=2")
    assert status == 200 and len(body["data"]) == 2
    meta, links = body["meta"], body["links"]
    assert (meta["current_page"], meta["per_page"], meta["from"], meta["to"]) == (2, 2, 3, 4)
    assert meta["total"] == 10 and meta["last_page"] == 5
    assert links["next"].endswith("/vpsbg/v1/orders?page=3"), "links carry the page only, not the filters"
    assert links["prev"].endswith("?page=1") and links["first"].endswith("?page=1") and links["last"].endswith("?page=5")
    assert call(vpsbg, "GET", "orders?filter[status]=paid&per_page=2&page=5")[2]["links"]["next"] is None
    assert call(vpsbg, "GET", "orders?per_page=51")[0] == 422
    servers = call(vpsbg, "GET", "servers?per_page=3&sort[expiry_at]=desc")[2]
    assert servers["meta"]["total"] == 6 and [row["id"] for row in servers["data"]] == [2864, 2865, 2866]


def test_period_of_an_unpaid_order_changes_in_place(vpsbg):
    order_id = server_state(vpsbg, 2865)["open_renew_orders"][0]
    status, _headers, body = call(vpsbg, "PATCH", f"orders/{order_id}/server/2865", {"billing_cycle": 12})
    assert status == 204 and body == b""
    order = call(vpsbg, "GET", f"orders/{order_id}")[2]
    line = order["services"][0]
    assert line["service_billing_cycle"] == 12 and order["amount"] == 240 and order["invoices"][0]["amount_with_vat"] == 288
    state = server_state(vpsbg, 2865)
    assert state["open_renew_orders"] == [order_id] and state["renew_calls"] == 0
    assert state["potential_expiry_at"] == line["period_to"]
    assert call(vpsbg, "PATCH", f"orders/{order_id}/server/2864", {"billing_cycle": 3})[0] == 404


def test_period_cannot_change_while_processing_or_below_the_minimum(vpsbg):
    processing = server_state(vpsbg, 2866)["open_renew_orders"][0]
    status, _headers, body = call(vpsbg, "PATCH", f"orders/{processing}/server/2866", {"billing_cycle": 6})
    assert status == 422 and body["errors"] == {"billing_cycle": ["The renewal period of this order cannot be changed."]}
    unpaid = server_state(vpsbg, 2865)["open_renew_orders"][0]
    assert call(vpsbg, "PATCH", f"orders/{unpaid}/server/2865", {"billing_cycle": 2})[0] == 422


def test_support_renewal_orders_a_support_line_every_time(vpsbg):
    first = call(vpsbg, "POST", "support/renew", {"billing_cycle": 3})
    second = call(vpsbg, "POST", "support/renew", {"billing_cycle": 1})
    assert first[0] == second[0] == 201
    line = first[2]["services"][0]
    assert (first[2]["type"], line["service_type"], line["service_id"], first[2]["amount"]) == ("renew-service", "support", 77, 45)
    support = vpsbg.state("vpsbg")["support"]
    assert support["renew_calls"] == 2 and len(support["open_renew_orders"]) == 2
    assert call(vpsbg, "POST", "support/renew", {})[2]["errors"] == {"billing_cycle": ["The billing cycle field is required."]}


def test_support_expiry_is_only_visible_through_paid_orders(vpsbg):
    support = vpsbg.state("vpsbg")["support"]
    paid = [call(vpsbg, "GET", f"orders/{order_id}")[2] for order_id in support["orders"]]
    assert [order["type"] for order in paid] == ["new-service", "renew-service"]
    assert paid[-1]["services"][0]["period_to"] == support["expiry_at"]
    vpsbg.reset({"vpsbg": {"token": TOKEN}})
    status, _headers, body = call(vpsbg, "POST", "support/renew", {"billing_cycle": 1})
    assert status == 422 and list(body["errors"]) == ["support"]


def test_balance(vpsbg):
    body = call(vpsbg, "GET", "balance")[2]
    assert body["currency"] == "EUR" and body["balance"] == 0 and body["estimated_expenses"] > 0


def test_rate_limit_answers_429_with_the_wait(vpsbg):
    vpsbg.reset({"vpsbg": dict(FIXTURE["vpsbg"], rate_limit_per_minute=2)})
    assert [call(vpsbg, "GET", "servers/2864")[0] for _attempt in range(2)] == [200, 200]
    status, headers, body = call(vpsbg, "GET", "servers/2864")
    assert status == 429 and body == {"message": "Too Many Attempts."}
    assert 1 <= int(headers["Retry-After"]) <= 60 and headers["X-RateLimit-Remaining"] == "0"


def test_clock_advance_ages_servers_orders_and_support(vpsbg):
    before = vpsbg.state("vpsbg")
    vpsbg.advance_clock(10)
    after = vpsbg.state("vpsbg")
    assert after["servers"]["2864"]["expiry_at"] == before["servers"]["2864"]["expiry_at"] - 10 * DAY
    assert after["support"]["expiry_at"] == before["support"]["expiry_at"] - 10 * DAY
    order_id = before["servers"]["2865"]["open_renew_orders"][0]
    assert after["orders"][str(order_id)]["lines"][0]["period_to"] == before["orders"][str(order_id)]["lines"][0]["period_to"] - 10 * DAY
    body = call(vpsbg, "GET", "servers/2864")[2]
    assert body["expiry_at"] < time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() + 1 * DAY))


@pytest.mark.parametrize("section, words", [
    ({"renew_path": "guess"}, "renew_path"),
    ({"servers": [{"id": 1}]}, "expires_in_days"),
    ({"servers": [{"id": 1, "expires_in_days": 3, "billing_cycle": 2}]}, "billing_cycle"),
    ({"servers": [{"id": 1, "expires_in_days": 3, "pending": {"status": "paid"}}]}, "pending.status"),
    ({"servers": [{"id": 1, "expires_in_days": 3, "colour": "red"}]}, "colour"),
])
def test_fixture_mistakes_are_refused(vpsbg, section, words):
    status, _headers, raw = http_request("POST", vpsbg.url + "/_admin/reset", json_body={"fixture": {"vpsbg": section}})
    assert status == 400 and words in json.loads(raw)["error"]


def test_generated_fixture_loads():
    fixture = generate_fixture(40, 0.25, seed=5, providers=("vpsbg",))
    fixture["vpsbg"]["token"] = TOKEN
    with SandboxProcess(fixture=fixture) as sandbox:
        state = sandbox.state("vpsbg")
        assert len(state["servers"]) == 40 and state["support"] is not None
        due = [server for server in state["servers"].values() if server["expiry_at"] - time.time() < 30 * DAY]
        assert len(due) == 10
