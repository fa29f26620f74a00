"""Shared pytest fixtures: one sandbox process per test module, reset before every test."""

import os
import sys

# The sandbox package lives in tests/; make it importable however pytest is started
# (CI runs pytest from the staged collection root without PYTHONPATH=tests).
TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if TESTS_DIR not in sys.path:
    sys.path.insert(0, TESTS_DIR)

import pytest  # noqa: E402 pylint: disable=wrong-import-position

from lbcall import API_KEY, AUTH_USERID  # noqa: E402 pylint: disable=wrong-import-position
from sandbox.client import SandboxProcess  # noqa: E402 pylint: disable=wrong-import-position

ORDERS = [
    {"order_id": 6001, "product": "domain", "description": "example.com", "expires_in_days": 10, "price": "12.99"},
    {"order_id": 6002, "product": "dedicated_server_linux", "region": "us", "description": "srv1.example.com",
     "expires_in_days": 90, "price": "80.00"},
    {"order_id": 6003, "product": "backup", "region": "us", "description": "backup of srv1", "expires_in_days": 5, "price": "5.00",
     "pending": {"invoice_option": "OnlyAdd", "months": 1}},
    {"order_id": 6004, "product": "business_email", "region": "us", "description": "mail.example.org", "expires_in_days": 21,
     "price": "1.50", "recurring": True, "email_accounts": 5},
    {"order_id": 6005, "product": "vps_linux", "region": "in", "description": "vps1.example.net", "expires_in_days": 40, "price": "20.00"},
    {"order_id": 6006, "product": "reseller_hosting_windows", "region": "in", "description": "gone.example.in", "expires_in_days": 3,
     "price": "25.00", "status": "Deleted"},
    {"order_id": 6007, "product": "sitelock", "description": "secure.example.com", "expires_in_days": 30, "price": "2.00",
     "term_months": 12},
    {"order_id": 6008, "product": "ssl", "description": "shop.example.com", "expires_in_days": 45, "price": "6.00"},
    {"order_id": 6009, "product": "domain", "description": "example.net", "expires_in_days": 100, "price": "10.00", "recurring": True},
]
FIXTURE = {"logicboxes": {"auth_userid": AUTH_USERID, "api_key": API_KEY, "customer_balance": "100.00", "selling_currency": "USD",
                          "orders": ORDERS}}


@pytest.fixture(scope="module")
def sandbox_process(request):
    """A sandbox subprocess for the whole module: its SANDBOX_FIXTURE (with SANDBOX_SEED), else FIXTURE above;
    stopped (and waited for) at the end."""
    fixture = getattr(request.module, "SANDBOX_FIXTURE", FIXTURE)
    with SandboxProcess(fixture=fixture, seed=getattr(request.module, "SANDBOX_SEED", 42)) as process:
        yield process


@pytest.fixture
def sandbox(sandbox_process):  # pylint: disable=redefined-outer-name
    """The module's sandbox, reset to its fixture with no faults and an empty request log."""
    sandbox_process.reset()
    yield sandbox_process
    sandbox_process.clear_faults()


@pytest.fixture
def vpsbg(sandbox):  # pylint: disable=redefined-outer-name
    """The module's sandbox, by the name the VPSBG modules use."""
    return sandbox
