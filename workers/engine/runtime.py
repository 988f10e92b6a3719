"""The per-process wiring the lifecycle needs: settings, the event bus and the enqueue hook.

Set once at start-up (:func:`workers.bootstrap`), read by the lifecycle. Kept in one small
object so tests can install their own.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field

from workers.engine.events import EventBus
from workers.engine.settings import Settings

#: Sends a job's id to the broker, optionally delayed (milliseconds). Raises when it cannot.
Enqueue = Callable[[int, int | None], None]
#: How many job messages wait in the broker, or ``None`` when it cannot tell.
PendingCount = Callable[[], int | None]


@dataclass
class Runtime:
    """What this process runs with."""

    settings: Settings
    bus: EventBus
    enqueue: Enqueue
    pending_count: PendingCount = lambda: None
    worker_name: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")


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
