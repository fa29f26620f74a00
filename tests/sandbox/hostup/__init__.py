"""HostUp API simulation, v1 and v2 over one HostBill-like account (reference: shared/reference/hostup-api.md)."""

from .provider import HostUpProvider

__all__ = ["HostUpProvider"]
