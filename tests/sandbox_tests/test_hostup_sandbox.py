"""The sandbox's HostUp v1 and v2 behave like the documented API, ugly parts included."""

import json
import time
import urllib.error
import urllib.request

import pytest

from sandbox.client import SandboxProcess
from sandbox.fixture_gen import generate_fixture

KEY = "hu-t0p-s3cret"
DAY = 86400
SERVICES = [
    {"account_id": 20000, "name": "web.example.se", "next_due_in_days": 10},
    {"account_id": 20001, "public_id": "vps_a1", "kind": "vps", "next_due_in_days": 5, "amount": "149.00"},
    {"account_id": 20002, "public_id": "acct_b2", "kind": "hosting", "billing_cycle": "annually", "amount": "1188",
     "next_due_in_days": 3},
    {"account_id": 20003, "next_due_in_days": 8, "move_due": False, "unpaid_invoice": True},
    {"account_id": 20004, "public_id": "vps_payg", "payg": True},
    {"account_id": 20005, "public_id": "vps_slow", "invoice_lookup_delay_seconds": 0.6},
    {"account_id": 20006, "pricing_refresh_failure": {"times": 1, "invoice_created": True}},
    {"account_id": 20007, "pricing_refresh_failure": {"times": 1}},
]
FIXTURE = {"hostup": {"api_key": KEY, "payment_delay_seconds": 0.5, "services": SERVICES,
                      "invoices": [{"accounts": [20000, 20003], "status": "Paid"}]}}
SANDBOX_FIXTURE = FIXTURE  # the module's sandbox (conftest.py)
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
FAULT_CODES = {
    "renew": {401: "UNAUTHORIZED", 404: "NOT_FOUND", 422: "VALIDATION_ERROR", 423: "LOCKED", 500: "INTERNAL_ERROR"},
    "v2_renew": {401: "unauthorized", 404: "not_found", 422: "invalid_request", 423: "locked", 500: "internal_error"},
}


def hu(sandbox, method, path, body=None, api=None, key=KEY, query=""):
    """Call /hostup/api/<path>; v2 paths send a Bearer token, v1 paths X-API-Key. Returns (status, headers, JSON or bytes)."""
    api = api or ("v2" if path.startswith("v2/") else "v1")
    headers = {"Accept": "application/json"}
    if key is not None:
        headers.update({"Authorization": f"Bearer {key}"} if api == "v2" else {"X-API-Key": key})
    data = None
    if body is not None:
        data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    request = urllib.request.Request(f"{sandbox.url}/hostup/api/{path}{query}", data=data, method=method, headers=headers)
    try:
        with _OPENER.open(request, timeout=10) as response:
            status, answer_headers, raw = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            status, answer_headers, raw = error.code, dict(error.headers), error.read()
    try:
        return status, answer_headers, json.loads(raw)
    except ValueError:
        return status, answer_headers, raw


def service(sandbox, account_id):
    """One service of /_admin/state."""
    return sandbox.state("hostup")["services"][str(account_id)]


def invoice(sandbox, invoice_id):
    """One invoice of /_admin/state."""
    return sandbox.state("hostup")["invoices"][str(invoice_id)]


def v1_renew(sandbox, account_id):
    """POST /api/services/{id}/renew without a body, as documented."""
    return hu(sandbox, "POST", f"services/{account_id}/renew")


def unpaid_v1(sandbox, **filters):
    """POST /api/billing/invoices filtered to Unpaid."""
    return hu(sandbox, "POST", "billing/invoices", {"filters": dict({"status": "Unpaid"}, **filters), "skipCache": True})


# -- authentication and envelopes ----------------------------------------------------------

def test_v1_takes_x_api_key_or_bearer_v2_only_bearer(sandbox):
    assert hu(sandbox, "GET", "client-accounts")[0] == 200
    assert hu(sandbox, "GET", "client-accounts", api="v2")[0] == 200  # Bearer on v1: the support article shows both
    status, _headers, body = hu(sandbox, "GET", "client-accounts", key="wrong")
    assert status == 401 and body["code"] == "UNAUTHORIZED" and body["error"] == "Unauthorized" and body["requestId"]
    status, headers, body = hu(sandbox, "GET", "v2/vps/vps_a1", api="v1")
    assert status == 401 and headers["Content-Type"] == "application/problem+json" and body["code"] == "unauthorized"
    assert body["status"] == 401 and body["instance"] == "/hostup/api/v2/vps/vps_a1"


