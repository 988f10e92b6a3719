"""The Optimization job on the demo planning period: coverage before and after.

    .venv/bin/python -m bench.optimization [--seconds 60] [--start 2026-11-30 --end 2026-12-27]

Runs JobProcessor embedded on a scratch SQLite database with the demo data (150
employees, three activities, four weeks of demand; the Base level starts with everyone
on one template, Monday to Friday), submits ``OPTIMIZATION`` on the Base level with the
given time limit, and prints the coverage before and after, the staffing hours under and
over demand, and how long the search took. The README quotes its output.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path


async def run(seconds: int, start: str | None, end: str | None) -> dict[str, object]:
    from workers.access.models import User
    from workers.engine import submission
    from workers.engine.lifecycle import load
    from workers.engine.services import open_services
    from workers.engine.settings import Settings
    from workers.wfm.demo_people import ensure_demo_data
    from workers.wfm.planning import ScheduleLevel

    with tempfile.TemporaryDirectory(prefix="jp-bench-opt-") as folder:
        settings = Settings(data_dir=Path(folder), demo=False, secret_key="bench")
        services = await open_services(settings, migrate=True)
        try:
            await ensure_demo_data(settings)
            base = await ScheduleLevel.get(name="Base")
            user = await User.get(username="planner")
            params: dict[str, object] = {"levelId": base.id, "timeLimitSeconds": seconds}
            if start:
                params["startDate"] = start
            if end:
                params["endDate"] = end
            began = time.perf_counter()
            job = await submission.submit("OPTIMIZATION", params, user_id=user.id)
            while (record := await load(job.id)) is not None and not record.status.is_final:
                await asyncio.sleep(0.2)
            assert record is not None
            if record.result is None:
                raise SystemExit(f"the job ended {record.status.value}: {record.error}")
            data = dict(record.result["data"])
            data["jobSeconds"] = round(time.perf_counter() - began, 1)
            data["summary"] = record.result["summary"]
            return data
        finally:
            await services.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=60, help="the job's time limit")
    parser.add_argument("--start", help="first day (default: the period's)")
    parser.add_argument("--end", help="last day (default: the period's)")
    args = parser.parse_args()
    data = asyncio.run(run(args.seconds, args.start, args.end))
    before, after = data["coverageBefore"], data["coverageAfter"]
    assert isinstance(before, dict) and isinstance(after, dict)
    print(f"time limit {args.seconds} s: search {data['status']} in {data['searchSeconds']} s "
          f"({data['solutions']} solutions), job {data['jobSeconds']} s")
    for key in ("coveragePercent", "understaffedHours", "overstaffedHours", "plannedHours"):
        print(f"  {key:<18} {before[key]:>10} -> {after[key]:>10}")
    print(f"  demand             {before['demandHours']:>10} staff-hours")
    print(data["summary"])


if __name__ == "__main__":
    main()
