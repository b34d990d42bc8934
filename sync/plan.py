"""The sync decisions, apart from any network: what to send next, what is done, what to retry.

After vdirsyncer's pure `sync(a, b, status)`: these functions take what the tablet
knows and what the server said, and return what to do, so a hypothesis state
machine can drive them against a model server with faults, without sockets.
Retries back off exponentially with full jitter (AWS Architecture Blog,
"Exponential Backoff and Jitter", 2015).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sync.protocol import CHUNK_SIZE, MAX_CASES_PER_BATCH

BACKOFF_BASE_S = 2.0
BACKOFF_CAP_S = 900.0
MISSING_PHOTOS_RETRY_S = 5.0


@dataclass(frozen=True)
class PendingCase:
    """A case revision in the outbox, with the photos the server must hold before it."""

    case_id: str
    revision: int
    photos: tuple[tuple[str, int], ...]  # (sha256, size)
    attempts: int = 0
    next_attempt_ts: float = 0.0


@dataclass(frozen=True)
class Upload:
    sha256: str
    size: int
    offset: int  # bytes the server already holds durably


@dataclass(frozen=True)
class Decision:
    kind: str  # "done": receipt kept, leave the outbox; "retry": later; "park": needs a person
    next_attempt_ts: float = 0.0
    message: str = ""


def due(items: Iterable[PendingCase], now: float) -> list[PendingCase]:
    """Outbox entries whose time has come, in queue order."""
    return [i for i in items if i.next_attempt_ts <= now]


def photos_of(items: Iterable[PendingCase]) -> list[tuple[str, int]]:
    """Every photo these cases need, each once, in the order the cases need them."""
    seen: dict[str, int] = {}
    for item in items:
        for sha, size in item.photos:
            seen.setdefault(sha, size)
    return list(seen.items())


def upload_plan(
    photos: Sequence[tuple[str, int]], missing: Iterable[str], offsets: dict[str, int]
) -> list[Upload]:
    """The uploads to make: photos the server lacks, each resuming from its durable offset."""
    lacking = set(missing)
    plan = []
    for sha, size in photos:
        if sha in lacking:
            offset = offsets.get(sha, 0)
            plan.append(Upload(sha, size, offset if 0 <= offset <= size else 0))
    return plan


def chunks(offset: int, size: int, chunk_size: int = CHUNK_SIZE) -> list[tuple[int, int]]:
    """The [start, end) byte ranges still to send; an empty file still needs one empty chunk."""
    if offset >= size:
        return [] if size else [(0, 0)]
    return [(start, min(size, start + chunk_size)) for start in range(offset, size, chunk_size)]


def ready(items: Iterable[PendingCase], present: set[str]) -> list[PendingCase]:
    """Cases whose every photo the server holds, verified: only these may be sent."""
    return [i for i in items if all(sha in present for sha, _ in i.photos)]


def batches(items: Sequence[PendingCase], size: int = MAX_CASES_PER_BATCH) -> list[list[PendingCase]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def backoff(
    attempts: int, rng: random.Random, *, base: float = BACKOFF_BASE_S, cap: float = BACKOFF_CAP_S
) -> float:
    """Seconds to wait before attempt `attempts + 1`: full jitter over an exponential ceiling."""
    ceiling = min(cap, base * (2 ** min(attempts, 30)))
    return rng.uniform(0.0, ceiling)


def after_result(
    item: PendingCase, outcome: str, now: float, rng: random.Random, message: str = ""
) -> Decision:
    """What to do with an outbox entry once the server has answered for it."""
    if outcome in ("accepted", "already"):
        return Decision("done")
    if outcome == "missing_photos":
        return Decision("retry", now + MISSING_PHOTOS_RETRY_S, message or "the server lacks photos")
    if outcome in ("conflict", "invalid", "refused"):
        return Decision("park", 0.0, message or outcome)
    return Decision("retry", now + backoff(item.attempts, rng), message or outcome)


def after_failure(item: PendingCase, now: float, rng: random.Random, message: str) -> Decision:
    """A network or server fault before any answer: try again after a backoff."""
    return Decision("retry", now + backoff(item.attempts, rng), message)