def test_v1_success_envelope_and_string_typed_hostbill_rows(sandbox):
    status, _headers, body = hu(sandbox, "GET", "client-accounts")
    assert status == 200 and body["success"] is True and body["timestamp"].endswith("Z") and body["requestId"]
    row = next(row for row in body["data"]["accounts"] if row["id"] == "20000")
    assert row["billingcycle"] == "Monthly" and row["status"] == "Active" and row["total"] == "99.00"
    assert all(isinstance(value, str) for value in row.values())
    assert row["next_due"] == time.strftime("%Y-%m-%d", time.gmtime(service(sandbox, 20000)["next_due"]))
    payg = next(row for row in body["data"]["accounts"] if row["id"] == "20004")
    assert payg["next_due"] == "0000-00-00" and payg["paytype"] == "PAYG"


def test_unknown_paths_and_wrong_methods_answer_in_the_called_dialect(sandbox):
    assert hu(sandbox, "GET", "nope")[2]["code"] == "NOT_FOUND"
    assert hu(sandbox, "GET", "v2/nope")[2]["code"] == "not_found"
    status, _headers, body = hu(sandbox, "GET", "services/20000/renew")
    assert status == 405 and body["code"] == "METHOD_NOT_ALLOWED"
    assert sandbox.state("hostup")["services"]["20000"]["renewal_invoices"] == 0


# -- v1 renew: no guard --------------------------------------------------------------------

def test_v1_renew_makes_a_new_invoice_and_moves_next_due_on_every_call(sandbox):
    due = service(sandbox, 20000)["next_due"]
    first, second = v1_renew(sandbox, 20000), v1_renew(sandbox, 20000)
    assert first[0] == second[0] == 200
    data = first[2]["data"]
    assert data["success"] is True and data["message"] == "Renewal invoice generated successfully"
    assert isinstance(data["invoiceId"], str) and data["raw"]["invoice_id"] == data["invoiceId"]
    assert data["raw"]["call"] == "generateNextInvoice" and data["info"] == ["Invoice sent to client", "Invoice generated"]
    assert second[2]["data"]["invoiceId"] != data["invoiceId"]
    state = service(sandbox, 20000)
    assert state["renewal_invoices"] == 2 and state["unpaid_invoices"] == 2 and state["renew_calls"] == {"v1": 2, "v2": 0}
    assert state["next_due"] > due + 55 * DAY  # two cycles later: the customer is billed twice


def test_v1_renew_without_move_due_keeps_the_due_date(sandbox):
    due = service(sandbox, 20003)["next_due"]
    assert v1_renew(sandbox, 20003)[0] == 200
    state = service(sandbox, 20003)
    assert state["next_due"] == due and state["unpaid_invoices"] == 2  # the cron invoice and the new one


def test_v1_renew_refusals(sandbox):
    assert v1_renew(sandbox, "abc")[2]["code"] == "BAD_REQUEST"
    assert v1_renew(sandbox, 99999)[0] == 404
    status, _headers, body = v1_renew(sandbox, 20004)
    assert status == 400 and body["code"] == "BAD_REQUEST" and body["message"].startswith("Tjänsten")


def test_v1_pricing_failure_answers_internal_error_with_or_without_an_invoice(sandbox):
    status, _headers, body = v1_renew(sandbox, 20006)
    assert status == 500 and body["code"] == "INTERNAL_ERROR"
    assert body["message"] == "Could not refresh pricing for this service. Please try again later."
    assert service(sandbox, 20006)["renewal_invoices"] == 1  # made anyway
    assert v1_renew(sandbox, 20007)[0] == 500 and service(sandbox, 20007)["renewal_invoices"] == 0
    assert v1_renew(sandbox, 20007)[0] == 200  # only `times` failures
    committed = [entry["committed"] for entry in sandbox.requests(operation="renew")]
    assert committed == [True, False, True]


