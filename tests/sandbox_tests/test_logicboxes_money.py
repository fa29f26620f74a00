"""LogicBoxes money in the sandbox: the price catalogue, balances, debits at reseller cost, funds-queued renewals,
and the record of what every renew call did to the auto-renew flag."""

import pytest

from lbcall import API_KEY, AUTH_USERID, call, get, order_state
from sandbox.client import SandboxProcess

ORDERS = [
    {"order_id": 7001, "product": "dedicated_server_linux", "region": "us", "expires_in_days": 5, "price": "12.00", "cost_price": "10.00"},
    {"order_id": 7002, "product": "dedicated_server_linux", "region": "us", "expires_in_days": 6, "price": "12.00", "cost_price": "10.00",
     "recurring": True},
    {"order_id": 7003, "product": "dedicated_server_linux", "region": "us", "expires_in_days": 7, "price": {"1": "90.00", "12": "75.00"}},
    {"order_id": 7004, "product": "domain", "description": "money.net", "expires_in_days": 9, "price": "11.00", "cost_price": "9.50"},
    {"order_id": 7005, "product": "business_email", "region": "us", "expires_in_days": 9, "price": "1.50", "cost_price": "1.00",
     "email_accounts": 4},
    {"order_id": 7006, "product": "single_domain_hosting_linux", "region": "us", "expires_in_days": 9,
     "price": {"3": "4.00", "12": "3.50"}, "cost_price": "3.00"},
    {"order_id": 7007, "product": "backup", "region": "us", "expires_in_days": 9, "price": "5.00", "cost_price": "4.00",
     "customer_id": "30002"},
    {"order_id": 7008, "product": "vps_linux", "region": "in", "expires_in_days": 9, "price": "20.00", "plan_id": "55"},
]
FIXTURE = {"logicboxes": {"auth_userid": AUTH_USERID, "api_key": API_KEY, "reseller_balance": "35.00", "customer_balance": "50.00",
                          "customer_balances": {"30002": "6.00"}, "selling_currency": "USD", "orders": ORDERS}}
SANDBOX_FIXTURE = FIXTURE  # the module's sandbox (conftest.py)
RESELLER_SHORT = ("Insufficient funds in the reseller account. The action has been queued and will be executed when sufficient "
                  "funds are available.")


def renew(sandbox, order_id, months=1, option="NoInvoice", path="dedicatedserver/linux/us", **extra):
    params = dict({"order-id": str(order_id), "months": str(months), "invoice-option": option}, **extra)
    return call(sandbox, f"{path}/renew.json", params)


def lb_state(sandbox):
    return sandbox.state("logicboxes")


def test_catalogue_layouts_follow_the_reference(sandbox):
    status, _headers, cost = get(sandbox, "products/reseller-cost-price.json")
    assert status == 200
    server = cost["dedicatedserverlinuxus"]
    assert set(server) == {"addons", "plans"}
    assert server["plans"]["101"]["renew"]["1"] == 10 and server["plans"]["102"]["renew"] == {"1": 90, "12": 75}
    assert cost["dotnet"]["renewdomain"]["1"] == "9.50" and cost["dotnet"]["renewdomain"]["2"] == "19.00"  # strings, N years
    assert cost["eeliteus"]["email_account_ranges"]["1-5"]["renew"]["12"] == 1
    # Hosting reseller cost: productkey -> productkey -> plan -> pricing, no tenure level.
    assert cost["singledomainhostinglinuxus"]["singledomainhostinglinuxus"]["101"]["pricing"]["renew"] == 3
    assert cost["vpslinuxin"]["plans"]["55"]["renew"]["1"] == 20
    assert "backup" not in "".join(cost) and "sslcert" not in cost  # no known layout: not published
    status, _headers, customer = get(sandbox, "products/customer-price.json")
    assert customer["dedicatedserverlinuxus"]["plans"]["101"]["renew"]["1"] == 12
    assert customer["singledomainhostinglinuxus"]["101"]["renew"] == {"3": 4, "12": 3.5}
    assert customer["singledomainhostinglinuxus"]["101"]["ssl"] == 15.0
    assert customer["dotnet"]["renewdomain"]["1"] == "11.00"
    assert get(sandbox, "products/reseller-cost-price.json", {"reseller-id": "1"})[2] == {
        "status": "ERROR", "message": "You are not allowed to perform this action"}


def test_details_name_the_plan_and_the_catalogue_key(sandbox):
    body = get(sandbox, "dedicatedserver/linux/us/details.json", {"order-id": "7003"})[2]
    assert body["planid"] == "102" and body["productkey"] == "dedicatedserverlinuxus"
    body = get(sandbox, "virtualserver/linux/in/details.json", {"order-id": "7008"})[2]
    assert body["planid"] == "55" and body["productkey"] == "vpslinuxin"
    assert "planid" not in get(sandbox, "eelite/us/details.json", {"order-id": "7005"})[2]


