"""The inserter: submissions made together are stored many per statement, each with its
own audit events, in the order made, and a failing one fails only itself."""

from __future__ import annotations

import asyncio

from tortoise.exceptions import IntegrityError

from workers.access.models import User
from workers.engine import lifecycle
from workers.engine.inserter import inserter
from workers.engine.models import JobEvent
from workers.engine.records import JobRecord
from workers.engine.status import JobStatus

from .conftest import Engine, audit_trail

JOBS = 20


async def _create(user: User, n: int, *, resubmitted_from_id: int | None = None,
                  user_id: int | None = None) -> JobRecord:
    return await lifecycle.create(
        job_type="TEST_SLOW", feature="Tests", params={"n": n}, settings={"startAt": None},
        user_id=user.id if user_id is None else user_id, subject=f"job {n}",
        resubmitted_from_id=resubmitted_from_id,
    )


async def test_submissions_made_together_are_stored_in_fewer_statements_than_jobs(
    engine: Engine,
) -> None:
    user = await User.create(username="planner")
    before = inserter().batches

    jobs = await asyncio.gather(*(_create(user, n) for n in range(JOBS)))

    assert inserter().batches - before < JOBS
    assert [job.params for job in jobs] == [{"n": n} for n in range(JOBS)]
    assert len({job.id for job in jobs}) == JOBS
    for n, job in enumerate(jobs):
        stored = await lifecycle.load(job.id)
        assert stored == job
        assert stored.status is JobStatus.SUBMITTED and stored.subject == f"job {n}"
        assert stored.username == "planner" and stored.version == 1
        assert [e.kind for e in await audit_trail(job.id)] == ["SUBMITTED"]
    assert sorted(engine.broker.sent_ids()) == sorted(job.id for job in jobs)


async def test_a_copy_in_a_batch_logs_resubmitted_on_its_original(engine: Engine) -> None:
    owner = await User.create(username="owner")
    other = await User.create(username="other")
    original = await _create(owner, 1)

    copy, unrelated = await asyncio.gather(
        _create(other, 1, resubmitted_from_id=original.id), _create(other, 2))

    assert copy.resubmitted_from_id == original.id and unrelated.resubmitted_from_id is None
    events = await JobEvent.filter(job_id=original.id, kind="RESUBMITTED")
    assert [(e.actor_id, e.message, e.job_owner_id) for e in events] == [
        (other.id, "a copy was submitted", owner.id)]
    assert [e.kind for e in await audit_trail(unrelated.id)] == ["SUBMITTED"]


async def test_a_submission_that_fails_its_batch_fails_alone(engine: Engine) -> None:
    user = await User.create(username="planner")

    outcomes = await asyncio.gather(
        *(_create(user, n) for n in range(5)), _create(user, 99, user_id=999_999),
        *(_create(user, n) for n in range(5, 10)), return_exceptions=True)

    assert isinstance(outcomes[5], IntegrityError)  # no such user
    stored = [o for i, o in enumerate(outcomes) if i != 5]
    assert all(isinstance(o, JobRecord) for o in stored)
    assert sorted(o.params["n"] for o in stored) == list(range(10))  # type: ignore[union-attr]
    assert not await JobEvent.filter(job_owner_id=999_999).exists()
