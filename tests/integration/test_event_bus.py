"""The Redis event bus on the real Redis: every process's hub gets each event once, and a
worker process's hub only the events of the jobs it runs (it needs them to stop a job on
a cancel; decoding every job's events would cost it more than its own work)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from workers.engine.events import JobChange, RedisEventBus
from workers.engine.records import JobRecord
from workers.engine.status import JobStatus


def job(job_id: int, version: int = 1) -> JobRecord:
    return JobRecord(id=job_id, type="TEST", feature="Tests", params={}, settings={},
                     user_id=1, username="u", status=JobStatus.RUNNING,
                     submitted_at=datetime(2026, 1, 1, tzinfo=UTC), version=version)


@pytest.fixture
async def buses(redis_url: str, redis_prefix: str) -> AsyncIterator[tuple[RedisEventBus, ...]]:
    channel = f"{redis_prefix}:events"
    everything = RedisEventBus(redis_url, channel)
    only_mine = RedisEventBus(redis_url, channel, wanted={2}.__contains__)
    for bus in (everything, only_mine):
        await bus.start()
    try:
        yield everything, only_mine
    finally:
        for bus in (everything, only_mine):
            await bus.stop()


async def test_a_hub_that_wants_only_some_jobs_gets_their_events_and_no_others(
    buses: tuple[RedisEventBus, RedisEventBus],
) -> None:
    everything, only_mine = buses
    async with everything.hub.listen() as all_events, only_mine.hub.listen() as mine:
        for job_id in (1, 2, 3):
            await everything.publish(JobChange("updated", job(job_id)))
        await everything.publish(JobChange("deleted", job(2, version=2)))

        received_all = [await all_events.get() for _ in range(4)]
        received_mine = [await mine.get() for _ in range(2)]

    assert [(c.kind, c.job.id) for c in received_all] == [
        ("updated", 1), ("updated", 2), ("updated", 3), ("deleted", 2)]
    assert [(c.kind, c.job.id, c.version) for c in received_mine] == [
        ("updated", 2, 1), ("deleted", 2, 2)]


async def test_a_process_gets_its_own_events_once_as_it_publishes_them(
    buses: tuple[RedisEventBus, RedisEventBus],
) -> None:
    everything, only_mine = buses
    async with everything.hub.listen() as own, only_mine.hub.listen() as other:
        await everything.publish(JobChange("updated", job(2)))
        assert (await own.get()).job.id == 2  # handed over at once, not through Redis
        assert (await other.get()).job.id == 2  # the other process hears it through Redis
        await only_mine.publish(JobChange("updated", job(2, version=2)))  # a marker
        assert (await own.get()).version == 2  # Redis keeps order: no echo came before it

    assert own.queue.empty() and not own.lagged


async def test_a_hub_without_subscribers_decodes_nothing(
    buses: tuple[RedisEventBus, RedisEventBus], monkeypatch: pytest.MonkeyPatch,
) -> None:
    everything, only_mine = buses
    decoded: list[int] = []
    original = JobChange.from_message
    monkeypatch.setattr(JobChange, "from_message",
                        classmethod(lambda cls, m: decoded.append(m["id"]) or original(m)))
    async with only_mine.hub.listen() as marker:
        await everything.publish(JobChange("updated", job(1)))
        await everything.publish(JobChange("updated", job(2)))
        assert (await marker.get()).job.id == 2  # job 1's event has passed everything's hub

    assert decoded == [2]  # only by the listening hub, for the job it wants
