"""Roles and their rights as stored and described, job type policies, and what the
lifecycle keeps for rights and audit (job submitters, the job's type and owner on events)."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from workers.access import administration, identity, policies, rights, submissions
from workers.access.models import JobTypePolicy, User
from workers.access.policies import StartBehaviour, StartPolicy
from workers.access.rights import RoleRights, Scope
from workers.engine import lifecycle
from workers.engine.models import JobEvent, JobSubmitter
from workers.engine.registry import JOB_TYPES
from workers.engine.runtime import get_runtime

# --------------------------------------------------------------------------- selectors


def test_selectors_name_a_type_its_product_area_or_every_type():
    assert rights.matches({"REPORT"}, "REPORT")
    assert rights.matches({"category:monitoring"}, "REPORT")
    assert not rights.matches({"category:scheduling"}, "REPORT")
    assert rights.matches({"*"}, "A_TYPE_NOBODY_REGISTERED")
    assert rights.expand({"category:administration"}) == {"EMPLOYEES_MASS_UPDATE"}
    assert rights.expand({"*", "REPORT"}) is None


def test_a_job_types_area_is_the_first_step_of_its_feature():
    assert {name: t.category for name, t in JOB_TYPES.items()
            if name in ("REPORT", "EMPLOYEES_MASS_UPDATE")} == {
        "REPORT": "monitoring", "EMPLOYEES_MASS_UPDATE": "administration"}


def test_stored_rights_that_cannot_be_read_grant_nothing():
    assert RoleRights.from_json({"seeJobTypes": "REPORT", "cancel": "EVERYTHING",
                                 "administer": "yes"}) == RoleRights()
    granted = RoleRights(see_job_types=frozenset({"REPORT"}), cancel=Scope.OWN)
    assert RoleRights.from_json(granted.to_json()) == granted


def test_the_built_in_roles_are_the_four_the_product_ships():
    assert rights.BUILT_IN_ROLE_NAMES == ("admin", "teamlead", "planner", "analyst")
    assert [name for name, role in rights.BUILT_IN_ROLES.items() if role.rights.administer] == [
        "admin"]


# --------------------------------------------------------------------------- stored roles


async def test_a_user_whose_role_does_not_exist_has_no_rights(engine, user_factory):
    user, _ = await user_factory(role="analyst")
    await User.filter(id=user.id).update(role="vanished")
    user.role = "vanished"

    assert await rights.role_of(user) == rights.NO_ROLE
    assert rights.NO_ROLE.rights == RoleRights()


async def test_users_can_be_created_with_a_defined_role_but_not_an_unknown_one(
    engine, user_factory
):
    await administration.define_role("auditor", description="", rights=RoleRights(), actor_id=None)

    user, _ = await user_factory(role="auditor")
    with pytest.raises(ValueError, match="unknown role 'wizard'"):
        await user_factory(role="wizard")

    assert user.role == "auditor"


async def test_redefining_the_only_administering_role_of_the_last_admin_is_refused(
    engine, user_factory
):
    await administration.define_role("boss", description="", actor_id=None,
                             rights=RoleRights(administer=True))
    await user_factory(role="boss")

    with pytest.raises(rights.RightsError, match="no active administrator"):
        await administration.define_role("boss", description="", rights=RoleRights(), actor_id=None)


async def test_every_rights_change_moves_the_rights_version(engine, user_factory):
    user, _ = await user_factory("ann", role="analyst")
    versions = [await rights.rights_version()]

    await administration.assign_role(user, "planner", actor_id=None)
    versions.append(await rights.rights_version())
    await identity.revoke_tokens("ann")
    versions.append(await rights.rights_version())
    await administration.define_role("x", description="", rights=RoleRights(), actor_id=None)
    versions.append(await rights.rights_version())

    assert versions == sorted(set(versions))


# --------------------------------------------------------------------------- policies


def test_a_daily_policy_starts_at_the_next_time_of_day_in_its_timezone():
    policy = StartPolicy("REPORT", StartBehaviour.DAILY_AT, time_of_day=time(2, 0),
                         timezone="Europe/Berlin")

    before = policy.default_start_at(datetime(2026, 1, 10, 0, 30, tzinfo=UTC))  # 01:30 Berlin
    after = policy.default_start_at(datetime(2026, 1, 10, 1, 30, tzinfo=UTC))  # 02:30 Berlin

    assert before == datetime(2026, 1, 10, 1, 0, tzinfo=UTC)
    assert after == datetime(2026, 1, 11, 1, 0, tzinfo=UTC)


def test_a_policy_that_forbids_choosing_refuses_a_start_time_and_names_the_setting():
    policy = StartPolicy("REPORT", StartBehaviour.DELAYED, delay_minutes=10,
                         allow_override=False)
    now = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)

    with pytest.raises(policies.SettingsOverrideError) as refused:
        policies.effective_start(policy, now, now)

    assert refused.value.field == "settings.startAt"
    assert "REPORT jobs start 10 minute(s) after submission" in refused.value.message
    assert policies.effective_start(policy, None, now) == datetime(2026, 1, 10, 12, 10,
                                                                   tzinfo=UTC)


async def test_resubmitting_under_a_policy_that_forbids_choosing_takes_its_default(
    engine, user_factory, employee_factory
):
    user, _ = await user_factory()
    await employee_factory()
    chosen = datetime(2099, 1, 1, tzinfo=UTC)
    original = await submissions.submit("REPORT", {}, user_id=user.id, start_at=chosen)
    await policies.set_policy(StartPolicy("REPORT", allow_override=False), actor_id=None)

    copy = await submissions.resubmit(original.id, user_id=user.id)

    assert (original.start_at, copy.start_at) == (chosen, None)


# --------------------------------------------------------------------------- lifecycle


async def test_each_new_job_records_its_submitter_once_per_type(engine, submitted_job):
    user = await User.create(username="sam")
    for job_type in ("A", "A", "B"):
        await submitted_job(type=job_type, user=user)

    rows = await JobSubmitter.filter(user_id=user.id).order_by("type").values_list(
        "type", flat=True)

    assert rows == ["A", "B"]


async def test_audit_events_keep_the_jobs_type_and_owner_and_the_original_hears_of_copies(
    engine, submitted_job
):
    owner = await User.create(username="olga")
    actor = await User.create(username="theo")
    original = await submitted_job(type="A", user=owner)
    await lifecycle.cancel(original.id, actor.id)
    copy = await lifecycle.create(job_type="A", feature="Tests", params={}, settings={},
                                  user_id=actor.id, resubmitted_from_id=original.id)
    await lifecycle.delete(original.id, actor.id)

    events = await JobEvent.filter(job_id=original.id).order_by("id")

    assert [(e.kind, e.actor_id, e.job_type, e.job_owner_id) for e in events] == [
        ("SUBMITTED", owner.id, "A", owner.id),
        ("CANCELLED", actor.id, "A", owner.id),
        ("RESUBMITTED", actor.id, "A", owner.id),
        ("DELETED", actor.id, "A", owner.id),
    ]
    assert str(copy.id) not in events[2].message


async def test_a_policy_set_in_this_process_applies_to_the_very_next_submission(
    engine, user_factory, employee_factory
):
    user, _ = await user_factory()
    await employee_factory()
    before = await submissions.submit("REPORT", {}, user_id=user.id)  # reads (caches) policies
    await policies.set_policy(StartPolicy("REPORT", start=StartBehaviour.DELAYED,
                                          delay_minutes=30), actor_id=None)

    after = await submissions.submit("REPORT", {}, user_id=user.id)

    assert before.start_at is None
    assert after.start_at is not None and after.start_at > after.submitted_at


async def test_a_policy_stored_by_another_process_applies_once_the_cached_one_is_old(
    engine, user_factory, employee_factory
):
    user, _ = await user_factory()
    await employee_factory()
    await submissions.submit("REPORT", {}, user_id=user.id)  # reads (caches) policies
    # Another API process stores a policy: this process's cache does not know yet.
    await JobTypePolicy.create(job_type="REPORT", start="DELAYED", delay_minutes=30,
                               time_of_day="", timezone="UTC", allow_override=True)
    assert (await submissions.submit("REPORT", {}, user_id=user.id)).start_at is None

    read_at, cached = get_runtime().caches["start-policies"]
    get_runtime().caches["start-policies"] = (read_at - policies.CACHE_SECONDS, cached)

    assert (await submissions.submit("REPORT", {}, user_id=user.id)).start_at is not None
