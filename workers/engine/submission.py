"""Submitting jobs: validating a type's parameters and settings, then creating the job.

:mod:`workers.engine.lifecycle` then owns the job. When a job starts is decided by the
caller's ``decide_start``: users submit through :mod:`workers.access.submissions`, which
passes the job type's settings policy, so the engine itself knows no policies.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from workers.engine import lifecycle, overwrite, pausing, search
from workers.engine.errors import InvalidParamsError
from workers.engine.overwrite import OverwritePolicy, ReplaceRights
from workers.engine.records import JobRecord
from workers.engine.registry import get_job_type


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


#: Decides when a job of a type starts: ``(job_type, requested, now)`` → the start time
#: (``None``: now). It may refuse a requested time by raising. The access package passes
#: the job type's settings policy (:mod:`workers.access.submissions`).
StartDecision = Callable[[str, datetime | None, datetime], Awaitable[datetime | None]]


async def submit(
    job_type_name: str,
    raw_params: dict[str, Any],
    *,
    user_id: int,
    start_at: datetime | None = None,
    resubmitted_from_id: int | None = None,
    overwrite_policy: OverwritePolicy | None = None,
    decide_start: StartDecision | None = None,
    replace_rights: ReplaceRights | None = None,
) -> JobRecord:
    """Validate and create a job.

    Args:
        start_at: the requested start time; ``None`` for "now" (or what ``decide_start``
            says).
        overwrite_policy: whether a later submission may replace this job while it waits.
        decide_start: when the job starts, given the request; without it the request
            stands.
        replace_rights: which waiting jobs of the scope the submitter may replace; without
            it, any whose ``overwrite`` setting allows it.

    A job with a scope replaces the waiting jobs of its type and scope whose ``overwrite``
    setting allows it (see :mod:`workers.engine.overwrite`).

    Raises:
        UnknownJobTypeError: no such job type.
        InvalidParamsError: naming the offending parameter or setting.
        WaitingJobProtectedError: it would replace a waiting job that is protected or that
            ``replace_rights`` do not let the submitter replace.
        Whatever ``decide_start`` raises to refuse the requested start.
    """
    job_type = get_job_type(job_type_name)
    params = job_type.parse_params(raw_params)
    await job_type.validate(params)
    settings, requested = normalise_settings(start_at, overwrite_policy)
    now = datetime.now(UTC)
    if decide_start is not None:
        decided = await decide_start(job_type.name, requested, now)
    else:
        decided = requested if requested is not None and requested > now else None
    if requested is None:
        settings, _ = normalise_settings(decided, overwrite_policy)
    scope = job_type.scope(params)
    subject = await job_type.describe(params)
    stored_params = params.model_dump(mode="json", by_alias=True)
    replaced = (await overwrite.waiting_to_replace(job_type.name, scope, replace_rights)
                if scope else [])
    # A paused queue or type keeps the job waiting: stored, but its message not sent.
    with await pausing.withheld_if_paused(job_type.name):
        record = await lifecycle.create(
            job_type=job_type.name,
            feature=job_type.feature,
            params=stored_params,
            settings=settings,
            user_id=user_id,
            start_at=decided,
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
