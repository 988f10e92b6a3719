"""The GraphQL enums, each mirroring an engine enum value for value, with descriptions.

The engine's enums (:mod:`workers.engine.status`, :mod:`workers.wfm.reporting.params`) know
nothing of GraphQL; these copies carry the descriptions GraphiQL shows. A test checks they
stay aligned.
"""

from __future__ import annotations

from enum import Enum

import strawberry

from workers.engine import status as engine


@strawberry.enum(description="Where a job is in its life.")
class JobStatus(Enum):
    SUBMITTED = strawberry.enum_value(
        "SUBMITTED", description="Waiting for a worker (or for its start time)."
    )
    RUNNING = strawberry.enum_value("RUNNING", description="A worker is running the job.")
    CANCELLING = strawberry.enum_value(
        "CANCELLING",
        description="Cancel was requested while running; the job stops at its next checkpoint.",
    )
    COMPLETED = strawberry.enum_value(
        "COMPLETED", description="Finished successfully; see its result."
    )
    FAILED = strawberry.enum_value("FAILED", description="Finished with an error; see its error.")
    CANCELLED = strawberry.enum_value(
        "CANCELLED", description="Withdrawn before it started, or stopped after a cancel."
    )

    @classmethod
    def of(cls, status: engine.JobStatus) -> JobStatus:
        return cls[status.value]

    @property
    def engine(self) -> engine.JobStatus:
        return engine.JobStatus(self.name)


@strawberry.enum(description="The overview's status filter.")
class StatusGroup(Enum):
    ALL = strawberry.enum_value("ALL", description="Every job.")
    PROCESSED = strawberry.enum_value(
        "PROCESSED", description="Finished jobs: completed, failed or cancelled."
    )
    UNPROCESSED = strawberry.enum_value(
        "UNPROCESSED", description="Jobs still waiting or running (including cancelling)."
    )

    @property
    def engine(self) -> engine.StatusGroup:
        return engine.StatusGroup(self.name)


@strawberry.enum(
    description=(
        "A column to sort jobs by. Ties are always broken by the job id, in the same direction."
    )
)
class JobOrderField(Enum):
    ID = strawberry.enum_value("ID", description="The job number.")
    TYPE = strawberry.enum_value("TYPE", description="The job type's name, alphabetically.")
    STATUS = strawberry.enum_value("STATUS", description="The status name, alphabetically.")
    USER = strawberry.enum_value(
        "USER",
        description=(
            "The submitting user, by user id: groups each user's jobs together (not "
            "alphabetical, so that it stays index-backed on millions of jobs)."
        ),
    )
    SUBMITTED_AT = strawberry.enum_value("SUBMITTED_AT", description="When it was submitted.")
    STARTED_AT = strawberry.enum_value(
        "STARTED_AT",
        description="When it started. Jobs not started yet count as later than every start.",
    )
    FINISHED_AT = strawberry.enum_value(
        "FINISHED_AT",
        description="When it finished. Unfinished jobs count as later than every finish.",
    )
    PROGRESS = strawberry.enum_value("PROGRESS", description="Progress, 0 to 1.")


@strawberry.enum(description="Sort direction.")
class OrderDirection(Enum):
    ASC = strawberry.enum_value("ASC", description="Smallest (or earliest) first.")
    DESC = strawberry.enum_value("DESC", description="Largest (or latest) first.")


@strawberry.enum(description="What happened to a job, in a `jobEvents` stream.")
class JobEventKind(Enum):
    CREATED = strawberry.enum_value("CREATED", description="The job was submitted.")
    UPDATED = strawberry.enum_value(
        "UPDATED", description="Its status, progress or result changed."
    )
    DELETED = strawberry.enum_value(
        "DELETED", description="It was deleted (by a user, or by retention cleanup)."
    )


@strawberry.enum(description="Which report a report job produces.")
class ReportKind(Enum):
    EMPLOYEE_LIST = strawberry.enum_value(
        "EMPLOYEE_LIST",
        description="Every employee with team, skills and weekly contract hours.",
    )
    STAFFING_COVERAGE = strawberry.enum_value(
        "STAFFING_COVERAGE",
        description=("Demand against planned staff per 15-minute interval of a level "
                     "(CSV, Excel and a chart image)."),
    )
    SCHEDULE = strawberry.enum_value(
        "SCHEDULE", description="A level's schedule: a row per employee, a column per day."
    )
    TARGET_WORK_ACCOUNTS = strawberry.enum_value(
        "TARGET_WORK_ACCOUNTS",
        description="The target work accounts calculated for a level, week by week.",
    )


@strawberry.enum(description="What a shift lottery draws; fairness is counted per kind.")
class LotteryKind(Enum):
    UNPOPULAR = strawberry.enum_value(
        "UNPOPULAR", description="Shifts nobody wants: each person's count evens out."
    )
    POPULAR = strawberry.enum_value(
        "POPULAR", description="Shifts everybody wants: each person's count evens out."
    )


@strawberry.enum(
    description=(
        "May a later submission of the same job type for the same schedule level replace "
        "this job while it still waits to start?"
    )
)
class OverwritePolicy(Enum):
    ALLOW = strawberry.enum_value(
        "ALLOW", description="Yes: the later submission replaces it (the newest request wins)."
    )
    PROTECT = strawberry.enum_value(
        "PROTECT", description="No: a later submission is refused while this job waits."
    )
