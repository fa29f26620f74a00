"""Fixture file handling shared by all providers."""

import json


class FixtureError(ValueError):
    """A fixture that does not describe a valid sandbox state."""


def read_fixture(path):
    """Load a fixture file (JSON object keyed by provider name)."""
    with open(path, encoding="utf-8") as handle:
        try:
            data = json.load(handle)
        except ValueError as exc:
            raise FixtureError(f"{path}: not valid JSON: {exc}") from exc
    return check_top_level(data)


def check_top_level(data):
    """A fixture must be an object; its keys are provider names (or "_comment"-style keys)."""
    if not isinstance(data, dict):
        raise FixtureError("a fixture must be a JSON object keyed by provider name")
    return data


def take(section, where, known):
    """Reject keys a provider does not know, so a typo in a fixture fails loudly."""
    unknown = sorted(set(section) - set(known))
    if unknown:
        raise FixtureError(f"{where}: unknown key(s) {', '.join(unknown)}")
    return section
