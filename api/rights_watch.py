"""Noticing rights changes in a running API process, for long-lived WebSocket connections.

An HTTP request authenticates afresh each time, but a WebSocket connection authenticates
once, at ``connection_init``, and its subscriptions may run for hours. Every change to
roles, role assignments and tokens writes an administration event
(:func:`workers.access.administration.record_admin_event`), so the highest event id is a
*rights version*.
One :class:`RightsWatch` per process reads it every ``JOBPROCESSOR_RIGHTS_POLL_SECONDS``
(one indexed query, however many subscribers) — it works whoever made the change: another
API process, the command line, an embedded or a distributed installation. When it moves,
the watch forgets its resolved viewers and wakes every subscriber, and each re-checks its
viewer (:class:`LiveViewer`): a revoked token or a deactivated user ends the stream, and
so does a right the stream depends on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from api.permissions import Viewer, viewer_for
from workers.access import identity, rights
from workers.engine.events import EventHub

logger = logging.getLogger(__name__)


class RightsWatch:
    """The process's view of the rights version, and viewers resolved for it."""

    def __init__(self, hub: EventHub, interval_seconds: float) -> None:
        self.hub = hub
        self.interval = interval_seconds
        self.version = 0
        self._viewers: dict[str, Viewer | None] = {}
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.version = await rights.rights_version()
        self._task = asyncio.create_task(self._poll(), name="jobprocessor-rights-watch")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def check(self) -> bool:
        """Read the version now; True (and subscribers woken) when it moved."""
        version = await rights.rights_version()
        if version == self.version:
            return False
        self.version = version
        self._viewers.clear()
        self.hub.wake_all()
        return True

    async def viewer(self, token_digest: str) -> Viewer | None:
        """The viewer a token belongs to under the current rights; ``None`` when it no longer
        authenticates. Shared by every connection with that token until the next change."""
        if token_digest not in self._viewers:
            user = await identity.user_of_digest(token_digest)
            self._viewers[token_digest] = await viewer_for(user) if user is not None else None
        return self._viewers[token_digest]

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.check()
            except Exception:
                logger.warning("could not read the rights version; trying again", exc_info=True)
