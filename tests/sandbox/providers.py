"""The provider modules the sandbox serves. Add a provider by adding its class here."""

from .logicboxes import LogicBoxesProvider

PROVIDER_CLASSES = (LogicBoxesProvider,)