# -- v1 invoices and pay -------------------------------------------------------------------

def test_v1_invoice_search_filters_pages_and_rejects_unknown_statuses(sandbox):
    for _call in range(3):
        v1_renew(sandbox, 20000)
    body = unpaid_v1(sandbox, limit=2)[2]["data"]
    assert body["total"] == 4 and body["pages"] == 2 and body["hasMore"] is True and len(body["invoices"]) == 2
    assert all(row["status"] == "Unpaid" and "items" not in row for row in body["invoices"])
    assert unpaid_v1(sandbox, limit=2, page=2)[2]["data"]["hasMore"] is False
    status, _headers, error = unpaid_v1(sandbox, status="unpaid")  # HostBill words, exact case
    assert status == 400 and error["code"] == "BAD_REQUEST"
    everything = hu(sandbox, "GET", "billing/invoices")[2]["data"]
    assert {row["status"] for row in everything["invoices"]} == {"Unpaid", "Paid"}


def test_v1_invoice_detail_ties_items_to_accounts(sandbox):
    paid_id = next(key for key, value in sandbox.state("hostup")["invoices"].items() if value["status"] == "Paid")
    detail = hu(sandbox, "GET", f"billing/invoice/{paid_id}")[2]["data"]["invoice"]
    assert [(item["type"], item["item_id"]) for item in detail["items"]] == [("Hosting", "20000"), ("Hosting", "20003")]
    assert hu(sandbox, "GET", "billing/invoice/1")[0] == 404


def test_v1_invoice_detail_without_items_when_the_account_does_not_pass_them(sandbox):
    sandbox.reset({"hostup": dict(FIXTURE["hostup"], invoice_items_in_detail=False)})
    invoice_id = v1_renew(sandbox, 20000)[2]["data"]["invoiceId"]
    assert "items" not in hu(sandbox, "GET", f"billing/invoice/{invoice_id}")[2]["data"]["invoice"]


def test_v1_pay_is_asynchronous_and_unguarded(sandbox):
    invoice_id = v1_renew(sandbox, 20003)[2]["data"]["invoiceId"]
    due = service(sandbox, 20003)["next_due"]
    first = hu(sandbox, "POST", "billing/pay", {"invoiceId": invoice_id, "cardId": "primary"})
    assert first[0] == 200 and first[2]["data"]["message"] == "Function has been scheduled for execution"
    assert hu(sandbox, "GET", f"billing/invoice/{invoice_id}")[2]["data"]["invoice"]["status"] == "Unpaid"
    assert hu(sandbox, "POST", "billing/pay", {"invoiceId": int(invoice_id), "cardId": "primary"})[0] == 200  # no guard
    time.sleep(0.7)
    assert hu(sandbox, "GET", f"billing/invoice/{invoice_id}")[2]["data"]["invoice"]["status"] == "Paid"
    assert invoice(sandbox, invoice_id)["charges"] == 2  # the customer paid twice
    assert service(sandbox, 20003)["next_due"] > due + 27 * DAY
    status, _headers, body = hu(sandbox, "POST", "billing/pay", {"invoiceId": invoice_id, "cardId": "primary"})
    assert status == 400 and body["code"] == "BAD_REQUEST"
    assert hu(sandbox, "POST", "billing/pay", {"invoiceId": invoice_id})[0] == 400  # cardId is required


# -- v2 --------------------------------------------------------------------------------------

def test_v2_renew_once_then_409_existing_invoice_blocking(sandbox):
    status, _headers, body = hu(sandbox, "POST", "v2/vps/vps_a1/actions/renew", {})
    assert status == 200 and body["vpsId"] == "vps_a1" and body["renewalScheduled"] is True
    assert body["invoiceLookupPending"] is False and body["renewalInvoice"]["status"] == "unpaid"
    assert body["renewalInvoice"]["id"].startswith("inv_") and body["billing"] == {"amount": 149, "currencyCode": "SEK"}
    status, headers, problem = hu(sandbox, "POST", "v2/vps/vps_a1/actions/renew", {})
    assert status == 409 and headers["Content-Type"] == "application/problem+json"
    assert problem["code"] == "existing_invoice_blocking" and problem["type"].endswith("/existing_invoice_blocking")
    assert problem["extensions"]["invoice"]["id"] == body["renewalInvoice"]["id"]
    cycle = hu(sandbox, "GET", "v2/vps/vps_a1/actions/billing-cycle")[2]
    assert [item["id"] for item in cycle["blockingInvoices"]] == [body["renewalInvoice"]["id"]]
    assert service(sandbox, 20001)["renewal_invoices"] == 1


