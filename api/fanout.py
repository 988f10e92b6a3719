"""Render once, send to many: every ``jobEvents`` stream of one API process.

Subscribers who would receive the same bytes share a :class:`Group`: the same document,
operation and variables (normalised: the printed document, the variables as sorted JSON)
and the same rights (the *visibility class*: :class:`~workers.access.rights.RoleRights`
decide which jobs and fields a viewer sees). For each event a group decides once whether
its members may see the job and whether it matches their filter, executes the selection
set once per *lane* and hands the same encoded payload to every member of the lane:

* the owner's lane: the members who submitted the job (``viewerCanCancel`` and the other
  ``OWN``-scoped answers depend on it);
* everyone else's lane, when the rights show others' jobs;
* per member, only for an event whose rendering depends on who asks: a document selecting
  ``downloadUrl`` (links are signed per user) on a job with files, or ``resubmittedFrom``
  (its original may belong to anyone) on a resubmitted job.

*Routing*: groups are indexed by the job types they may see (and their filter names), so
an event costs work only for the groups indexed under its type.

*Conflation*: events wait in order to be rendered; when more than :data:`INBOX_LIMIT`
wait (the process fell behind) they are conflated to the latest state of each job, and a
state older than one already handled (by the job's version) is dropped. A member's frame
is written at once when its socket takes it; while a write waits, the member keeps at most
one pending frame per job, replaced by newer ones until the socket takes it. A slow
subscriber therefore gets the latest state of each job, never an older one after a newer.
One with more than :data:`MEMBER_BACKLOG` jobs pending ends with ``SUBSCRIBER_LAGGED``. A
write that waits is finished by the member's own task (the subscription's), so a stalled
socket delays nobody else.

*Rights*: when the process's rights version moves (:mod:`api.rights_watch` wakes the hub),
every member re-resolves its viewer before the next event renders: a revoked token ends
its stream with ``UNAUTHENTICATED``, changed rights with ``RIGHTS_CHANGED``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLFormattedError,
    GraphQLSchema,
    execute,
    parse,
    print_ast,
)
from graphql.language import Visitor, visit
from starlette.websockets import WebSocket

from api.enums import JobEventKind
from api.errors import RightsChanged, SubscriberLagged, Unauthenticated
from api.filters import JobCriteria
from api.job_event import JobEvent
from api.loaders import Loaders
from api.types import Job
from workers.access import rights as access_rights
from workers.access.rights import RoleRights
from workers.engine.events import EventHub, JobChange
from workers.engine.events import Subscription as HubSubscription
from workers.engine.records import JobRecord

if TYPE_CHECKING:
    from api.context import Context
    from api.rights_watch import RightsWatch

logger = logging.getLogger(__name__)

#: Jobs a member may have pending (not yet written to its socket) before it lags.
MEMBER_BACKLOG = 1000
#: Events waiting to be rendered before the process conflates them (it fell behind).
INBOX_LIMIT = 1000
#: Jobs whose latest version the process remembers, to drop older states (bounded).
VERSION_MEMORY = 100_000
#: Job ids a group remembers having told "left the filter" (bounded).
LEFT_MEMORY = 10_000
#: Fields whose value depends on who asks, beyond their rights and owning the job.
PERSONAL_FIELDS = frozenset({"downloadUrl", "resubmittedFrom"})
#: The routing key of groups that may see every job type.
ANY_TYPE = "*"

LAGGED_MESSAGE = (
    "Too many job events arrived before this client read them, so some were dropped: "
    "query the jobs again and resubscribe."
)
RIGHTS_CHANGED_MESSAGE = (
    "Your rights changed while you watched: query the jobs again and resubscribe."
)


@dataclass
class Operation:
    """A ``subscribe`` message as the WebSocket transport received it.

    ``listening`` is set once the operation's stream listens for events (see
    :mod:`api.ws_transport`: a ``ping`` after ``subscribe`` is answered after that).
    """

    id: str
    query: str
    variables: dict[str, object] | None
    operation_name: str | None
    listening: asyncio.Event = field(default_factory=asyncio.Event)


#: The operation the current task runs (set by the WebSocket transport).
CURRENT_OPERATION: ContextVar[Operation | None] = ContextVar(
    "jobprocessor_ws_operation", default=None
)


def mark_listening() -> None:
    """Tell the transport that the current operation's stream listens (see ``listening``)."""
    operation = CURRENT_OPERATION.get()
    if operation is not None:
        operation.listening.set()


Send = Callable[[str], Coroutine[Any, Any, None]]
FormatErrors = Callable[[list[GraphQLError]], list[GraphQLFormattedError]]
GroupKey = tuple[str, str | None, str, RoleRights]

def order_key(job: JobRecord) -> int:
    """Orders the states of one job: its version, which every write of the row raises."""
    return job.version


