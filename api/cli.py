"""The ``jobprocessor`` command: serve the API, run workers, migrate, manage users, demo data.

Configuration comes from ``JOBPROCESSOR_*`` environment variables only (see
:mod:`workers.engine.settings` and the README), so a command line never carries a secret. Every
failure a user can cause ends in one line on stderr and a non-zero exit status; ``-v``
shows the traceback. Heavy imports happen inside the commands so ``--help`` answers at once.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys
import traceback
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from api._cli_admin import add_assign_command, add_policies_command, add_roles_command
from api._cli_checks import (
    CliError,
    check_database,
    check_distributed,
    check_redis,
    database,
    isolated,
)
from workers.engine.settings import Settings, SettingsError

if TYPE_CHECKING:
    from workers.access.models import User
    from workers.engine import logs

DESCRIPTION = """\
JobProcessor runs a workforce-management product's long background jobs and lets people
watch and control them through a GraphQL API.

Without JOBPROCESSOR_REDIS_URL everything runs in one process ("embedded"): SQLite in
JOBPROCESSOR_DATA_DIR (default ./data), in-process workers and demo data. With
JOBPROCESSOR_DATABASE_URL=postgres://... and JOBPROCESSOR_REDIS_URL=redis://... any number
of `serve` and `worker` processes on any number of machines share PostgreSQL and Redis."""

EPILOG = """\
configuration (environment variables; see README.md for all of them):
  JOBPROCESSOR_DATABASE_URL  postgres://user:pass@host:5432/db (default: SQLite in the data dir)
  JOBPROCESSOR_REDIS_URL     redis://host:6379/0 (default: none, i.e. embedded mode)
  JOBPROCESSOR_DATA_DIR      folder for the SQLite file, secret key and demo tokens (./data)

