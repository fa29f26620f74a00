"""Reading and validating LogicBoxes request parameters (reference section 2)."""

from decimal import Decimal, InvalidOperation

from .errors import INVALID_VALUE, MISSING_PARAMETER, ApiError

MIN_RECORDS, MAX_RECORDS = 10, 500  # documented for domains/search; applied to every search here


class Params:
    """The parameters of one call: the query string, plus the form body on POST.

    GET bodies are ignored (servlet containers only parse form bodies of POSTs). Repeated keys
    are how the API takes lists; a single-valued parameter uses its first value.
    """

    def __init__(self, request):
        self._request = request
        self._with_form = request.method == "POST"

    def all(self, name):
        """Every value sent for a (repeatable) parameter."""
        return self._request.values(name, self._with_form)

    def get(self, name):
        """First value, or None when the parameter was not sent."""
        return self._request.first(name, self._with_form)

    def required(self, name):
        """A parameter that must be present and non-empty."""
        value = self.get(name)
        if value is None or value == "":
            raise ApiError(MISSING_PARAMETER, name=name)
        return value

    def integer(self, name, required=False, minimum=None, maximum=None):
        """An integer parameter (decimal digits only), range-checked."""
        value = self.required(name) if required else self.get(name)
        if value is None:
            return None
        number = _as_int(name, value)
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            raise ApiError(INVALID_VALUE, name=name, value=value)
        return number

    def integers(self, name):
        """A repeatable integer parameter (e.g. order-id, invoice-ids)."""
        return [_as_int(name, value) for value in self.all(name)]

    def boolean(self, name):
        """`true`/`false` exactly (lower case, as every working client sends); None when absent."""
        value = self.get(name)
        if value is None:
            return None
        if value not in ("true", "false"):
            raise ApiError(INVALID_VALUE, name=name, value=value)
        return value == "true"

    def amount(self, name):
        """A decimal amount such as discount-amount; None when absent."""
        value = self.get(name)
        if value is None:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise ApiError(INVALID_VALUE, name=name, value=value) from None
        if not number.is_finite() or number < 0:
            raise ApiError(INVALID_VALUE, name=name, value=value)
        return number

    def choice(self, name, choices):
        """A required enum parameter; values are case-sensitive."""
        value = self.required(name)
        if value not in choices:
            raise ApiError(INVALID_VALUE, name=name, value=value)
        return value

    def paging(self):
        """(no-of-records, page-no) of a search call; both are required."""
        records = self.integer("no-of-records", required=True, minimum=MIN_RECORDS, maximum=MAX_RECORDS)
        page = self.integer("page-no", required=True, minimum=1)
        return records, page


def _as_int(name, value):
    """Parse digits; anything else ("1.0", "", "ten") is an invalid value."""
    if not (value.isascii() and value.isdigit()):
        raise ApiError(INVALID_VALUE, name=name, value=value)
    return int(value)
