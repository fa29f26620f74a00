"""HostUp listings: v1 hosting-accounts pages, and an unpaid v1 renewal invoice that stays in sight."""

import pytest

from apicall import hostup
from sandbox.client import SandboxProcess

SERVICES = [{"account_id": 22000 + index, "kind": "hosting", "name": f"h{index}.example.se", "next_due_in_days": 8 + index}
            for index in range(5)] + [{"account_id": 22100, "public_id": "vps_x1", "next_due_in_days": 30}]


@pytest.fixture(scope="module")
def sandbox():
    with SandboxProcess(fixture={"hostup": {"services": SERVICES}}) as process:
        yield process


@pytest.fixture(autouse=True)
def fresh(sandbox):
    sandbox.reset()


def test_hosting_accounts_lists_hosting_only_with_pagination(sandbox):
    status, _headers, body = hostup(sandbox, "GET", "hosting-accounts")
    assert status == 200 and body["success"] is True
    data = body["data"]
    assert [row["id"] for row in data["accounts"]] == [22000 + index for index in range(5)]
    assert data["pagination"] == {"currentPage": 1, "perPage": 1000, "totalPages": 1, "totalRecords": 5, "totalAllAccounts": 6}
    row = data["accounts"][0]
    assert row["status"] == "Active" and row["billingCycle"] == "Monthly" and len(row["nextDue"]) == 10 and row["expires"] == row["nextDue"]
    page = hostup(sandbox, "GET", "hosting-accounts?perPage=2&page=3")[2]["data"]
    assert [row["id"] for row in page["accounts"]] == [22004] and page["pagination"]["totalPages"] == 3
    assert hostup(sandbox, "GET", "hosting-accounts?perPage=1001")[0] == 400


def test_an_unpaid_v1_renewal_invoice_stays_listed_and_the_paid_until_date_stays(sandbox):
    before = hostup(sandbox, "GET", "hosting-accounts")[2]["data"]["accounts"][0]
    invoice_id = hostup(sandbox, "POST", "services/22000/renew")[2]["data"]["invoiceId"]
    sandbox.advance_clock(20)
    for _run in range(2):  # every later read still shows it
        unpaid = hostup(sandbox, "POST", "billing/invoices", {"filters": {"status": "Unpaid"}})[2]["data"]["invoices"]
        assert [row["id"] for row in unpaid] == [invoice_id]
    after = hostup(sandbox, "GET", "hosting-accounts")[2]["data"]["accounts"][0]
    # next_due moved a cycle when the invoice was made; the paid-until date (when the service runs out) did not.
    assert after["nextDue"] > before["nextDue"] and after["expires"] < before["expires"]
    detail = hostup(sandbox, "GET", f"billing/invoice/{invoice_id}")[2]["data"]["invoice"]
    assert detail["status"] == "Unpaid" and detail["items"][0]["item_id"] == "22000"
