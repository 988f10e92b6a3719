"""Who may do what: the one place where the API decides rights.

Every query, mutation, subscription and download asks these functions, with the
:class:`Viewer` (the authenticated user and their role's rights, see
:mod:`workers.access.rights`). The rules:

* A user sees a job when its type is among the role's visible types (``seeJobTypes`` and
  ``submitJobTypes``) and it is their own job, or the role sees others' jobs.
* Cancel, resubmit and delete are allowed on jobs the user sees, by the action's scope:
  ``OWN`` jobs or ``ANY`` job. Resubmitting also needs the right to submit the type.
* A job the user may not see does not exist for them: lists leave it out (in SQL, so
  counts and pages stay right), ``job`` is null, bulk mutations answer ``JobNotFound``,
  subscriptions never push it, downloads answer 404.
* Administration (roles, tokens, policies, the audit trail) needs ``administer``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from workers.access import rights
from workers.access.models import User
from workers.access.rights import RoleDefinition, RoleRights, Scope
from workers.engine.models import JobSubmitter
from workers.engine.records import JobRecord

#: A condition no job meets (job ids are positive).
NOTHING = Q(id__lt=0)


@dataclass(frozen=True)
class Viewer:
    """An authenticated user with their role, as resolved for a request or connection."""

    user: User
    role: RoleDefinition

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def rights(self) -> RoleRights:
        return self.role.rights if self.user.is_active else RoleRights()


async def viewer_for(user: User) -> Viewer:
    """``user`` with their role's rights (one query for a defined role, none for built-ins)."""
    return Viewer(user, await rights.role_of(user))


# --------------------------------------------------------------------------- job types


def _visible_selectors(viewer: Viewer) -> frozenset[str]:
    granted = viewer.rights
    return granted.see_job_types | granted.submit_job_types


def visible_types(viewer: Viewer) -> frozenset[str] | None:
    """The job types ``viewer`` may see; ``None`` means every type."""
    return rights.expand(_visible_selectors(viewer))


def known_types(viewer: Viewer) -> frozenset[str]:
    """The registered job types ``viewer`` may see (and so may name in filters)."""
    types = visible_types(viewer)
    return frozenset(rights.JOB_TYPES) if types is None else types


def can_see_job_type(viewer: Viewer, job_type: str) -> bool:
    """May ``viewer`` see jobs of ``job_type`` (and the type itself in ``jobTypes``)?"""
    return rights.matches(_visible_selectors(viewer), job_type)


def can_submit_job(viewer: Viewer, job_type: str) -> bool:
    """May ``viewer`` submit jobs of ``job_type``?"""
    return rights.matches(viewer.rights.submit_job_types, job_type)


# --------------------------------------------------------------------------- jobs


def visible_jobs(viewer: Viewer) -> Q:
    """The condition restricting job lists (and their counts) to what ``viewer`` may see."""
    parts: list[Q] = []
    types = visible_types(viewer)
    if types is not None:
        if not types:
            return NOTHING
        parts.append(Q(type__in=sorted(types)))
    if not viewer.rights.see_others_jobs:
        parts.append(Q(user_id=viewer.id))
    return Q(*parts) if parts else Q()


def can_view_job(viewer: Viewer, job: JobRecord) -> bool:
    """May ``viewer`` see ``job`` (in lists, subscriptions and downloads)?"""
    own = job.user_id == viewer.id
    return can_see_job_type(viewer, job.type) and (own or viewer.rights.see_others_jobs)


def _may(scope: Scope, viewer: Viewer, job: JobRecord) -> bool:
    return can_view_job(viewer, job) and scope.allows(job.user_id == viewer.id)


def can_cancel_job(viewer: Viewer, job: JobRecord) -> bool:
    """May ``viewer`` cancel ``job`` (whatever its status)?"""
    return _may(viewer.rights.cancel, viewer, job)


