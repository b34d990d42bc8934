"""The pure sync decisions, driven by a hypothesis state machine against a model server with faults.

The model server keeps photos by hash with a durable offset and cases by id and
revision; faults cut chunks, lose answers after the server acted, and fail whole
requests. Invariants: the server never holds a case without all its photos, never
two bodies for one revision, and the tablet never drops an outbox entry the
server does not hold; once faults stop, everything converges.
"""

from __future__ import annotations

import random

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from sync import plan


def test_chunks_cover_the_rest_of_the_file() -> None:
    assert plan.chunks(0, 10, 4) == [(0, 4), (4, 8), (8, 10)]
    assert plan.chunks(8, 10, 4) == [(8, 10)]
    assert plan.chunks(10, 10, 4) == []


def test_upload_plan_resumes_from_the_servers_offset_and_skips_what_it_has() -> None:
    photos = [("a" * 64, 100), ("b" * 64, 50), ("c" * 64, 70)]
    uploads = plan.upload_plan(photos, {"a" * 64, "c" * 64}, {"c" * 64: 40})
    assert uploads == [plan.Upload("a" * 64, 100, 0), plan.Upload("c" * 64, 70, 40)]
    # A nonsense offset from the server restarts the file rather than trusting it.
    assert plan.upload_plan(photos, {"b" * 64}, {"b" * 64: 999}) == [plan.Upload("b" * 64, 50, 0)]


def test_only_cases_with_all_photos_present_are_ready() -> None:
    a = plan.PendingCase("a", 1, (("x" * 64, 1),))
    b = plan.PendingCase("b", 1, (("x" * 64, 1), ("y" * 64, 1)))
    c = plan.PendingCase("c", 1, ())
    assert plan.ready([a, b, c], {"x" * 64}) == [a, c]


def test_backoff_grows_with_full_jitter_and_a_cap() -> None:
    rng = random.Random(1)
    ceilings = [max(plan.backoff(n, rng) for _ in range(200)) for n in range(12)]
    assert ceilings[0] <= 2 and ceilings[3] <= 16 and ceilings[11] <= plan.BACKOFF_CAP_S
    assert ceilings[5] > ceilings[1]
    assert min(plan.backoff(4, rng) for _ in range(200)) < 1  # full jitter reaches near zero


def test_outcomes() -> None:
    item, rng = plan.PendingCase("a", 1, ()), random.Random(0)
    assert plan.after_result(item, "accepted", 0, rng).kind == "done"
    assert plan.after_result(item, "already", 0, rng).kind == "done"
    assert plan.after_result(item, "conflict", 0, rng).kind == "park"
    assert plan.after_result(item, "invalid", 0, rng).kind == "park"
    assert plan.after_result(item, "missing_photos", 0, rng).kind == "retry"


class Fault(Exception):
    pass


