"""Live updates: one job's state as it changes, and the overview's stream of changes.

``jobEvents`` streams are rendered once per group of subscribers who would receive the
same bytes and written to each of their sockets (:mod:`api.fanout`), with the guarantees
below; under load a subscriber gets the latest state of each job rather than every step
(never an older state after a newer one).

A subscription listens to the process's event hub *before* it reads the stored state, so
no change falls between the two; events are snapshots, so each renders without a
database read. Leaving the ``async with`` (the client completes, disconnects, or the
stream ends) unsubscribes.

Rights are checked on every event against the viewer's *current* rights (see
:mod:`api.rights_watch`; the hub also wakes subscribers when rights change): a job the
subscriber may not see is never pushed; a revoked token ends the stream with
``UNAUTHENTICATED``; ``jobUpdated`` ends with ``RIGHTS_CHANGED`` once its job is no longer
visible, and ``jobEvents`` whenever the subscriber's rights change at all (its list may
now hold jobs it may not see, or miss some it may: query again and resubscribe).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry

from api import fanout, permissions
from api.auth import IsAuthenticated
from api.context import Info
from api.errors import JobGone, RightsChanged
from api.filters import JobCriteria
from api.ids import parse_job_id
from api.inputs import JobFilter
from api.job_event import JobEvent
from api.types import Job
from workers.engine import lifecycle
from workers.engine.events import JobChange
from workers.engine.events import Subscription as HubSubscription
from workers.engine.records import JobRecord
from workers.engine.status import JobStatus

_STATUS_RANK = {
    JobStatus.RUNNING: 1,
    JobStatus.CANCELLING: 2,
    JobStatus.SUBMITTED: 3,  # at attempt n ≥ 1, SUBMITTED means "requeued after attempt n"
    JobStatus.COMPLETED: 4,
    JobStatus.FAILED: 4,
    JobStatus.CANCELLED: 4,
}


def _age(job: JobRecord) -> tuple[int, int, float]:
    """Orders the snapshots of one job by when they were taken.

    A job only moves forward: each claim raises ``attempt``; within an attempt the status
    goes RUNNING → CANCELLING → SUBMITTED (requeued) or a final status; within a status,
    progress only rises. Used to drop a stale event that was queued while the stored
    state was being read.
    """
    return job.attempt, _STATUS_RANK[job.status], job.progress


async def _state_after(
    sub: HubSubscription, change: JobChange, job_id: int
) -> JobRecord | None:
    """The job's state an event reports; re-read from the database after a lag.

    ``None`` when the job was deleted.
    """
    if sub.lagged:
        sub.lagged = False
        while not sub.queue.empty():
            sub.queue.get_nowait()
        return await lifecycle.load(job_id)
    return None if change.kind == "deleted" else change.job


@strawberry.type(description="Follow jobs live (over WebSocket, protocol graphql-transport-ws).")
class Subscription:
    @strawberry.subscription(
        description=(
            "One job: its current state first, then every change (status, progress), "
            "ending after it completes, fails or is cancelled (or is deleted)."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def job_updated(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The job's id.")],
    ) -> AsyncGenerator[Job, None]:
        job_id = parse_job_id(id)
        context = info.context
        if job_id is None:
            raise JobGone(f"Job {id} does not exist.")
        async with context.services.bus.hub.listen(job_id) as sub:
            fanout.mark_listening()
            current = await lifecycle.load(job_id)
            if current is None or not permissions.can_view_job(context.viewer, current):
                raise JobGone(f"Job {job_id} does not exist (it may have been deleted).")
            yield Job.from_record(current)
            while not current.status.is_final:
                change = await sub.next()
                if not permissions.can_view_job(await context.current_viewer(), current):
                    raise RightsChanged(
                        f"You may no longer see job {job_id}: your rights changed."
                    )
                if change is None:
                    continue
                state = await _state_after(sub, change, job_id)
                if state is None:
                    return
                if state == current or _age(state) < _age(current):
                    continue
                current = state
                yield Job.from_record(current)

    @strawberry.subscription(
        description=(
            "Changes to the jobs matching `filter`, as they happen: created, updated and "
            "deleted jobs, for keeping an overview current. A client that reads slowly "
            "gets the latest state of each job rather than every step (never an older "
            "state after a newer one: `Job.version` orders them); one too slow even for that "
            "gets the error `SUBSCRIBER_LAGGED`: query again and resubscribe. A `ping` "
            "sent after `subscribe` is answered once the stream listens: read the list "
            "after that `pong` and no change falls between the read and the stream."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def job_events(
        self,
        info: Info,
        filter: Annotated[
            JobFilter | None,
            strawberry.argument(description="Which jobs to report (all when omitted)."),
        ] = None,
    ) -> AsyncGenerator[JobEvent, None]:
        context = info.context
        criteria = JobCriteria.from_input(filter, permissions.known_types(context.viewer))
        hub_fanout: fanout.Fanout = context.request.app.state.fanout
        async with hub_fanout.join(context, criteria) as member:
            # Its group writes the rendered events to the socket; nothing is yielded here,
            # and the stream ends with the error that ended the member.
            async for event in member.stream():
                yield event
