"""Working hours on the bureau's calendar: weekends, holidays, make-up working days, periods."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.domain.calendar import WorkingCalendar, deadline
from app.paths import resources_dir

CAL = WorkingCalendar.load(resources_dir() / "calendar.json")
CST = timezone(timedelta(hours=8))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CST)


def test_within_one_morning() -> None:
    assert CAL.add_working_hours(at("2026-11-25T09:00"), 2) == at("2026-11-25T11:00")


def test_across_lunch() -> None:
    # 11:00 + 2 h: one hour before lunch, one after 13:30.
    assert CAL.add_working_hours(at("2026-11-25T11:00"), 2) == at("2026-11-25T14:30")


def test_after_hours_starts_next_morning() -> None:
    assert CAL.add_working_hours(at("2026-11-25T20:00"), 1) == at("2026-11-26T09:30")


def test_across_a_weekend() -> None:
    # Friday 16:30 + 4 h: 1.5 h on Friday, then Monday 08:30 + 2.5 h.
    assert CAL.add_working_hours(at("2026-11-27T16:30"), 4) == at("2026-11-30T11:00")


def test_across_a_holiday_and_a_make_up_working_day() -> None:
    # National Day 2026: Oct 1–7 off; Saturday Oct 10 is a make-up working day.
    # Wednesday Sep 30, 17:00 + 2 h: 1 h on Sep 30, then Thursday Oct 8 from 08:30.
    assert CAL.add_working_hours(at("2026-09-30T17:00"), 2) == at("2026-10-08T09:30")
    assert CAL.is_working_day(at("2026-10-10T00:00").date())  # a Saturday, worked
    assert not CAL.is_working_day(at("2026-10-05T00:00").date())  # a Monday, holiday
    # Friday Oct 9, 17:30 + 1 h lands on the make-up Saturday.
    assert CAL.add_working_hours(at("2026-10-09T17:30"), 1) == at("2026-10-10T09:00")


def test_seven_working_days_penalty_deadline_over_spring_festival() -> None:
    # Dispatched Friday Feb 13 2026 at 09:00 (7.5 h left that day); Saturday Feb 14 is a make-up
    # day (8 h); Feb 15–23 off; Feb 24–27 (32 h); Saturday Feb 28 make-up (8 h): 55.5 h, so the
    # last half hour falls on Monday Mar 2.
    due = CAL.add_working_hours(at("2026-02-13T09:00"), 56)
    assert due == at("2026-03-02T09:00")
    assert CAL.working_hours_between(at("2026-02-13T09:00"), due) == pytest.approx(56)


def test_hours_between_is_the_inverse() -> None:
    start = at("2026-11-20T15:00")
    for hours in (0.5, 3, 7.5, 8, 40, 160):
        end = CAL.add_working_hours(start, hours)
        assert CAL.working_hours_between(start, end) == pytest.approx(hours)
    assert CAL.working_hours_between(at("2026-11-25T12:00"), at("2026-11-25T13:30")) == 0
    assert CAL.working_hours_between(at("2026-11-25T08:00"), at("2026-11-26T08:00")) == 8


def test_continuous_clock_for_urgent_covers() -> None:
    assert deadline(CAL, at("2026-11-28T22:00"), 2, "continuous") == at("2026-11-29T00:00")
    assert deadline(CAL, at("2026-11-28T22:00"), 2, "working") == at("2026-11-30T10:30")


def test_bad_calendars_and_times_are_refused() -> None:
    with pytest.raises(ValueError, match="ends before"):
        WorkingCalendar.from_json({"hours": [["12:00", "08:00"]]})
    with pytest.raises(ValueError, match="overlap"):
        WorkingCalendar.from_json({"hours": [["08:00", "12:00"], ["11:00", "13:00"]]})
    with pytest.raises(ValueError, match="offset"):
        CAL.add_working_hours(datetime(2026, 1, 5, 9), 1)
    with pytest.raises(ValueError, match="no working time"):
        WorkingCalendar.from_json({"hours": [["08:00", "12:00"]], "weekdays": []}).add_working_hours(
            at("2026-01-05T09:00"), 1)
