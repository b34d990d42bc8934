"""app/reports.py: report periods, the figures' formatting and the desk's CSV files."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from app.reports import FIGURES, RATES, check_period, csv_bytes, export_name, format_figure, period_for, write_csv


@pytest.mark.parametrize(
    ("preset", "today", "expected"),
    [
        ("this_month", date(2026, 11, 26), (date(2026, 11, 1), date(2026, 11, 26))),
        ("this_month", date(2026, 11, 1), (date(2026, 11, 1), date(2026, 11, 1))),
        ("last_month", date(2026, 11, 26), (date(2026, 10, 1), date(2026, 10, 31))),
        ("last_month", date(2026, 1, 15), (date(2025, 12, 1), date(2025, 12, 31))),
        ("last_month", date(2028, 3, 31), (date(2028, 2, 1), date(2028, 2, 29))),  # a leap year
        ("this_quarter", date(2026, 11, 26), (date(2026, 10, 1), date(2026, 11, 26))),
        ("this_quarter", date(2026, 3, 31), (date(2026, 1, 1), date(2026, 3, 31))),
        ("this_quarter", date(2026, 4, 1), (date(2026, 4, 1), date(2026, 4, 1))),
        ("this_year", date(2026, 11, 26), (date(2026, 1, 1), date(2026, 11, 26))),
    ],
)
def test_preset_periods_end_today_or_at_the_end_of_a_past_month(
    preset: str, today: date, expected: tuple[date, date]
) -> None:
    assert period_for(preset, today) == expected


def test_bad_periods_are_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="unknown period 'fortnight'"):
        period_for("fortnight", date(2026, 1, 1))
    with pytest.raises(ValueError, match="after it ends"):
        check_period(date(2026, 3, 6), date(2026, 3, 2))
    with pytest.raises(ValueError, match="at most three years"):
        check_period(date(2020, 1, 1), date(2026, 3, 6))
    check_period(date(2026, 3, 6), date(2026, 3, 6))  # one day is a period


def test_figures_follow_the_servers_rows() -> None:
    keys = [f.key for f in FIGURES]
    assert len(keys) == len(set(keys)) == 18
    assert RATES == ("filing_rate", "on_time_disposal_rate", "closure_rate", "on_time_closure_rate")
    assert format_figure("rate", 0.666667) == "66.7%"
    assert format_figure("rate", 1.0) == "100.0%"
    assert format_figure("rate", 0.0) == "0.0%"
    assert format_figure("rate", None) == "—"
    assert format_figure("hours", 14.0) == "14.0"
    assert format_figure("hours", None) == "—"
    assert format_figure("count", 3) == "3"
    assert export_name("unit", date(2026, 3, 1), date(2026, 3, 31)) == "evaluation-unit-2026-03-01-2026-03-31.csv"


def _read(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_a_bom_crlf_and_reads_back_with_chinese() -> None:
    data = csv_bytes(["排名", "单位", "结案率"], [[1, "自来水公司", "66.7%"], [2, 'gas "co", east', None]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 3 and b"\n" not in data.replace(b"\r\n", b"")
    assert _read(data) == [["排名", "单位", "结案率"], ["1", "自来水公司", "66.7%"], ["2", 'gas "co", east', ""]]


def test_csv_defuses_formulas_in_text_but_not_numbers() -> None:
    rows = [
        ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tcmd", "\rx", -3, 0.5, "a=b", True],
    ]
    header = [f"c{i}" for i in range(10)]
    [_, row] = _read(csv_bytes(header, rows))
    assert row == ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "'\tcmd", "'\rx", "-3", "0.5", "a=b", "true"]
    # A header cell is text too.
    assert _read(csv_bytes(["=cmd"], []))[0] == ["'=cmd"]


def test_write_csv_writes_whole_files_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    write_csv(path, ["a", "b"], [[1, 2]])
    assert _read(path.read_bytes()) == [["a", "b"], ["1", "2"]]
    before = path.read_bytes()
    with pytest.raises(ValueError, match="a row has 1 cells for 2 columns"):
        write_csv(path, ["a", "b"], [[1, 2], [3]])
    assert path.read_bytes() == before  # the old file stays, no temporary file is left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures.csv"]
    with pytest.raises(FileNotFoundError):
        write_csv(tmp_path / "missing" / "x.csv", ["a"], [])
