"""Aerich migrations for both SQL dialects, kept in step with the Tortoise models.

JobProcessor keeps one migration history per dialect (``workers/migrations/sqlite`` and
``workers/migrations/postgres``) because Aerich writes dialect-specific SQL. A model
change must therefore become two migration files. Aerich computes a migration by
comparing the models with the model state recorded in the database by the last applied
migration, so each dialect gets a scratch database migrated to the latest state first.

Aerich keeps its diff state in class attributes, so every diff runs in a process of its
own. Used by ``scripts/makemigrations`` and by ``tests/cli/test_migrations.py``::

    python scripts/_migrations.py make NAME [--migrations-dir DIR]
    python scripts/_migrations.py check [--dialect sqlite|postgres] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MIGRATIONS = ROOT / "workers" / "migrations"
DIALECTS = ("sqlite", "postgres")
PG_ADMIN_URL = os.environ.get(
    "JOBPROCESSOR_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
#: Marks the line of a child's output that names the file it wrote.
WROTE = "WROTE "


class ToolError(Exception):
    """A failure reported as one line."""


# --------------------------------------------------------------------------- one dialect (child)


async def _diff(database_url: str, location: Path, name: str, no_input: bool) -> str:
    """Migrate the scratch database to the latest state, then let Aerich write the diff.

    Returns the new migration's file name, or ``""`` when the models match.
    """
    from aerich import Command

    from workers.engine import db
    from workers.engine.settings import Settings

    config = db.tortoise_config(Settings(database_url_override=database_url, demo=False))

    async def upgrade() -> None:
        command = Command(tortoise_config=config, app="models", location=str(location))
        try:
            await command.init()
            await command.upgrade(run_in_transaction=True)
        finally:
            await db.disconnect()

    async def make() -> str:
        command = Command(tortoise_config=config, app="models", location=str(location))
        try:
            await command.init()
            return await command.migrate(name, no_input=no_input) or ""
        finally:
            await db.disconnect()

    # Separate tasks: Tortoise's context outlives a disconnect in the task that connected.
    await asyncio.create_task(upgrade())
    return await asyncio.create_task(make())


def _child(args: argparse.Namespace) -> int:
    written = asyncio.run(_diff(args.database_url, Path(args.location), args.name, args.no_input))
    if written:
        print(WROTE + written)
    return 0


def _run_child(database_url: str, location: Path, name: str, *, no_input: bool) -> str:
    """Run :func:`_diff` in a fresh process; returns the file it wrote, or ``""``."""
    command = [sys.executable, str(Path(__file__).resolve()), "_diff", database_url,
               str(location), name]
    if no_input:
        command.append("--no-input")
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    lines = done.stdout.splitlines()
    for line in lines:
        if not line.startswith(WROTE):
            print(line)
    if done.returncode != 0:
        raise ToolError(f"Aerich failed on {_redacted(database_url)} (exit status "
                        f"{done.returncode}); see the messages above")
    return next((line[len(WROTE):] for line in lines if line.startswith(WROTE)), "")


# --------------------------------------------------------------------------- scratch databases


def _pg_url(database: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + database


async def _pg_admin(statement: str) -> None:
    import asyncpg

    try:
        conn = await asyncpg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://", 1))
    except (OSError, asyncpg.PostgresError) as exc:
        raise ToolError(
            f"cannot reach PostgreSQL at {_redacted(PG_ADMIN_URL)} ({exc}); start it "
            "(scripts/test does) or point JOBPROCESSOR_TEST_PG_URL at a server"
        ) from exc
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def _diff_dialect(dialect: str, location: Path, name: str, *, no_input: bool,
                  database_url: str | None = None) -> str:
    """Diff one dialect's migrations at ``location`` against the models, on a scratch database."""
    if database_url is not None:
        return _run_child(database_url, location, name, no_input=no_input)
    if dialect == "sqlite":
        with tempfile.TemporaryDirectory(prefix="jp-makemigrations-") as folder:
            url = f"sqlite://{Path(folder) / 'scratch.sqlite3'}"
            return _run_child(url, location, name, no_input=no_input)
    scratch = f"jp_makemigrations_{uuid.uuid4().hex[:10]}"
    asyncio.run(_pg_admin(f'CREATE DATABASE "{scratch}"'))
    try:
        return _run_child(_pg_url(scratch), location, name, no_input=no_input)
    finally:
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))


