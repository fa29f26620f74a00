"""Test helpers for the sandbox's VPSBG and HostUp APIs (JSON over HTTP with their auth headers)."""

import json

from sandbox.client import http_request


def parsed(result):
    """(status, headers, JSON or raw bytes) from an http_request result."""
    status, headers, raw = result
    try:
        return status, headers, json.loads(raw)
    except ValueError:
        return status, headers, raw


def vpsbg(sandbox, method, path, body=None, token="sandbox-vpsbg-token"):
    """Call /vpsbg/v1/<path> with the Bearer token and Accept: application/json."""
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    return parsed(http_request(method, f"{sandbox.url}/vpsbg/v1/{path}", json_body=body, headers=headers))


def hostup(sandbox, method, path, body=None, key="sandbox-hostup-key"):
    """Call /hostup/api/<path>: v2 paths with a Bearer key, v1 paths with X-API-Key."""
    auth = {"Authorization": f"Bearer {key}"} if path.startswith("v2/") else {"X-API-Key": key}
    return parsed(http_request(method, f"{sandbox.url}/hostup/api/{path}", json_body=body, headers=dict(auth, Accept="application/json")))
