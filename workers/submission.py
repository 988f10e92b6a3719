"""Submitting jobs: validating a type's parameters and settings, then creating the job.

The API and the CLI call these; :mod:`workers.lifecycle` then owns the job. The job
type's settings policy (:mod:`workers.policies`) decides when a job starts when its user
does not say, and whether the user may say.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from workers import lifecycle, overwrite, policies, search
from workers.errors import InvalidParamsError, JobNotFoundError
from workers.jobtypes import get_job_type
from workers.overwrite import OverwritePolicy
from workers.records import JobRecord


def normalise_settings(
    start_at: datetime | None, overwrite_policy: OverwritePolicy | None = None
) -> tuple[dict[str, Any], datetime | None]:
    """The stored settings and the effective start time.

    Raises:
        InvalidParamsError: ``startAt`` lacks a timezone.
    """
    if start_at is not None:
        if start_at.tzinfo is None:
            raise InvalidParamsError(
                "settings.startAt", "give a timezone, e.g. 2026-01-31T08:00:00Z"
            )
        start_at = start_at.astimezone(UTC)
    policy = overwrite_policy or overwrite.DEFAULT_POLICY
    return {"startAt": start_at.isoformat() if start_at else None,
            overwrite.SETTING: policy.value}, start_at


async def submit(
    job_type_name: str,
    raw_params: dict[str, Any],
    *,
    user_id: int,
    start_at: datetime | None = None,
    resubmitted_from_id: int | None = None,
    overwrite_policy: OverwritePolicy | None = None,
) -> JobRecord:
    """Validate and create a job.

    Args:
        start_at: the user's own start time; ``None`` follows the job type's policy.
        overwrite_policy: whether a later submission may replace this job while it waits.

    A job with a scope replaces the waiting jobs of its type and scope whose ``overwrite``
    setting allows it (see :mod:`workers.overwrite`).

    Raises:
        UnknownJobTypeError: no such job type.
        InvalidParamsError: naming the offending parameter or setting.
        SettingsOverrideError: a start time the job type's policy does not let users choose.
        WaitingJobProtectedError: it would replace a waiting job that is protected.
    """
    job_type = get_job_type(job_type_name)
    params = job_type.parse_params(raw_params)
    await job_type.validate(params)
    settings, requested = normalise_settings(start_at, overwrite_policy)
    policy = await policies.policy_for(job_type.name)
    start_at = policies.effective_start(policy, requested, datetime.now(UTC))
    if requested is None:
        settings, _ = normalise_settings(start_at, overwrite_policy)
    scope = job_type.scope(params)
    subject = await job_type.describe(params)
    stored_params = params.model_dump(mode="json", by_alias=True)
    replaced = await overwrite.waiting_to_replace(job_type.name, scope) if scope else []
    record = await lifecycle.create(
        job_type=job_type.name,
        feature=job_type.feature,
        params=stored_params,
        settings=settings,
        user_id=user_id,
        start_at=start_at,
        resubmitted_from_id=resubmitted_from_id,
        scope=scope,
        event_message=", ".join(f"replaces job {job_id}" for job_id in replaced),
        subject=subject.text,
        refs=subject.refs,
        search_text=search.search_text(
            job_type=job_type.name, title=job_type.title, feature=job_type.feature,
            subject=subject.text, params=stored_params,
        ),
    )
    if replaced:
        await overwrite.withdraw_replaced(replaced, record.id, user_id)
    return record


async def resubmit(job_id: int, *, user_id: int) -> JobRecord:
    """A new job with the original's type, parameters and settings, linked to it.

    The original's start time is kept while it is still ahead and the job type's policy
    lets users choose; otherwise the policy's default applies (a time that has passed,
    with the default policy, starts the new job now).

    Raises:
        JobNotFoundError: no such job.
        InvalidParamsError: the stored parameters are no longer valid (e.g. a deleted team).
        WaitingJobProtectedError: the copy would replace a protected waiting job.
    """
    original = await lifecycle.load(job_id)
    if original is None:
        raise JobNotFoundError(job_id)
    raw_start = original.settings.get("startAt")
    start_at = datetime.fromisoformat(raw_start) if raw_start else None
    if start_at is not None and start_at <= datetime.now(UTC):
        start_at = None
    if start_at is not None and not (await policies.policy_for(original.type)).allow_override:
        start_at = None
    return await submit(
        original.type,
        original.params,
        user_id=user_id,
        start_at=start_at,
        resubmitted_from_id=original.id,
        overwrite_policy=overwrite.policy_of(original.settings),
    )