def test_v2_sees_invoices_made_through_v1(sandbox):
    assert hu(sandbox, "POST", "services/20001/renew")[0] == 200
    assert hu(sandbox, "POST", "v2/vps/vps_a1/actions/renew", {})[0] == 409


def test_v2_renew_validates_its_body(sandbox):
    status, _headers, problem = hu(sandbox, "POST", "v2/vps/vps_a1/actions/renew", {"cancelExistingInvoice": True})
    assert status == 400 and problem["code"] == "invalid_request" and problem["errors"][0]["pointer"] == "/cancelExistingInvoice"
    assert hu(sandbox, "POST", "v2/vps/vps_a1/actions/renew", {"addonIds": ["a"] * 21})[0] == 400
    assert hu(sandbox, "POST", "v2/vps/vps_a1/actions/renew", {"addonIds": ["a"]})[0] == 200


def test_v2_payg_and_wrong_kind(sandbox):
    details = hu(sandbox, "GET", "v2/vps/vps_payg/details")[2]
    assert details["billing"]["isPayg"] is True and details["nextDueAt"] is None
    assert hu(sandbox, "POST", "v2/vps/vps_payg/actions/renew", {})[0] == 409
    assert hu(sandbox, "GET", "v2/vps/acct_b2/details")[2]["code"] == "vps_not_found"


def test_v2_invoice_created_asynchronously(sandbox):
    body = hu(sandbox, "POST", "v2/vps/vps_slow/actions/renew", {})[2]
    assert body["renewalInvoice"] is None and body["invoiceLookupPending"] is True
    assert hu(sandbox, "GET", "v2/vps/vps_slow/actions/billing-cycle")[2]["blockingInvoices"] == []
    assert hu(sandbox, "POST", "v2/vps/vps_slow/actions/renew", {})[0] == 409  # the guard already knows
    time.sleep(0.7)
    assert len(hu(sandbox, "GET", "v2/vps/vps_slow/actions/billing-cycle")[2]["blockingInvoices"]) == 1
    assert service(sandbox, 20005)["renewal_invoices"] == 1


def test_v2_hosting_account_carries_its_blocking_invoices(sandbox):
    account = hu(sandbox, "GET", "v2/shared-hosting/acct_b2")[2]
    assert account["billing"]["billingCycle"] == "annually" and account["expiresAt"] and account["nextDueAt"]
    assert account["billingCycleState"]["blockingInvoices"] == []
    renewal = hu(sandbox, "POST", "v2/shared-hosting/acct_b2/actions/renew", {})[2]
    assert renewal["accountId"] == "acct_b2"
    blocking = hu(sandbox, "GET", "v2/shared-hosting/acct_b2")[2]["billingCycleState"]["blockingInvoices"]
    assert [item["id"] for item in blocking] == [renewal["renewalInvoice"]["id"]]
    details = hu(sandbox, "GET", "v2/shared-hosting/acct_b2/account-details")[2]
    assert set(details) == {"id", "serviceStatus", "nextDueAt", "billing"}


