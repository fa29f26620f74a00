"""Small urllib helpers for calling the sandbox's LogicBoxes API in tests."""

import calendar
import json
import urllib.error
from datetime import datetime, timezone

from sandbox.client import http_request

AUTH_USERID = "987654"
API_KEY = "t0p-s3cret-lb-key"
CREDENTIALS = {"auth-userid": AUTH_USERID, "api-key": API_KEY}


def call(sandbox, path, params=None, method="POST", **options):
    """Call <api_url>/<path>; returns (status, headers, parsed JSON or raw bytes when not JSON).

    Options: `credentials` (mapping sent with the call, default the fixture's), `timeout`.
    """
    sent = dict(options.get("credentials", CREDENTIALS))
    sent.update(params or {})
    status, headers, body = http_request(method, f"{sandbox.logicboxes_url}/{path}", params=sent, timeout=options.get("timeout", 10.0))
    try:
        return status, headers, json.loads(body)
    except ValueError:
        return status, headers, body


def get(sandbox, path, params=None, **kwargs):
    """GET call."""
    return call(sandbox, path, params, method="GET", **kwargs)


def connection_failure(sandbox, path, params, timeout):
    """Make a call expected to fail at the transport level; return the exception (unwrapped)."""
    try:
        call(sandbox, path, params, timeout=timeout)
    except urllib.error.URLError as error:
        return error.reason
    except OSError as error:  # raised unwrapped when the failure happens while reading the answer
        return error
    return None


def add_months(epoch, months):
    """Independent calendar-month arithmetic for expectations."""
    moment = datetime.fromtimestamp(epoch, tz=timezone.utc)
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return int(moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1])).timestamp())


def order_state(sandbox, order_id):
    """One order of GET /_admin/state."""
    return sandbox.state("logicboxes")["orders"][str(order_id)]
