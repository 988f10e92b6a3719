"""Submitting and resubmitting on a user's behalf: the job type's start policy, then the engine.

The API and the command line submit through here, never through
:mod:`workers.engine.submission` directly, so that every user's submission follows the
start policy an administrator set for its job type (:mod:`workers.access.policies`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from workers.access import policies
from workers.engine import lifecycle, overwrite, submission
from workers.engine.errors import JobNotFoundError
from workers.engine.overwrite import OverwritePolicy, ReplaceRights
from workers.engine.records import JobRecord


async def _decide_start(
    job_type: str, requested: datetime | None, now: datetime
) -> datetime | None:
    return policies.effective_start(await policies.policy_for(job_type), requested, now)


async def submit(
    job_type_name: str,
    raw_params: dict[str, Any],
    *,
    user_id: int,
    start_at: datetime | None = None,
    resubmitted_from_id: int | None = None,
    overwrite_policy: OverwritePolicy | None = None,
    replace_rights: ReplaceRights | None = None,
) -> JobRecord:
    """Validate and create a job as the job type's start policy says.

    Args:
        start_at: the user's own start time; ``None`` follows the job type's policy.
        overwrite_policy: whether a later submission may replace this job while it waits.
        replace_rights: which waiting jobs the submitter may replace (the API passes the
            user's rights: only jobs they may cancel); ``None``: any the setting allows.

    Raises:
        UnknownJobTypeError: no such job type.
        InvalidParamsError: naming the offending parameter or setting.
        SettingsOverrideError: a start time the job type's policy does not let users choose.
        WaitingJobProtectedError: it would replace a waiting job that is protected, or that
            the submitter may not replace.
    """
    return await submission.submit(
        job_type_name,
        raw_params,
        user_id=user_id,
        start_at=start_at,
        resubmitted_from_id=resubmitted_from_id,
        overwrite_policy=overwrite_policy,
        decide_start=_decide_start,
        replace_rights=replace_rights,
    )


async def resubmit(
    job_id: int, *, user_id: int, replace_rights: ReplaceRights | None = None
) -> JobRecord:
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
        replace_rights=replace_rights,
    )
