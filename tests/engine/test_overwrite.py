"""The ``overwrite`` setting: may a later submission replace a job that still waits?"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from workers.access import submissions
from workers.engine import lifecycle
from workers.engine.models import Job
from workers.engine.overwrite import OverwritePolicy, WaitingJobProtectedError
from workers.engine.status import JobStatus

from .conftest import Engine, UserFactory, audit_trail

pytestmark = pytest.mark.usefixtures("test_job_types")

LATER = datetime.now(UTC) + timedelta(hours=2)


async def waiting(user_id: int, policy: OverwritePolicy | None, scope: str = "level:1",
                  type_name: str = "TEST_SCOPED"):
    return await submissions.submit(type_name, {"scope": scope}, user_id=user_id,
                                   start_at=LATER, overwrite_policy=policy)


async def test_a_later_submission_replaces_a_waiting_job_that_allows_it(
    engine: Engine, user_factory: UserFactory
) -> None:
    user, _ = await user_factory()
    old = await waiting(user.id, OverwritePolicy.ALLOW)

    new = await waiting(user.id, OverwritePolicy.ALLOW)

    replaced = await lifecycle.load(old.id)
    assert replaced is not None and replaced.status is JobStatus.CANCELLED
    assert new.status is JobStatus.SUBMITTED and new.settings["overwrite"] == "ALLOW"
    assert [(e.kind, e.message) for e in await audit_trail(old.id)][-1] == (
        "CANCELLED", f"replaced by job {new.id}")
    assert (await audit_trail(new.id))[0].message == f"replaces job {old.id}"


async def test_a_submission_that_would_replace_a_protected_waiting_job_is_refused_naming_it(
    engine: Engine, user_factory: UserFactory
) -> None:
    user, _ = await user_factory()
    protected = await waiting(user.id, OverwritePolicy.PROTECT)

    with pytest.raises(WaitingJobProtectedError) as refused:
        await waiting(user.id, OverwritePolicy.ALLOW)

    assert refused.value.job_id == protected.id
    assert f"Job {protected.id} (TEST_SCOPED on schedule level 1)" in str(refused.value)
    assert "Cancel it first" in str(refused.value)
    assert await Job.all().count() == 1
    still = await lifecycle.load(protected.id)
    assert still is not None and still.status is JobStatus.SUBMITTED


async def test_jobs_are_protected_unless_their_settings_allow_replacing(
    engine: Engine, user_factory: UserFactory
) -> None:
    user, _ = await user_factory()
    first = await waiting(user.id, None)

    with pytest.raises(WaitingJobProtectedError):
        await waiting(user.id, None)

    assert first.settings["overwrite"] == "PROTECT"


async def test_only_a_waiting_job_of_the_same_type_and_scope_is_replaced(
    engine: Engine, user_factory: UserFactory
) -> None:
    user, _ = await user_factory()
    other_scope = await waiting(user.id, OverwritePolicy.PROTECT, scope="level:2")
    running = await waiting(user.id, OverwritePolicy.PROTECT)
    await Job.filter(id=running.id).update(start_at=None)
    assert await lifecycle.claim(running.id, "w1") is not None

    new = await waiting(user.id, OverwritePolicy.PROTECT)

    assert new.status is JobStatus.SUBMITTED
    for job in (other_scope, running):
        stored = await lifecycle.load(job.id)
        assert stored is not None and stored.status in (JobStatus.SUBMITTED, JobStatus.RUNNING)


async def test_a_resubmitted_job_keeps_its_overwrite_setting(
    engine: Engine, user_factory: UserFactory
) -> None:
    user, _ = await user_factory()
    original = await waiting(user.id, OverwritePolicy.ALLOW)

    copy = await submissions.resubmit(original.id, user_id=user.id)

    assert copy.settings["overwrite"] == "ALLOW"
    replaced = await lifecycle.load(original.id)
    assert replaced is not None and replaced.status is JobStatus.CANCELLED
