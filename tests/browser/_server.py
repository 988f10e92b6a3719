"""A JobProcessor server for the browser tests: embedded, on a socket the test opened.

Runs :func:`api.app.create_app` under uvicorn as ``jobprocessor serve`` does, after
preparing its data folder: migrations, the demo data, extra employees in a team of their
own (so a report over all teams runs for seconds and its progress can be watched), and
test users whose tokens go to ``<data dir>/test-users.json``.

It adds one test-only route, ``POST /test-only/slow-jobs``, to submit the test-only job
type ``TEST_SLOW_SCHEDULING`` (``tests/engine/testing_jobs.py``, declared as a
``jobprocessor.job_types`` entry point, see ``tests/plugins.py``): a scheduling job, so
planners see it, that runs as long as asked with a checkpoint every step, so a test can
cancel a job that is surely running.
The GraphQL schema cannot submit it.

Run as ``python -m browser._server --fd N`` with ``tests/`` on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
from datetime import datetime
from pathlib import Path

import uvicorn
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from api.app import create_app
from workers.access import identity, submissions
from workers.access.models import User
from workers.engine import db
from workers.engine.settings import Settings
from workers.wfm import demo_people as demo
from workers.wfm.models import Employee

TEST_USERS_FILE = "test-users.json"
SLOW_JOB_TYPE = "TEST_SLOW_SCHEDULING"
EXTRA_TEAM = "Field Service"


async def prepare(settings: Settings, extra_employees: int, users: list[str]) -> None:
    """Migrate, create the demo data, the extra employees and the test users."""
    await db.migrate(settings)
    await db.connect(settings)
    try:
        await demo.ensure_demo_data(settings)
        if extra_employees and not await Employee.filter(team=EXTRA_TEAM).exists():
            await Employee.bulk_create(
                [
                    Employee(number=f"F{n:06}", name=f"Field Worker {n}", team=EXTRA_TEAM,
                             skills=["Phone"], weekly_contract_hours=38.0, active=True)
                    for n in range(1, extra_employees + 1)
                ],
                batch_size=2000,
            )
        tokens: dict[str, str] = {}
        for entry in users:
            username, _, role = entry.partition(":")
            _, tokens[username] = await identity.create_user(
                username, name=username.replace("_", " ").title(), role=role or "planner"
            )
        (Path(settings.data_dir) / TEST_USERS_FILE).write_text(json.dumps(tokens))
    finally:
        await db.disconnect()


async def submit_slow_job(request: Request) -> JSONResponse:
    """``{"username": "planner", "seconds": 60, "startAt": null, "outcome": "fail"}`` →
    ``{"id": "42"}`` (``outcome``: ``complete``, the default, or ``fail``)."""
    body = await request.json()
    user = await User.get(username=body["username"])
    start_at = body.get("startAt")
    record = await submissions.submit(
        SLOW_JOB_TYPE,
        {"seconds": float(body.get("seconds", 60)), "stepSeconds": 0.05,
         "outcome": body.get("outcome", "complete")},
        user_id=user.id,
        start_at=datetime.fromisoformat(start_at) if start_at else None,
    )
    return JSONResponse({"id": str(record.id)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fd", type=int, required=True, help="a listening socket to serve on")
    parser.add_argument("--extra-employees", type=int, default=0)
    parser.add_argument("--users", default="", help="username:role,… to create")
    args = parser.parse_args()
    settings = Settings.from_env()
    users = [u for u in args.users.split(",") if u]
    asyncio.run(prepare(settings, args.extra_employees, users))
    app = create_app(settings)
    app.router.routes.insert(0, Route("/test-only/slow-jobs", submit_slow_job, methods=["POST"]))
    listening = socket.socket(fileno=args.fd)
    uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on")).run(
        sockets=[listening]
    )


if __name__ == "__main__":
    main()
