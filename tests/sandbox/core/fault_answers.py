"""What each fault kind puts on the wire. Kinds are provider-independent; providers only
supply their error envelope (`error_response`), their "blocked" page (`forbidden_response`) and
where a listing keeps its rows (`listing_rows`, `listing_key_fields`).
"""

import json

from .http import Hang, Reset, Response, html_page

# Kinds answered with the provider's own error envelope and nothing applied.
ENVELOPE_KINDS = frozenset(("rate_limit", "unauthorized", "not_found", "validation", "locked", "api_error"))


def answer_before(rule, provider):
    """The answer of a fault that stops the request before the provider runs it."""
    params = rule.params
    kind = rule.kind
    if kind in ENVELOPE_KINDS:
        response = provider.error_response(params["status"], params["message"], params.get("style"))
        if kind == "rate_limit":
            response.headers["Retry-After"] = str(params["retry_after"])
        return response
    if kind == "forbidden":
        response = provider.forbidden_response()
        response.status = params["status"]
        return response
    if kind == "error_before_commit":
        if params["body"] == "empty":
            return Response(params["status"], b"", "text/plain")
        return html_page(params["status"], "Service Unavailable", "The server is temporarily unable to service your request.")
    if kind == "html_error":
        return html_page(params["status"], "Internal Server Error", "An unexpected error occurred.")
    if kind == "malformed_json":
        return Response(params["status"], b'{"status":"Success","entityid":"', "application/json; charset=utf-8")
    raise ValueError(f"fault kind {kind} does not answer before the call")


def answer_after(rule, outcome, provider):
    """The answer of a fault that lets the call run (and change state) first."""
    kind = rule.kind
    if kind == "drop_fields":
        return drop_fields(outcome.response, rule.params, provider)
    if kind == "commit_then_500":
        return html_page(rule.params["status"], "Internal Server Error", "The server encountered an internal error.")
    if kind == "commit_then_reset":
        return Reset()
    if kind == "commit_then_hang":
        return Hang(float(rule.params["seconds"]))
    if kind == "malformed_json":
        return Response(rule.params["status"], truncate(outcome.response.body), "application/json; charset=utf-8")
    raise ValueError(f"fault kind {kind} does not answer after the call")


def truncate(body):
    """Cut a JSON body so no parser accepts it (a prefix of an object is never valid JSON)."""
    if body[:1] in (b"{", b"["):
        return body[:max(1, len(body) // 2)]
    return b'{"result":' + body[:len(body) // 2]


def drop_fields(response, params, provider):
    """The real answer with `fields` removed from the first `rows` rows (all when None) and from the envelope."""
    body = response.json()
    if not isinstance(body, dict):
        return response
    fields = params["fields"] or list(provider.listing_key_fields)
    envelope, rows = provider.listing_rows(body)
    count = len(rows) if params["rows"] is None else params["rows"]
    for holder in [envelope] + [row for row in rows[:count] if isinstance(row, dict)]:
        for name in fields:
            holder.pop(name, None)
    encoded = json.dumps(body, separators=(",", ":")).encode("utf-8")
    return Response(response.status, encoded, response.content_type, dict(response.headers))
