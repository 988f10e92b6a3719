"""The job store under random interleavings, on SQLite and on PostgreSQL.

Hypothesis drives submit / claim / progress / complete / fail / cancel / delete / reap
(and release) against the real store, one call at a time or several racing at once
(on PostgreSQL over a pool of connections, so they overlap in the database). After
every step it checks what a reader of the database would rely on:

* every status change the store accepted is a move of ``TRANSITIONS``;
* of callers racing for the same change, at most one wins;
* a lone call wins exactly when the job's state allows it;
* the audit trail holds one event per accepted change, in the order of the changes;
* the version grows by one with every accepted write, and the row matches the winners.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from workers.access.models import User
from workers.engine import db
from workers.engine.models import JobEvent
from workers.engine.records import JobRecord
from workers.engine.settings import Settings
from workers.engine.status import DELETABLE_STATUSES, TRANSITIONS, JobStatus
from workers.engine.store import JobStore, NewJob, get_store

#: Far enough ahead that any lease has expired by then (what a reaper sees much later).
LATER = timedelta(days=1)

#: Operation name → (statuses it may win from, status it leaves, needs the current attempt).
OPERATIONS: dict[str, tuple[frozenset[JobStatus], JobStatus | None, bool]] = {
    "claim": (frozenset({JobStatus.SUBMITTED}), JobStatus.RUNNING, False),
    "progress": (frozenset({JobStatus.RUNNING}), None, True),
    "complete": (frozenset({JobStatus.RUNNING}), JobStatus.COMPLETED, True),
    "fail": (frozenset({JobStatus.RUNNING, JobStatus.CANCELLING}), JobStatus.FAILED, True),
    "withdraw": (frozenset({JobStatus.SUBMITTED}), JobStatus.CANCELLED, False),
    "request_cancel": (frozenset({JobStatus.RUNNING}), JobStatus.CANCELLING, False),
    "finish_cancelled": (frozenset({JobStatus.CANCELLING}), JobStatus.CANCELLED, True),
    "release": (frozenset({JobStatus.RUNNING}), JobStatus.SUBMITTED, True),
    "reap_requeue": (frozenset({JobStatus.RUNNING}), JobStatus.SUBMITTED, True),
    "reap_fail": (frozenset({JobStatus.RUNNING}), JobStatus.FAILED, True),
    "reap_cancelled": (frozenset({JobStatus.CANCELLING}), JobStatus.CANCELLED, True),
    "delete": (frozenset(DELETABLE_STATUSES), None, False),
}


@dataclass(frozen=True)
class Call:
    """One store call: an operation, and for a worker's writes whether it names the
    attempt that owns the job (``stale``: the one before)."""

    operation: str
    stale: bool = False
    #: Reaper calls: whether the lease has expired at the reaper's clock.
    expired: bool = True


@dataclass
class Expected:
    """What the test knows of one job."""

    status: JobStatus = JobStatus.SUBMITTED
    attempt: int = 0
    version: int = 1
    trail: list[str] = field(default_factory=lambda: ["SUBMITTED"])
    deleted: bool = False


async def perform(store: JobStore, job_id: int, call: Call, attempt: int) -> bool:
    """Make ``call`` against the store; True when its guarded change won."""
    now = datetime.now(UTC)
    reaper_clock = now + LATER if call.expired else now - LATER
    mine = attempt - 1 if call.stale else attempt
    result: Any
    match call.operation:
        case "claim":
            result = await store.claim(job_id, worker="w", now=now, lease_until=now + LATER / 2)
        case "progress":
            result = (await store.progress(job_id, mine, 0.5, "half")).version is not None
        case "complete":
            result = await store.complete(job_id, mine, result={"summary": "done"},
                                          files=[("out.csv", "text/csv", b"a\n")], at=now)
        case "fail":
            result = await store.fail(job_id, mine, error="broke", at=now)
        case "withdraw":
            result = await store.withdraw(job_id, actor_id=None, reason="withdrawn", at=now)
        case "request_cancel":
            result = await store.request_cancel(job_id, actor_id=None)
        case "finish_cancelled":
            result = await store.finish_cancelled(job_id, mine, message="stopped", at=now)
        case "release":
            result = await store.requeue(job_id, mine, label="released", message="released",
                                         enqueued_at=None)
        case "reap_requeue":
            result = await store.requeue(job_id, mine, label="lost", message="lost",
                                         enqueued_at=now, lease_expired_before=reaper_clock)
        case "reap_fail":
            result = await store.fail(job_id, mine, error="lost", at=now,
                                      lease_expired_before=reaper_clock)
        case "reap_cancelled":
            result = await store.finish_cancelled(job_id, mine, message="lost", at=now,
                                                  lease_expired_before=reaper_clock)
        case "delete":
            record = await store.load(job_id)
            if record is None or record.status not in DELETABLE_STATUSES:
                return False
            result = await store.delete(record, actor_id=None, message="deleted")
        case _:
            raise AssertionError(call.operation)
    return result is not None and result is not False


def lone_call_wins(expected: Expected, call: Call) -> bool:
    """Whether a call made alone must win, given the job's state."""
    sources, _, owned = OPERATIONS[call.operation]
    if expected.deleted or expected.status not in sources:
        return False
    if owned and call.stale:
        return False
    return not (call.operation.startswith("reap") and not call.expired)


