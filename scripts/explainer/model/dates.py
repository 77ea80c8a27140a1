"""Dates at the precision a source gives them: 1979, 1979-12 or 1979-12-24."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_ISO = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December"]


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int = 0
    day: int = 0

    @property
    def iso(self) -> str:
        """The value for an HTML ``<time datetime>`` and for JSON."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    @property
    def human(self) -> str:
        """How a reader sees it: 24 December 1979, December 1979, 1979."""
        if self.day:
            return f"{self.day} {_MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    @property
    def date_parts(self) -> list[int]:
        return [part for part in (self.year, self.month, self.day) if part]

    def covers_end(self) -> tuple[int, int, int]:
        """The last day this date could mean, for comparing with a range's end."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return (self.year, month, day)

    def start(self) -> tuple[int, int, int]:
        return (self.year, self.month or 1, self.day or 1)


def parse_date(value: object) -> PartialDate | None:
    """Read an ISO date, a YAML date, a year, or CSL ``{date-parts: [[y, m, d]]}``.

    Returns None when the value is not a real calendar date.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, dict):
        parts = value.get("date-parts")
        if not (isinstance(parts, list) and parts and isinstance(parts[0], list) and 1 <= len(parts[0]) <= 3):
            return None
        try:
            numbers = [int(part) for part in parts[0]]
        except (TypeError, ValueError):
            return None
        return _checked(*numbers)
    if not isinstance(value, str):
        return None
    match = _ISO.match(value.strip())
    if not match:
        return None
    return _checked(int(match["y"]), int(match["m"] or 0), int(match["d"] or 0))


def _checked(year: int, month: int = 0, day: int = 0) -> PartialDate | None:
    if not 1 <= year <= 9999 or not 0 <= month <= 12 or (day and not month):
        return None
    if day:
        try:
            dt.date(year, month, day)
        except ValueError:
            return None
    return PartialDate(year, month, day)
