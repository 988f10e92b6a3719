"""Job settings policies: per job type, how its jobs start and whether users may choose.

An administrator sets, per job type, the default start behaviour — immediately, a delay
after submission, or daily at a time of day (e.g. heavy reports overnight) — and whether
users may give their own start time when submitting. :func:`workers.engine.submission.submit`
applies the policy; a start time the policy forbids is refused with
:class:`SettingsOverrideError`, naming the setting and the way out.

A job type without a stored policy starts immediately and lets users choose.

Every submission asks for its type's policy, so each process keeps the policies it read
for :data:`CACHE_SECONDS` instead of querying the database per submission: a change made
in this process applies to the very next submission, one made elsewhere (another API
process, the command line) within that time — as pausing does (:mod:`workers.engine.pausing`).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tortoise.transactions import in_transaction

from workers.access import administration
from workers.access.models import JobTypePolicy
from workers.engine.errors import JobProcessorError
from workers.engine.registry import JOB_TYPES, get_job_type
from workers.engine.runtime import Runtime, get_runtime

#: Seconds a process reuses the policies it read.
CACHE_SECONDS = 1.0
_CACHE = "start-policies"
#: Longest delay a policy may set (one week).
MAX_DELAY_MINUTES = 7 * 24 * 60


class StartBehaviour(StrEnum):
    """When a job starts if its user does not say."""

    #: As soon as a worker is free.
    IMMEDIATELY = "IMMEDIATELY"
    #: A fixed number of minutes after submission.
    DELAYED = "DELAYED"
    #: At the next occurrence of a time of day, in a timezone.
    DAILY_AT = "DAILY_AT"


class PolicyError(JobProcessorError):
    """A policy value is not acceptable; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class SettingsOverrideError(JobProcessorError):
    """A submission gave a setting that the job type's policy does not let users choose."""

    def __init__(self, field: str, job_type: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.job_type = job_type
        self.message = message


@dataclass(frozen=True)
class StartPolicy:
    """One job type's policy, as stored (or the default when none is)."""

    job_type: str
    start: StartBehaviour = StartBehaviour.IMMEDIATELY
    delay_minutes: int = 0
    time_of_day: time | None = None
    timezone: str = "UTC"
    allow_override: bool = True
    updated_at: datetime | None = None
    updated_by_id: int | None = None

    def default_start_at(self, now: datetime) -> datetime | None:
        """When a job submitted at ``now`` starts if its user does not say (``None``: now)."""
        if self.start is StartBehaviour.DELAYED and self.delay_minutes > 0:
            return now + timedelta(minutes=self.delay_minutes)
        if self.start is StartBehaviour.DAILY_AT and self.time_of_day is not None:
            zone = zone_named(self.timezone)
            local = now.astimezone(zone)
            candidate = datetime.combine(local.date(), self.time_of_day, tzinfo=zone)
            if candidate <= local:
                candidate = datetime.combine(
                    local.date() + timedelta(days=1), self.time_of_day, tzinfo=zone
                )
            return candidate.astimezone(UTC)
        return None

    def describe(self) -> str:
        """How its jobs start, for messages: "start immediately", …"""
        if self.start is StartBehaviour.DELAYED:
            return f"start {self.delay_minutes} minute(s) after submission"
        if self.start is StartBehaviour.DAILY_AT and self.time_of_day is not None:
            return f"start at the next {self.time_of_day:%H:%M} ({self.timezone})"
        return "start immediately"

    @classmethod
    def from_row(cls, row: JobTypePolicy) -> StartPolicy:
        return cls(
            job_type=row.job_type,
            start=StartBehaviour(row.start),
            delay_minutes=row.delay_minutes,
            time_of_day=time.fromisoformat(row.time_of_day) if row.time_of_day else None,
            timezone=row.timezone,
            allow_override=row.allow_override,
            updated_at=row.updated_at,
            updated_by_id=row.updated_by_id,
        )


def zone_named(name: str) -> tzinfo:
    """The timezone called ``name`` (IANA, e.g. ``Europe/Berlin``).

    Raises:
        PolicyError: no such timezone.
    """
    if name.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise PolicyError(
            "timezone", f"{name!r} is not a timezone; use an IANA name such as Europe/Berlin"
        ) from None


def forget_cache() -> None:
    """Read the policies afresh next time (after a change in this process)."""
    with contextlib.suppress(RuntimeError):
        get_runtime().forget(_CACHE)


async def _stored() -> dict[str, StartPolicy]:
    """Every stored policy by job type (cached for :data:`CACHE_SECONDS` by the runtime;
    read each time where none is installed, e.g. by a command-line tool)."""
    try:
        runtime: Runtime | None = get_runtime()
    except RuntimeError:
        runtime = None
    if runtime is not None:
        found: dict[str, StartPolicy] | None = runtime.cached(_CACHE, CACHE_SECONDS)
        if found is not None:
            return found
    stored = {row.job_type: StartPolicy.from_row(row) for row in await JobTypePolicy.all()}
    if runtime is not None:
        runtime.cache(_CACHE, stored)
    return stored


async def policy_for(job_type: str) -> StartPolicy:
    """The policy of ``job_type`` (the default when none was set)."""
    return (await _stored()).get(job_type) or StartPolicy(job_type)


async def all_policies() -> dict[str, StartPolicy]:
    """The policy of every registered job type, by type name."""
    stored = await _stored()
    return {name: stored.get(name) or StartPolicy(name) for name in JOB_TYPES}


def check_policy(policy: StartPolicy) -> None:
    """Raises: PolicyError naming the first value that does not fit the behaviour."""
    if policy.start is StartBehaviour.DELAYED and not (
        1 <= policy.delay_minutes <= MAX_DELAY_MINUTES
    ):
        raise PolicyError(
            "delayMinutes", f"a delayed start needs 1 to {MAX_DELAY_MINUTES} minutes"
        )
    if policy.start is StartBehaviour.DAILY_AT and policy.time_of_day is None:
        raise PolicyError("timeOfDay", "a daily start needs a time of day, e.g. 02:00")
    zone_named(policy.timezone)


def parse_time_of_day(raw: str | None) -> time | None:
    """``"HH:MM"`` as a time.

    Raises:
        PolicyError: it is not a time of day.
    """
    if raw is None or raw == "":
        return None
    try:
        parsed = time.fromisoformat(raw)
    except ValueError:
        parsed = None
    if parsed is None or len(raw) != 5 or parsed.tzinfo is not None:
        raise PolicyError("timeOfDay", f"{raw!r} is not a time of day in the form HH:MM")
    return parsed


async def set_policy(policy: StartPolicy, *, actor_id: int | None) -> StartPolicy:
    """Store ``policy`` for its job type; applies to jobs submitted from now on.

    Raises:
        UnknownJobTypeError: no such job type.
        PolicyError: a value does not fit the chosen behaviour.
    """
    get_job_type(policy.job_type)
    check_policy(policy)
    values = {
        "start": policy.start.value,
        "delay_minutes": policy.delay_minutes if policy.start is StartBehaviour.DELAYED else 0,
        "time_of_day": (
            f"{policy.time_of_day:%H:%M}"
            if policy.start is StartBehaviour.DAILY_AT and policy.time_of_day
            else ""
        ),
        "timezone": policy.timezone,
        "allow_override": policy.allow_override,
        "updated_by_id": actor_id,
    }
    async with in_transaction() as conn:
        updated = await JobTypePolicy.filter(job_type=policy.job_type).using_db(conn).update(
            **values
        )
        if not updated:
            await JobTypePolicy.create(job_type=policy.job_type, using_db=conn, **values)
        stored = await JobTypePolicy.filter(job_type=policy.job_type).using_db(conn).get()
        result = StartPolicy.from_row(stored)
        choice = "users may choose" if result.allow_override else "users may not choose"
        await administration.record_admin_event(
            "POLICY_SET", policy.job_type, actor_id=actor_id, connection=conn,
            message=f"{result.describe()}; {choice}",
        )
    forget_cache()
    return result


def effective_start(
    policy: StartPolicy, requested: datetime | None, now: datetime
) -> datetime | None:
    """When a job starts: the user's time if the policy lets them choose, else the default.

    Returns ``None`` for "now".

    Raises:
        SettingsOverrideError: ``requested`` is given but the policy does not allow it.
    """
    if requested is None:
        return policy.default_start_at(now)
    if not policy.allow_override:
        raise SettingsOverrideError(
            "settings.startAt",
            policy.job_type,
            f"{policy.job_type} jobs {policy.describe()}; an administrator does not let "
            "users choose another start time. Submit without settings.startAt.",
        )
    return requested if requested > now else None
