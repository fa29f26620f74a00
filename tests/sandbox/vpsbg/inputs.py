"""Request input the way a Laravel backend reads it: a JSON body (or form fields), query parameters, and
validation that collects every field's errors before answering 422 once.
"""

import json

from .errors import (INVALID_CHOICE, NOT_ARRAY, NOT_INTEGER, NOT_STRING, REQUIRED, TOO_LARGE, TOO_SMALL, attribute,
                     validation_error)

BILLING_CYCLES = (1, 3, 6, 12, 24)


def is_json(request):
    """Whether the request body is JSON (Content-Type application/json or +json)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return content_type == "application/json" or content_type.endswith("+json")


def body_of(request):
    """The input fields of a request: its JSON object body, or its form fields (first values)."""
    if is_json(request):
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            data = {}  # Laravel reads an unparseable JSON body as empty input
        return data if isinstance(data, dict) else {}
    return {name: values[0] for name, values in request.form.items() if values}


def as_integer(value):
    """Laravel's `integer` rule accepts JSON integers and digit strings."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


class Validator:
    """Reads fields, remembering each failure; `finish()` raises one 422 for all of them."""

    def __init__(self, data):
        self.data = data
        self.errors = {}

    def fail(self, field, template, **values):
        """Record one error for a field."""
        self.errors.setdefault(field, []).append(template.format(attribute=attribute(field), **values))

    def integer(self, field, required=True, minimum=None, maximum=None, choices=None):
        """An integer field, optionally bounded or from a fixed set."""
        value = self.data.get(field)
        if value is None or value == "":
            if required:
                self.fail(field, REQUIRED)
            return None
        number = as_integer(value)
        if number is None:
            self.fail(field, NOT_INTEGER)
        elif choices is not None and number not in choices:
            self.fail(field, INVALID_CHOICE)
        elif minimum is not None and number < minimum:
            self.fail(field, TOO_SMALL, minimum=minimum)
        elif maximum is not None and number > maximum:
            self.fail(field, TOO_LARGE, maximum=maximum)
        else:
            return number
        return None

    def billing_cycle(self):
        """`billing_cycle`: required, 1, 3, 6, 12 or 24."""
        return self.integer("billing_cycle", choices=BILLING_CYCLES)

    def integer_list(self, field):
        """A required array of integers, e.g. `server_ids`."""
        value = self.data.get(field)
        if value is None or value == []:
            self.fail(field, REQUIRED)
            return []
        if not isinstance(value, list):
            self.fail(field, NOT_ARRAY)
            return []
        numbers = []
        for index, item in enumerate(value):
            number = as_integer(item)
            if number is None:
                self.fail(f"{field}.{index}", NOT_INTEGER)
            else:
                numbers.append(number)
        return numbers

    def optional_string(self, field):
        """A nullable string."""
        value = self.data.get(field)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.fail(field, NOT_STRING)
            return None
        return value

    def finish(self):
        """Raise the collected errors as one 422."""
        if self.errors:
            raise validation_error(self.errors)


def paging(query, default_per_page=15, max_per_page=50):
    """`page` and `per_page` from the query string (422 when out of range)."""
    checker = Validator({name: values[0] for name, values in query.items() if values})
    page = checker.integer("page", required=False, minimum=1)
    per_page = checker.integer("per_page", required=False, minimum=1, maximum=max_per_page)
    checker.finish()
    return page or 1, per_page or default_per_page


def csv_filter(query, name, default):
    """A comma-separated `filter[...]` value as a set (the default when absent)."""
    values = query.get(name)
    raw = values[0] if values else default
    return {item.strip() for item in raw.split(",") if item.strip()}
