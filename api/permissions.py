"""Who may do what: the one place where the API decides rights.

Every query, mutation, subscription and download asks these functions. Today every
active user may see and act on every job (rights per role come with the rights model);
changing these functions changes the rights everywhere.
"""

from __future__ import annotations

from tortoise.expressions import Q

from workers.models import User
from workers.records import JobRecord


def visible_jobs(user: User) -> Q:
    """The condition restricting job lists to what ``user`` may see (today: every job)."""
    return Q()


def can_view_job(user: User, job: JobRecord) -> bool:
    """May ``user`` see ``job`` (in lists, subscriptions and downloads)?"""
    return user.is_active


def can_submit_job(user: User, job_type: str) -> bool:
    """May ``user`` submit jobs of ``job_type``?"""
    return user.is_active


def can_cancel_job(user: User, job: JobRecord) -> bool:
    """May ``user`` cancel ``job``?"""
    return user.is_active


def can_resubmit_job(user: User, job: JobRecord) -> bool:
    """May ``user`` submit a copy of ``job``?"""
    return user.is_active


def can_delete_job(user: User, job: JobRecord) -> bool:
    """May ``user`` delete ``job``?"""
    return user.is_active


def can_list_users(user: User) -> bool:
    """May ``user`` see the list of users (the overview's user filter)?"""
    return user.is_active


def can_view_schedules(user: User) -> bool:
    """May ``user`` read the scheduling data (periods, levels, shifts, accounts)?"""
    return user.is_active
