"""The bureau's working calendar: deadlines counted in working hours from dispatch.

Working days are the configured weekdays, less public holidays, plus the make-up
working days on weekends that come with them (调休); each working day has its
working periods (e.g. 08:30–12:00 and 13:30–17:30). All of it is data
(`resources/calendar.json`, replaced by IT each year from the State Council's notice).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

_MAX_DAYS = 3660  # no deadline lies ten years away: a calendar with no working time must not loop forever


@dataclass(frozen=True)
class WorkingCalendar:
    tz: timezone
    weekdays: frozenset[int]  # ISO weekdays, 1 = Monday
    periods: tuple[tuple[time, time], ...]
    holidays: frozenset[date]
    workdays: frozenset[date]  # make-up working days on weekends

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> WorkingCalendar:
        offset = str(raw.get("timezone", "+08:00"))
        sign = -1 if offset.startswith("-") else 1
        hh, mm = offset.lstrip("+-").split(":")
        tz = timezone(sign * timedelta(hours=int(hh), minutes=int(mm)))
        periods = tuple(sorted((time.fromisoformat(a), time.fromisoformat(b)) for a, b in raw["hours"]))
        for start, end in periods:
            if end <= start:
                raise ValueError(f"calendar: working period {start}–{end} ends before it starts")
        for (_, end), (start, _) in zip(periods, periods[1:], strict=False):
            if start < end:
                raise ValueError("calendar: working periods overlap")
        weekdays = frozenset(int(d) for d in raw.get("weekdays", [1, 2, 3, 4, 5]))
        if not weekdays <= set(range(1, 8)):
            raise ValueError("calendar: weekdays are 1 (Monday) to 7 (Sunday)")
        return cls(tz=tz, weekdays=weekdays, periods=periods,
                   holidays=frozenset(date.fromisoformat(d) for d in raw.get("holidays", [])),
                   workdays=frozenset(date.fromisoformat(d) for d in raw.get("workdays", [])))

    @classmethod
    def load(cls, path: Path) -> WorkingCalendar:
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.isoweekday() in self.weekdays

    def _periods_of(self, day: date) -> list[tuple[datetime, datetime]]:
        if not self.is_working_day(day):
            return []
        return [(datetime.combine(day, a, self.tz), datetime.combine(day, b, self.tz)) for a, b in self.periods]

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The moment `hours` working hours after `start` (a deadline from a dispatch time)."""
        if hours < 0:
            raise ValueError("working hours must not be negative")
        moment = _aware(start).astimezone(self.tz)
        left = timedelta(hours=hours)
        day = moment.date()
        for _ in range(_MAX_DAYS):
            for begin, end in self._periods_of(day):
                if end <= moment:
                    continue
                begin = max(begin, moment)
                if left <= end - begin:
                    return begin + left
                left -= end - begin
            day += timedelta(days=1)
        raise ValueError("calendar: no working time within ten years")

    def working_hours_between(self, start: datetime, end: datetime) -> float:
        """Working hours from `start` to `end` (negative if `end` comes first)."""
        a, b = _aware(start).astimezone(self.tz), _aware(end).astimezone(self.tz)
        if b < a:
            return -self.working_hours_between(b, a)
        total = timedelta()
        day = a.date()
        while day <= b.date():
            for begin, finish in self._periods_of(day):
                lo, hi = max(begin, a), min(finish, b)
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return total.total_seconds() / 3600


def deadline(calendar: WorkingCalendar, start: datetime, hours: float, clock: str) -> datetime:
    """A milestone's deadline: working hours on the calendar, or plain hours for a continuous clock."""
    if clock == "continuous":
        return _aware(start) + timedelta(hours=hours)
    return calendar.add_working_hours(start, hours)


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("calendar: times must carry their UTC offset")
    return moment
