"""Faults aimed at listing pages (a failed page, an incomplete or unparseable page, a 429 storm) on every
provider's list calls, and the request log's page and query fields."""

import pytest

from apicall import hostup, vpsbg
from lbcall import API_KEY, AUTH_USERID, get
from sandbox.client import SandboxError

LB_ORDERS = [{"order_id": 8000 + index, "product": "domain", "description": f"list{index}.com", "expires_in_days": 10 + index,
              "price": "10.00"} for index in range(25)]
FIXTURE = {
    "logicboxes": {"auth_userid": AUTH_USERID, "api_key": API_KEY, "orders": LB_ORDERS},
    "vpsbg": {"servers": [{"id": 9000 + index, "expires_in_days": 10 + index} for index in range(7)]},
    "hostup": {"services": [{"account_id": 21000 + index, "public_id": f"vps_l{index}", "next_due_in_days": 10 + index}
                            for index in range(7)]},
}
SANDBOX_FIXTURE = FIXTURE  # the module's sandbox (conftest.py)
PROVIDERS = ("logicboxes", "vpsbg", "hostup")
EXPIRY_FIELD = {"logicboxes": "orders.endtime", "vpsbg": "expiry_at", "hostup": "nextDueAt"}


def pages(sandbox, provider, count=3):
    """Read `count` pages of the provider's listing in order: [(status, body), ...] (a HostUp cursor comes from the page before)."""
    answers, cursor = [], None
    for number in range(1, count + 1):
        if provider == "logicboxes":
            status, _headers, body = get(sandbox, "domains/search.json", {"no-of-records": "10", "page-no": str(number)})
        elif provider == "vpsbg":
            status, _headers, body = vpsbg(sandbox, "GET", f"servers?per_page=3&page={number}")
        else:
            status, _headers, body = hostup(sandbox, "GET", "v2/vps?limit=3" + (f"&cursor={cursor}" if cursor else ""))
            cursor = body.get("nextCursor") if isinstance(body, dict) else None
        answers.append((status, body))
    return answers


def rows(provider, body):
    """The row objects of a listing body."""
    if provider == "logicboxes":
        return [body[key] for key in body if key.isdigit()]
    return body["data"]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_5xx_on_one_page_only(sandbox, provider):
    sandbox.set_faults([{"provider": provider, "listing": True, "page": 2, "kind": "error_before_commit"}])
    statuses = [status for status, _body in pages(sandbox, provider)]
    assert statuses == [200, 503, 200]
    # A HostUp client that lost page 2 has no cursor for page 3 and starts over at page 1.
    assert [entry["page"] for entry in sandbox.requests(provider=provider)] == ([1, 2, 1] if provider == "hostup" else [1, 2, 3])
    assert [entry["fault"] for entry in sandbox.requests(provider=provider)] == [None, "error_before_commit", None]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_an_incomplete_page_loses_its_expiry_field(sandbox, provider):
    sandbox.set_faults([{"provider": provider, "listing": True, "page": 1, "kind": "drop_fields"}])
    (status, body), (_status, clean) = pages(sandbox, provider, count=2)
    assert status == 200 and rows(provider, body)
    assert all(EXPIRY_FIELD[provider] not in row for row in rows(provider, body))
    assert all(EXPIRY_FIELD[provider] in row for row in rows(provider, clean))


def test_drop_fields_can_target_some_rows_and_the_envelope(sandbox):
    sandbox.set_faults([{"provider": "logicboxes", "listing": True, "kind": "drop_fields", "fields": ["recsindb", "orders.orderid"],
                         "rows": 2}])
    body = pages(sandbox, "logicboxes", count=1)[0][1]
    assert "recsindb" not in body and body["recsonpage"] == "10"
    assert ["orders.orderid" in body[str(number)] for number in range(1, 5)] == [False, False, True, True]
    sandbox.set_faults([{"provider": "vpsbg", "listing": True, "kind": "drop_fields", "fields": ["meta", "links"]}])
    body = pages(sandbox, "vpsbg", count=1)[0][1]
    assert set(body) == {"data"} and len(body["data"]) == 3


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_malformed_page(sandbox, provider):
    sandbox.set_faults([{"provider": provider, "listing": True, "page": 1, "kind": "malformed_json"}])
    status, body = pages(sandbox, provider, count=1)[0]
    assert status == 200 and isinstance(body, bytes)


def test_a_429_storm_on_listing_calls_only(sandbox):
    sandbox.set_faults([{"listing": True, "kind": "rate_limit", "retry_after": 3, "times": 4}])
    assert [status for status, _body in pages(sandbox, "logicboxes", count=2)] == [429, 429]
    details = get(sandbox, "domains/details.json", {"order-id": "8000", "options": "OrderDetails"})
    assert details[0] == 200  # not a listing call: untouched by the storm
    assert [status for status, _body in pages(sandbox, "vpsbg", count=3)] == [429, 429, 200]
    assert sandbox.admin_get("/_admin/faults")["rules"][0]["fired"] == 4


def test_listing_calls_of_every_provider_carry_listing_and_page(sandbox):
    pages(sandbox, "logicboxes", count=1)
    pages(sandbox, "vpsbg", count=1)
    pages(sandbox, "hostup", count=2)
    vpsbg(sandbox, "GET", "orders?filter[status]=paid&page=2")
    hostup(sandbox, "GET", "client-accounts")
    hostup(sandbox, "POST", "billing/invoices", {"filters": {"status": "Unpaid", "page": 3}})
    hostup(sandbox, "GET", "hosting-accounts?page=2")
    seen = [(entry["operation"], entry["page"]) for entry in sandbox.requests()]
    assert seen == [("search", 1), ("servers", 1), ("v2_list", 1), ("v2_list", 2), ("orders", 2), ("accounts", 1),
                    ("invoices", 3), ("hosting_accounts", 2)]
    sandbox.set_faults([{"provider": "hostup", "operation": "invoices", "page": 3, "kind": "html_error"}])
    assert hostup(sandbox, "POST", "billing/invoices", {"filters": {"status": "Unpaid", "page": 3}})[0] == 500
    assert hostup(sandbox, "POST", "billing/invoices", {"filters": {"status": "Unpaid", "page": 1}})[0] == 200


@pytest.mark.parametrize("rule, words", [
    ({"kind": "html_error", "page": 0}, "page"),
    ({"kind": "html_error", "listing": "yes"}, "listing"),
    ({"kind": "drop_fields", "fields": "expiry_at"}, "fields"),
    ({"kind": "drop_fields", "rows": -1}, "rows"),
])
def test_bad_listing_rules_are_refused(sandbox, rule, words):
    with pytest.raises(SandboxError) as error:
        sandbox.set_faults([rule])
    assert words in str(error.value)