def selected_fields(document: DocumentNode) -> frozenset[str]:
    """Every field name the document selects (fragments included)."""
    names: set[str] = set()

    class _Collect(Visitor):
        def enter_field(self, node: FieldNode, *_: object) -> None:
            names.add(node.name.value)

    visit(document, _Collect())
    return frozenset(names)


class Member:
    """One subscriber: its socket, its pending frames (one per job) and how it ended.

    A frame offered while nothing is pending is written at once when the socket takes it
    without waiting (the usual case: no task switch per subscriber and event); a write
    that has to wait, and whatever queues up meanwhile, is finished by the member's own
    task (:meth:`run`), so a slow socket holds up only itself.
    """

    def __init__(self, group: Group, context: Context, operation_id: str, send: Send) -> None:
        self.group = group
        self.context = context
        self.viewer_id = context.viewer.id
        self._prefix = '{"id":' + json.dumps(operation_id) + ',"type":"next","payload":'
        self._send = send
        self._pending: dict[int, str] = {}
        #: A write that could not finish at once: its coroutine and what it waits for.
        self._waiting: tuple[Coroutine[Any, Any, None], Any] | None = None
        #: The member's task is writing a batch: new frames queue behind it.
        self._sending = False
        self._ready = asyncio.Event()
        self.ended: GraphQLError | None = None

    @property
    def backlog(self) -> int:
        return len(self._pending)

    def offer(self, job_id: int, payload: str) -> None:
        """Write ``payload`` now, or queue it, replacing an older one of the same job."""
        if self.ended is not None:
            return
        idle = not self._pending and self._waiting is None and not self._sending
        if idle and self._write_now(payload):
            return
        self._pending[job_id] = payload
        if len(self._pending) > MEMBER_BACKLOG:
            self.end(SubscriberLagged(LAGGED_MESSAGE))
            return
        self._ready.set()

    def _write_now(self, payload: str) -> bool:
        """Start writing; True when written or handed to :meth:`run` to finish."""
        write = self._send(self._prefix + payload + "}")
        try:
            awaited = write.send(None)
        except StopIteration:
            return True
        except Exception:
            self.group.remove(self)  # the socket is gone: the transport ends the task
            return True
        self._waiting = (write, awaited)
        self._ready.set()
        return True

    def end(self, error: GraphQLError) -> None:
        """End the stream with ``error`` (what is still pending is dropped)."""
        if self.ended is None:
            self.ended = error
            self._pending.clear()
            self.group.remove(self)
            self._ready.set()

    async def stream(self) -> AsyncIterator[JobEvent]:
        """The subscription's resolver iterates this: it writes pending frames to the socket
        until the stream ends, then raises how it ended; it yields nothing."""
        await self.run()
        yield  # unreachable: run() only ends by raising

    async def run(self) -> NoReturn:
        """Write pending frames until the stream ends; then raise how it ended."""
        try:
            while True:
                await self._ready.wait()
                self._ready.clear()
                self._sending = True
                try:
                    await self._finish_waiting()
                    while self._pending and self.ended is None:
                        batch, self._pending = self._pending, {}
                        for payload in batch.values():
                            if self.ended is not None:
                                break
                            await self._send(self._prefix + payload + "}")
                    self._sending = False
                except Exception:
                    # The socket is gone: the transport cancels this task.
                    self.group.remove(self)
                    await asyncio.Future()
                if self.ended is not None:
                    raise self.ended
        finally:
            if self._waiting is not None:
                self._waiting[0].close()
                self._waiting = None

    async def _finish_waiting(self) -> None:
        """Drive a write that :meth:`_write_now` started to its end (as a task would)."""
        while self._waiting is not None:
            write, awaited = self._waiting
            if awaited is not None:
                # As a task does with what a coroutine yields: take over the wait.
                if isinstance(awaited, asyncio.Future):
                    awaited._asyncio_future_blocking = False
                with contextlib.suppress(Exception):
                    await awaited  # the write itself sees its outcome when resumed
            else:
                await asyncio.sleep(0)
            try:
                self._waiting = (write, write.send(None))
            except StopIteration:
                self._waiting = None