calls = st.builds(
    Call,
    operation=st.sampled_from(sorted(OPERATIONS)),
    stale=st.booleans(),
    expired=st.booleans(),
)


class StoreMachine(RuleBasedStateMachine):
    """Random work against the store; the loop and user are set by the test."""

    loop: ClassVar[asyncio.AbstractEventLoop]
    user_id: ClassVar[int]

    jobs = Bundle("jobs")

    def __init__(self) -> None:
        super().__init__()
        self.store = get_store()
        self.expected: dict[int, Expected] = {}

    def run(self, coroutine: Any) -> Any:
        return self.loop.run_until_complete(coroutine)

    @rule(target=jobs)
    def submit(self) -> int:
        record = self.run(self.store.insert(NewJob(
            type="TEST_NOOP", feature="Tests", params={}, settings={}, user_id=self.user_id,
            submitted_at=datetime.now(UTC), enqueued_at=datetime.now(UTC),
        )))
        assert (record.status, record.version, record.attempt) == (JobStatus.SUBMITTED, 1, 0)
        self.expected[record.id] = Expected()
        return record.id

    @rule(job_id=jobs, call=calls)
    def alone(self, job_id: int, call: Call) -> None:
        before = self.expected[job_id]
        must_win = lone_call_wins(before, call)
        won = self.run(perform(self.store, job_id, call, before.attempt))
        assert won == must_win, f"{call} on {before}"
        self.check(job_id, [call] if won else [])

    @rule(job_id=jobs, racing=st.lists(calls, min_size=2, max_size=4))
    def race(self, job_id: int, racing: list[Call]) -> None:
        attempt = self.expected[job_id].attempt

        async def together() -> list[bool]:
            return list(await asyncio.gather(
                *(perform(self.store, job_id, call, attempt) for call in racing)
            ))

        outcome = self.run(together())
        winners = [call for call, won in zip(racing, outcome, strict=True) if won]
        status_winners = Counter(c for c in winners if c.operation != "progress")
        assert all(n == 1 for n in status_winners.values()), f"one change won twice: {winners}"
        self.check(job_id, winners)

    def check(self, job_id: int, winners: list[Call]) -> None:
        """The row and its audit trail hold exactly the changes that won."""
        expected = self.expected[job_id]
        record: JobRecord | None = self.run(self.store.load(job_id))
        trail = [e.kind for e in self.run(JobEvent.filter(job_id=job_id).order_by("id"))]
        assert trail[: len(expected.trail)] == expected.trail, "the trail lost or changed events"
        new_events = trail[len(expected.trail):]
        changes = [c for c in winners if c.operation != "progress"]
        if expected.deleted:
            assert record is None and not new_events and not winners, "a deleted job changed"
            return
        assert sorted(new_events) == sorted(_event_of(c) for c in changes), (winners, new_events)
        # Replay the new events: each is a move TRANSITIONS allows, from where the last left.
        status = expected.status
        for kind in new_events:
            if kind == "DELETED":
                assert status in DELETABLE_STATUSES, f"deleted while {status}"
                continue
            target = JobStatus(kind)
            assert target in TRANSITIONS[status], f"{status} → {target} is not a transition"
            status = target
        if "DELETED" in new_events:
            assert record is None
            assert new_events[-1] == "DELETED", "a change after the delete"
            expected.deleted = True
        else:
            assert record is not None
            assert record.status is status
            assert record.version == expected.version + len(winners)
            claims = sum(1 for c in changes if c.operation == "claim")
            assert record.attempt == expected.attempt + claims
            expected.version, expected.attempt = record.version, record.attempt
        expected.status = status
        expected.trail = trail

    @invariant()
    def finished_jobs_stay_finished(self) -> None:
        for expected in self.expected.values():
            if expected.status.is_final:
                assert expected.trail[-1] in {expected.status.value, "DELETED"}


def test_the_store_accepts_only_transitions_and_one_winner_per_change(
    engine_settings: Settings,
) -> None:
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(db.connect(engine_settings))
        user = loop.run_until_complete(User.create(username="stateful", name="Stateful"))
        StoreMachine.loop = loop
        StoreMachine.user_id = user.id
        run_state_machine_as_test(StoreMachine, settings=settings(
            max_examples=60, stateful_step_count=20, deadline=None, database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ))
    finally:
        loop.run_until_complete(db.disconnect())
        loop.close()


def _event_of(call: Call) -> str:
    if call.operation == "delete":
        return "DELETED"
    target = OPERATIONS[call.operation][1]
    assert target is not None
    return target.value