examples:
  jobprocessor serve                       embedded server at http://127.0.0.1:8000/graphql
  jobprocessor users create ann --role planner
  jobprocessor users assign ann teamlead
  jobprocessor export-schema > schema.graphql"""


async def _find_user(username: str) -> User:
    from workers.access.models import User

    user = await User.get_or_none(username=username)
    if user is None:
        raise CliError(
            f"no user {username!r}; create it with `jobprocessor users create {username}`"
        )
    return user



# --------------------------------------------------------------------------- commands


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    if settings.embedded:
        asyncio.run(check_database(settings))
    else:
        asyncio.run(check_distributed(settings))
    mode = "distributed (API only)"
    if settings.embedded:
        mode = "embedded (workers run in this process)"
    print(f"JobProcessor {mode}: GraphiQL at http://{args.host}:{args.port}/graphql", flush=True)
    if args.host not in ("127.0.0.1", "localhost", "::1") and "*" not in settings.allowed_hosts:
        print(f"Answering only requests for {', '.join(settings.allowed_hosts)}: set "
              "JOBPROCESSOR_ALLOWED_HOSTS to the names clients use to reach this server.",
              flush=True)
    from api.app import server_options
    from api.going_away import GoingAwayServer
    from workers.engine import logs

    logs.configure(_log_format(settings), _log_level(args, args.log_level))
    config = uvicorn.Config("api.app:create_app", factory=True, host=args.host, port=args.port,
                            log_level=args.log_level,
                            log_config=logs.uvicorn_log_config(_log_format(settings)),
                            **server_options(settings))
    server = GoingAwayServer(config)
    with contextlib.suppress(KeyboardInterrupt):  # as uvicorn.run: Ctrl-C is a clean stop
        server.run()
    return 0 if server.started else 3  # 3: uvicorn's "startup failed"


def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    if settings.embedded:
        raise CliError(
            "`jobprocessor worker` needs JOBPROCESSOR_REDIS_URL (e.g. redis://127.0.0.1:6379/0) "
            "and a shared JOBPROCESSOR_DATABASE_URL; without them `jobprocessor serve` runs the "
            "workers itself"
        )
    if args.threads is not None and args.threads < 1:
        raise CliError("--threads must be at least 1")
    asyncio.run(check_distributed(settings))
    from workers.engine import logs
    from workers.engine.services import run_worker_process

    logs.configure(_log_format(settings), _log_level(args, "info"))
    return run_worker_process(settings, threads=args.threads, metrics_port=args.metrics_port,
                              metrics_host=args.metrics_host)


def _log_format(settings: Settings) -> logs.LogFormat:
    return "json" if settings.log_format == "json" else "text"


def _log_level(args: argparse.Namespace, name: str) -> int:
    return logging.DEBUG if args.verbose else int(getattr(logging, name.upper(), logging.INFO))


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    from workers.engine import db

    async def run() -> list[str]:
        await check_database(settings)
        return await isolated(db.migrate(settings))

    applied = asyncio.run(run())
    if not applied:
        print("The database schema is up to date; no migration to apply.")
    for name in applied:
        print(f"Applied migration {name}")
    return 0


async def _users_create(args: argparse.Namespace, settings: Settings) -> int:
    from workers.access import identity

    async with database(settings):
        try:
            user, token = await identity.create_user(args.username, name=args.name or "",
                                                     role=args.role)
        except (identity.UserExistsError, ValueError) as exc:
            raise CliError(str(exc)) from exc
    print(f"Created user {user.username} ({user.role}). Its API token (shown only now):")
    print(token)
    return 0


async def _users_list(args: argparse.Namespace, settings: Settings) -> int:
    from collections import Counter

    from workers.access.models import ApiToken, User

    async with database(settings):
        users = await User.all().order_by("username")
        owners: list[int] = await ApiToken.filter(revoked_at__isnull=True).values_list(
            "user_id", flat=True
        )  # type: ignore[assignment]
        tokens = Counter(owners)
    if not users:
        print("No users yet. Create one with `jobprocessor users create USERNAME`.")
        return 0
    width = max(8, *(len(u.username) for u in users))
    print(f"{'USERNAME':<{width}}  {'ROLE':<8}  {'ACTIVE':<6}  {'TOKENS':>6}  NAME")
    for u in users:
        active = "yes" if u.is_active else "no"
        print(f"{u.username:<{width}}  {u.role:<8}  {active:<6}  {tokens[u.id]:>6}  {u.name}")
    return 0


async def _users_token(args: argparse.Namespace, settings: Settings) -> int:
    from workers.access import identity

    async with database(settings):
        user = await _find_user(args.username)
        token = await identity.issue_token(user, label=args.label or "")
    print(f"New API token for {user.username} (its other tokens keep working):")
    print(token)
    return 0


async def _users_revoke(args: argparse.Namespace, settings: Settings) -> int:
    from workers.access import identity

    async with database(settings):
        try:
            count = await identity.revoke_tokens(args.username)
        except identity.UnknownUserError as exc:
            raise CliError(str(exc)) from exc
    print(f"Revoked {count} token(s) of {args.username}; they no longer authenticate.")
    return 0


def _scale(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 100:
        raise argparse.ArgumentTypeError("the scale is a whole number from 1 to 100")
    return value


async def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from workers.wfm.demo_people import ensure_demo_data

    async with database(settings):
        await ensure_demo_data(settings, scale=args.scale)
    return 0


async def _cleanup(args: argparse.Namespace, settings: Settings) -> int:
    from workers.engine import db, maintenance
    from workers.engine.services import open_services

    days = settings.retention_days if args.retention_days is None else args.retention_days
    if days < 0:
        raise CliError("--retention-days must not be negative")
    if not settings.embedded:
        check_redis(settings)
    await check_database(settings)
    if settings.embedded:
        await isolated(db.migrate(settings))
    services = await open_services(settings, run_jobs=False)
    try:
        deleted = await maintenance.cleanup(days)
    finally:
        await services.close()
    print(f"Deleted {deleted} processed job(s) that finished more than {days:g} days ago.")
    return 0


def cmd_export_schema(args: argparse.Namespace, settings: Settings) -> int:
    from api.schema_export import export_schema

    sdl = export_schema()
    if args.output:
        Path(args.output).write_text(sdl, encoding="utf-8")
        print(f"Wrote the GraphQL schema to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(sdl)
    return 0


def _run_async(
    handler: Callable[[argparse.Namespace, Settings], object],
) -> Callable[[argparse.Namespace, Settings], int]:
    def run(args: argparse.Namespace, settings: Settings) -> int:
        return int(asyncio.run(handler(args, settings)))  # type: ignore[arg-type]

    return run


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (one sub-command per task)."""
    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="jobprocessor", description=DESCRIPTION, epilog=EPILOG, formatter_class=fmt
    )
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="show tracebacks and debug logging when something fails")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, summary: str, details: str,
                handler: Callable[[argparse.Namespace, Settings], int]) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=f"{summary}\n\n{details}",
                                  formatter_class=fmt)
        sub.set_defaults(handler=handler)
        return sub

    serve = command(
        "serve", "Run the GraphQL API server (and, embedded, the workers).",
        "Serves POST/WebSocket /graphql, GraphiQL at /graphql in a browser, result downloads\n"
        "and /healthz. Embedded (no JOBPROCESSOR_REDIS_URL): applies migrations, creates the\n"
        "demo data on first start (JOBPROCESSOR_DEMO=0 turns that off), prints the demo\n"
        "tokens, and runs the job workers in this process. Distributed: serves the API only;\n"
        "start workers with `jobprocessor worker` and migrate first with `jobprocessor migrate`.",
        cmd_serve)
    serve.add_argument("--host", default="127.0.0.1",
                       help="interface to listen on (default 127.0.0.1; 0.0.0.0 for all)")
    serve.add_argument("--port", type=int, default=8000, help="TCP port (default 8000)")
    serve.add_argument("--log-level", default="info",
                       choices=("critical", "error", "warning", "info", "debug"),
                       help="uvicorn's log level (default info)")

    worker = command(
        "worker", "Run job workers (distributed mode only).",
        "Takes jobs from Redis and runs them until SIGINT/SIGTERM; running jobs stop at their\n"
        "next checkpoint and are picked up again elsewhere. Needs JOBPROCESSOR_REDIS_URL and a\n"
        "shared JOBPROCESSOR_DATABASE_URL; start as many as you like on any machine.",
        cmd_worker)
    worker.add_argument("--threads", type=int, default=None,
                        help="jobs run at once by this process "
                             "(default JOBPROCESSOR_WORKER_THREADS, 8)")
    worker.add_argument("--metrics-port", type=int, default=None,
                        help="serve this worker's Prometheus metrics at /metrics on this port "
                             "(default: none)")
    worker.add_argument("--metrics-host", default="127.0.0.1",
                        help="interface of --metrics-port (default 127.0.0.1; 0.0.0.0 for all, "
                             "then set JOBPROCESSOR_METRICS_TOKEN)")

    command(
        "migrate", "Apply pending database migrations and list them.",
        "Needed once per release in distributed mode, before starting serve and worker\n"
        "processes; the embedded server migrates on its own. Safe to run again.",
        cmd_migrate)

    users = command(
        "users", "Create users, list them, issue and revoke API tokens.",
        "Clients send a token as `Authorization: Bearer <token>` (HTTP) or as\n"
        '{"authorization": "Bearer <token>"} in the WebSocket connection_init payload.\n'
        "Tokens are shown once; only their digest is stored.",
        _run_async(_users_list))
    user_commands = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    create = user_commands.add_parser(
        "create", help="create a user; prints its first token on the last line",
        description="Create a user and print its first API token on the last line.")
    create.add_argument("username", help="login name: 1-64 characters, no spaces")
    create.add_argument("--name", help="display name (default: the username)")
    create.add_argument("--role", default="planner",
                        help="admin, teamlead, planner (default), analyst, or a role from "
                             "`jobprocessor roles list`; rights follow from it")
    create.set_defaults(handler=_run_async(_users_create))
    user_commands.add_parser(
        "list", help="list users with role, state and number of valid tokens",
        description="List every user with role, state and number of valid tokens.",
    ).set_defaults(handler=_run_async(_users_list))
    token = user_commands.add_parser(
        "token", help="issue another token for a user; printed on the last line",
        description="Issue another API token for a user (the others keep working) "
                    "and print it on the last line.")
    token.add_argument("username")
    token.add_argument("--label", help="a note saying where the token is used")
    token.set_defaults(handler=_run_async(_users_token))
    revoke = user_commands.add_parser(
        "revoke", help="revoke every token of a user",
        description="Revoke every API token of a user; requests with them are refused at once.")
    revoke.add_argument("username")
    revoke.set_defaults(handler=_run_async(_users_revoke))
    add_assign_command(user_commands, _run_async)
    add_roles_command(command, _run_async)
    add_policies_command(command, _run_async)

    demo = command(
        "demo", "Create the demo employees and users; prints the new users' tokens.",
        "Adds about 150 employees in several teams and one user per built-in role, unless\n"
        "they exist. Tokens of users created now are printed last and saved to\n"
        "<JOBPROCESSOR_DATA_DIR>/demo-tokens.json (readable by you only). --scale 10\n"
        "makes every team ten times larger (1,500 employees, demand to match).",
        _run_async(_demo))
    demo.add_argument("--scale", type=_scale, default=1,
                      help="employees per team as a multiple of the usual (1 to 100)")

    cleanup = command(
        "cleanup", "Delete old processed jobs and their result files now.",
        "Removes completed, failed and cancelled jobs that finished more than the retention\n"
        "period ago, in batches. Running servers and workers do this every ten minutes\n"
        "anyway; use it after lowering the retention or from a cron job.",
        _run_async(_cleanup))
    cleanup.add_argument("--retention-days", type=float, default=None,
                         help="keep jobs that finished within this many days "
                              "(default JOBPROCESSOR_RETENTION_DAYS, 30)")

    export = command(
        "export-schema", "Print the GraphQL schema (SDL).",
        "The committed schema.graphql is this output; a test fails when they differ.\n"
        "Regenerate it with `jobprocessor export-schema -o schema.graphql`.",
        cmd_export_schema)
    export.add_argument("-o", "--output", help="write to this file instead of stdout")
    return parser


def _version() -> str:
    try:
        return metadata.version("jobprocessor")
    except metadata.PackageNotFoundError:
        return "unknown"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    lowered = text.lower()
    if "no such table" in lowered or ("relation" in lowered and "does not exist" in lowered):
        return f"the database has no JobProcessor tables yet ({text}); run `jobprocessor migrate`"
    return text


def main(argv: list[str] | None = None) -> int:
    """Run the ``jobprocessor`` command; returns the exit status."""
    args = build_parser().parse_args(argv)
    action = next((value for key, value in vars(args).items()
                   if key.endswith("_command") and isinstance(value, str)), "")
    name = " ".join(["jobprocessor", args.command, action]).strip()
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        settings = Settings.from_env()
        settings.dialect  # noqa: B018 - validates JOBPROCESSOR_DATABASE_URL early
        return int(args.handler(args, settings))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`jobprocessor export-schema | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (CliError, SettingsError) as exc:
        print(f"{name}: error: {_one_line(exc)}", file=sys.stderr)
        return 2 if isinstance(exc, SettingsError) else 1
    except Exception as exc:
        if args.verbose:
            traceback.print_exc()
        print(f"{name}: error: {_one_line(exc)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