def test_balances(sandbox):
    assert get(sandbox, "billing/reseller-balance.json", {"reseller-id": AUTH_USERID})[2] == {
        "sellingcurrencysymbol": "USD", "sellingcurrencybalance": "35.000", "sellingcurrencylockedbalance": "0.000"}
    body = get(sandbox, "billing/customer-balance.json", {"customer-id": "30002"})[2]
    assert body["sellingcurrencybalance"] == "6.000" and body["currencysymbol"] == "USD" and body["totalsellingbalance"] == "6.000"
    assert get(sandbox, "billing/customer-balance.json", {"customer-id": "20001"})[2]["sellingcurrencybalance"] == "50.000"
    assert get(sandbox, "billing/customer-balance.json", {"customer-id": "999"})[2]["message"] == "Invalid customer id: 999"


def test_renewals_debit_the_reseller_cost_until_funds_run_short(sandbox):
    for order_id in (7001, 7002, 7001):
        status, _headers, body = renew(sandbox, order_id)
        assert status == 200 and body["status"] == "Success" and "error" not in body
    state = lb_state(sandbox)
    assert state["reseller_balance"] == "5.00" and state["debited_total"] == "30.00"
    assert [entry["order_id"] for entry in state["debits"]] == [7001, 7002, 7001]
    endtime = state["orders"]["7002"]["endtime"]
    # 10.00 > 5.00 left: accepted but queued, top-level error, nothing debited, expiry unchanged.
    status, _headers, body = renew(sandbox, 7002)
    assert status == 200 and body["error"] == RESELLER_SHORT and "status" not in body
    assert body["actionstatus"] == "PendingExecution" and body["eaqid"].isdigit()
    order = order_state(sandbox, 7002)
    assert order["endtime"] == endtime and order["debited_total"] == "10.00"
    assert order["pending_action"]["waiting_for"] == "funds" and order["renew_calls"][-1]["outcome"] == "queued_for_funds"
    assert lb_state(sandbox)["reseller_balance"] == "5.00"
    assert renew(sandbox, 7002)[2]["message"] == "There is already an action pending on this Order."
    listing = get(sandbox, "actions/search-current.json", {"no-of-records": "10", "page-no": "1", "order-id": "7002"})[2]
    assert listing["1"]["actionstatusdesc"] == "Awaiting sufficient funds in the reseller account" and "invoiceid" not in listing["1"]
    # Funds arrive: the queued renewal runs and is debited.
    answer = sandbox.admin_post("/_admin/logicboxes/reseller-balance", {"add": "20.00"})
    assert answer == {"reseller_balance": "15.00", "reseller_locked_balance": "0.00", "executed_order_ids": [7002]}
    order = order_state(sandbox, 7002)
    assert order["pending_action"] is None and order["endtime"] > endtime and order["debited_total"] == "20.00"


def test_locked_balance_is_not_spendable(sandbox):
    sandbox.admin_post("/_admin/logicboxes/reseller-balance", {"balance": "15.00", "locked": "6.00"})
    assert "error" in renew(sandbox, 7001)[2]
    assert order_state(sandbox, 7001)["debited_total"] == "0.00"


def test_cost_follows_tenure_accounts_and_years(sandbox):
    sandbox.admin_post("/_admin/logicboxes/reseller-balance", {"balance": "10000.00"})
    assert renew(sandbox, 7003, months=12)[0] == 200  # telescopic: 12 x 75
    assert renew(sandbox, 7003, months=2)[0] == 200  # between tenures: the 1-month price (sandbox rule)
    assert order_state(sandbox, 7003)["debited_total"] == f"{12 * 75 + 2 * 90:.2f}"
    assert renew(sandbox, 7005, path="eelite/us", months=3, **{"no-of-accounts": "1"})[0] == 200  # 1.00 x 3 months x 5 accounts
    assert order_state(sandbox, 7005)["debited_total"] == "15.00"
    endtime = order_state(sandbox, 7004)["endtime"]
    params = {"order-id": "7004", "years": "2", "invoice-option": "NoInvoice", "exp-date": str(endtime)}
    assert call(sandbox, "domains/renew.json", params)[0] == 200  # value["1"] x years
    assert order_state(sandbox, 7004)["debited_total"] == "19.00"
    assert renew(sandbox, 7006, path="singledomainhosting/linux/us", months=12, option="KeepInvoice")[0] == 200
    hosting = order_state(sandbox, 7006)
    assert hosting["debited_total"] == "36.00" and hosting["invoices"][0]["amount"] == "42.00"  # cost flat; customer 12 x 3.50


