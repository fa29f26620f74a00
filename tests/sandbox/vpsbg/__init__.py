"""VPSBG API simulation (reference: shared/reference/vpsbg-api.md)."""

from .provider import VpsbgProvider

__all__ = ["VpsbgProvider"]
