"""HostUp vocabulary: billing cycles, statuses, id prefixes, operations (reference sections 1, 7 and 8).

Billing-cycle spellings: v2 keys are documented (section 8.1); the v1 labels are HostBill's
(`Monthly`, `Semi-Annually`, ...). Service statuses follow the same split: v1 HostBill words,
v2 lower-case words.
"""

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Cycle:
    """One billing cycle as both APIs spell it."""

    key: str  # v2 `billing.billingCycle`
    v1_label: str  # v1 `billingcycle`
    months: Optional[int]  # None: nothing recurs (free)


CYCLES = {cycle.key: cycle for cycle in (
    Cycle("monthly", "Monthly", 1),
    Cycle("quarterly", "Quarterly", 3),
    Cycle("semiannually", "Semi-Annually", 6),
    Cycle("annually", "Annually", 12),
    Cycle("biennially", "Biennially", 24),
    Cycle("triennially", "Triennially", 36),
    Cycle("free", "Free Account", None),
)}

# v2 serviceStatus -> v1 (HostBill) status word.
STATUSES = {
    "active": "Active",
    "suspended": "Suspended",
    "terminated": "Terminated",
    "pending": "Pending",
    "cancelled": "Cancelled",
    "expired": "Expired",
    "fraud": "Fraud",
}
NOT_RENEWABLE = frozenset(("terminated", "cancelled", "fraud"))

KINDS = {"vps": "vps_", "hosting": "acct_"}  # service kind -> v2 public id prefix

# HostBill invoice statuses (v1) and their v2 spelling.
UNPAID, PAID, CANCELLED = "Unpaid", "Paid", "Cancelled"
INVOICE_STATUSES = {UNPAID: "unpaid", PAID: "paid", CANCELLED: "cancelled", "Refunded": "refunded", "Collections": "collections"}

# Where an invoice came from (shown in /_admin/state).
ORIGIN_V1_RENEW = "v1_renew"
ORIGIN_V2_RENEW = "v2_renew"
ORIGIN_CRON = "cron"  # HostBill's own invoice run or auto-renew, before the sandbox started
RENEW_ORIGINS = frozenset((ORIGIN_V1_RENEW, ORIGIN_V2_RENEW))

V1_OPERATIONS = ("accounts", "hosting_accounts", "renew", "invoices", "invoice", "pay")
V2_OPERATIONS = ("v2_list", "v2_service", "v2_billing_cycle", "v2_renew", "v2_invoices", "v2_pay")
OPERATIONS = frozenset(V1_OPERATIONS + V2_OPERATIONS)
MUTATIONS = frozenset(("renew", "pay", "v2_renew", "v2_pay"))
LISTINGS = frozenset(("accounts", "hosting_accounts", "invoices", "v2_list", "v2_invoices"))  # pages of a collection
