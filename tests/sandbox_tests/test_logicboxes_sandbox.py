"""The sandbox's LogicBoxes API behaves like the documented provider, ugly parts included."""

from decimal import Decimal

import pytest

from lbcall import add_months, call, get, order_state

DAY = 86400
RENEW_SERVER = "dedicatedserver/linux/us/renew.json"
DETAILS_SERVER = "dedicatedserver/linux/us/details.json"


def renew_server(sandbox, option="NoInvoice", months=1, **extra):
    """Renew order 6002 (dedicated server, us)."""
    params = {"order-id": "6002", "months": str(months), "invoice-option": option}
    params.update(extra)
    return call(sandbox, RENEW_SERVER, params)


def details(sandbox, path, order_id, id_param="order-id", **extra):
    """GET details; returns the parsed body (asserting HTTP 200)."""
    params = {id_param: str(order_id)}
    params.update(extra)
    status, _headers, body = get(sandbox, path, params)
    assert status == 200, body
    return body


def assert_api_error(result, message):
    """LogicBoxes errors: HTTP 500 with {"status":"ERROR","message":...}."""
    status, _headers, body = result
    assert status == 500
    assert body == {"status": "ERROR", "message": message}


def test_details_scalars_are_strings(sandbox):
    body = details(sandbox, DETAILS_SERVER, 6002)
    for name in ("entityid", "endtime", "creationtime", "recurring", "eaqid", "customerid", "currentstatus"):
        assert isinstance(body[name], str), name
    assert body["entityid"] == "6002"
    assert body["eaqid"] == "0"
    assert body["recurring"] == "false"
    assert "actiontype" not in body
    assert int(body["endtime"]) == order_state(sandbox, 6002)["endtime"]


def test_email_details_count_is_a_json_number(sandbox):
    body = details(sandbox, "eelite/us/details.json", 6004)
    assert body["emailaccounts"] == 5
    assert body["recurring"] == "true"


def test_domain_details_need_options(sandbox):
    assert_api_error(get(sandbox, "domains/details.json", {"order-id": "6001"}), "Required parameter missing: options")
    body = details(sandbox, "domains/details.json", 6001, options="OrderDetails")
    assert body["orderid"] == "6001" and body["domainname"] == "example.com"
    assert body["endtime"].isdigit()


def test_wrong_product_or_region_finds_no_entity(sandbox):
    message = "No Entity found for Entityid 6002"
    assert_api_error(get(sandbox, "dedicatedserver/linux/in/details.json", {"order-id": "6002"}), message)
    assert_api_error(get(sandbox, "virtualserver/linux/us/details.json", {"order-id": "6002"}), message)
    assert_api_error(get(sandbox, DETAILS_SERVER, {"order-id": "999"}), "No Entity found for Entityid 999")


def test_backup_uses_backup_order_id(sandbox):
    assert details(sandbox, "backup/us/details.json", 6003, id_param="backup-order-id")["entityid"] == "6003"
    assert details(sandbox, "backup/us/details.json", 6003)["entityid"] == "6003"
    result = call(sandbox, "backup/us/renew.json", {"order-id": "6003", "months": "1", "invoice-option": "NoInvoice"})
    assert_api_error(result, "Required parameter missing: backup-order-id")


def test_renew_extends_endtime_by_calendar_months(sandbox):
    before = order_state(sandbox, 6002)["endtime"]
    status, _headers, body = renew_server(sandbox, months=3)
    assert status == 200
    assert body["status"] == "Success" and body["actionstatus"] == "Success"
    assert body["entityid"] == "6002" and body["eaqid"].isdigit() and body["actiontype"].startswith("Renew")
    assert int(details(sandbox, DETAILS_SERVER, 6002)["endtime"]) == add_months(before, 3)


def test_two_renew_calls_renew_and_charge_twice(sandbox):
    before = order_state(sandbox, 6002)["endtime"]
    for _attempt in range(2):
        assert renew_server(sandbox, option="KeepInvoice")[0] == 200
    order = order_state(sandbox, 6002)
    assert order["renewals"] == 2 and order["executed_renewals"] == 2
    assert order["endtime"] == add_months(before, 2)
    assert Decimal(order["billed_total"]) == Decimal("160.00")
    assert [invoice["status"] for invoice in order["invoices"]] == ["unpaid", "unpaid"]


