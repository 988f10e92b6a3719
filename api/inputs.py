"""Inputs that choose and order jobs: ``JobFilter`` and ``JobOrder``."""

from __future__ import annotations

from datetime import datetime

import strawberry

from api.enums import JobOrderField, JobStatus, OrderDirection, StatusGroup


@strawberry.input(description="Which jobs to show. Conditions combine with AND; omit any.")
class JobFilter:
    status_group: StatusGroup = strawberry.field(
        default=StatusGroup.ALL, description="Waiting/running jobs, finished jobs, or all."
    )
    statuses: list[JobStatus] | None = strawberry.field(
        default=None, description="Only these statuses (within the status group)."
    )
    user_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only jobs submitted by these users (see `users`)."
    )
    types: list[str] | None = strawberry.field(
        default=None, description="Only these job types (see `jobTypes`)."
    )
    submitted_from: datetime | None = strawberry.field(
        default=None,
        description="Only jobs submitted at or after this time (with a timezone, e.g. `Z`).",
    )
    submitted_to: datetime | None = strawberry.field(
        default=None,
        description="Only jobs submitted before this time (with a timezone, e.g. `Z`).",
    )
    level_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Only jobs on these schedule levels (see `Job.level`, `planningPeriods`).",
    )
    planning_period_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Only jobs on these planning periods (see `Job.planningPeriod`).",
    )
    search: str | None = strawberry.field(
        default=None,
        description=(
            "Only jobs whose type, title, subject or parameter values contain every word "
            "of this text, ignoring case (e.g. `base optimization`; at most 8 words)."
        ),
    )


@strawberry.input(description="How to sort jobs. Ties are broken by the job id.")
class JobOrder:
    field: JobOrderField = strawberry.field(
        default=JobOrderField.ID, description="The column to sort by."
    )
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.DESC, description="The direction (newest first by default)."
    )
