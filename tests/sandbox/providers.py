"""The provider modules the sandbox serves. Add a provider by adding its class here."""

from .hostup import HostUpProvider
from .logicboxes import LogicBoxesProvider
from .vpsbg import VpsbgProvider

PROVIDER_CLASSES = (LogicBoxesProvider, VpsbgProvider, HostUpProvider)