def test_domain_renew_is_compare_and_set_on_exp_date(sandbox):
    endtime = details(sandbox, "domains/details.json", 6001, options="OrderDetails")["endtime"]
    params = {"order-id": "6001", "years": "1", "invoice-option": "NoInvoice"}
    assert_api_error(call(sandbox, "domains/renew.json", params), "Required parameter missing: exp-date")
    status, _headers, body = call(sandbox, "domains/renew.json", dict(params, **{"exp-date": endtime}))
    assert status == 200 and body["actiontype"] == "RenewDomain"
    assert body["actiontypedesc"] == "Renewal of example.com for 1 year"
    # A blind retry with the old expiry is refused and changes nothing.
    assert_api_error(call(sandbox, "domains/renew.json", dict(params, **{"exp-date": endtime})), "Domain already renewed.")
    order = order_state(sandbox, 6001)
    assert order["renewals"] == 1
    assert order["endtime"] == add_months(int(endtime), 12)


def test_domain_cannot_go_beyond_ten_years(sandbox):
    endtime = details(sandbox, "domains/details.json", 6001, options="OrderDetails")["endtime"]
    result = call(sandbox, "domains/renew.json", {"order-id": "6001", "years": "10", "invoice-option": "NoInvoice", "exp-date": endtime})
    assert_api_error(result, "A Domain Name cannot be extended beyond 10 years from today.")


def test_pending_action_blocks_renewal(sandbox):
    body = details(sandbox, "backup/us/details.json", 6003, id_param="backup-order-id")
    assert body["eaqid"] != "0" and body["actiontype"] == "RenewBackup"
    result = call(sandbox, "backup/us/renew.json", {"backup-order-id": "6003", "months": "1", "invoice-option": "NoInvoice"})
    assert_api_error(result, "There is already an action pending on this Order.")
    assert order_state(sandbox, 6003)["renewals"] == 0


def test_no_invoice_executes_without_invoice_fields(sandbox):
    status, _headers, body = renew_server(sandbox, option="NoInvoice")
    assert status == 200
    for absent in ("invoiceid", "sellingamount", "sellingcurrencysymbol", "unutilisedsellingamount", "customerid"):
        assert absent not in body
    order = order_state(sandbox, 6002)
    assert order["executed_renewals"] == 1 and order["invoices"] == []


def test_keep_invoice_executes_and_leaves_unpaid_invoice(sandbox):
    status, _headers, body = renew_server(sandbox, option="KeepInvoice")
    assert status == 200 and body["actionstatus"] == "Success"
    assert body["sellingamount"] == "-80.000" and body["unutilisedsellingamount"] == "-80.000"
    assert body["sellingcurrencysymbol"] == "USD" and body["customerid"]
    status, _headers, listing = get(sandbox, "billing/customer-transactions/search.json",
                                    {"no-of-records": "10", "page-no": "1", "balance-type": "onlyunbalanced"})
    assert status == 200
    rows = [listing[key] for key in listing if key.isdigit()]
    assert {row["customer_transaction.orderid"] for row in rows} >= {"6002"}
    row = next(row for row in rows if row["customer_transaction.orderid"] == "6002")
    assert row["customer_transaction.transid"] == body["invoiceid"] and row["customer_transaction.type"] == "invoice"
    assert sandbox.state("logicboxes")["customer_balance"] == "100.00"


def test_pay_invoice_with_funds_pays_and_executes(sandbox):
    status, _headers, body = renew_server(sandbox, option="PayInvoice")  # 80.00 of 100.00
    assert status == 200 and body["actionstatus"] == "Success" and body["unutilisedsellingamount"] == "0.000"
    state = sandbox.state("logicboxes")
    assert state["customer_balance"] == "20.00"
    assert state["orders"]["6002"]["invoices"][0]["status"] == "paid"
    assert state["orders"]["6002"]["pending_action"] is None


