"""VPSBG API errors: Laravel-style JSON bodies ({"message": ...}, plus "errors" per field on 422).

Only the envelope is documented (reference sections 1 and 3); the texts below are Laravel's stock
wording or the sandbox's own. Clients must branch on the HTTP status and the field names, never on
the texts.
"""

UNAUTHENTICATED = "Unauthenticated."
ROUTE_MISSING = "The route {path} could not be found."
METHOD_NOT_ALLOWED = "The {method} method is not supported for route {path}. Supported methods: {allowed}."
MODEL_MISSING = "No query results for model [App\\Models\\{model}] {key}"
LOCKED = "The server is locked at the moment. Please try again later."
NO_SUPPORT_PLAN = "You do not have a support plan to renew."

# Laravel validation texts ({attribute} is the field name with underscores as spaces).
REQUIRED = "The {attribute} field is required."
INVALID_CHOICE = "The selected {attribute} is invalid."
NOT_INTEGER = "The {attribute} field must be an integer."
NOT_ARRAY = "The {attribute} field must be an array."
NOT_STRING = "The {attribute} field must be a string."
TOO_SMALL = "The {attribute} field must be at least {minimum}."
TOO_LARGE = "The {attribute} field must not be greater than {maximum}."

# Sandbox wording for business refusals (real texts unknown).
NOT_RENEWABLE = "The server cannot be renewed: {reason}."
BELOW_MINIMUM_CYCLE = "The billing cycle must be at least {minimum} months for this plan."
PROMO_NEEDS_LONGER_CYCLE = "The promo code requires a billing cycle of at least {minimum} months."
PERIOD_NOT_CHANGEABLE = "The renewal period of this order cannot be changed."
NOT_AWAITING_PAYMENT = "Order {order_id} is not awaiting payment (status: {status})."
ONLY_BALANCE = "Only balance payments can be made through the API for this account."
BALANCE_TOO_LOW = "Insufficient balance: the orders cost {total}, the balance is {balance}."


def attribute(field):
    """Laravel's display name of a field: "billing_cycle" -> "billing cycle"."""
    return field.replace("_", " ")


class ApiError(Exception):
    """A refusal: HTTP `status` with {"message"} (and {"errors"} for validation failures)."""

    def __init__(self, status, message, errors=None, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors
        self.headers = dict(headers or {})

    def body(self):
        """The JSON body Laravel sends."""
        body = {"message": self.message}
        if self.errors is not None:
            body["errors"] = self.errors
        return body


def validation_error(errors):
    """422 with Laravel's summary message: the first error, plus "(and N more errors)"."""
    messages = [text for texts in errors.values() for text in texts]
    message = messages[0]
    if len(messages) > 1:
        more = len(messages) - 1
        message += f" (and {more} more error{'s' if more > 1 else ''})"
    return ApiError(422, message, errors)


def field_error(field, template, **values):
    """A 422 about one field."""
    return validation_error({field: [template.format(attribute=attribute(field), **values)]})
