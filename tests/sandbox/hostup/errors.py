"""HostUp refusals and their texts.

Confirmed (reference section 3): the v1 envelope {code, error, message, requestId, timestamp}, the
codes BAD_REQUEST, UNAUTHORIZED, INTERNAL_ERROR and the pricing text below; the v2 RFC 7807 problem
document and the codes invalid_request, unauthorized, vps_not_found, existing_invoice_blocking,
invoice_payment_in_progress, rate_limited, internal_error, upstream_unavailable,
external_provider_failed. Everything else here is sandbox wording; clients must branch on `code`
only. Some texts are Swedish, as some live v1 messages are.
"""

PRICING_REFRESH_FAILED = "Could not refresh pricing for this service. Please try again later."
NOT_RENEWABLE_SV = "Tjänsten kan inte förnyas i sin nuvarande status."  # sandbox wording, Swedish like live v1 texts
INVOICE_PAID_SV = "Fakturan är redan betald."  # sandbox wording

# Refusals shared by both APIs: key -> (HTTP status, v1 code, v2 code, message).
COMMON = {
    "unauthorized": (401, "UNAUTHORIZED", "unauthorized", "Invalid or missing API key."),
    "no_route": (404, "NOT_FOUND", "not_found", "The requested endpoint does not exist."),
    "method": (405, "METHOD_NOT_ALLOWED", "method_not_allowed", "This endpoint does not accept that method."),
    "bad_json": (400, "BAD_REQUEST", "invalid_request", "The request body is not valid JSON."),
    "rate_limited": (429, "RATE_LIMITED", "rate_limited", "Too many requests. Please retry later."),
}

# Codes the generic fault kinds use for a given HTTP status: status -> (v1 code, v2 code).
STATUS_CODES = {
    400: ("BAD_REQUEST", "invalid_request"),
    401: ("UNAUTHORIZED", "unauthorized"),
    403: ("FORBIDDEN", "account_inactive"),
    404: ("NOT_FOUND", "not_found"),
    409: ("CONFLICT", "conflict"),
    422: ("VALIDATION_ERROR", "invalid_request"),
    423: ("LOCKED", "locked"),
    429: ("RATE_LIMITED", "rate_limited"),
    500: ("INTERNAL_ERROR", "internal_error"),
    502: ("BAD_GATEWAY", "external_provider_failed"),
    503: ("SERVICE_UNAVAILABLE", "upstream_unavailable"),
    504: ("GATEWAY_TIMEOUT", "upstream_unavailable"),
}


class ApiError(Exception):
    """A refusal; the provider renders it in the envelope of the API that was called."""

    def __init__(self, status, code, message, extensions=None, errors=None, headers=None,  # pylint: disable=too-many-arguments
                 committed=False):
        super().__init__(message)
        self.committed = committed  # the call changed state before failing (v1 pricing failure that made the invoice)
        self.status = status
        self.code = code
        self.message = message
        self.extensions = extensions  # v2 problem `extensions`
        self.errors = errors  # v2 problem `errors` [{pointer, detail, code}]
        self.headers = headers or {}


def common(api, key, **kwargs):
    """A shared refusal in the dialect of `api` ("v1" or "v2")."""
    status, v1_code, v2_code, message = COMMON[key]
    return ApiError(status, v1_code if api == "v1" else v2_code, message, **kwargs)


def codes_for(status, api):
    """The code a generic fault of this HTTP status carries."""
    v1_code, v2_code = STATUS_CODES.get(status, ("ERROR", "error"))
    return v1_code if api == "v1" else v2_code