def test_pay_invoice_without_funds_stays_pending(sandbox):
    before = order_state(sandbox, 6002)["endtime"]
    renew_server(sandbox, option="PayInvoice")  # balance 100 -> 20
    renew_server(sandbox, option="NoInvoice")
    status, _headers, body = renew_server(sandbox, option="PayInvoice")  # 80 > 20: stays pending
    assert status == 200 and body["actionstatus"] == "PendingExecution"
    order = order_state(sandbox, 6002)
    assert order["renewals"] == 3 and order["executed_renewals"] == 2
    assert order["endtime"] == add_months(before, 2)
    assert order["pending_action"]["invoice_id"] == int(body["invoiceid"])


def test_only_add_stays_pending_and_is_listed(sandbox):
    status, _headers, body = renew_server(sandbox, option="OnlyAdd")
    assert status == 200 and body["actionstatus"] == "PendingExecution"
    status, _headers, listing = get(sandbox, "actions/search-current.json", {"no-of-records": "10", "page-no": "1", "order-id": "6002"})
    assert status == 200 and listing["recsonpage"] == "1" and listing["recsindb"] == "1"
    row = listing["1"]
    assert row["entityid"] == "6002" and row["eaqid"] == body["eaqid"] and row["invoiceid"] == body["invoiceid"]
    assert row["actionstatus"] == "PendingExecution" and row["actionadded"].isdigit()
    assert details(sandbox, DETAILS_SERVER, 6002)["eaqid"] == body["eaqid"]
    assert_api_error(renew_server(sandbox, option="OnlyAdd"), "There is already an action pending on this Order.")


def test_search_current_lists_every_pending_action(sandbox):
    renew_server(sandbox, option="OnlyAdd")
    status, _headers, listing = get(sandbox, "actions/search-current.json", {"no-of-records": "10", "page-no": "1"})
    assert status == 200
    assert sorted(listing[key]["entityid"] for key in listing if key.isdigit()) == ["6002", "6003"]
    assert_api_error(get(sandbox, "actions/search-current.json", {"page-no": "1"}), "Required parameter missing: no-of-records")


def test_customer_pay_executes_pending_renewal(sandbox):
    before = order_state(sandbox, 6002)["endtime"]
    invoice_id = renew_server(sandbox, option="OnlyAdd")[2]["invoiceid"]
    status, _headers, body = call(sandbox, "billing/customer-pay.json", {"invoice-ids": invoice_id})
    assert status == 200 and body[invoice_id]["actionstatus"] == "Success"
    after = details(sandbox, DETAILS_SERVER, 6002)
    assert after["eaqid"] == "0" and "actiontype" not in after
    assert int(after["endtime"]) == add_months(before, 1)
    assert sandbox.state("logicboxes")["customer_balance"] == "20.00"
    assert_api_error(call(sandbox, "billing/customer-pay.json", {"invoice-ids": invoice_id}),
                     f"Invoice {invoice_id} is already paid.")


def test_customer_pay_refuses_without_funds(sandbox):
    invoice_id = renew_server(sandbox, option="OnlyAdd", months=2)[2]["invoiceid"]  # 160.00 > 100.00
    result = call(sandbox, "billing/customer-pay.json", {"invoice-ids": invoice_id})
    assert_api_error(result, "Insufficient funds in the customer account to pay the invoice(s).")
    assert order_state(sandbox, 6002)["pending_action"] is not None


def test_execute_without_payment_runs_and_cancels(sandbox):
    invoice_id = renew_server(sandbox, option="OnlyAdd")[2]["invoiceid"]
    params = {"invoice-ids": invoice_id, "cancel-invoice": "true"}
    status, _headers, body = call(sandbox, "billing/execute-order-without-payment.json", params)
    assert status == 200 and body[invoice_id]["actiontype"] == "RenewDedicatedServer"
    order = order_state(sandbox, 6002)
    assert order["pending_action"] is None and order["executed_renewals"] == 1
    assert order["invoices"][0]["status"] == "cancelled"


