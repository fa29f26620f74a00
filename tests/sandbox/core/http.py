"""Plain data types passed between the HTTP server, the fault layer and the providers."""

import json
from dataclasses import dataclass, field
from urllib.parse import parse_qs


@dataclass
class Request:  # pylint: disable=too-many-instance-attributes
    """One incoming HTTP request, already read off the socket."""

    method: str
    path: str  # without the query string
    query: dict  # name -> list of values, in arrival order
    form: dict  # name -> list of values from a form-encoded body
    headers: dict  # lower-case name -> value
    body: bytes = b""
    client: str = ""  # peer IP address
    subpath: str = ""  # path below the provider prefix, set by the router

    def values(self, name, include_form=True):
        """All values of a parameter: query string first, then form body (clients mix both)."""
        found = list(self.query.get(name, ()))
        if include_form:
            found.extend(self.form.get(name, ()))
        return found

    def first(self, name, include_form=True):
        """First value of a parameter, or None when it was not sent."""
        found = self.values(name, include_form)
        return found[0] if found else None

    def param_names(self):
        """Names of every parameter sent, query and form."""
        return set(self.query) | set(self.form)


def parse_params(raw):
    """Decode a query string or form body; blank values are kept because APIs treat them as sent."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    return parse_qs(raw, keep_blank_values=True)


@dataclass
class Response:
    """A complete HTTP answer."""

    status: int
    body: bytes = b""
    content_type: str = "application/json; charset=utf-8"
    headers: dict = field(default_factory=dict)

    def json(self):
        """The body parsed as JSON, or None when it is not JSON."""
        try:
            return json.loads(self.body)
        except ValueError:
            return None


@dataclass
class Reset:
    """Answer by aborting the TCP connection with a RST and no response bytes."""


@dataclass
class Hang:
    """Answer by keeping the connection open and silent for `seconds`, then closing it."""

    seconds: float


def json_response(status, payload, headers=None):
    """A JSON answer with compact separators, as most provider APIs send."""
    body = json.dumps(payload, separators=(",", ":")).encode("utf-8")
    return Response(status, body, headers=dict(headers or {}))


def text_response(status, text, content_type="text/plain; charset=utf-8", headers=None):
    """A non-JSON answer."""
    return Response(status, text.encode("utf-8"), content_type, dict(headers or {}))


def html_page(status, title, detail=""):
    """The kind of HTML error page a proxy or servlet container puts out."""
    page = (
        f"<!DOCTYPE html>\n<html><head><title>{status} {title}</title></head>"
        f"<body><h1>{status} {title}</h1><p>{detail}</p><hr><address>sandbox</address></body></html>\n"
    )
    return text_response(status, page, "text/html; charset=utf-8")
