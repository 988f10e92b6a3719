"""The sender: this process's job messages, handed to the broker from a thread of its own.

Dramatiq's Redis client is blocking. Sending a submitted job's message on the event loop
would stop every other request and submission of the process for the round trips of the
send and of its wake token (:class:`workers.engine.broker.WakeUp`). A submission instead
hands its message to the sender and awaits it: the loop serves others meanwhile, and the
sender's thread sends whatever has queued up in one go, pushing the wake tokens of the
whole batch in one round trip. A submission still returns only once its message is in
the broker (or with the broker's error, so that the job is marked unsent for the
reconciler), exactly as a send on the loop would.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
from collections.abc import Callable, Sequence

logger = logging.getLogger(__name__)

#: A job's id and its delay in milliseconds (``None``: now).
Message = tuple[int, int | None]
#: Sends messages, in order; returns per message ``None`` (sent) or what the broker raised.
SendMany = Callable[[Sequence[Message]], list[BaseException | None]]

#: Messages sent in one batch at most.
MAX_BATCH = 500


class _Item:
    __slots__ = ("future", "loop", "message")

    def __init__(self, message: Message, loop: asyncio.AbstractEventLoop,
                 future: asyncio.Future[None]) -> None:
        self.message = message
        self.loop = loop
        self.future = future


class Sender:
    """Sends job messages from one thread, many per batch, for any number of awaiting
    submissions."""

    def __init__(self, send_many: SendMany, max_batch: int = MAX_BATCH) -> None:
        self._send_many = send_many
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._closed = False
        #: Batches sent so far (for tests and benchmarks).
        self.batches = 0

    async def send(self, job_id: int, delay_ms: int | None) -> None:
        """Send the job's message; returns once the broker has it.

        Raises:
            Whatever the broker raised for this message.
            RuntimeError: the sender was closed.
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        self._start()
        self._queue.put(_Item((job_id, delay_ms), loop, future))
        await future

    def close(self, timeout: float = 10.0) -> None:
        """Send what is queued, then stop the thread (blocking; call it off the loop)."""
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout)

    def _start(self) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError("the sender is closed")
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name="jobprocessor-sender")
                self._thread.start()

    def _run(self) -> None:
        try:
            self._send_until_closed()
        finally:
            self._refuse_the_rest()

    def _refuse_the_rest(self) -> None:
        """Messages queued while closing are not sent: their submissions get an error
        (and mark their jobs unsent for the reconciler)."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not None:
                with contextlib.suppress(RuntimeError):
                    item.loop.call_soon_threadsafe(_settle, item.future,
                                                   RuntimeError("the sender is closed"))

    def _send_until_closed(self) -> None:
        stopping = False
        while not stopping:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < self.max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:  # closing: send this batch, then stop
                    stopping = True
                    break
                batch.append(item)
            try:
                outcomes = self._send_many([item.message for item in batch])
            except BaseException as exc:  # the batch as a whole failed
                outcomes = [exc] * len(batch)
            self.batches += 1
            for item, outcome in zip(batch, outcomes, strict=True):
                with contextlib.suppress(RuntimeError):  # its loop has closed: nobody waits
                    item.loop.call_soon_threadsafe(_settle, item.future, outcome)


def _settle(future: asyncio.Future[None], outcome: BaseException | None) -> None:
    if future.done():  # its submission was cancelled meanwhile
        return
    if outcome is None:
        future.set_result(None)
    else:
        future.set_exception(outcome)