def test_v2_payment_is_asynchronous_and_refuses_a_second_one(sandbox):
    renewal = hu(sandbox, "POST", "v2/vps/vps_a1/actions/renew", {})[2]
    invoice_id, due = renewal["renewalInvoice"]["id"], service(sandbox, 20001)["next_due"]
    assert hu(sandbox, "POST", f"v2/billing/invoices/{invoice_id}/actions/pay", {})[0] == 202
    status, _headers, problem = hu(sandbox, "POST", f"v2/billing/invoices/{invoice_id}/actions/pay", {})
    assert status == 409 and problem["code"] == "invoice_payment_in_progress"
    time.sleep(0.7)
    listed = hu(sandbox, "GET", "v2/billing/invoices")[2]["data"]
    assert next(item for item in listed if item["id"] == invoice_id)["status"] == "paid"
    assert invoice(sandbox, invoice_id[4:])["charges"] == 1
    details = hu(sandbox, "GET", "v2/vps/vps_a1/details")[2]
    assert details["nextDueAt"] == renewal["newExpiresAt"] and service(sandbox, 20001)["next_due"] > due
    assert hu(sandbox, "POST", f"v2/billing/invoices/{invoice_id}/actions/pay", {})[2]["code"] == "invoice_not_payable"
    assert hu(sandbox, "POST", "v2/vps/vps_a1/actions/renew", {})[0] == 200  # paid: the next renewal is allowed


def test_v2_lists_page_with_cursors(sandbox):
    for account in ("services/20000/renew", "services/20001/renew", "services/20002/renew"):
        hu(sandbox, "POST", account)
    first = hu(sandbox, "GET", "v2/billing/invoices", query="?limit=3")[2]
    assert len(first["data"]) == 3 and first["nextCursor"]
    rest = hu(sandbox, "GET", "v2/billing/invoices", query=f"?limit=3&cursor={first['nextCursor']}")[2]
    assert rest["nextCursor"] is None and len(first["data"]) + len(rest["data"]) == 5  # 2 fixture invoices + 3
    assert hu(sandbox, "GET", "v2/billing/invoices", query="?limit=0")[0] == 400
    assert hu(sandbox, "GET", "v2/billing/invoices", query="?cursor=bogus")[0] == 400
    assert [item["id"] for item in hu(sandbox, "GET", "v2/vps")[2]["data"]] == ["vps_a1", "vps_payg", "vps_slow"]


# -- rate limit, faults, log, clock ----------------------------------------------------------

def test_native_rate_limit_has_the_documented_headers_and_bodies(sandbox):
    sandbox.reset({"hostup": dict(FIXTURE["hostup"], rate_limit={"limit": 2, "window_seconds": 30})})
    ok = hu(sandbox, "GET", "client-accounts")
    assert ok[0] == 200 and ok[1]["X-RateLimit-Limit"] == "2" and ok[1]["X-RateLimit-Remaining"] == "1"
    hu(sandbox, "GET", "client-accounts")
    status, headers, body = hu(sandbox, "GET", "client-accounts")
    assert status == 429 and int(headers["Retry-After"]) >= 1 and headers["X-RateLimit-Remaining"] == "0"
    assert headers["X-RateLimit-Reset"].endswith("Z")
    assert set(body) == {"error", "message", "retryAfter", "requestId"} and body["retryAfter"] == headers["Retry-After"]
    status, _headers, problem = hu(sandbox, "GET", "v2/vps/vps_a1")
    assert status == 429 and problem["code"] == "rate_limited"


@pytest.mark.parametrize("kind, params, status, invoices", [
    ("latency", {"ms": 100}, 200, 1),
    ("rate_limit", {"retry_after": 3}, 429, 0),
    ("error_before_commit", {}, 503, 0),
    ("commit_then_500", {}, 500, 1),
    ("malformed_json", {"commit": True}, 200, 1),
    ("malformed_json", {}, 200, 0),
    ("html_error", {}, 500, 0),
    ("forbidden", {}, 403, 0),
    ("unauthorized", {}, 401, 0),
    ("not_found", {}, 404, 0),
    ("validation", {}, 422, 0),
    ("locked", {}, 423, 0),
    ("api_error", {}, 500, 0),
])
@pytest.mark.parametrize("path, operation, account_id", [
    ("services/20000/renew", "renew", 20000),
    ("v2/vps/vps_a1/actions/renew", "v2_renew", 20001),
])
def test_every_fault_kind_on_both_renew_calls(sandbox, kind, params, status, invoices, path, operation, account_id):
    sandbox.set_faults([{"provider": "hostup", "operation": operation, "order_id": account_id, "kind": kind, "params": params}])
    got_status, headers, body = hu(sandbox, "POST", path, {} if operation == "v2_renew" else None)
    assert got_status == status
    assert service(sandbox, account_id)["renewal_invoices"] == invoices
    if kind == "rate_limit":
        assert headers["Retry-After"] == "3"
    if kind in ("unauthorized", "not_found", "validation", "locked", "api_error"):  # the called API's own error dialect
        assert body["code"] == FAULT_CODES[operation][status] and body["requestId"]
        assert headers["Content-Type"].startswith("application/problem+json" if operation == "v2_renew" else "application/json")
    entry = sandbox.requests(provider="hostup", operation=operation)[-1]
    assert entry["fault"] == kind and entry["order_id"] == account_id and entry["committed"] is bool(invoices)


