"""VPSBG money and big accounts: paying an awaiting-payment order from the balance, the balance ledger, and
accounts whose support order hides behind hundreds of paged server orders."""

import pytest

from apicall import vpsbg
from sandbox.client import SandboxError, SandboxProcess
from sandbox.fixture_gen import support_plan_account

FIXTURE = {"vpsbg": {"balance": "0.00", "servers": [{"id": 4101, "expires_in_days": 5, "price": "10.00"},
                                                    {"id": 4102, "expires_in_days": 6, "price": "20.00"}]}}
SANDBOX_FIXTURE = FIXTURE  # the module's sandbox (conftest.py)
LIST_ROW_FIELDS = {"id", "tax_rate", "amount", "amount_with_vat", "amount_from_balance", "payment_method", "status", "type", "auto_pay",
                   "promo_applicable", "created_at", "due_at", "payment_date", "promo", "payment_information"}


def renew(sandbox, server_id):
    status, _headers, order = vpsbg(sandbox, "POST", "servers/renew", {"server_ids": [server_id], "billing_cycle": 1})
    assert status == 201, order
    return order


def pay(sandbox, order_ids, method="balance"):
    return vpsbg(sandbox, "POST", "orders/pay", {"order_ids": order_ids, "payment_method": method})


def test_an_awaiting_order_is_paid_from_the_balance(sandbox):
    order = renew(sandbox, 4101)
    assert order["status"] == "awaiting_payment"
    server = sandbox.state("vpsbg")["servers"]["4101"]
    assert server["potential_expiry_at"] > server["expiry_at"]
    status, _headers, body = pay(sandbox, [order["id"]])
    assert status == 422 and body["errors"]["balance"] == ["Insufficient balance: the orders cost 12, the balance is 0."]
    assert sandbox.admin_post("/_admin/vpsbg/balance", {"add": "30"}) == {"balance": "30.00"}
    status, _headers, body = pay(sandbox, [order["id"]])
    assert status == 200 and body["data"][0]["status"] == "paid" and body["data"][0]["amount_from_balance"] == 12
    state = sandbox.state("vpsbg")
    assert state["servers"]["4101"]["expiry_at"] == server["potential_expiry_at"]
    assert state["balance"] == "18.00" and state["debited_total"] == "12.00"
    assert [entry["order_id"] for entry in state["debits"]] == [order["id"]]
    assert vpsbg(sandbox, "GET", "balance")[2]["balance"] == 18
    status, _headers, body = pay(sandbox, [order["id"]])  # paying twice is refused
    assert status == 422 and "not awaiting payment (status: paid)" in body["errors"]["order_ids.0"][0]


def test_a_renewal_the_balance_covers_pays_itself_and_is_debited(sandbox):
    sandbox.admin_post("/_admin/vpsbg/balance", {"balance": "100"})
    assert renew(sandbox, 4102)["status"] == "paid"
    state = sandbox.state("vpsbg")
    assert state["balance"] == "76.00" and state["debits"][0]["amount"] == "24.00"


@pytest.mark.parametrize("body, field", [
    ({"payment_method": "balance"}, "order_ids"),
    ({"order_ids": [1], "payment_method": "balance"}, "order_ids.0"),
    ({"order_ids": [], "payment_method": "card"}, "payment_method"),
    ({"order_ids": []}, "payment_method"),
])
def test_pay_validation(sandbox, body, field):
    status, _headers, answer = vpsbg(sandbox, "POST", "orders/pay", body)
    assert status == 422 and field in answer["errors"]
    assert sandbox.state("vpsbg")["debits"] == []


@pytest.mark.parametrize("n_servers", [10, 150, 500])
def test_the_support_order_is_behind_every_server_order(n_servers):
    with SandboxProcess(fixture=support_plan_account(n_servers, history_months=3)) as sandbox:
        first = vpsbg(sandbox, "GET", "orders?filter[status]=paid&per_page=50&page=1")[2]
        assert first["meta"]["per_page"] == 50 and first["meta"]["total"] == n_servers * 3 + 3
        assert set(first["data"][0]) == LIST_ROW_FIELDS  # list rows: no services, no invoices
        last_page = first["meta"]["last_page"]
        assert last_page == -(-(n_servers * 3 + 3) // 50)
        seen, support_orders = [], []
        for number in range(1, last_page + 1):
            body = vpsbg(sandbox, "GET", f"orders?filter[status]=paid&per_page=50&page={number}")[2]
            seen += [row["id"] for row in body["data"]]
        assert seen == sorted(seen, reverse=True)  # newest first
        orders = sandbox.state("vpsbg")["orders"]
        support_orders = [order_id for order_id in seen if orders[str(order_id)]["lines"]
                          and orders[str(order_id)]["lines"][0]["service_type"] == "support"]
        assert support_orders == seen[-2:]  # the renewal, then the purchase: the oldest orders of the account
        detail = vpsbg(sandbox, "GET", f"orders/{support_orders[0]}")[2]
        assert detail["services"][0]["service_type"] == "support" and detail["services"][0]["service_billing_cycle"] == 12
        assert vpsbg(sandbox, "GET", "orders?per_page=51")[0] == 422


def test_a_server_price_raised_at_run_time_is_quoted_and_billed(sandbox):
    assert sandbox.admin_post("/_admin/vpsbg/server-price", {"server_id": 4101, "price": "15.00"}) == {
        "server_id": 4101, "price": "15.00"}
    status, _headers, quote = vpsbg(sandbox, "POST", "servers/renew/calculate", {"server_ids": [4101], "billing_cycle": 1})
    assert status == 200 and quote["amount_with_vat"] == 18
    assert renew(sandbox, 4101)["amount_with_vat"] == 18
    status, _headers, other = vpsbg(sandbox, "POST", "servers/renew/calculate", {"server_ids": [4102], "billing_cycle": 1})
    assert other["amount_with_vat"] == 24, "only that server's price changed"


@pytest.mark.parametrize("body", [{"server_id": 9, "price": "1"}, {"server_id": 4101, "price": "-1"},
                                  {"server_id": 4101, "price": "1", "plan": "x"}])
def test_a_wrong_server_price_change_is_refused(sandbox, body):
    with pytest.raises(SandboxError, match="400"):
        sandbox.admin_post("/_admin/vpsbg/server-price", body)
