"""The overview page on 1,000,000 jobs: GraphQL `jobs` latency through the whole API.

    .venv/bin/python -m bench.overview [--jobs 1000000] [--requests 40] [--keep NAME]

Fills a scratch PostgreSQL database with jobs of mixed types, statuses, users and times
(``generate_series``, a minute or so; with ``--keep NAME`` the database ``NAME`` is filled
once, kept, and reused by later runs asking for the same number of jobs), vacuums and
analyses the table as autovacuum would, then sends
overview queries — 50 rows, several filters and sort orders, first pages and pages 20
deep by cursor — to the ASGI app in-process, with and without ``totalCount``. Prints
p50 / p95 per case and overall (target: p95 <= 20 ms, with and without the count).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from typing import Any

from bench._common import REDIS_URL, kept_postgres, prefix, scratch_postgres

FILL = """
INSERT INTO jp_job (type, feature, params, settings, user_id, status, submitted_at, start_at,
    started_at, finished_at, progress, progress_message, result, error, resubmitted_from_id,
    attempt, lease_expires_at, worker, enqueued_at, subject, refs, search_text)
SELECT
    (ARRAY['REPORT','EMPLOYEES_MASS_UPDATE','OPTIMIZATION','SHIFTS_ASSIGN'])[1 + g % 4],
    'Bench > Feature', '{}'::jsonb, '{"startAt": null}'::jsonb,
    (SELECT min(id) FROM jp_user) + g % 5,
    st.status,
    now() - make_interval(secs => ($1 - g) * 2.0),
    NULL,
    CASE WHEN st.status IN ('SUBMITTED') THEN NULL
         ELSE now() - make_interval(secs => ($1 - g) * 2.0 - 1) END,
    CASE WHEN st.status IN ('COMPLETED','FAILED','CANCELLED')
         THEN now() - make_interval(secs => ($1 - g) * 2.0 - 5) END,
    CASE WHEN st.status = 'COMPLETED' THEN 1.0 ELSE (g % 100) / 100.0 END,
    'bench', NULL, NULL, NULL, 1, NULL, NULL, now(),
    'Level ' || (g % 50) || ' · batch ' || (g % 1000),
    jsonb_build_object('level', g % 50, 'planningPeriod', g % 5),
    lower((ARRAY['REPORT','EMPLOYEES_MASS_UPDATE','OPTIMIZATION','SHIFTS_ASSIGN'])[1 + g % 4])
        || ' bench > feature level ' || (g % 50) || ' batch-' || (g % 1000)
FROM generate_series(1, $1) AS g,
LATERAL (SELECT CASE
    WHEN g > $1 - 200 THEN (ARRAY['SUBMITTED','RUNNING'])[1 + g % 2]
    ELSE (ARRAY['COMPLETED','COMPLETED','COMPLETED','FAILED','CANCELLED'])[1 + g % 5]
    END AS status) AS st
"""

PAGE = """
query Overview($filter: JobFilter, $order: JobOrder, $after: String) {
  jobs(filter: $filter, orderBy: $order, first: 50, after: $after) {
    %s
    edges { node { id type feature status progress progressMessage submittedAt startedAt
                   finishedAt user { username } result { summary } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("newest first", {}, {"field": "SUBMITTED_AT", "direction": "DESC"}),
    ("unprocessed", {"statusGroup": "UNPROCESSED"}, {"field": "SUBMITTED_AT", "direction": "DESC"}),
    ("processed by status", {"statusGroup": "PROCESSED"}, {"field": "STATUS", "direction": "ASC"}),
    ("by started, asc", {}, {"field": "STARTED_AT", "direction": "ASC"}),
    ("by finished, desc", {}, {"field": "FINISHED_AT", "direction": "DESC"}),
    ("by progress", {}, {"field": "PROGRESS", "direction": "DESC"}),
    ("by type", {}, {"field": "TYPE", "direction": "ASC"}),
    # 1 job in 1,000 has the word: the fragment index (migration 7) finds them.
    ("search a word", {"search": "batch-417"}, {"field": "ID", "direction": "DESC"}),
    ("search two words", {"search": "optimization batch-42"}, {"field": "ID", "direction": "DESC"}),
    # 1 job in 50 is on the level: the expression index on refs finds them.
    ("one level", {"levelIds": ["7"]}, {"field": "ID", "direction": "DESC"}),
]


async def run(db_url: str, jobs: int, requests: int) -> None:
    import httpx

    from api.app import create_app
    from workers.access import identity
    from workers.engine import db
    from workers.engine.settings import Settings

    settings = Settings(database_url_override=db_url, redis_url=REDIS_URL,
                        redis_prefix=prefix(), secret_key="bench", demo=False)
    await db.connect(settings)
    tokens = [(await identity.create_user(f"bench-{uuid.uuid4().hex[:8]}", role="admin"))[1]
              for _ in range(5)]
    conn = db.connections.get("default")
    _, rows = await conn.execute_query("SELECT count(*) AS n FROM jp_job")
    if rows[0]["n"] != jobs:
        await conn.execute_script("TRUNCATE jp_job CASCADE")
        started = time.perf_counter()
        await conn.execute_query(FILL.replace("$1", str(jobs)))
        print(f"filled {jobs:,} jobs in {time.perf_counter() - started:.0f} s")
    else:
        print(f"reusing the {jobs:,} jobs already there")
    # What autovacuum does to a table that has settled (statistics, the visibility map),
    # done here since a benchmark's server may have it off; quick when nothing changed.
    await conn.execute_script("VACUUM (ANALYZE) jp_job")
    await db.disconnect()

    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1",
                                     headers={"Authorization": f"Bearer {tokens[0]}"}) as client:
            for with_count in (False, True):
                query = PAGE % ("totalCount" if with_count else "")
                everything: list[float] = []
                print(f"\n{'with' if with_count else 'without'} totalCount: "
                      f"{'case':24s} {'page':>6s} {'p50 ms':>8s} {'p95 ms':>8s}")
                for name, job_filter, order in CASES:
                    for depth in (0, 20):
                        after = None
                        for _ in range(depth):
                            body = await _post(client, query, job_filter, order, after)
                            after = body["data"]["jobs"]["pageInfo"]["endCursor"]
                        samples = []
                        for _ in range(requests):
                            t = time.perf_counter()
                            await _post(client, query, job_filter, order, after)
                            samples.append((time.perf_counter() - t) * 1000)
                        everything += samples
                        print(f"{'':20s} {name:24s} {depth + 1:6d} "
                              f"{statistics.median(samples):8.1f} {_p95(samples):8.1f}")
                print(f"{'':20s} {'ALL':24s} {'':6s} {statistics.median(everything):8.1f} "
                      f"{_p95(everything):8.1f}   (target p95 <= 20 ms)")


async def _post(client: Any, query: str, job_filter: dict[str, Any], order: dict[str, Any],
                after: str | None) -> dict[str, Any]:
    response = await client.post("/graphql", json={
        "query": query, "variables": {"filter": job_filter, "order": order, "after": after}})
    body: dict[str, Any] = response.json()
    if body.get("errors"):
        raise RuntimeError(body["errors"])
    return body


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--keep", metavar="NAME",
                        help="fill the database NAME once and keep it for later runs")
    args = parser.parse_args()
    with kept_postgres(args.keep) if args.keep else scratch_postgres() as url:
        asyncio.run(run(url, args.jobs, args.requests))


if __name__ == "__main__":
    main()
