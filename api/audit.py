"""The audit trail for administrators: who did what to which job, and when.

Every status change, resubmission and deletion is a :class:`workers.models.JobEvent` that
keeps the job's id, type and owner, so it stays searchable after the job is deleted.
``auditEvents`` lists them newest first, a page at a time by keyset on ``(at, id)``
(indexes ``(at, id)`` and ``(actor_id, at, id)``), so deep pages of millions of events
stay fast.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Annotated, Any

import strawberry
from tortoise.expressions import Q

from api import permissions
from api.auth import IsAuthenticated
from api.context import Info
from api.errors import BadUserInput, Forbidden
from api.ids import is_well_formed, parse_id
from api.pagination import DEFAULT_PAGE_SIZE, PageInfo, check_page_size
from api.types import Job
from api.users import User
from workers.engine.models import JobEvent

AFTER_HELP = "pass `pageInfo.endCursor` of the previous page, or omit `after`"


@strawberry.type(description="One entry of the audit trail.")
class AuditEvent:
    id: strawberry.ID = strawberry.field(description="The entry's id.")
    at: datetime = strawberry.field(description="When it happened.")
    kind: str = strawberry.field(
        description=(
            "What happened: a status (`SUBMITTED`, `RUNNING`, `CANCELLING`, `COMPLETED`, "
            "`FAILED`, `CANCELLED`), `RESUBMITTED` or `DELETED`."
        )
    )
    message: str = strawberry.field(description="Details, e.g. `resubmitted from job 7`.")
    job_id: strawberry.ID = strawberry.field(description="The job's id (it may be deleted).")
    job_type: str | None = strawberry.field(description="The job's type.")
    actor_id: strawberry.Private[int | None]
    owner_id: strawberry.Private[int | None]
    job_number: strawberry.Private[int]

    @strawberry.field(description="Who did it; null for the system (workers, reaper, cleanup).")
    async def actor(self, info: Info) -> User | None:
        return await _user(info, self.actor_id)

    @strawberry.field(description="Who had submitted the job.")
    async def job_owner(self, info: Info) -> User | None:
        return await _user(info, self.owner_id)

    @strawberry.field(description="The job as it is now; null once it was deleted.")
    async def job(self, info: Info) -> Job | None:
        record = await info.context.loaders.jobs.load(self.job_number)
        if record is None or not permissions.can_view_job(info.context.viewer, record):
            return None
        return Job.from_record(record)

    @classmethod
    def from_model(cls, event: JobEvent) -> AuditEvent:
        return cls(
            id=strawberry.ID(str(event.id)), at=event.at, kind=event.kind,
            message=event.message, job_id=strawberry.ID(str(event.job_id)),
            job_type=event.job_type, actor_id=event.actor_id, owner_id=event.job_owner_id,
            job_number=event.job_id,
        )


async def _user(info: Info, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    user = await info.context.loaders.users.load(user_id)
    return User.from_model(user) if user is not None else None


@strawberry.input(description="Which audit entries to list. Conditions combine with AND.")
class AuditEventFilter:
    job_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only entries about these jobs."
    )
    actor_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only entries caused by these users."
    )
    kinds: list[str] | None = strawberry.field(
        default=None, description="Only these kinds, e.g. `[\"DELETED\", \"CANCELLED\"]`."
    )
    job_types: list[str] | None = strawberry.field(
        default=None, description="Only entries about jobs of these types."
    )
    users_only: bool = strawberry.field(
        default=False, description="Only what users did (leave out workers and the reaper)."
    )
    since: datetime | None = strawberry.field(
        default=None, description="Only entries at or after this time (with a timezone)."
    )
    until: datetime | None = strawberry.field(
        default=None, description="Only entries before this time (with a timezone)."
    )

    def condition(self) -> Q:
        """The filter as a database condition.

        Raises:
            BadUserInput: a malformed id or a time without a timezone.
        """
        parts: list[Q] = []
        for name, raw_ids, column in (("jobIds", self.job_ids, "job_id"),
                                      ("actorIds", self.actor_ids, "actor_id")):
            if raw_ids is None:
                continue
            if any(not is_well_formed(raw) for raw in raw_ids):
                raise BadUserInput(f"filter.{name}: ids are whole numbers.")
            ids = [i for raw in raw_ids if (i := parse_id(raw)) is not None]
            parts.append(_q(f"{column}__in", ids) if ids else Q(id__lt=0))
        if self.kinds is not None:
            parts.append(Q(kind__in=[kind.upper() for kind in self.kinds]))
        if self.job_types is not None:
            parts.append(Q(job_type__in=list(self.job_types)))
        if self.users_only:
            parts.append(Q(actor_id__isnull=False))
        for name, moment, lookup in (("since", self.since, "at__gte"),
                                     ("until", self.until, "at__lt")):
            if moment is not None:
                if moment.tzinfo is None:
                    raise BadUserInput(f"filter.{name}: give a timezone, e.g. Z.")
                parts.append(_q(lookup, moment))
        return Q(*parts) if parts else Q()


def _q(lookup: str, value: Any) -> Q:
    return Q(**{lookup: value})


@strawberry.type(description="An audit entry in a list, with its position.")
class AuditEventEdge:
    node: AuditEvent = strawberry.field(description="The entry.")
    cursor: str = strawberry.field(description="Its position: pass it as `after`.")


@strawberry.type(description="A page of audit entries, newest first.")
class AuditEventConnection:
    edges: list[AuditEventEdge] = strawberry.field(description="The entries of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")


def _cursor(event: JobEvent) -> str:
    raw = json.dumps({"at": event.at.isoformat(), "id": event.id}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(raw: str) -> tuple[datetime, int]:
    try:
        data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        at, event_id = datetime.fromisoformat(data["at"]), data["id"]
        if at.tzinfo is None or not isinstance(event_id, int) or parse_id(event_id) is None:
            raise ValueError("cursor")
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        raise BadUserInput(f"after: not a cursor of this list; {AFTER_HELP}.") from None
    return at, event_id


@strawberry.type(description="The audit trail (administrators only).")
class AuditQuery:
    @strawberry.field(
        description=(
            "Who did what to which job and when, newest first; kept after jobs are deleted. "
            "Administrators only (others get the error `FORBIDDEN`)."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def audit_events(
        self,
        info: Info,
        filter: Annotated[
            AuditEventFilter | None, strawberry.argument(description="Which entries.")
        ] = None,
        first: Annotated[
            int, strawberry.argument(description="How many entries per page, 1 to 200.")
        ] = DEFAULT_PAGE_SIZE,
        after: Annotated[
            str | None, strawberry.argument(description="Start after this cursor.")
        ] = None,
    ) -> AuditEventConnection:
        if not permissions.can_administer(info.context.viewer):
            raise Forbidden("Only administrators may read the audit trail.")
        check_page_size(first)
        base = JobEvent.filter((filter or AuditEventFilter()).condition())
        ranges = [Q()]
        if after is not None:
            at, event_id = _decode(after)
            ranges = [Q(at=at, id__lt=event_id), Q(at__lt=at)]
        rows: list[JobEvent] = []
        for condition in ranges:
            rows += await base.filter(condition).order_by("-at", "-id").limit(
                first + 1 - len(rows)
            )
            if len(rows) > first:
                break
        page = rows[:first]
        edges = [AuditEventEdge(node=AuditEvent.from_model(e), cursor=_cursor(e)) for e in page]
        return AuditEventConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(rows) > first, has_previous_page=after is not None,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
        )
