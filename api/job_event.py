"""The ``JobEvent`` type: one change to a job, as the ``jobEvents`` subscription reports it."""

from __future__ import annotations

import strawberry

from api.enums import JobEventKind
from api.types import Job


@strawberry.type(description="A change to a job, as the `jobEvents` subscription reports it.")
class JobEvent:
    kind: JobEventKind = strawberry.field(description="What happened.")
    job: Job = strawberry.field(
        description="The job as it is now (for DELETED: as it was when deleted)."
    )
    matches_filter: bool = strawberry.field(
        description=(
            "False when the job no longer matches the subscription's filter (e.g. it "
            "finished while you watch UNPROCESSED jobs): remove it from the list."
        )
    )