class Group:
    """Members who receive the same bytes for the same event."""

    def __init__(self, fanout: Fanout, key: GroupKey, document: DocumentNode,
                 operation: Operation, criteria: JobCriteria, granted: RoleRights) -> None:
        self.fanout = fanout
        self.key = key
        self.document = document
        self.variables = operation.variables
        self.operation_name = operation.operation_name
        self.criteria = criteria
        self.rights = granted
        self.personal = bool(selected_fields(document) & PERSONAL_FIELDS)
        self.members: set[Member] = set()
        self.by_user: dict[int, set[Member]] = {}
        self.left: OrderedDict[int, None] = OrderedDict()
        visible = access_rights.expand(granted.see_job_types | granted.submit_job_types)
        types = criteria.types if visible is None else (
            visible if criteria.types is None else visible & criteria.types)
        self.routes: frozenset[str] = frozenset({ANY_TYPE}) if types is None else types

    def add(self, member: Member) -> None:
        self.members.add(member)
        self.by_user.setdefault(member.viewer_id, set()).add(member)

    def remove(self, member: Member) -> None:
        if member not in self.members:
            return
        self.members.discard(member)
        owners = self.by_user.get(member.viewer_id)
        if owners is not None:
            owners.discard(member)
            if not owners:
                del self.by_user[member.viewer_id]
        if not self.members:
            self.fanout.drop(self)

    async def deliver(self, change: JobChange) -> None:
        """Render ``change`` for each lane that may see it and hand it to the members."""
        job = change.job
        if not self.criteria.matches_fixed(job):
            return
        owners = self.by_user.get(job.user_id, set())
        others = self.rights.see_others_jobs and len(self.members) > len(owners)
        if not owners and not others:
            return
        kind = JobEventKind(change.kind.upper())
        matches = self.criteria.matches(job)
        if kind is not JobEventKind.DELETED and not matches:
            # Tell once that it left the filter; stay quiet about its later changes.
            if job.id in self.left:
                return
            self.left[job.id] = None
            if len(self.left) > LEFT_MEMORY:
                self.left.popitem(last=False)
        else:
            self.left.pop(job.id, None)
        event = JobEvent(kind=kind, job=Job.from_record(job), matches_filter=matches)
        if self.personal and (job.files or job.resubmitted_from_id is not None):
            for member in tuple(self.members):
                if member in owners or others:
                    member.offer(job.id, await self._render(event, member.context))
            return
        if owners:
            payload = await self._render(event, next(iter(owners)).context)
            for member in tuple(owners):
                member.offer(job.id, payload)
        if others:
            lane = [m for m in self.members if m.viewer_id != job.user_id]
            if lane:
                payload = await self._render(event, lane[0].context)
                for member in lane:
                    member.offer(job.id, payload)

    async def _render(self, event: JobEvent, context: Context) -> str:
        """The ``next`` payload for ``event`` as ``context``'s viewer gets it, encoded."""
        result = execute(
            self.fanout.graphql_schema, self.document, root_value=event,
            context_value=dataclasses.replace(context, loaders=Loaders()),
            variable_values=self.variables, operation_name=self.operation_name,
        )
        if isinstance(result, Awaitable):
            result = await result
        payload: dict[str, Any] = {"data": result.data}
        if result.errors:
            payload["errors"] = self.fanout.format_errors(list(result.errors))
        return json.dumps(payload)


def conflated(changes: list[JobChange]) -> list[JobChange]:
    """The latest change of each job, in the order the jobs first appear (a job created and
    then updated stays "created", with its latest state)."""
    latest: dict[int, JobChange] = {}
    for change in changes:
        earlier = latest.get(change.job.id)
        if earlier is not None and earlier.kind == "created" and change.kind == "updated":
            change = JobChange("created", change.job)
        latest[change.job.id] = change
    return list(latest.values())


class _Tap(HubSubscription):
    """The fan-out's one subscription to the process's event hub: handles events as they
    are dispatched instead of queueing them."""

    def __init__(self, hub: EventHub, fanout: Fanout) -> None:
        super().__init__(hub, None)
        self.fanout = fanout

    def offer(self, change: JobChange) -> None:
        self.fanout.receive(change)

    def wake(self) -> None:
        self.fanout.rights_moved()


