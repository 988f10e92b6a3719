"""The committed Aerich migrations match the models, on both dialects, and
``scripts/makemigrations`` turns a model change into one migration per dialect."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from aerich.utils import decompress_dict, get_formatted_compressed_data

ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = ROOT / "workers" / "migrations"
TOOL = ROOT / "scripts" / "_migrations.py"

#: A migration that drops a column the models still have: a history lagging behind them.
LAGGING_MIGRATION = '''from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """ALTER TABLE "wfm_employee" DROP COLUMN "active";"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """ALTER TABLE "wfm_employee" ADD "active" INT NOT NULL DEFAULT 1;"""


MODELS_STATE = (
    {state}
)
'''


def migrations_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(TOOL), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)


def lagging_copy(target: Path) -> Path:
    """A copy of the committed migrations plus, per dialect, a migration that drops
    ``wfm_employee.active`` (SQL and recorded model state), as if a developer had added
    that field to the model without making its migration."""
    shutil.copytree(MIGRATIONS, target)
    for dialect in ("sqlite", "postgres"):
        folder = target / dialect / "models"
        latest = max(folder.glob("[0-9]*_*.py"), key=lambda p: int(p.name.split("_")[0]))
        spec = importlib.util.spec_from_file_location("latest_migration", latest)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        state = decompress_dict(module.MODELS_STATE)
        employee = state["models.Employee"]
        employee["data_fields"] = [f for f in employee["data_fields"] if f["name"] != "active"]
        number = int(latest.name.split("_")[0]) + 1
        (folder / f"{number}_20000101000000_drop_active.py").write_text(
            LAGGING_MIGRATION.format(state=get_formatted_compressed_data(state))
        )
    return target


def test_committed_sqlite_migrations_match_the_models():
    result = migrations_tool("check", "--dialect", "sqlite")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "sqlite: migrations match the models" in result.stdout


def test_committed_postgres_migrations_match_the_models(pg_database: str):
    result = migrations_tool("check", "--dialect", "postgres", "--database-url", pg_database)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "postgres: migrations match the models" in result.stdout


def test_the_check_shows_the_missing_migration_when_the_models_moved_on(tmp_path: Path):
    migrations = lagging_copy(tmp_path / "migrations")

    result = migrations_tool("check", "--dialect", "sqlite", "--migrations-dir", str(migrations))

    assert result.returncode == 1
    assert "run scripts/makemigrations NAME" in result.stdout
    assert 'ALTER TABLE "wfm_employee" ADD "active"' in result.stdout


@pytest.mark.usefixtures("pg_template")  # PostgreSQL must be up (fails on CI when it is not)
def test_makemigrations_writes_one_migration_per_dialect_that_brings_them_level(tmp_path: Path):
    migrations = lagging_copy(tmp_path / "migrations")

    result = migrations_tool("make", "add_active", "--migrations-dir", str(migrations))

    assert result.returncode == 0, result.stdout + result.stderr
    written = {
        dialect: sorted(p.name for p in (migrations / dialect / "models").glob("*_add_active.py"))
        for dialect in ("sqlite", "postgres")
    }
    assert len(written["sqlite"]) == 1
    assert written["sqlite"] == written["postgres"]
    sqlite_sql = (migrations / "sqlite" / "models" / written["sqlite"][0]).read_text()
    postgres_sql = (migrations / "postgres" / "models" / written["postgres"][0]).read_text()
    assert 'ALTER TABLE "wfm_employee" ADD "active" INT' in sqlite_sql
    assert 'ALTER TABLE "wfm_employee" ADD "active" BOOL' in postgres_sql
    again = migrations_tool("check", "--migrations-dir", str(migrations))
    assert again.returncode == 0, again.stdout + again.stderr
