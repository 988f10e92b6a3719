"""The fault run of issue 12 at full size: outages and crashes cost waiting, never a wrong answer.

    .venv/bin/python -m bench.faults [--size full|ci] [--only kill,redis,postgres,sigterm]
                                     [--seed N] [--keep DIR]

Starts a PostgreSQL cluster and a Redis of its own on free ports (``tests/servers.py``,
never the system's), then runs the scenarios of ``tests/faults/scenarios.py`` — the same
code as the CI-sized suite in ``tests/faults/test_suite.py``:

* 50 x ``kill -9`` of a random busy worker over 500 jobs of 0.5-2 s (a new worker each time);
* 20 x Redis killed, down 0.5-4 s, restarted empty, while jobs wait;
* 10 x PostgreSQL stopped for 5-30 s while jobs run and GraphQL requests come in;
* 5 x SIGTERM of a busy worker.

Prints one table row per scenario: jobs lost, stuck, bodies run twice (from the journal
the job writes), plain-text 500s, worst orphan wait, all final after the last fault.
Exits 1 if any scenario did not hold (0 lost / stuck / twice / plain 500s, orphans ≤ 30 s,
all final ≤ 60 s). The full size takes about ten minutes on two cores.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import signal
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from faults import scenarios  # noqa: E402
from servers import PostgresServer, RedisServer  # noqa: E402

NAMES = {
    "kill": scenarios.kill_workers,
    "redis": scenarios.restart_redis,
    "postgres": scenarios.stop_postgres,
    "sigterm": scenarios.sigterm_worker,
}


async def main(
    size: scenarios.Size, only: list[str], seed: int, keep: Path | None = None
) -> list[scenarios.Result]:
    results = []
    with (
        PostgresServer() as postgres,
        RedisServer() as redis,
        tempfile.TemporaryDirectory(prefix="jp-faults-") as scratch,
    ):
        folder = keep or Path(scratch)
        for name in only:
            print(f"running {name} …", file=sys.stderr, flush=True)
            result = await NAMES[name](
                postgres, redis, Path(folder) / name, size, random.Random(seed)
            )
            results.append(result)
            print(scenarios.table([result]).splitlines()[-1], file=sys.stderr, flush=True)
            for problem in result.problems:
                print(f"  {problem}", file=sys.stderr)
    return results


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(1)  # unwinds the servers' and processes' clean-up


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    # The processes' own warnings (Redis gone, database unreachable) are expected here.
    logging.basicConfig(level=logging.CRITICAL)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=["full", "ci"], default="full")
    parser.add_argument(
        "--only", default=",".join(NAMES), help="comma-separated scenarios (default: all)"
    )
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="keep each scenario's worker and API logs and journal under DIR",
    )
    args = parser.parse_args()
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(chosen) - set(NAMES)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    size = scenarios.FULL if args.size == "full" else scenarios.CI
    outcome = asyncio.run(main(size, chosen, args.seed, args.keep))
    print(scenarios.table(outcome))
    raise SystemExit(0 if all(r.held for r in outcome) else 1)