class SyncMachine(RuleBasedStateMachine):
    """The tablet's outbox and a model server, with the engine's loop written over `plan`."""

    def __init__(self) -> None:
        super().__init__()
        self.rng = random.Random(0)
        self.photo_sizes: dict[str, int] = {}
        self.outbox: dict[tuple[str, int], plan.PendingCase] = {}
        self.done: set[tuple[str, int]] = set()
        self.server_blobs: dict[str, int] = {}  # sha -> durable offset
        self.server_cases: dict[tuple[str, int], str] = {}  # (id, revision) -> body
        self.bodies: dict[tuple[str, int], str] = {}
        self.case_photos: dict[tuple[str, int], tuple[tuple[str, int], ...]] = {}
        self.accept_count: dict[tuple[str, int], int] = {}
        self.clock = 0.0
        self.fault_rate = 0.0
        self.counter = 0

    # ---- the model server
    def _maybe_fault(self) -> None:
        if self.rng.random() < self.fault_rate:
            raise Fault()

    def server_missing(self, hashes: list[str]) -> tuple[list[str], dict[str, int]]:
        self._maybe_fault()
        missing = [h for h in hashes if self.server_blobs.get(h, -1) != self.photo_sizes[h]]
        return missing, {h: self.server_blobs[h] for h in missing if h in self.server_blobs}

    def server_chunk(self, sha: str, start: int, end: int) -> int:
        self._maybe_fault()  # cut before the server stored the chunk
        if self.server_blobs.get(sha, 0) != start:
            return self.server_blobs.get(sha, 0)
        self.server_blobs[sha] = end
        self._maybe_fault()  # the answer is lost after the server stored it
        return end

    def server_cases_post(self, batch: list[plan.PendingCase]) -> dict[tuple[str, int], str]:
        self._maybe_fault()
        results = {}
        for item in batch:
            key = (item.case_id, item.revision)
            if any(self.server_blobs.get(sha, -1) != size for sha, size in item.photos):
                results[key] = "missing_photos"
            elif key in self.server_cases:
                results[key] = "already" if self.server_cases[key] == self.bodies[key] else "conflict"
            else:
                self.server_cases[key] = self.bodies[key]
                self.accept_count[key] = self.accept_count.get(key, 0) + 1
                results[key] = "accepted"
        self._maybe_fault()  # the answer is lost after the server acted
        return results

    # ---- the tablet: the engine's loop over plan
    def sync_once(self) -> None:
        due = plan.due(self.outbox.values(), self.clock)
        try:
            photos = plan.photos_of(due)
            missing, offsets = self.server_missing([s for s, _ in photos]) if photos else ([], {})
            uploaded = set()
            for up in plan.upload_plan(photos, missing, offsets):
                offset = up.offset
                while offset < up.size:
                    start, end = plan.chunks(offset, up.size, 3)[0]
                    new = self.server_chunk(up.sha256, start, end)
                    offset = self.server_blobs.get(up.sha256, 0) if new <= offset else new
                uploaded.add(up.sha256)
            present = {s for s, _ in photos if s not in set(missing) - uploaded}
            for batch in plan.batches(plan.ready(due, present), 2):
                results = self.server_cases_post(batch)
                for item in batch:
                    key = (item.case_id, item.revision)
                    decision = plan.after_result(item, results[key], self.clock, self.rng)
                    if decision.kind == "done":
                        del self.outbox[key]
                        self.done.add(key)
                    else:
                        self.outbox[key] = plan.PendingCase(
                            item.case_id, item.revision, item.photos, item.attempts + 1, decision.next_attempt_ts)
        except Fault:
            for item in due:
                key = (item.case_id, item.revision)
                if key in self.outbox:
                    d = plan.after_failure(item, self.clock, self.rng, "fault")
                    self.outbox[key] = plan.PendingCase(
                        item.case_id, item.revision, item.photos, item.attempts + 1, d.next_attempt_ts)

    # ---- rules
    @rule(n_photos=st.integers(0, 3), sizes=st.lists(st.integers(1, 10), min_size=3, max_size=3),
          share=st.booleans())
    def submit_case(self, n_photos: int, sizes: list[int], share: bool) -> None:
        self.counter += 1
        photos = []
        for i in range(n_photos):
            if share and self.photo_sizes:
                sha = sorted(self.photo_sizes)[0]  # the same photo in two cases
            else:
                sha = f"{self.counter:032d}{i:032d}"
                self.photo_sizes[sha] = sizes[i]
            photos.append((sha, self.photo_sizes[sha]))
        key = (f"case{self.counter}", 1)
        self.bodies[key] = f"body{self.counter}"
        self.case_photos[key] = tuple(dict.fromkeys(photos))
        self.outbox[key] = plan.PendingCase(key[0], 1, self.case_photos[key])

    @rule(rate=st.sampled_from([0.0, 0.2, 0.5]))
    def set_faults(self, rate: float) -> None:
        self.fault_rate = rate

    @rule(seconds=st.floats(0, 2000))
    def time_passes(self, seconds: float) -> None:
        self.clock += seconds

    @rule()
    def sync(self) -> None:
        self.sync_once()

    @precondition(lambda self: bool(self.outbox))
    @rule()
    def faults_stop_and_everything_converges(self) -> None:
        self.fault_rate = 0.0
        for _ in range(50):
            self.clock += plan.BACKOFF_CAP_S + 10
            self.sync_once()
            if not self.outbox:
                break
        assert not self.outbox
        assert set(self.server_cases) == set(self.done)

    # ---- invariants
    @invariant()
    def nothing_done_that_the_server_lacks(self) -> None:
        assert self.done <= set(self.server_cases)

    @invariant()
    def nothing_accepted_twice(self) -> None:
        assert all(n == 1 for n in self.accept_count.values())

    @invariant()
    def no_case_without_its_photos(self) -> None:
        for key in self.server_cases:
            assert all(self.server_blobs.get(s) == n for s, n in self.case_photos[key])

    @invariant()
    def every_case_is_somewhere(self) -> None:
        assert set(self.bodies) == set(self.outbox) | self.done


TestSyncMachine = SyncMachine.TestCase
TestSyncMachine.settings = settings(max_examples=60, stateful_step_count=40, deadline=None)
