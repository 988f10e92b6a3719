"""Acting on every job a filter matches: cancel, resubmit or delete "all N matching".

The page's "select all matching" and "retry all failed in this view" send the view's
filter, not thousands of ids. The server finds the matching jobs the viewer may see, at
most :data:`MAX_MATCHING_JOBS` of them, and acts on them page by page (keyset pages of
:data:`~api.mutations.MAX_BULK_IDS` ids, through the same per-job rules and results as
``cancelJobs``, ``resubmitJobs`` and ``deleteJobs``). Only jobs that existed when the
mutation started are acted on, so copies made by a resubmit are never resubmitted again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar, cast

import strawberry

from api import permissions
from api.auth import IsAuthenticated
from api.context import Info
from api.errors import DuplicateJobId, JobNotFound, NotAllowed
from api.filters import JobCriteria
from api.inputs import JobFilter
from api.mutations import (
    MAX_BULK_IDS,
    CancelJobResult,
    DeleteJobResult,
    ResubmitJobResult,
    canceller,
    deleter,
    for_each_job,
    may_resubmit,
    resubmitter,
)
from api.permissions import Viewer
from workers.engine.models import Job as JobModel
from workers.engine.records import JobRecord

#: Most jobs one "matching" mutation acts on; a filter matching more is refused.
MAX_MATCHING_JOBS = 2000

FilterArgument = Annotated[JobFilter, strawberry.argument(
    description=f"Which jobs, as in `jobs(filter:)` (at most {MAX_MATCHING_JOBS:,} may match)."
)]


@strawberry.type(description="The filter matches more jobs than one request may act on.")
class TooManyMatchingJobs:
    matched: int = strawberry.field(description="How many jobs the filter matches.")
    maximum: int = strawberry.field(description="The most one request acts on.")
    message: str = strawberry.field(description="What to do instead.")


@strawberry.type(description="What cancelling every matching job did, job by job.")
class MatchingJobsCancelled:
    matched: int = strawberry.field(description="How many jobs matched the filter.")
    results: list[CancelJobResult] = strawberry.field(
        description="One result per matching job, by job id.")


@strawberry.type(description="What resubmitting every matching job did, job by job.")
class MatchingJobsResubmitted:
    matched: int = strawberry.field(description="How many jobs matched the filter.")
    results: list[ResubmitJobResult] = strawberry.field(
        description="One result per matching job, by job id (the new copy, or why not).")


@strawberry.type(description="What deleting every matching job did, job by job.")
class MatchingJobsDeleted:
    matched: int = strawberry.field(description="How many jobs matched the filter.")
    results: list[DeleteJobResult] = strawberry.field(
        description="One result per matching job, by job id.")


CancelMatchingJobsResult = Annotated[
    MatchingJobsCancelled | TooManyMatchingJobs,
    strawberry.union("CancelMatchingJobsResult", description="Each job's result, or why none."),
]
ResubmitMatchingJobsResult = Annotated[
    MatchingJobsResubmitted | TooManyMatchingJobs,
    strawberry.union("ResubmitMatchingJobsResult",
                     description="Each job's result, or why none."),
]
DeleteMatchingJobsResult = Annotated[
    MatchingJobsDeleted | TooManyMatchingJobs,
    strawberry.union("DeleteMatchingJobsResult", description="Each job's result, or why none."),
]

R = TypeVar("R")


async def _for_matching_jobs(
    viewer: Viewer,
    job_filter: JobFilter,
    action: str,
    allowed: Callable[[Viewer, JobRecord], bool],
    act: Callable[[JobRecord], Awaitable[R]],
) -> tuple[int, list[R | JobNotFound | NotAllowed | DuplicateJobId]] | TooManyMatchingJobs:
    """Act on each job ``viewer`` sees that matches, a keyset page of ids at a time."""
    criteria = JobCriteria.from_input(job_filter, permissions.known_types(viewer))
    matching = criteria.apply(JobModel.filter(permissions.visible_jobs(viewer)))
    matched = await matching.count()
    if matched > MAX_MATCHING_JOBS:
        return TooManyMatchingJobs(
            matched=matched, maximum=MAX_MATCHING_JOBS,
            message=(f"The filter matches {matched:,} jobs; one request acts on at most "
                     f"{MAX_MATCHING_JOBS:,}. Narrow the filter (status, job type, time) "
                     "and repeat."),
        )
    newest = cast(list[int], await matching.order_by("-id").limit(1).values_list("id", flat=True))
    results: list[R | JobNotFound | NotAllowed | DuplicateJobId] = []
    after = 0
    while newest:
        ceiling = newest[0]
        page = cast(list[int], await matching.filter(id__gt=after, id__lte=ceiling).order_by(
            "id").limit(MAX_BULK_IDS).values_list("id", flat=True))
        if not page:
            break
        ids = [strawberry.ID(str(job_id)) for job_id in page]
        results += await for_each_job(viewer, ids, action, allowed, act)
        after = page[-1]
    return matched, results


@strawberry.type(description="Act on every job a filter matches.")
class MatchingJobsMutation:
    @strawberry.mutation(
        description=(
            "Cancel every job the filter matches that you may see (as `cancelJobs` does, "
            f"one result per job, at most {MAX_MATCHING_JOBS:,} jobs)."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def cancel_matching_jobs(
        self, info: Info, filter: FilterArgument,
        only_if_not_started: Annotated[bool, strawberry.argument(
            description="Only withdraw jobs that have not started.")] = False,
    ) -> CancelMatchingJobsResult:
        viewer = info.context.viewer
        done = await _for_matching_jobs(
            viewer, filter, "cancel", permissions.can_cancel_job,
            canceller(viewer, only_if_not_started=only_if_not_started))
        if isinstance(done, TooManyMatchingJobs):
            return done
        return MatchingJobsCancelled(matched=done[0], results=done[1])

    @strawberry.mutation(
        description=(
            "Submit a copy of every job the filter matches that you may see (as "
            f"`resubmitJobs` does, at most {MAX_MATCHING_JOBS:,} jobs), e.g. every failed "
            "job of a view: `filter: {statuses: [FAILED], …}`."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def resubmit_matching_jobs(
        self, info: Info, filter: FilterArgument
    ) -> ResubmitMatchingJobsResult:
        viewer = info.context.viewer
        done = await _for_matching_jobs(viewer, filter, "resubmit", may_resubmit,
                                        resubmitter(viewer))
        if isinstance(done, TooManyMatchingJobs):
            return done
        return MatchingJobsResubmitted(matched=done[0], results=done[1])

    @strawberry.mutation(
        description=(
            "Delete every job the filter matches that you may see (as `deleteJobs` does, "
            f"at most {MAX_MATCHING_JOBS:,} jobs)."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def delete_matching_jobs(
        self, info: Info, filter: FilterArgument
    ) -> DeleteMatchingJobsResult:
        viewer = info.context.viewer
        done = await _for_matching_jobs(viewer, filter, "delete", permissions.can_delete_job,
                                        deleter(viewer))
        if isinstance(done, TooManyMatchingJobs):
            return done
        return MatchingJobsDeleted(matched=done[0], results=done[1])