def test_price_changed_at_run_time_changes_the_next_renewal(sandbox):
    answer = sandbox.admin_post("/_admin/logicboxes/prices", {"order_id": 7001, "cost_price": "15.00"})
    assert answer["price"]["cost"]["1"] == "15.00" and answer["price"]["order_ids"] == [7001, 7002]
    cost = get(sandbox, "products/reseller-cost-price.json")[2]
    assert cost["dedicatedserverlinuxus"]["plans"]["101"]["renew"]["1"] == 15
    renew(sandbox, 7002)
    assert order_state(sandbox, 7002)["debited_total"] == "15.00"
    sandbox.admin_post("/_admin/logicboxes/prices", {"productkey": "dedicatedserverlinuxus", "plan": "102", "customer_price": {"12": "70"}})
    lines = {(line["productkey"], line["plan"]): line for line in sandbox.admin_get("/_admin/logicboxes/prices")["prices"]}
    assert lines[("dedicatedserverlinuxus", "102")]["customer"] == {"1": "90.00", "12": "70.00"}
    assert lines[("backupus", "101")]["published"] is False


@pytest.mark.parametrize("body, words", [
    ({"order_id": 1, "cost_price": "1"}, "no order"),
    ({"order_id": 7001}, "cost_price and/or customer_price"),
    ({"order_id": 7006, "cost_price": {"12": "1"}}, "no tenure level"),
    ({"order_id": 7004, "cost_price": {"2": "1"}}, "one year"),
    ({"order_id": 7001, "price": "1"}, "unknown field"),
])
def test_bad_price_changes_are_refused(sandbox, body, words):
    with pytest.raises(Exception) as error:
        sandbox.admin_post("/_admin/logicboxes/prices", body)
    assert words in str(error.value)


def test_every_renew_call_records_the_auto_renew_flag(sandbox):
    renew(sandbox, 7002, **{"auto-renew": "true"})
    renew(sandbox, 7001)
    calls = order_state(sandbox, 7002)["renew_calls"]
    assert [(c["auto_renew_sent"], c["recurring_before"], c["recurring_after"]) for c in calls] == [(True, True, True)]
    assert calls[0]["outcome"] == "executed" and calls[0]["cost"] == "10.00" and calls[0]["debited"] == "10.00"
    assert order_state(sandbox, 7002)["recurring_changes"] == 0
    renew(sandbox, 7003, **{"auto-renew": "true"})
    assert order_state(sandbox, 7003)["recurring_changes"] == 1


def test_omitted_auto_renew_can_reset_the_flag():
    fixture = {"logicboxes": dict(FIXTURE["logicboxes"], auto_renew_omitted="reset")}
    with SandboxProcess(fixture=fixture) as sandbox:
        renew(sandbox, 7002)
        order = order_state(sandbox, 7002)
        assert order["recurring"] is False and order["recurring_changes"] == 1
        assert order["renew_calls"][0]["auto_renew_sent"] is None


def test_customer_pay_draws_on_the_invoice_customer_and_debits_the_reseller(sandbox):
    invoice_id = renew(sandbox, 7007, path="backup/us", option="OnlyAdd", **{"backup-order-id": "7007"})[2]["invoiceid"]
    status, _headers, body = call(sandbox, "billing/customer-pay.json", {"invoice-ids": invoice_id})
    assert status == 200 and body[invoice_id]["actionstatus"] == "Success"
    state = lb_state(sandbox)
    assert state["customer_balances"]["30002"] == "1.00"
    assert state["customer_balances"]["20001"] == "50.00"
    assert state["orders"]["7007"]["debited_total"] == "4.00" and state["reseller_balance"] == "31.00"


def test_fixture_price_mistakes_are_refused(sandbox):
    clash = [dict(ORDERS[3]), dict(ORDERS[3], order_id=7099, description="other.net", price="12.00")]
    with pytest.raises(Exception) as error:
        sandbox.reset({"logicboxes": {"orders": clash}})
    assert "prices differ from order 7004" in str(error.value)
    with pytest.raises(Exception) as error:
        sandbox.reset({"logicboxes": {"orders": [dict(ORDERS[3], plan_id="1")]}})
    assert "have no plan" in str(error.value)


def test_request_counts_show_the_catalogue_fetched_once(sandbox):
    get(sandbox, "products/reseller-cost-price.json")
    for order_id in (7001, 7002):
        get(sandbox, "dedicatedserver/linux/us/details.json", {"order-id": str(order_id)})
    counts = sandbox.admin_get("/_admin/requests/counts?provider=logicboxes")
    assert counts["by_endpoint"]["GET /logicboxes/api/products/reseller-cost-price.json"] == 1
    assert counts["by_endpoint"]["GET /logicboxes/api/dedicatedserver/linux/us/details.json"] == 2
    assert counts["by_operation"]["logicboxes:reseller_cost_price"] == 1 and counts["total"] == 3
    entries = sandbox.requests(path="/logicboxes/api/products/reseller-cost-price.json")
    assert len(entries) == 1 and entries[0]["query"] == "auth-userid=***&api-key=***"
    assert API_KEY not in str(sandbox.requests())
