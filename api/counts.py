"""Counts of job lists kept current by the event stream, so that the overview's
``totalCount`` is counted once for everyone looking at the same list, not once per request.

A count is kept per query (the filter and the viewer's visibility, as SQL) for at most
:data:`FRESH_SECONDS`, and dropped the moment this process hears of a change to any job it
may count — created, updated (a status change moves a job in or out of a status filter)
or deleted — whether the change was made here or by another process (each process hears
every change through its event hub). A count being computed while such a change arrives
is answered but not kept. The time limit bounds what a lost event could leave stale
(Redis pub/sub drops messages while a subscriber reconnects).
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from workers.engine.events import EventHub, JobChange, Subscription
from workers.engine.records import JobRecord

#: Longest a kept count is given out (seconds).
FRESH_SECONDS = 10.0
#: Most counts kept; the least recently asked for goes first.
MAX_COUNTS = 256
#: Changes remembered to tell whether a count computed meanwhile is still true.
RECENT_CHANGES = 1024

#: A list's count and whether it is an estimate.
Found = tuple[int, bool]
#: May this job be among the jobs a count counts (its status aside)?
Counts = Callable[[JobRecord], bool]


@dataclass
class _Kept:
    found: Found
    counts: Counts
    at: float


class CountCache(Subscription):
    """The process's kept counts, told of every change by the event hub (attach it)."""

    def __init__(self, hub: EventHub) -> None:
        super().__init__(hub, None)
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        self._seen = 0
        self._recent: deque[JobRecord] = deque(maxlen=RECENT_CHANGES)

    def offer(self, change: JobChange) -> None:
        """Drop every count the changed job may be part of (called on the hub's loop)."""
        self._seen += 1
        self._recent.append(change.job)
        for key in [key for key, kept in self._kept.items() if kept.counts(change.job)]:
            del self._kept[key]

    async def count(self, key: str, counts: Counts,
                    compute: Callable[[], Awaitable[Found]]) -> Found:
        """The kept count for ``key``, or ``compute()``'s, kept unless a job ``counts``
        accepts changed while it ran.

        Args:
            key: what identifies the list (its count query's SQL and parameters).
            counts: whether a job may be among those counted, whatever its status.
            compute: counts the list in the database.
        """
        kept = self._kept.get(key)
        now = time.monotonic()
        if kept is not None and now - kept.at < FRESH_SECONDS:
            self._kept.move_to_end(key)
            return kept.found
        seen = self._seen
        found = await compute()
        missed = self._seen - seen
        if missed <= len(self._recent) and not any(
                counts(job) for job in list(self._recent)[len(self._recent) - missed:]):
            self._kept[key] = _Kept(found, counts, now)
            self._kept.move_to_end(key)
            while len(self._kept) > MAX_COUNTS:
                self._kept.popitem(last=False)
        return found

    def __len__(self) -> int:
        return len(self._kept)
