"""Sandbox time and calendar arithmetic on epoch seconds (UTC)."""

import calendar
import time
from datetime import datetime, timezone

DAY = 86400


def add_months(epoch, months):
    """Move an epoch by calendar months, clamping the day (31 Jan + 1 month = 28/29 Feb)."""
    moment = datetime.fromtimestamp(epoch, tz=timezone.utc)
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return int(moment.replace(year=year, month=month, day=day).timestamp())


def add_years(epoch, years):
    """Move an epoch by calendar years (29 Feb lands on 28 Feb in common years)."""
    return add_months(epoch, 12 * years)


class Clock:
    """Time as the sandbox sees it.

    Clients (the modules under test) compare expiry dates with their own wall clock, so the
    sandbox cannot simply pretend it is later: "advancing" the clock ages the stored data
    instead (every stored timestamp moves into the past) and is tracked here for reporting.
    """

    def __init__(self, anchor=None):
        self.anchor = int(anchor if anchor is not None else time.time())
        self.advanced_seconds = 0

    @staticmethod
    def now():
        """Current epoch seconds."""
        return int(time.time())

    def days_from_anchor(self, days):
        """Epoch `days` after the moment the fixture was loaded (fixtures use relative expiry)."""
        return self.anchor + int(round(float(days) * DAY))

    def describe(self):
        """Admin view of the clock."""
        return {
            "now": self.now(),
            "anchor": self.anchor,
            "advanced_days": self.advanced_seconds / DAY,
        }
