"""Demo data for a first start: employees to run jobs on, and users with tokens to log in with.

The scheduling data (activities, templates, a planning period with demand and levels)
come from :mod:`workers.wfm.demo`, created right after the employees.

The embedded server calls :func:`ensure_demo_data` on every start (unless
``JOBPROCESSOR_DEMO=0``), and ``jobprocessor demo`` calls it on demand. It only adds what
is missing, so running it again changes nothing: employees are created only while the
employee table is empty (demo employees never mix into a real installation's data), and a
demo user only when its username is free.

A token is shown once and only its digest is stored, so the tokens of the users created
are printed and also written to ``<data_dir>/demo-tokens.json`` (readable by the owner
only) for whoever missed the output.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

from tortoise.transactions import in_transaction

from workers.access import identity
from workers.access.models import User
from workers.engine.settings import Settings
from workers.wfm.demo import PERIOD_NAME, ensure_scheduling_demo
from workers.wfm.models import Employee

#: Seed of the demo data, so every installation gets the same employees.
SEED = 20_240_601
EMPLOYEE_COUNT = 150
TOKENS_FILE = "demo-tokens.json"

#: Teams with their share of the employees and the skills their people tend to have.
TEAMS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("Customer Service", 50, ("Phone", "Email", "Chat")),
    ("Back Office", 30, ("Email", "Chat")),
    ("Sales", 30, ("Phone", "Chat")),
    ("Night Shift", 20, ("Phone", "Email")),
    ("Technical Support", 20, ("Phone", "Chat", "Email")),
)
#: Weekly contract hours people actually have (full time is 40, part time 20..36).
CONTRACT_HOURS = (20.0, 24.0, 25.0, 30.0, 32.0, 36.0, 38.0, 40.0, 40.0, 40.0)
#: Random draws for a free name before a middle initial makes one.
NAME_DRAWS = 20
MIDDLE_INITIALS = "ABCDEFGHJKLMNOPRSTVW"
FIRST_NAMES = (
    "Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Mia", "Elias", "Sofia", "Jonas",
    "Hannah", "Leon", "Lea", "Finn", "Clara", "Paul", "Marie", "Ben", "Lina", "Felix",
    "Anna", "Max", "Laura", "David", "Julia", "Samuel", "Nora", "Daniel", "Sara", "Tim",
    "Amira", "Omar", "Yuki", "Mateo", "Priya", "Arjun", "Chiara", "Luca", "Ines", "Tomás",
)
LAST_NAMES = (
    "Müller", "Schmidt", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann",
    "Schulz", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Braun", "Zimmermann",
    "Hartmann", "Krüger", "Lange", "Smith", "Johnson", "Brown", "Garcia", "Rossi", "Dubois",
    "Nowak", "Jansen", "Silva", "Kowalski", "Novak", "Larsen", "Yilmaz", "Tanaka", "Patel",
)


@dataclass(frozen=True)
class DemoUser:
    """A demo login: one per built-in role, and a second planner.

    The two planners see only their own jobs; the team lead sees both planners' scheduling
    jobs; the analyst sees only their own reports; the administrator sees everything.
    """

    username: str
    name: str
    role: str


DEMO_USERS = (
    DemoUser("admin", "Alex Admin", "admin"),
    DemoUser("teamlead", "Tara Teamlead", "teamlead"),
    DemoUser("planner", "Pat Planner", "planner"),
    DemoUser("planner2", "Paula Planner", "planner"),
    DemoUser("analyst", "Andy Analyst", "analyst"),
)


def demo_employees(scale: int = 1) -> list[dict[str, object]]:
    """The demo employees' field values, the same on every call.

    ``scale`` multiplies every team (``jobprocessor demo --scale 10``: 1,500 employees).
    """
    rng = random.Random(SEED)
    names: set[str] = set()
    rows: list[dict[str, object]] = []
    for team, count, team_skills in TEAMS:
        for _ in range(count * scale):
            name = _unique_name(rng, names, len(rows) + 1)
            names.add(name)
            skills = sorted(rng.sample(team_skills, rng.randint(1, len(team_skills))))
            if rng.random() < 0.08:
                skills.append("Supervisor")
            rows.append(
                {
                    "number": f"E{len(rows) + 1:05}",
                    "name": name,
                    "team": team,
                    "skills": skills,
                    "weekly_contract_hours": rng.choice(CONTRACT_HOURS),
                    "active": rng.random() >= 0.05,
                }
            )
    return rows


def _unique_name(rng: random.Random, taken: set[str], number: int) -> str:
    """A first and last name nobody has yet: a few random draws, then a middle initial,
    then the employee's number (there are only 1,400 first-last pairs)."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    for _ in range(NAME_DRAWS):
        if f"{first} {last}" not in taken:
            return f"{first} {last}"
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    for initial in MIDDLE_INITIALS:
        if (name := f"{first} {initial}. {last}") not in taken:
            return name
    return f"{first} {last} ({number})"


