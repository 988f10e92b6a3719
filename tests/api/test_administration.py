"""Administration over GraphQL: defining and assigning roles, revoking tokens, job type
policies and what submitting under them does, and the audit trail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from workers.engine import lifecycle
from workers.engine.models import Job
from workers.engine.status import JobStatus

DEFINE = """mutation($input: RoleInput!) { defineRole(input: $input) {
  __typename
  ... on Role { name builtIn seeJobTypes seeOthersJobs cancel visibleJobTypes }
  ... on ValidationError { field message }
} }"""
ASSIGN = """mutation($user: ID!, $role: String!) { assignRole(userId: $user, role: $role) {
  __typename
  ... on User { username role }
  ... on RoleNotFound { name message }
  ... on UserNotFound { id message }
  ... on ValidationError { field message }
} }"""
DELETE_ROLE = """mutation($name: String!) { deleteRole(name: $name) {
  __typename
  ... on DeletedRole { name }
  ... on RoleNotFound { message }
  ... on RoleInUse { users message }
  ... on ValidationError { field message }
} }"""
POLICY = """mutation($input: JobTypePolicyInput!) { setJobTypePolicy(input: $input) {
  __typename
  ... on JobTypeInfo { type policy { start delayMinutes timeOfDay timezone allowOverride
                                     nextDefaultStartAt } }
  ... on ValidationError { field message }
} }"""
SUBMIT = """mutation($input: SubmitJobInput!) { submitJob(input: $input) {
  __typename
  ... on Job { id startAt settings { startAt } }
  ... on SettingsOverrideNotAllowed { field jobType message }
} }"""
AUDIT = """query($filter: AuditEventFilter, $first: Int!, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    edges { cursor node { kind jobId jobType message actor { username }
                          jobOwner { username } job { id } } }
    pageInfo { hasNextPage endCursor }
} }"""
JOBS = "{ jobs { totalCount } }"


def later(hours: float = 1) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).isoformat()


# --------------------------------------------------------------------------- roles


async def test_an_administrator_defines_a_role_and_its_users_get_its_rights_at_once(
    api, user_factory, job_row_factory
):
    _, admin = await user_factory("ada", role="admin")
    lead, lead_token = await user_factory("rita", role="analyst")
    colleague, _ = await user_factory("carl", role="analyst")
    await job_row_factory(colleague, type="REPORT")
    before = await api.data(JOBS, token=lead_token)

    defined = await api.data(DEFINE, {"input": {
        "name": "report-lead", "description": "Leads the analysts",
        "seeJobTypes": ["category:monitoring"], "seeOthersJobs": True, "cancel": "ANY"}},
        token=admin)
    assigned = await api.data(ASSIGN, {"user": str(lead.id), "role": "report-lead"},
                              token=admin)
    after = await api.data(JOBS, token=lead_token)

    assert defined["defineRole"] == {
        "__typename": "Role", "name": "report-lead", "builtIn": False,
        "seeJobTypes": ["category:monitoring"], "seeOthersJobs": True, "cancel": "ANY",
        "visibleJobTypes": ["REPORT"]}
    assert assigned["assignRole"] == {"__typename": "User", "username": "rita",
                                      "role": "report-lead"}
    assert (before["jobs"]["totalCount"], after["jobs"]["totalCount"]) == (0, 1)


async def test_defining_a_role_refuses_built_in_names_and_unknown_job_types(api, user_factory):
    _, admin = await user_factory(role="admin")

    built_in = await api.data(DEFINE, {"input": {"name": "planner"}}, token=admin)
    unknown = await api.data(DEFINE, {"input": {"name": "x", "seeJobTypes": ["SHIFTS"]}},
                             token=admin)
    area = await api.data(DEFINE, {"input": {"name": "x", "submitJobTypes": ["category:ops"]}},
                          token=admin)

    assert built_in["defineRole"]["field"] == "name"
    assert "built-in" in built_in["defineRole"]["message"]
    assert unknown["defineRole"]["field"] == "seeJobTypes"
    assert "'SHIFTS' is neither a job type" in unknown["defineRole"]["message"]
    assert area["defineRole"]["field"] == "submitJobTypes"
    assert "category:scheduling" in area["defineRole"]["message"]


async def test_a_role_in_use_cannot_be_deleted_until_nobody_has_it(api, user_factory):
    _, admin = await user_factory(role="admin")
    await api.data(DEFINE, {"input": {"name": "temp"}}, token=admin)
    user, _ = await user_factory(role="analyst")
    await api.data(ASSIGN, {"user": str(user.id), "role": "temp"}, token=admin)

    in_use = await api.data(DELETE_ROLE, {"name": "temp"}, token=admin)
    await api.data(ASSIGN, {"user": str(user.id), "role": "analyst"}, token=admin)
    deleted = await api.data(DELETE_ROLE, {"name": "temp"}, token=admin)
    again = await api.data(DELETE_ROLE, {"name": "temp"}, token=admin)
    built_in = await api.data(DELETE_ROLE, {"name": "admin"}, token=admin)

    assert in_use["deleteRole"]["__typename"] == "RoleInUse"
    assert in_use["deleteRole"]["users"] == 1
    assert deleted["deleteRole"] == {"__typename": "DeletedRole", "name": "temp"}
    assert again["deleteRole"]["__typename"] == "RoleNotFound"
    assert built_in["deleteRole"]["__typename"] == "ValidationError"


async def test_assigning_refuses_unknown_roles_and_users_and_never_removes_the_last_admin(
    api, user_factory
):
    admin_user, admin = await user_factory("ada", role="admin")
    other, _ = await user_factory(role="planner")

    unknown_role = await api.data(ASSIGN, {"user": str(other.id), "role": "wizard"}, token=admin)
    unknown_user = await api.data(ASSIGN, {"user": "9999", "role": "planner"}, token=admin)
    last_admin = await api.data(ASSIGN, {"user": str(admin_user.id), "role": "planner"},
                                token=admin)

    assert unknown_role["assignRole"]["__typename"] == "RoleNotFound"
    assert "admin, teamlead, planner, analyst" in unknown_role["assignRole"]["message"]
    assert unknown_user["assignRole"]["__typename"] == "UserNotFound"
    assert last_admin["assignRole"]["__typename"] == "ValidationError"
    assert "no active administrator" in last_admin["assignRole"]["message"]
    assert (await api.data("{ me { role } }", token=admin))["me"]["role"] == "admin"


async def test_an_administrator_revokes_a_users_tokens(api, user_factory):
    _, admin = await user_factory(role="admin")
    user, token = await user_factory(role="analyst")

    data = await api.data(
        'mutation($u: ID!) { revokeUserTokens(userId: $u) { __typename '
        '... on TokensRevoked { revoked user { username } } } }',
        {"u": str(user.id)}, token=admin)
    refused = await api.post(JOBS, token=token)

    assert data["revokeUserTokens"]["revoked"] == 1
    assert refused["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


# --------------------------------------------------------------------------- job type policies


async def test_a_policy_without_override_refuses_a_chosen_start_and_applies_its_default(
    api, user_factory
):
    _, admin = await user_factory(role="admin")
    _, analyst = await user_factory(role="analyst")

    policy = await api.data(POLICY, {"input": {
        "jobType": "REPORT", "start": "DAILY_AT", "timeOfDay": "02:30",
        "timezone": "Europe/Berlin", "allowOverride": False}}, token=admin)
    refused = await api.data(SUBMIT, {"input": {"params": {"report": {}},
                                                "settings": {"startAt": later()}}},
                             token=analyst)
    accepted = await api.data(SUBMIT, {"input": {"params": {"report": {}}}}, token=analyst)

    shown = policy["setJobTypePolicy"]["policy"]
    assert (shown["start"], shown["timeOfDay"], shown["allowOverride"]) == (
        "DAILY_AT", "02:30", False)
    assert refused["submitJob"]["__typename"] == "SettingsOverrideNotAllowed"
    assert refused["submitJob"]["field"] == "settings.startAt"
    assert "Submit without settings.startAt" in refused["submitJob"]["message"]
    start = datetime.fromisoformat(accepted["submitJob"]["startAt"])
    assert start == datetime.fromisoformat(shown["nextDefaultStartAt"])
    assert start.astimezone(UTC) > datetime.now(UTC)
    assert await Job.all().count() == 1


async def test_a_delayed_policy_lets_users_choose_when_it_allows_it(api, user_factory):
    _, admin = await user_factory(role="admin")
    await api.data(POLICY, {"input": {"jobType": "REPORT", "start": "DELAYED",
                                      "delayMinutes": 30}}, token=admin)
    chosen = later(5)

    default = await api.data(SUBMIT, {"input": {"params": {"report": {}}}}, token=admin)
    own = await api.data(SUBMIT, {"input": {"params": {"report": {}},
                                            "settings": {"startAt": chosen}}}, token=admin)

    delay = datetime.fromisoformat(default["submitJob"]["startAt"]) - datetime.now(UTC)
    assert timedelta(minutes=29) < delay <= timedelta(minutes=30)
    assert datetime.fromisoformat(own["submitJob"]["startAt"]) == datetime.fromisoformat(chosen)


async def test_job_types_show_each_policy_and_bad_policies_are_refused_by_field(
    api, user_factory
):
    _, admin = await user_factory(role="admin")

    shown = await api.data("{ jobTypes { type policy { start allowOverride } } }", token=admin)
    answers = [
        (await api.data(POLICY, {"input": values}, token=admin))["setJobTypePolicy"]
        for values in (
            {"jobType": "REPORT", "start": "DELAYED"},
            {"jobType": "REPORT", "start": "DAILY_AT", "timeOfDay": "25:00"},
            {"jobType": "REPORT", "start": "DAILY_AT", "timeOfDay": "02:00",
             "timezone": "Mars/Olympus"},
            {"jobType": "NOPE"},
        )
    ]

    assert {t["type"]: t["policy"] for t in shown["jobTypes"]}["REPORT"] == {
        "start": "IMMEDIATELY", "allowOverride": True}
    assert [a["field"] for a in answers] == ["delayMinutes", "timeOfDay", "timezone", "jobType"]


# --------------------------------------------------------------------------- audit


async def test_who_cancelled_resubmitted_and_deleted_a_job_stays_on_record_after_deletion(
    api, user_factory, job_row_factory
):
    _, admin = await user_factory("ada", role="admin")
    owner, owner_token = await user_factory("ann", role="analyst")
    job = await job_row_factory(owner, status=JobStatus.SUBMITTED)
    ids = {"ids": [str(job.id)]}
    await api.data('mutation($ids: [ID!]!) { cancelJobs(ids: $ids) { __typename } }', ids,
                   token=admin)
    await api.data('mutation($ids: [ID!]!) { resubmitJobs(ids: $ids) { __typename } }', ids,
                   token=owner_token)
    await api.data('mutation($ids: [ID!]!) { deleteJobs(ids: $ids) { __typename } }', ids,
                   token=owner_token)

    data = await api.data(AUDIT, {"filter": {"jobIds": [str(job.id)]}, "first": 10},
                          token=admin)

    events = [edge["node"] for edge in data["auditEvents"]["edges"]]
    assert [(e["kind"], e["actor"]["username"]) for e in events] == [
        ("DELETED", "ann"), ("RESUBMITTED", "ann"), ("CANCELLED", "ada")]
    assert {(e["jobType"], e["jobOwner"]["username"], e["job"]) for e in events} == {
        ("REPORT", "ann", None)}


async def test_audit_events_filter_by_actor_and_kind_and_page_without_gaps(
    api, user_factory, job_row_factory
):
    _, admin = await user_factory("ada", role="admin")
    owner, _ = await user_factory("ann", role="analyst")
    actor, _ = await user_factory("bob", role="admin")
    jobs = [await job_row_factory(owner, status=JobStatus.SUBMITTED) for _ in range(5)]
    for job in jobs:
        await lifecycle.cancel(job.id, actor.id)
        await lifecycle.delete(job.id, actor.id)
    wanted = {"actorIds": [str(actor.id)], "kinds": ["DELETED"], "usersOnly": True}

    pages, after = [], None
    while True:
        data = await api.data(AUDIT, {"filter": wanted, "first": 2, "after": after},
                              token=admin)
        pages.append([edge["node"]["jobId"] for edge in data["auditEvents"]["edges"]])
        if not data["auditEvents"]["pageInfo"]["hasNextPage"]:
            break
        after = data["auditEvents"]["pageInfo"]["endCursor"]

    assert [len(page) for page in pages] == [2, 2, 1]
    assert [job_id for page in pages for job_id in page] == [str(j.id) for j in reversed(jobs)]
