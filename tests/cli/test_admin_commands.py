"""The administration commands: roles, role assignment and job type policies."""

from __future__ import annotations

from workers.access import policies, rights
from workers.access.models import User

from .test_commands import database, jobprocessor  # noqa: F401  (database: a fixture)


async def test_an_administrator_defines_a_role_gives_it_and_cannot_delete_it_while_used(
    database,  # noqa: F811
):
    data_dir = database.data_dir

    defined = jobprocessor("roles", "define", "report-lead", "--see", "category:monitoring",
                           "--see-others", "--cancel", "any", data_dir=data_dir)
    created = jobprocessor("users", "create", "rita", "--role", "analyst", data_dir=data_dir)
    assigned = jobprocessor("users", "assign", "rita", "report-lead", data_dir=data_dir)
    listed = jobprocessor("roles", "list", data_dir=data_dir)
    in_use = jobprocessor("roles", "delete", "report-lead", data_dir=data_dir)

    assert [r.returncode for r in (defined, created, assigned, listed)] == [0, 0, 0, 0]
    assert "sees everyone's jobs of category:monitoring" in defined.stdout
    assert (await User.get(username="rita")).role == "report-lead"
    assert [line.split()[0] for line in listed.stdout.splitlines()] == [
        "admin", "teamlead", "planner", "analyst", "report-lead"]
    assert in_use.returncode == 1
    assert in_use.stderr.strip() == (
        "jobprocessor roles delete: error: Role 'report-lead' is still assigned to 1 user(s); "
        "give them another role first.")
    role = await rights.role_named("report-lead")
    assert role is not None and role.rights.cancel is rights.Scope.ANY


def test_role_commands_refuse_unknown_job_types_and_roles_in_one_line(settings):
    bad_type = jobprocessor("roles", "define", "x", "--see", "SHIFTS", data_dir=settings.data_dir)
    jobprocessor("users", "create", "ann", data_dir=settings.data_dir)
    bad_role = jobprocessor("users", "assign", "ann", "wizard", data_dir=settings.data_dir)

    assert bad_type.returncode == bad_role.returncode == 1
    assert "'SHIFTS' is neither a job type" in bad_type.stderr
    assert bad_role.stderr.startswith("jobprocessor users assign: error: There is no role")
    assert len(bad_type.stderr.strip().splitlines()) == len(bad_role.stderr.strip().splitlines())


async def test_policies_set_stores_a_policy_that_list_shows(database):  # noqa: F811
    data_dir = database.data_dir

    changed = jobprocessor("policies", "set", "REPORT", "--start", "daily_at", "--time",
                           "02:00", "--timezone", "Europe/Berlin", "--no-override",
                           data_dir=data_dir)
    listed = jobprocessor("policies", "list", data_dir=data_dir)
    refused = jobprocessor("policies", "set", "REPORT", "--start", "delayed",
                           data_dir=data_dir)

    assert changed.returncode == 0, changed.stderr
    assert ["REPORT", "start at the next 02:00 (Europe/Berlin); users may not choose"] in [
        line.split(maxsplit=1) for line in listed.stdout.splitlines()]
    assert refused.returncode == 1
    assert "delayMinutes: a delayed start needs 1 to 10080 minutes" in refused.stderr
    stored = await policies.policy_for("REPORT")
    assert (stored.start, stored.allow_override) == (policies.StartBehaviour.DAILY_AT, False)
