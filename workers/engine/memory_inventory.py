"""What the embedded in-memory broker still holds, for the reconciler.

Embedded, the broker is Dramatiq's ``StubBroker`` inside the one server process. A
message is never lost by the broker there (only with the process, and an embedded start
sends every waiting job again), but one can still go unanswered: a worker that meets an
unexpected error before it claims a job drops its message (no retries: the row, not the
message, is the truth). Such a job waits with no message behind it — an orphan, as after
a Redis restart — and the reconciler of :mod:`workers.engine.reconcile` must see it the
same way: within its interval, whatever the length of the queue.

:class:`MessageLedger` is a Dramatiq middleware that notes each job message from its
enqueue to its ack or nack, so it knows the messages waiting in the queue, those waiting
for their delay, and those a worker thread holds — exactly the broker's inventory, since
this process is the only one that sends to its broker or consumes from it.
"""

from __future__ import annotations

import threading

from dramatiq.broker import Broker, MessageProxy
from dramatiq.message import Message
from dramatiq.middleware import Middleware


class MessageLedger(Middleware):
    """The job messages an in-memory broker holds, noted from enqueue to ack or nack.

    Keyed by queue and message id: a delayed message is enqueued again on its queue by
    the worker before its delay-queue copy is acked, with the same id.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: dict[tuple[str, str], int] = {}

    def after_enqueue(self, broker: Broker, message: Message, delay: int | None) -> None:
        job_id = _job_id_of(message)
        if job_id is not None:
            with self._lock:
                self._held[(message.queue_name, message.message_id)] = job_id

    def after_ack(self, broker: Broker, message: MessageProxy) -> None:
        self._forget(message)

    def after_nack(self, broker: Broker, message: MessageProxy) -> None:
        self._forget(message)

    def _forget(self, message: MessageProxy) -> None:
        with self._lock:
            self._held.pop((message.queue_name, message.message_id), None)

    # ------------------------------------------------------------ BrokerInventory

    def take_turn(self, seconds: float, holder: str) -> bool:
        """Always this process's turn: nobody else reads or writes its broker."""
        return True

    def job_ids(self) -> set[int]:
        """The jobs that have a message this broker will still deliver (or is delivering)."""
        with self._lock:
            return set(self._held.values())


def _job_id_of(message: Message) -> int | None:
    try:
        return int(message.args[0])
    except (IndexError, TypeError, ValueError):
        return None