def can_resubmit_job(viewer: Viewer, job: JobRecord) -> bool:
    """May ``viewer`` submit a copy of ``job``?"""
    return _may(viewer.rights.resubmit, viewer, job) and can_submit_job(viewer, job.type)


def can_delete_job(viewer: Viewer, job: JobRecord) -> bool:
    """May ``viewer`` delete ``job`` (whatever its status)?"""
    return _may(viewer.rights.delete, viewer, job)


@dataclass(frozen=True)
class ReplaceRightsOf:
    """``viewer``'s rights over other waiting jobs a submission would replace
    (:class:`workers.engine.overwrite.ReplaceRights`): only jobs they may cancel."""

    viewer: Viewer

    def may_see(self, job: JobRecord) -> bool:
        return can_view_job(self.viewer, job)

    def may_replace(self, job: JobRecord) -> bool:
        return can_cancel_job(self.viewer, job)


# --------------------------------------------------------------------------- users


def visible_users(viewer: Viewer) -> QuerySet[User]:
    """The active users whose jobs ``viewer`` may see (the overview's user filter).

    Administrators and roles that see every type's jobs get every active user; roles that
    see others' jobs of some types get the users who submitted jobs of those types; roles
    that see only their own jobs get themselves.
    """
    active = User.filter(is_active=True)
    granted = viewer.rights
    if granted.administer:
        return active
    if not granted.see_others_jobs:
        return active.filter(id=viewer.id)
    types = visible_types(viewer)
    if types is None:
        return active
    if not types:
        return active.filter(id=viewer.id)
    submitters = JobSubmitter.filter(type__in=sorted(types)).values("user_id")
    return active.filter(Q(id__in=Subquery(submitters)) | Q(id=viewer.id))


def user_visibility(viewer: Viewer) -> Callable[[list[int]], Awaitable[list[bool]]]:
    """A batch check for a loader: which of the given user ids ``viewer`` may see (those
    :func:`visible_users` lists). Audit trails show other users only when this says so."""

    async def visible(user_ids: list[int]) -> list[bool]:
        if viewer.rights.administer:
            return [True] * len(user_ids)
        found = set(
            await visible_users(viewer).filter(id__in=user_ids).values_list("id", flat=True)
        )
        return [user_id in found for user_id in user_ids]

    return visible


# --------------------------------------------------------------------------- administration


def can_administer(viewer: Viewer) -> bool:
    """May ``viewer`` manage roles, tokens and policies, and read the audit trail?"""
    return viewer.rights.administer


def can_see_operations(viewer: Viewer) -> bool:
    """May ``viewer`` see workers, queues and the job statistics of the whole installation?

    Administrators, and roles that see other users' jobs (they oversee the work): the
    figures are aggregates, never a job's parameters or another user's name. Pausing and
    resuming stays with administrators (:func:`can_administer`).
    """
    return viewer.rights.administer or viewer.rights.see_others_jobs


# --------------------------------------------------------------------------- scheduling data

#: Job categories whose jobs read or change the scheduling data.
SCHEDULE_CATEGORIES = frozenset({"scheduling", "monitoring"})


def can_view_schedules(viewer: Viewer) -> bool:
    """May ``viewer`` read the scheduling data (periods, levels, shifts, accounts)?

    Those who may see (or submit) a job type that works on schedules — scheduling jobs,
    and the reports over them — need the data to fill in its form and read its result.
    """
    if viewer.rights.administer:
        return True
    return any(
        job_type.category in SCHEDULE_CATEGORIES and can_see_job_type(viewer, name)
        for name, job_type in rights.JOB_TYPES.items()
    )


def can_change_rule_settings(viewer: Viewer) -> bool:
    """May ``viewer`` change a planning period's rule settings (``setPeriodRules``)?

    Those who may submit Optimization jobs: the settings are that job's objective.
    """
    return can_submit_job(viewer, "OPTIMIZATION")
