"""Worker heartbeats: who is online, what they run, and that the silent ones drop out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from workers.engine.presence import (
    STALE_AFTER_SECONDS,
    Heartbeat,
    LocalWorkerDirectory,
    RedisWorkerDirectory,
    WorkerInfo,
)


def info(name: str, seen_ago: float) -> WorkerInfo:
    now = datetime.now(UTC)
    return WorkerInfo(name=name, host="h", pid=1, threads=2, queues=("jobs",),
                      started_at=now - timedelta(hours=1),
                      last_seen=now - timedelta(seconds=seen_ago), running=(7,))


async def test_a_worker_not_heard_from_for_a_while_is_not_online_and_is_removed_later(
    redis_url, redis_prefix
):
    directory = RedisWorkerDirectory(redis_url, redis_prefix)
    try:
        await directory.beat(info("alive", seen_ago=1))
        await directory.beat(info("silent", seen_ago=STALE_AFTER_SECONDS + 1))
        await directory.beat(info("gone", seen_ago=20 * STALE_AFTER_SECONDS))

        online = await directory.online()
        left = await directory._redis.hkeys(directory.key)

        assert [w.name for w in online] == ["alive"]
        assert (online[0].host, online[0].queues, online[0].running) == ("h", ("jobs",), (7,))
        assert sorted(left) == [b"alive", b"silent"]
    finally:
        await directory._redis.delete(directory.key)
        await directory.close()


async def test_an_embedded_worker_shows_the_jobs_it_runs_now_and_leaves_when_stopped():
    directory = LocalWorkerDirectory()
    running: list[int] = []
    heartbeat = Heartbeat(directory, name="me:1", threads=4, queues=("jobs",),
                          running=lambda: tuple(running), interval=3600)
    await heartbeat.start()

    running.append(42)
    (worker,) = await directory.online()
    await heartbeat.stop()

    assert (worker.name, worker.threads, worker.running) == ("me:1", 4, (42,))
    assert await directory.online() == []