class Fanout:
    """The process's ``jobEvents`` groups, fed by one hub subscription and one task."""

    def __init__(self, hub: EventHub, watch: RightsWatch, graphql_schema: GraphQLSchema,
                 format_errors: FormatErrors) -> None:
        """Args:
        graphql_schema: the schema the selection sets execute on.
        format_errors: shows errors of a rendering as every other response does
            (logged and masked when unexpected, see :func:`api.schema.format_errors`).
        """
        self.hub = hub
        self.watch = watch
        self.graphql_schema = graphql_schema
        self.format_errors = format_errors
        self.groups: dict[GroupKey, Group] = {}
        self._routes: dict[str, set[Group]] = {}
        self._inbox: list[JobChange] = []
        self._latest: OrderedDict[int, int] = OrderedDict()
        self._ready = asyncio.Event()
        self._checked_version = watch.version
        self._recheck_due = False
        #: Events taken from the inbox and handled (delivered or dropped) so far.
        self.events_handled = 0
        self._tap: _Tap | None = None
        self._task: asyncio.Task[None] | None = None

    # ------------------------------------------------------------------ members

    @contextlib.asynccontextmanager
    async def join(self, context: Context, criteria: JobCriteria, *,
                   send: Send | None = None) -> AsyncIterator[Member]:
        """``async with fanout.join(context, criteria) as member: await member.run()``.

        Args:
            send: writes one text frame (default: to the context's WebSocket).

        Raises:
            RuntimeError: not called from an operation of the WebSocket transport.
        """
        operation = CURRENT_OPERATION.get()
        if operation is None:
            raise RuntimeError("jobEvents runs over the API's WebSocket transport only")
        viewer = context.viewer
        document = parse(operation.query)
        key: GroupKey = (
            print_ast(document), operation.operation_name,
            json.dumps(operation.variables or {}, sort_keys=True, default=str), viewer.rights,
        )
        group = self.groups.get(key)
        if group is None:
            group = Group(self, key, document, operation, criteria, viewer.rights)
            self.groups[key] = group
            for route in group.routes:
                self._routes.setdefault(route, set()).add(group)
        if send is None:
            socket = context.request
            if not isinstance(socket, WebSocket):
                raise RuntimeError("jobEvents runs over the API's WebSocket transport only")
            send = socket.send_text
        member = Member(group, context, operation.id, send)
        group.add(member)
        self._start()
        if context.rights_version != self.watch.version:
            # Rights moved since the connection resolved them: check before any event.
            self._recheck_due = True
            self._ready.set()
        operation.listening.set()
        try:
            yield member
        finally:
            member.group.remove(member)

    def drop(self, group: Group) -> None:
        """Forget an empty group (and stop listening when none is left)."""
        if self.groups.get(group.key) is group:
            del self.groups[group.key]
            for route in group.routes:
                routed = self._routes.get(route)
                if routed is not None:
                    routed.discard(group)
                    if not routed:
                        del self._routes[route]
        if not self.groups and self._tap is not None:
            self._tap.close()
            self._tap = None

    @property
    def member_count(self) -> int:
        return sum(len(g.members) for g in self.groups.values())

    # ------------------------------------------------------------------ events

    def receive(self, change: JobChange) -> None:
        """Take an event from the hub (on its loop). Events wait in order; only when more
        than :data:`INBOX_LIMIT` wait (the process fell behind) are they conflated to the
        latest state of each job."""
        self._inbox.append(change)
        if len(self._inbox) > INBOX_LIMIT:
            self._inbox = conflated(self._inbox)
        self._ready.set()

    def rights_moved(self) -> None:
        self._ready.set()

    def _start(self) -> None:
        if self._tap is None:
            self._tap = _Tap(self.hub, self)
            self.hub.attach(self._tap)
        if self._task is None or self._task.done():
            self._checked_version = self.watch.version
            self._task = asyncio.create_task(self._run(), name="jobprocessor-fanout")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            await self._ready.wait()
            self._ready.clear()
            if self._recheck_due or self.watch.version != self._checked_version:
                await self._recheck_rights()
            inbox, self._inbox = self._inbox, []
            for change in inbox:
                if self.watch.version != self._checked_version:
                    await self._recheck_rights()
                self.events_handled += 1
                if self._is_stale(change):
                    continue
                groups = self._routes.get(change.job.type, set()) | self._routes.get(
                    ANY_TYPE, set())
                for group in groups:
                    try:
                        await group.deliver(change)
                    except Exception:
                        logger.exception("could not deliver an event of job %s to %s "
                                         "subscribers", change.job.id, len(group.members))
                # Let the members write before the next event (a burst of events for
                # many jobs would otherwise pile up in every member at once).
                await asyncio.sleep(0)

    def _is_stale(self, change: JobChange) -> bool:
        """Is ``change`` older than (or the same as) a state already handled?"""
        job_id = change.job.id
        if change.kind == "deleted":
            self._latest.pop(job_id, None)
            return False
        key = order_key(change.job)
        last = self._latest.get(job_id)
        if last is not None and key <= last:
            return True  # older, or the same state again
        self._latest[job_id] = key
        self._latest.move_to_end(job_id)
        if len(self._latest) > VERSION_MEMORY:
            self._latest.popitem(last=False)
        return False

    async def _recheck_rights(self) -> None:
        """Re-resolve every member's viewer under the current rights (once per change)."""
        self._checked_version = self.watch.version
        self._recheck_due = False
        for group in list(self.groups.values()):
            for member in tuple(group.members):
                try:
                    viewer = await member.context.current_viewer()
                except Unauthenticated as error:
                    member.end(error)
                    continue
                except Exception:
                    logger.warning("could not re-check a subscriber's rights; ending its "
                                   "stream", exc_info=True)
                    member.end(RightsChanged(RIGHTS_CHANGED_MESSAGE))
                    continue
                if viewer.rights != group.rights:
                    member.end(RightsChanged(RIGHTS_CHANGED_MESSAGE))