async def ensure_demo_data(settings: Settings, scale: int = 1) -> list[tuple[str, str, str]]:
    """Create the demo employees and users that do not exist yet; needs a connected database.

    Args:
        settings: where ``demo-tokens.json`` goes (``settings.data_dir``).
        scale: employees per team, as a multiple of the usual (150 employees in all).

    Returns:
        ``(username, role, token)`` of each user created now (empty on a second run).
    """
    if not await Employee.exists():
        async with in_transaction() as conn:
            await Employee.bulk_create(
                [Employee(**values) for values in demo_employees(scale)], using_db=conn,
                batch_size=500
            )
    schedule = await ensure_scheduling_demo()
    if schedule is not None:
        print(f"Demo planning period created: {PERIOD_NAME}, levels Base (id "
              f"{schedule.base_level_id}, {schedule.shifts:,} shifts) and Draft (id "
              f"{schedule.draft_level_id}).", flush=True)
    existing = set(
        await User.filter(username__in=[u.username for u in DEMO_USERS]).values_list(
            "username", flat=True
        )
    )
    created: list[tuple[str, str, str]] = []
    for demo in DEMO_USERS:
        if demo.username in existing:
            continue
        try:
            _, token = await identity.create_user(demo.username, name=demo.name, role=demo.role)
        except identity.UserExistsError:
            continue  # another process created it at the same moment
        created.append((demo.username, demo.role, token))
    path = Path(settings.data_dir) / TOKENS_FILE
    if created:
        _save_tokens(path, created)
        print(describe_tokens(created, path), flush=True)
    else:
        where = f"; the demo users' first tokens are in {path}" if path.exists() else ""
        print(f"Demo data exists already, nothing created{where}", flush=True)
    return created


def describe_tokens(created: list[tuple[str, str, str]], path: Path) -> str:
    """The message shown when demo users were created; the tokens are its last lines."""
    width = max(len(username) for username, _, _ in created)
    lines = [
        f"Demo users created. Their tokens are shown once here and kept in {path}.",
        'In GraphiQL (/graphql on the server) open "Headers" and paste',
        '{"Authorization": "Bearer <token>"} with one of these tokens:',
    ]
    lines += [
        f"  {username:<{width}}  {role:<8}  {token}" for username, role, token in created
    ]
    return "\n".join(lines)


def _save_tokens(path: Path, created: list[tuple[str, str, str]]) -> None:
    """Add ``created`` to the tokens file, creating it readable by the owner only."""
    entries: list[dict[str, str]] = []
    if path.exists():
        try:
            entries = list(json.loads(path.read_text()))
        except (ValueError, TypeError):
            entries = []
    names = {username for username, _, _ in created}
    entries = [e for e in entries if e.get("username") not in names]
    entries += [{"username": u, "role": r, "token": t} for u, r, t in created]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(entries, out, indent=2)
        out.write("\n")
    path.chmod(0o600)