def test_reset_and_hang_faults_commit_before_the_connection_dies(sandbox):
    sandbox.set_faults([{"provider": "hostup", "operation": "renew", "kind": "commit_then_reset", "times": 1},
                        {"provider": "hostup", "operation": "v2_renew", "kind": "commit_then_hang", "seconds": 1, "times": 1}])
    with pytest.raises((ConnectionError, urllib.error.URLError, OSError)):
        v1_renew(sandbox, 20000)
    with pytest.raises((ConnectionError, urllib.error.URLError, OSError)):
        hu(sandbox, "POST", "v2/vps/vps_a1/actions/renew", {})
    assert service(sandbox, 20000)["renewal_invoices"] == 1 and service(sandbox, 20001)["renewal_invoices"] == 1


def test_api_error_dialect_can_be_forced(sandbox):
    sandbox.set_faults([{"provider": "hostup", "operation": "v2_renew", "kind": "api_error", "status": 502, "style": "lower"},
                        {"provider": "hostup", "operation": "renew", "kind": "api_error", "status": 502, "style": "toplevel"}])
    assert hu(sandbox, "POST", "v2/vps/vps_a1/actions/renew", {})[2]["code"] == "external_provider_failed"
    assert hu(sandbox, "POST", "services/20000/renew")[2] == {"error": "Internal error"}


def test_request_log_has_accounts_and_no_credentials(sandbox):
    v1_renew(sandbox, 20000)
    invoice_id = hu(sandbox, "POST", "v2/vps/vps_a1/actions/renew", {})[2]["renewalInvoice"]["id"]
    hu(sandbox, "POST", f"v2/billing/invoices/{invoice_id}/actions/pay", {})
    hu(sandbox, "GET", "client-accounts", query=f"?key={KEY}")
    raw = json.dumps(sandbox.requests())
    assert KEY not in raw
    entries = sandbox.requests(provider="hostup")
    assert [(entry["operation"], entry["order_id"]) for entry in entries] == [
        ("renew", 20000), ("v2_renew", 20001), ("v2_pay", 20001), ("accounts", None)]
    assert entries[-1]["path"] == "/hostup/api/client-accounts" and entries[-1]["params"]["key"] == ["***"]


def test_clock_advance_ages_due_dates(sandbox):
    before = service(sandbox, 20000)["next_due"]
    sandbox.advance_clock(9)
    assert service(sandbox, 20000)["next_due"] == before - 9 * DAY


def test_fixture_errors_are_refused(sandbox):
    for bad in ({"services": [{"account_id": 1, "kind": "vps", "public_id": "acct_x"}]},
                {"services": [{"account_id": 1, "billing_cycle": "weekly"}]},
                {"services": [{"account_id": 1}, {"account_id": 1}]},
                {"services": [{"account_id": 1, "payg": True, "unpaid_invoice": True}]},
                {"invoices": [{"accounts": [5]}]},
                {"surprise": 1}):
        with pytest.raises(Exception, match="400"):
            sandbox.reset({"hostup": bad})


def test_generated_fixture_loads():
    fixture = generate_fixture(30, 0.2, seed=1, providers=("hostup",))
    assert len(fixture["hostup"]["services"]) == 30
    with SandboxProcess(fixture=fixture) as process:
        assert len(process.state("hostup")["services"]) == 30
