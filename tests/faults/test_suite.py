"""The CI-sized fault suite (issue 12, item 6): faults cost waiting, never a wrong answer.

Worker processes and an API process on a throwaway PostgreSQL and Redis
(:mod:`faults.rig`), faults injected while journal jobs run (:mod:`faults.scenarios`).
``python -m bench.faults`` runs the same scenarios at full size and prints the table.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from servers import PostgresServer, RedisServer

from .scenarios import (
    CI,
    Result,
    kill_workers,
    restart_redis,
    sigterm_worker,
    stop_postgres,
    table,
)

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

Scenario = Callable[..., Awaitable[Result]]


async def run(
    scenario: Scenario, postgres_server: PostgresServer, redis_server: RedisServer, tmp_path: Path
) -> Result:
    result = await scenario(postgres_server, redis_server, tmp_path, CI, random.Random(12))
    print(table([result]))
    print("\n".join(result.problems))
    return result


def assert_held(result: Result) -> None:
    """What every fault must leave: every job final and completed, each body run once,
    and everything final within a minute of the last fault."""
    assert (result.lost, result.stuck, result.run_twice) == (0, 0, 0), result.problems
    assert result.final_after_last_fault is not None
    assert result.final_after_last_fault <= 60


async def test_workers_killed_with_kill_9_lose_no_job_and_run_no_body_twice(
    postgres_server: PostgresServer, redis_server: RedisServer, tmp_path: Path
) -> None:
    result = await run(kill_workers, postgres_server, redis_server, tmp_path)

    assert_held(result)
    assert result.jobs == CI.kill_jobs


async def test_redis_restarted_empty_loses_no_job_and_orphans_are_sent_again_within_30_s(
    postgres_server: PostgresServer, redis_server: RedisServer, tmp_path: Path
) -> None:
    result = await run(restart_redis, postgres_server, redis_server, tmp_path)

    assert_held(result)
    assert result.worst_orphan_wait is not None and result.worst_orphan_wait <= 30


async def test_postgres_stopped_while_jobs_run_costs_waiting_only(
    postgres_server: PostgresServer, redis_server: RedisServer, tmp_path: Path
) -> None:
    result = await run(stop_postgres, postgres_server, redis_server, tmp_path)

    assert_held(result)
    assert result.requests > 0
    assert result.plain_500s == 0, "a request during the outage got a plain-text 500"


async def test_a_busy_worker_stopped_with_sigterm_exits_0_and_its_jobs_run_elsewhere(
    postgres_server: PostgresServer, redis_server: RedisServer, tmp_path: Path
) -> None:
    result = await run(sigterm_worker, postgres_server, redis_server, tmp_path)

    assert_held(result)
    assert result.exit_codes == [0] * CI.sigterms
