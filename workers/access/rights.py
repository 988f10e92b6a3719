"""Roles and their rights: the built-in roles, roles administrators define, and assigning them.

A role is a named set of rights (:class:`RoleRights`):

* which job types its users may **see** and **submit** — selectors naming a job type
  (``REPORT``), a product area (``category:scheduling``) or every type (``*``); submitting
  a type implies seeing it;
* whether they see **other users' jobs** of those types, or only their own;
* for **cancel**, **resubmit** and **delete**: nobody's jobs, their own, or anyone's
  (of the jobs they may see);
* whether they **administer**: define and assign roles, revoke tokens, set job type
  policies, read the audit trail.

The built-in roles live here in code; roles administrators define are stored in
:class:`workers.models.Role` and changed through :mod:`workers.access.administration`, which also
writes every change to :class:`workers.models.AdminEvent`: its highest id is the *rights
version* (:func:`rights_version`) that API processes watch to re-check open subscriptions.
Deciding what a right allows for a given job is :mod:`api.permissions`' job; this module
only describes and reads rights.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tortoise.functions import Max

from workers.access.models import AdminEvent, User
from workers.access.models import Role as RoleRow
from workers.engine.errors import JobProcessorError
from workers.engine.jobtypes import JobType
from workers.engine.registry import JOB_TYPES

#: Every job type.
ALL_TYPES = "*"
#: Prefix of a selector naming a product area, e.g. ``category:scheduling``.
CATEGORY_PREFIX = "category:"
#: The product areas job types belong to (job types may add more).
KNOWN_CATEGORIES = ("scheduling", "monitoring", "administration")
ROLE_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")


class Scope(StrEnum):
    """Whose jobs an action may touch (always among the jobs the user may see)."""

    #: Nobody's.
    NONE = "NONE"
    #: The user's own jobs only.
    OWN = "OWN"
    #: Anyone's.
    ANY = "ANY"

    def allows(self, own: bool) -> bool:
        return self is Scope.ANY or (self is Scope.OWN and own)


@dataclass(frozen=True)
class RoleRights:
    """What a role's users may see and do. The default allows nothing."""

    see_job_types: frozenset[str] = frozenset()
    submit_job_types: frozenset[str] = frozenset()
    see_others_jobs: bool = False
    cancel: Scope = Scope.NONE
    resubmit: Scope = Scope.NONE
    delete: Scope = Scope.NONE
    administer: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "seeJobTypes": sorted(self.see_job_types),
            "submitJobTypes": sorted(self.submit_job_types),
            "seeOthersJobs": self.see_others_jobs,
            "cancel": self.cancel.value,
            "resubmit": self.resubmit.value,
            "delete": self.delete.value,
            "administer": self.administer,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RoleRights:
        """Rights as stored; anything missing or unreadable grants nothing."""

        def scope(key: str) -> Scope:
            try:
                return Scope(str(data.get(key, "NONE")).upper())
            except ValueError:
                return Scope.NONE

        def selectors(key: str) -> frozenset[str]:
            raw = data.get(key) or []
            return frozenset(str(s) for s in raw) if isinstance(raw, list) else frozenset()

        return cls(
            see_job_types=selectors("seeJobTypes"),
            submit_job_types=selectors("submitJobTypes"),
            see_others_jobs=data.get("seeOthersJobs") is True,
            cancel=scope("cancel"),
            resubmit=scope("resubmit"),
            delete=scope("delete"),
            administer=data.get("administer") is True,
        )


@dataclass(frozen=True)
class RoleDefinition:
    """A role: its name, what it is for, its rights, and whether it ships with JobProcessor."""

    name: str
    description: str
    rights: RoleRights = field(default_factory=RoleRights)
    built_in: bool = False


def _scheduling(**rights: Any) -> RoleRights:
    """Rights over the scheduling area's job types (see and submit), plus ``rights``."""
    return RoleRights(
        see_job_types=frozenset({"category:scheduling"}),
        submit_job_types=frozenset({"category:scheduling"}),
        **rights,
    )


#: The roles every installation has. Administrators cannot change or delete them.
BUILT_IN_ROLES: dict[str, RoleDefinition] = {
    role.name: role
    for role in (
        RoleDefinition(
            "admin",
            "Administrators: see, submit, cancel, resubmit and delete every job; define "
            "and assign roles, revoke tokens, set job type policies, read the audit trail.",
            RoleRights(
                see_job_types=frozenset({ALL_TYPES}),
                submit_job_types=frozenset({ALL_TYPES}),
                see_others_jobs=True,
                cancel=Scope.ANY,
                resubmit=Scope.ANY,
                delete=Scope.ANY,
                administer=True,
            ),
            built_in=True,
        ),
        RoleDefinition(
            "teamlead",
            "Team leads: start scheduling jobs and see everyone's; cancel and resubmit "
            "anyone's scheduling jobs, delete their own.",
            _scheduling(see_others_jobs=True, cancel=Scope.ANY, resubmit=Scope.ANY,
                        delete=Scope.OWN),
            built_in=True,
        ),
        RoleDefinition(
            "planner",
            "Planners: start and follow their own scheduling jobs; cancel, resubmit and "
            "delete them.",
            _scheduling(cancel=Scope.OWN, resubmit=Scope.OWN, delete=Scope.OWN),
            built_in=True,
        ),
        RoleDefinition(
            "analyst",
            "Analysts: run and follow their own reports (Monitoring); cancel, resubmit and "
            "delete them.",
            RoleRights(
                see_job_types=frozenset({"category:monitoring"}),
                submit_job_types=frozenset({"category:monitoring"}),
                cancel=Scope.OWN,
                resubmit=Scope.OWN,
                delete=Scope.OWN,
            ),
            built_in=True,
        ),
    )
}
BUILT_IN_ROLE_NAMES = tuple(BUILT_IN_ROLES)
#: What a user whose role does not exist (any more) may do: nothing.
NO_ROLE = RoleDefinition("", "No such role: no rights.")


