"""LogicBoxes API errors: the exception handlers raise and the texts it carries.

The first group is quoted by production clients (reference section 10). The second group is
sandbox wording for situations whose real text is not documented; clients must not match on it.
"""

# Known provider texts.
INVALID_CREDENTIALS = "Invalid credentials"
DOMAIN_ALREADY_RENEWED = "Domain already renewed."
ACTION_PENDING = "There is already an action pending on this Order."
NO_ENTITY = "No Entity found for Entityid {order_id}"
MISSING_PARAMETER = "Required parameter missing: {name}"
WEBSITE_MISSING = "Website doesn't exist for {name}"
DOMAIN_TOO_LONG = "A Domain Name cannot be extended beyond 10 years from today."

# Sandbox wording (real text unknown).
WRONG_METHOD = "Invalid request method: {method}. Use {expected}."
INVALID_VALUE = "Invalid value for {name}: {value}"
NOT_RENEWABLE = "This Order cannot be renewed in its current status: {status}"
AUTO_RENEW_UNSUPPORTED = "auto-renew is not supported for this product."
UNKNOWN_INVOICE = "Invalid invoice id: {invoice_id}"
INVOICE_SETTLED = "Invoice {invoice_id} is already {status}."
INSUFFICIENT_FUNDS = "Insufficient funds in the customer account to pay the invoice(s)."
PAYMENT_AWAITED = "Awaiting payment of invoice {invoice_id}"
RESELLER_FUNDS_SHORT = ("Insufficient funds in the reseller account. The action has been queued and will be executed "
                        "when sufficient funds are available.")
FUNDS_AWAITED = "Awaiting sufficient funds in the reseller account"
NOT_YOUR_RESELLER = "You are not allowed to perform this action"
UNKNOWN_CUSTOMER = "Invalid customer id: {customer_id}"
RENEWED_DOMAIN = "Domain renewed successfully"
RENEWED_ORDER = "Order renewed successfully"


class ApiError(Exception):
    """An API-level refusal, answered as HTTP 500 with {"status":"ERROR","message":...} like the live API."""

    def __init__(self, message, **values):
        super().__init__(message.format(**values) if values else message)
        self.message = str(self)
