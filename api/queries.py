"""Read-only entry points: one job, lists of jobs, job types, users, and who you are."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api import permissions
from api.auth import IsAuthenticated
from api.context import Info
from api.filters import JobCriteria
from api.ids import parse_job_id
from api.inputs import JobFilter, JobOrder
from api.pagination import (
    DEFAULT_PAGE_SIZE,
    Count,
    Cursor,
    JobConnection,
    asks_for_count,
    check_page_size,
    fetch_page,
)
from api.params import PARAMS_MEMBERS
from api.types import Job, JobTypeInfo
from api.users import User
from api.wfm.queries import WfmQuery
from workers.access.policies import all_policies
from workers.engine import lifecycle
from workers.engine.models import Job as JobModel
from workers.engine.registry import JOB_TYPES


@strawberry.type(description="Ask about jobs, job types, users and the WFM data.")
class Query(WfmQuery):
    @strawberry.field(
        description="One job by id; null when it does not exist (or was deleted).",
        permission_classes=[IsAuthenticated],
    )
    async def job(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The job's id.")],
    ) -> Job | None:
        job_id = parse_job_id(id)
        record = await lifecycle.load(job_id) if job_id is not None else None
        if record is None or not permissions.can_view_job(info.context.viewer, record):
            return None
        return Job.from_record(record)

    @strawberry.field(
        description=(
            "Jobs matching a filter, sorted by any overview column, a page at a time "
            f"(`first`: 1 to 200, default {DEFAULT_PAGE_SIZE}; then `after: "
            "pageInfo.endCursor`). Newest first by default."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def jobs(
        self,
        info: Info,
        filter: Annotated[
            JobFilter | None, strawberry.argument(description="Which jobs (all when omitted).")
        ] = None,
        order_by: Annotated[
            JobOrder | None,
            strawberry.argument(description="The sort order (newest job first when omitted)."),
        ] = None,
        first: Annotated[
            int, strawberry.argument(description="How many jobs per page, 1 to 200.")
        ] = DEFAULT_PAGE_SIZE,
        after: Annotated[
            str | None,
            strawberry.argument(
                description="Start after this cursor (`pageInfo.endCursor` of the previous page)."
            ),
        ] = None,
    ) -> JobConnection:
        order = order_by or JobOrder()
        field, direction = order.field, order.direction
        check_page_size(first)
        criteria = JobCriteria.from_input(filter, permissions.known_types(info.context.viewer))
        cursor = Cursor.decode(after, field, direction) if after is not None else None
        visible = permissions.visible_jobs(info.context.viewer)
        base = criteria.apply(JobModel.filter(visible))
        viewer = info.context.viewer
        count = Count(base, info.context.counts,
                      lambda job: permissions.can_view_job(viewer, job)
                      and criteria.matches_fixed(job))
        if asks_for_count(info):
            count.start()  # the count and the page run side by side
        try:
            page = await fetch_page(base, field, direction, first, cursor,
                                    gathered=bool(criteria.terms))
        except BaseException:
            count.cancel()
            raise
        return JobConnection.from_page(page, count, field, direction, cursor)

    @strawberry.field(
        description=(
            "The job types whose jobs you may see (your role decides), with their policies "
            "and whether you may submit them."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def job_types(self, info: Info) -> list[JobTypeInfo]:
        viewer = info.context.viewer
        policies = await all_policies()
        return [
            JobTypeInfo.from_job_type(
                job_type, PARAMS_MEMBERS.get(name, ""),
                viewer_can_submit=permissions.can_submit_job(viewer, name),
                policy=policies[name],
            )
            for name, job_type in JOB_TYPES.items()
            if permissions.can_see_job_type(viewer, name)
        ]

    @strawberry.field(
        description="The user your token belongs to.", permission_classes=[IsAuthenticated]
    )
    def me(self, info: Info) -> User:
        return User.from_model(info.context.viewer.user)

    @strawberry.field(
        description=(
            "The active users whose jobs you may see, by username (for the overview's user "
            "filter): everyone for administrators, the users who submitted jobs of the "
            "types you see when your role sees others' jobs, otherwise just you."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def users(self, info: Info) -> list[User]:
        rows = await permissions.visible_users(info.context.viewer).order_by("username")
        return [User.from_model(user) for user in rows]