# --------------------------------------------------------------------------- selectors


def matches(selectors: Iterable[str], job_type: str) -> bool:
    """Does any selector name ``job_type`` (by name, by its area, or ``*``)?"""
    known = JOB_TYPES.get(job_type)
    category = CATEGORY_PREFIX + known.category if known is not None else None
    return any(s in (ALL_TYPES, job_type) or s == category for s in selectors)


def expand(
    selectors: Iterable[str], job_types: Mapping[str, JobType[Any]] | None = None
) -> frozenset[str] | None:
    """The job type names the selectors name; ``None`` when they include ``*`` (every type,
    including types no longer registered)."""
    selectors = frozenset(selectors)
    if ALL_TYPES in selectors:
        return None
    registered = JOB_TYPES if job_types is None else job_types
    return frozenset(name for name in registered if matches(selectors, name))


def known_categories() -> list[str]:
    """The product areas: the standard ones and any a registered job type adds."""
    found = dict.fromkeys(KNOWN_CATEGORIES)
    found.update(dict.fromkeys(t.category for t in JOB_TYPES.values()))
    return list(found)


def check_selector(selector: str) -> str | None:
    """Why ``selector`` is not acceptable, or ``None`` when it is."""
    if selector == ALL_TYPES or selector in JOB_TYPES:
        return None
    if selector.startswith(CATEGORY_PREFIX):
        if selector.removeprefix(CATEGORY_PREFIX) in known_categories():
            return None
        areas = ", ".join(CATEGORY_PREFIX + c for c in known_categories())
        return f"{selector!r} names no product area; the areas are {areas}"
    return (
        f"{selector!r} is neither a job type ({', '.join(sorted(JOB_TYPES))}), "
        f"nor `{CATEGORY_PREFIX}<area>`, nor `{ALL_TYPES}`"
    )


# --------------------------------------------------------------------------- errors


class RightsError(JobProcessorError):
    """A rights change was refused; ``field`` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class UnknownRoleError(RightsError):
    """No role has this name."""

    def __init__(self, name: str) -> None:
        roles = ", ".join(BUILT_IN_ROLE_NAMES)
        super().__init__(
            "role", f"There is no role {name!r}; the built-in roles are {roles}, and "
            "`roles` lists the others."
        )
        self.name = name


class RoleInUseError(RightsError):
    """A role still assigned to users cannot be deleted."""

    def __init__(self, name: str, users: int) -> None:
        super().__init__(
            "name", f"Role {name!r} is still assigned to {users} user(s); give them "
            "another role first."
        )
        self.name = name
        self.users = users


# --------------------------------------------------------------------------- reading


async def role_named(name: str) -> RoleDefinition | None:
    """The built-in or defined role called ``name``, or ``None``."""
    built_in = BUILT_IN_ROLES.get(name)
    if built_in is not None:
        return built_in
    row = await RoleRow.get_or_none(name=name)
    return definition_of(row) if row is not None else None


async def role_of(user: User) -> RoleDefinition:
    """``user``'s role; :data:`NO_ROLE` (no rights) when it names no role."""
    role = await role_named(user.role)
    return role if role is not None else NO_ROLE


async def list_roles() -> list[RoleDefinition]:
    """Every role: the built-in ones first, then the defined ones by name."""
    rows = await RoleRow.all().order_by("name")
    return [*BUILT_IN_ROLES.values(), *(definition_of(row) for row in rows)]


async def administrator_role_names() -> list[str]:
    """The names of every role with the ``administer`` right."""
    return [role.name for role in await list_roles() if role.rights.administer]


async def rights_version() -> int:
    """A number that grows whenever roles, role assignments or tokens change."""
    rows = await AdminEvent.annotate(last=Max("id")).values_list("last", flat=True)
    last = rows[0] if rows else None
    return int(last) if isinstance(last, int) else 0


def definition_of(row: RoleRow) -> RoleDefinition:
    """A stored role as a definition."""
    return RoleDefinition(row.name, row.description, RoleRights.from_json(row.rights or {}))


def describe(rights: RoleRights) -> str:
    """One line saying what the rights allow (for lists and the audit trail)."""
    see = ", ".join(sorted(rights.see_job_types | rights.submit_job_types)) or "nothing"
    submit = ", ".join(sorted(rights.submit_job_types)) or "nothing"
    whose = "everyone's" if rights.see_others_jobs else "own"
    parts = [
        f"sees {whose} jobs of {see}",
        f"submits {submit}",
        f"cancel {rights.cancel.value.lower()}",
        f"resubmit {rights.resubmit.value.lower()}",
        f"delete {rights.delete.value.lower()}",
    ]
    if rights.administer:
        parts.append("administers")
    return "; ".join(parts)
