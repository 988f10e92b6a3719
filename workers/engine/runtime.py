"""The per-process wiring the lifecycle needs: settings, the event bus and the enqueue hook.

Set once at start-up (:func:`workers.bootstrap`), read by the lifecycle. Kept in one small
object so tests can install their own.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from workers.engine.events import EventBus
from workers.engine.heartbeats import LeaseBeacons, make_beacons
from workers.engine.settings import Settings

#: Sends a job's id to the broker, optionally delayed (milliseconds). Raises when it cannot.
Enqueue = Callable[[int, int | None], None]
#: Sends a job's id to the broker without blocking the event loop, returning once it is
#: there (see :mod:`workers.engine.sender`). Raises when it cannot.
AsyncSend = Callable[[int, int | None], Awaitable[None]]
#: How many job messages wait in the broker, or ``None`` when it cannot tell.
PendingCount = Callable[[], int | None]


class BrokerInventory(Protocol):
    """What the broker holds, for the reconciler (blocking calls: run them in a thread)."""

    def take_turn(self, seconds: float, holder: str) -> bool:
        """True when this process may reconcile now (one process per ``seconds``)."""

    def job_ids(self) -> set[int]:
        """The jobs that have a message the broker will still deliver."""


@dataclass
class Runtime:
    """What this process runs with."""

    settings: Settings
    bus: EventBus
    enqueue: Enqueue
    pending_count: PendingCount = lambda: None
    #: The submissions' send, off the event loop; None: they call :attr:`enqueue` on it
    #: (embedded mode, whose in-memory broker does not block).
    send_async: AsyncSend | None = None
    worker_name: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    #: The beacons saying which jobs this process's workers hold (see heartbeats).
    beacons: LeaseBeacons | None = None
    #: The broker's inventory, for the reconciler; None when it has none (embedded).
    inventory: BrokerInventory | None = None
    #: What this process read from the database and reuses for a while (the paused set,
    #: the start policies), by name, with the monotonic time it was read. Kept here, not
    #: in module globals, so that it lives and dies with the runtime: a new runtime (a
    #: restart, each test's fresh database) starts with nothing cached.
    caches: dict[str, tuple[float, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.beacons is None:
            self.beacons = make_beacons(self.settings.redis_url, self.settings.redis_prefix,
                                        self.settings.lease_seconds)

    @property
    def lease_beacons(self) -> LeaseBeacons:
        assert self.beacons is not None
        return self.beacons

    def cached(self, name: str, max_age: float) -> Any | None:
        """What was cached under ``name`` less than ``max_age`` seconds ago, else None."""
        found = self.caches.get(name)
        if found is not None and time.monotonic() - found[0] < max_age:
            return found[1]
        return None

    def cache(self, name: str, value: Any) -> None:
        """Keep ``value`` under ``name``, read now."""
        self.caches[name] = (time.monotonic(), value)

    def forget(self, name: str) -> None:
        """Read ``name`` afresh next time (after a change made in this process)."""
        self.caches.pop(name, None)


_runtime: Runtime | None = None


def set_runtime(runtime: Runtime | None) -> None:
    """Install (or clear) this process's runtime."""
    global _runtime
    _runtime = runtime


def get_runtime() -> Runtime:
    """This process's runtime.

    Raises:
        RuntimeError: nothing was installed yet.
    """
    if _runtime is None:
        raise RuntimeError("JobProcessor runtime is not set up in this process")
    return _runtime
