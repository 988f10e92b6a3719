"""The throwaway servers the fault suite breaks: their own ports, stop, kill -9, restart."""

from __future__ import annotations

import asyncpg
import pytest
import redis
from servers import SYSTEM_PORTS, PostgresServer, RedisServer

pytestmark = pytest.mark.integration


async def test_postgres_keeps_committed_rows_through_a_kill_and_a_stop(
    postgres_server: PostgresServer,
) -> None:
    assert postgres_server.port not in SYSTEM_PORTS
    conn = await asyncpg.connect(postgres_server.dsn())
    await conn.execute("CREATE TABLE kept (n int)")
    await conn.execute("INSERT INTO kept VALUES (1)")
    await conn.close()

    postgres_server.kill()
    assert not postgres_server.running
    with pytest.raises(OSError):
        await asyncpg.connect(postgres_server.dsn(), timeout=2)
    postgres_server.start()
    postgres_server.stop()
    assert not postgres_server.running
    postgres_server.start()

    conn = await asyncpg.connect(postgres_server.dsn())
    assert await conn.fetchval("SELECT count(*) FROM kept") == 1
    await conn.execute("DROP TABLE kept")
    await conn.close()


def test_redis_comes_back_empty_after_a_kill(redis_server: RedisServer) -> None:
    assert redis_server.port not in SYSTEM_PORTS
    client = redis.Redis.from_url(redis_server.url)
    client.set("message", "queued")

    redis_server.kill()
    with pytest.raises(redis.ConnectionError):
        client.get("message")
    redis_server.start()

    assert client.get("message") is None
    client.close()


@pytest.mark.usefixtures("server_binaries")
def test_closing_removes_the_cluster_and_its_folder() -> None:
    with PostgresServer() as server:
        folder = server.folder
        assert server.running
    assert not folder.exists()
