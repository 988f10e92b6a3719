"""The sender: submissions' broker messages sent from a thread of its own, many per batch,
each submission answered for its own message once the broker has it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

import pytest

from workers.engine.sender import Message, Sender

#: How long a test waits for the sender's thread before failing (not a measured duration).
GIVE_UP_SECONDS = 20


class Broker:
    """Records what was sent; the first batch can be held up until released."""

    def __init__(self, refuse: frozenset[int] = frozenset()) -> None:
        self.batches: list[list[Message]] = []
        self.refuse = refuse
        self.hold_first = threading.Event()
        self.hold_first.set()
        self.first_started = threading.Event()

    def send_many(self, messages: Sequence[Message]) -> list[BaseException | None]:
        self.first_started.set()
        self.hold_first.wait(GIVE_UP_SECONDS)
        self.batches.append(list(messages))
        return [ConnectionError("broker down") if job_id in self.refuse else None
                for job_id, _ in messages]


async def test_a_send_returns_once_the_broker_has_the_message() -> None:
    broker = Broker()
    sender = Sender(broker.send_many)
    try:
        await sender.send(7, None)
        await sender.send(8, 5_000)

        assert broker.batches == [[(7, None)], [(8, 5_000)]]
    finally:
        sender.close()


async def test_messages_queued_while_a_batch_is_sent_go_together_in_the_next_in_order() -> None:
    broker = Broker()
    broker.hold_first.clear()
    sender = Sender(broker.send_many)
    try:
        first = asyncio.create_task(sender.send(1, None))
        await asyncio.to_thread(broker.first_started.wait, GIVE_UP_SECONDS)
        rest = [asyncio.create_task(sender.send(job_id, None)) for job_id in range(2, 12)]
        await asyncio.sleep(0)  # let them all queue up behind the held batch
        broker.hold_first.set()
        await asyncio.gather(first, *rest)

        assert broker.batches[0] == [(1, None)]
        assert [job_id for batch in broker.batches[1:] for job_id, _ in batch] == list(
            range(2, 12))
        assert len(broker.batches) < 11
    finally:
        sender.close()


async def test_a_message_the_broker_refuses_fails_its_own_send_only() -> None:
    broker = Broker(refuse=frozenset({2}))
    broker.hold_first.clear()
    sender = Sender(broker.send_many)
    try:
        first = asyncio.create_task(sender.send(1, None))
        await asyncio.to_thread(broker.first_started.wait, GIVE_UP_SECONDS)
        refused = asyncio.create_task(sender.send(2, None))
        accepted = asyncio.create_task(sender.send(3, None))
        await asyncio.sleep(0)
        broker.hold_first.set()

        outcome = await asyncio.gather(first, refused, accepted, return_exceptions=True)

        assert outcome[0] is None and outcome[2] is None
        assert isinstance(outcome[1], ConnectionError)
    finally:
        sender.close()


async def test_a_batch_that_fails_as_a_whole_fails_each_of_its_sends() -> None:
    def broken(messages: Sequence[Message]) -> list[BaseException | None]:
        raise ConnectionError("no broker")

    sender = Sender(broken)
    try:
        with pytest.raises(ConnectionError):
            await sender.send(1, None)
    finally:
        sender.close()


async def test_a_closed_sender_sends_what_was_queued_and_refuses_more() -> None:
    broker = Broker()
    sender = Sender(broker.send_many)
    await sender.send(1, None)

    await asyncio.to_thread(sender.close)

    assert broker.batches == [[(1, None)]]
    with pytest.raises(RuntimeError, match="closed"):
        await sender.send(2, None)