# --------------------------------------------------------------------------- commands


def make(name: str, migrations: Path) -> list[Path]:
    """Write the migration ``name`` for both dialects; returns the files written.

    Raises:
        ToolError: a bad name, an unreachable PostgreSQL, or dialects that disagree.
    """
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,40}", name):
        raise ToolError("NAME is lower-case letters, digits and underscores, "
                        "starting with a letter (e.g. add_employee_email)")
    written: dict[str, str] = {}
    try:
        for dialect in DIALECTS:
            print(f"{dialect}: comparing the models with the latest migration …", flush=True)
            file = _diff_dialect(dialect, migrations / dialect, name, no_input=False)
            if file:
                written[dialect] = file
        if written and len(written) != len(DIALECTS):
            raise ToolError(f"only {', '.join(written)} produced a migration; check the models")
    except (ToolError, KeyboardInterrupt):
        for dialect, file in written.items():  # never leave one dialect's half behind
            (migrations / dialect / "models" / file).unlink(missing_ok=True)
        raise
    if not written:
        print("No changes: the migrations already match the models.")
        return []
    # Same version name for both dialects (the timestamps may differ by a second).
    first = written[DIALECTS[0]]
    for dialect in DIALECTS[1:]:
        if written[dialect] != first:
            folder = migrations / dialect / "models"
            (folder / written[dialect]).rename(folder / first)
            written[dialect] = first
    paths = [migrations / dialect / "models" / file for dialect, file in written.items()]
    for path in paths:
        print(f"Wrote {_shown(path)}")
    print("Review both files, commit them with the model change, and run scripts/test.")
    return paths


def check(dialects: list[str], migrations: Path, database_url: str | None) -> bool:
    """True when the committed migrations of ``dialects`` match the models.

    Works on a copy of the migrations, so a diff is shown but never written to the tree.
    """
    clean = True
    for dialect in dialects:
        with tempfile.TemporaryDirectory(prefix="jp-checkmigrations-") as folder:
            copy = Path(folder) / dialect
            shutil.copytree(migrations / dialect, copy)
            file = _diff_dialect(dialect, copy, "pending", no_input=True,
                                 database_url=database_url)
            if not file:
                print(f"{dialect}: migrations match the models")
                continue
            clean = False
            print(f"{dialect}: the models changed since the last migration; "
                  "run scripts/makemigrations NAME. The missing migration would be:")
            print((copy / "models" / file).read_text().split("MODELS_STATE")[0])
    return clean


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def _redacted(url: str) -> str:
    return re.sub(r"//[^@/]*@", "//***@", url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="makemigrations", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    make_parser = commands.add_parser(
        "make", help="write migration NAME for both dialects from the current models")
    make_parser.add_argument("name", metavar="NAME", help="e.g. add_employee_email")
    make_parser.add_argument("--migrations-dir", type=Path, default=DEFAULT_MIGRATIONS)
    check_parser = commands.add_parser(
        "check", help="exit 1 when the models changed without a migration")
    check_parser.add_argument("--dialect", choices=DIALECTS, action="append")
    check_parser.add_argument("--migrations-dir", type=Path, default=DEFAULT_MIGRATIONS)
    check_parser.add_argument("--database-url",
                              help="an existing scratch database of the one --dialect to use")
    child = commands.add_parser("_diff")
    child.add_argument("database_url")
    child.add_argument("location")
    child.add_argument("name")
    child.add_argument("--no-input", action="store_true")
    args = parser.parse_args(argv)
    try:
        if args.command == "_diff":
            return _child(args)
        if args.command == "make":
            make(args.name, args.migrations_dir)
            return 0
        dialects = args.dialect or list(DIALECTS)
        if args.database_url and len(dialects) != 1:
            raise ToolError("--database-url needs exactly one --dialect")
        return 0 if check(dialects, args.migrations_dir, args.database_url) else 1
    except ToolError as exc:
        print(f"makemigrations: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