@pytest.mark.parametrize("value, message", [
    (None, "Required parameter missing: invoice-option"),
    ("noinvoice", "Invalid value for invoice-option: noinvoice"),
])
def test_invoice_option_is_required_and_case_sensitive(sandbox, value, message):
    params = {"order-id": "6002", "months": "1"}
    if value is not None:
        params["invoice-option"] = value
    assert_api_error(call(sandbox, RENEW_SERVER, params), message)
    assert order_state(sandbox, 6002)["renewals"] == 0


def test_auto_renew_sets_flag_only_when_sent(sandbox):
    renew_server(sandbox)
    assert order_state(sandbox, 6002)["recurring"] is False
    renew_server(sandbox, **{"auto-renew": "true"})
    assert order_state(sandbox, 6002)["recurring"] is True
    renew_server(sandbox)
    assert order_state(sandbox, 6002)["recurring"] is True
    assert_api_error(renew_server(sandbox, **{"auto-renew": "True"}), "Invalid value for auto-renew: True")
    assert order_state(sandbox, 6002)["renewals"] == 3


def test_get_renew_is_refused(sandbox):
    result = get(sandbox, RENEW_SERVER, {"order-id": "6002", "months": "1", "invoice-option": "NoInvoice"})
    assert_api_error(result, "Invalid request method: GET. Use POST.")
    assert order_state(sandbox, 6002)["renewals"] == 0


@pytest.mark.parametrize("credentials", [
    {},
    {"auth-userid": "987654"},
    {"auth-userid": "987654", "api-key": "wrong"},
    {"auth-userid": "1", "api-key": "t0p-s3cret-lb-key"},
])
def test_bad_credentials(sandbox, credentials):
    params = dict(credentials, **{"order-id": "6002", "months": "1", "invoice-option": "NoInvoice"})
    assert_api_error(call(sandbox, RENEW_SERVER, params, credentials={}), "Invalid credentials")
    assert order_state(sandbox, 6002)["renewals"] == 0


def test_deleted_order_cannot_be_renewed(sandbox):
    result = call(sandbox, "resellerhosting/windows/in/renew.json", {"order-id": "6006", "months": "1", "invoice-option": "NoInvoice"})
    assert_api_error(result, "This Order cannot be renewed in its current status: Deleted")


def test_sitelock_renews_without_months(sandbox):
    before = order_state(sandbox, 6007)["endtime"]
    status, _headers, _body = call(sandbox, "sitelock/renew.json", {"order-id": "6007", "invoice-option": "NoInvoice"})
    assert status == 200
    assert order_state(sandbox, 6007)["endtime"] == add_months(before, 12)


def test_ssl_renew_takes_no_auto_renew(sandbox):
    result = call(sandbox, "sslcert/renew.json", {"order-id": "6008", "months": "12", "invoice-option": "NoInvoice", "auto-renew": "true"})
    assert_api_error(result, "auto-renew is not supported for this product.")


def test_domain_order_id_is_a_bare_integer(sandbox):
    status, _headers, body = get(sandbox, "domains/orderid.json", {"domain-name": "example.net"})
    assert status == 200 and body == 6009
    assert_api_error(get(sandbox, "domains/orderid.json", {"domain-name": "nope.example"}), "Website doesn't exist for nope.example")


def test_product_search_pages_and_filters_by_expiry(sandbox):
    horizon = order_state(sandbox, 6001)["endtime"] + DAY
    status, _headers, body = get(sandbox, "domains/search.json", {"no-of-records": "10", "page-no": "1", "expiry-date-end": str(horizon)})
    assert status == 200 and body["recsindb"] == "1" and body["1"]["orders.orderid"] == "6001"
    assert body["1"]["orders.autorenew"] == "false" and body["1"]["entity.currentstatus"] == "Active"
    status, _headers, body = get(sandbox, "domains/search.json", {"no-of-records": "10", "page-no": "1"})
    assert body["recsindb"] == "2" and [body["1"]["orders.orderid"], body["2"]["orders.orderid"]] == ["6001", "6009"]
    assert_api_error(get(sandbox, "domains/search.json", {"no-of-records": "5", "page-no": "1"}), "Invalid value for no-of-records: 5")
