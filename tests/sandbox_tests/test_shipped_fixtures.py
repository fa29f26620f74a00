"""The fixtures shipped in tests/sandbox/fixtures/ load and hold what the demo shows."""

import json
import os

import pytest

from apicall import hostup, vpsbg
from lbcall import get
from sandbox.client import DEMO_FIXTURE, SandboxProcess

THREE_PROVIDERS = os.path.join(os.path.dirname(DEMO_FIXTURE), "three-providers.json")
LB_CREDENTIALS = {"auth-userid": "1001", "api-key": "sandbox-lb-key"}


@pytest.fixture(scope="module")
def sandbox():
    with SandboxProcess(fixture=THREE_PROVIDERS) as process:
        yield process


def test_demo_fixture_still_loads():
    with SandboxProcess() as process:
        assert "5001" in process.state("logicboxes")["orders"]


def test_three_providers_are_served(sandbox):
    assert set(sandbox.admin_get("/_admin/health")["providers"]) == {"logicboxes", "vpsbg", "hostup"}
    with open(THREE_PROVIDERS, encoding="utf-8") as handle:
        fixture = json.load(handle)
    assert all(len(fixture[name]["orders" if name == "logicboxes" else "servers" if name == "vpsbg" else "services"]) >= 2
               for name in ("logicboxes", "vpsbg", "hostup"))


def test_one_order_is_priced_above_a_small_max_price(sandbox):
    cost = get(sandbox, "products/reseller-cost-price.json", credentials=LB_CREDENTIALS)[2]
    plan = get(sandbox, "dedicatedserver/linux/us/details.json", {"order-id": "5102"}, credentials=LB_CREDENTIALS)[2]["planid"]
    assert cost["dedicatedserverlinuxus"]["plans"][plan]["renew"]["1"] == 80
    balance = get(sandbox, "billing/reseller-balance.json", {"reseller-id": "1001"}, credentials=LB_CREDENTIALS)[2]
    assert balance["sellingcurrencybalance"] == "250.000"


def test_due_renewals_await_payment(sandbox):
    status, _headers, order = vpsbg(sandbox, "POST", "servers/renew", {"server_ids": [3101], "billing_cycle": 1})
    assert status == 201 and order["status"] == "awaiting_payment"  # the balance is 0
    status, _headers, body = hostup(sandbox, "POST", "services/20101/renew")
    assert status == 200
    unpaid = hostup(sandbox, "POST", "billing/invoices", {"filters": {"status": "Unpaid"}})[2]["data"]["invoices"]
    assert [row["id"] for row in unpaid] == [body["data"]["invoiceId"]]
    sandbox.reset()
