"""What the desk's reports need without Qt: the evaluation figures' order and kinds, the report
periods, the figures' formatting, and CSV files a spreadsheet opens safely.

The figures themselves are the server's (`GET /api/v1/evaluation`, docs/server.md "Evaluation
figures"); this module only says how to show and export them. CSV is written as the server's
exports write it: UTF-8 with a byte-order mark (so Excel reads Chinese correctly), CRLF line
ends, and a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
leading `'`, so a spreadsheet does not run it as a formula.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

GROUPINGS = ("inspector", "district", "unit")
PERIODS = ("this_month", "last_month", "this_quarter", "this_year", "custom")
MAX_PERIOD_DAYS = 3 * 366  # the server refuses longer periods (about three years)


@dataclass(frozen=True)
class Figure:
    key: str  # the key in a row of GET /evaluation
    kind: str  # "count", "rate" (0..1 or None) or "hours" (or None)


# The figures in the order the desk shows them (the server's order, docs/server.md).
FIGURES: tuple[Figure, ...] = (
    Figure("reported", "count"),
    Figure("filed", "count"),
    Figure("filing_rate", "rate"),
    Figure("returned", "count"),
    Figure("rejected", "count"),
    Figure("dispatched", "count"),
    Figure("disposed", "count"),
    Figure("disposed_on_time", "count"),
    Figure("disposals_due", "count"),
    Figure("on_time_disposal_rate", "rate"),
    Figure("closures_due", "count"),
    Figure("closed", "count"),
    Figure("closed_on_time", "count"),
    Figure("closure_rate", "rate"),
    Figure("on_time_closure_rate", "rate"),
    Figure("deferred", "count"),
    Figure("reworks", "count"),
    Figure("mean_working_hours_to_close", "hours"),
)
RATES = tuple(f.key for f in FIGURES if f.kind == "rate")


# ---------------------------------------------------------------- periods


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def period_for(preset: str, today: date) -> tuple[date, date]:
    """The days (first, last, both included) of a preset period as of `today`.

    A period that is still running ends today, not at its calendar end: the server counts a
    closure as due when the case's last deadline is before the period's end, so a period that
    ran into the future would count deadlines that have not come yet as missed.
    """
    if preset == "this_month":
        return today.replace(day=1), today
    if preset == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if preset == "this_quarter":
        return _quarter_start(today), today
    if preset == "this_year":
        return date(today.year, 1, 1), today
    raise ValueError(f"unknown period {preset!r} (known: {', '.join(p for p in PERIODS if p != 'custom')})")


def check_period(first: date, last: date) -> None:
    """Refuse what the server would refuse, with the same words: from after to, or too long."""
    if first > last:
        raise ValueError(f"the period starts ({first}) after it ends ({last})")
    if (last - first).days > MAX_PERIOD_DAYS:
        raise ValueError(f"a period is at most three years ({first} to {last} is longer)")


# ---------------------------------------------------------------- formatting


def format_figure(kind: str, value: object) -> str:
    """A figure as the desk shows it: counts as they are, rates in percent with one decimal,
    hours with one decimal; a missing value (a rate with nothing due) as a dash."""
    if value is None:
        return "—"
    if kind == "rate" and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    if kind == "hours" and isinstance(value, int | float):
        return f"{value:.1f}"
    return str(value)


def export_name(by: str, first: date, last: date) -> str:
    """The file name an export is offered under."""
    return f"evaluation-{by}-{first.isoformat()}-{last.isoformat()}.csv"


# ---------------------------------------------------------------- CSV

_RISKY = frozenset("=+-@\t\r")


def csv_cell(value: object) -> object:
    """One cell: None empty, booleans as words, risky text defused, numbers as they are."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str) and value and value[0] in _RISKY:
        return "'" + value
    return value


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The whole CSV document: BOM, header, one line per row, CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"a row has {len(row)} cells for {len(header)} columns: {list(row)!r}")
        writer.writerow([csv_cell(v) for v in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write the CSV to `path` whole or not at all (a temporary file beside it, renamed into place)."""
    data = csv_bytes(header, list(rows))
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; an export is an ordinary document
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
