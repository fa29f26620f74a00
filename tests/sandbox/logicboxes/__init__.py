"""LogicBoxes / ResellerClub API simulation (reference: shared/reference/logicboxes-api.md)."""

from .provider import LogicBoxesProvider

__all__ = ["LogicBoxesProvider"]
