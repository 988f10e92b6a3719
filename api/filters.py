"""``JobFilter`` checked once, then applied both ways: as a database condition for lists,
and as a predicate on snapshots for the ``jobEvents`` subscription. One definition, so a
list and its live updates always agree.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Q

from api.errors import BadUserInput
from api.ids import is_well_formed, parse_id
from api.inputs import JobFilter
from workers.engine.records import JobRecord
from workers.engine.registry import JOB_TYPES
from workers.engine.status import JobStatus, StatusGroup


@dataclass(frozen=True)
class JobCriteria:
    """A validated filter. ``None`` means "any"."""

    statuses: frozenset[JobStatus] | None = None
    user_ids: frozenset[int] | None = None
    types: frozenset[str] | None = None
    submitted_from: datetime | None = None
    submitted_to: datetime | None = None

    @classmethod
    def from_input(
        cls, job_filter: JobFilter | None, known_types: Collection[str] | None = None
    ) -> JobCriteria:
        """Check a filter.

        Args:
            known_types: the job types the caller may know of (all registered ones when
                ``None``); any other is "unknown", so that hidden types are never named.

        Raises:
            BadUserInput: an unknown job type, a malformed user id, a time without a
                timezone, or an empty time range.
        """
        if job_filter is None:
            return cls()
        group = job_filter.status_group.engine
        statuses: frozenset[JobStatus] | None = (
            None if group is StatusGroup.ALL else group.statuses
        )
        if job_filter.statuses is not None:
            chosen = frozenset(s.engine for s in job_filter.statuses)
            statuses = chosen if statuses is None else statuses & chosen
        user_ids = None
        if job_filter.user_ids is not None:
            bad = [raw for raw in job_filter.user_ids if not is_well_formed(raw)]
            if bad:
                raise BadUserInput(
                    f"filter.userIds: {bad[0]!r} is not a user id; user ids are whole "
                    "numbers (see the `users` query)."
                )
            # A number no user can have matches nothing, like any unknown user id.
            user_ids = frozenset(
                user_id for raw in job_filter.user_ids if (user_id := parse_id(raw)) is not None
            )
        types = None
        if job_filter.types is not None:
            known = JOB_TYPES if known_types is None else known_types
            unknown = [t for t in job_filter.types if t not in known]
            if unknown:
                raise BadUserInput(
                    f"filter.types: unknown job type {unknown[0]!r}; the job types are "
                    f"{', '.join(sorted(known)) or 'none you may see'}."
                )
            types = frozenset(job_filter.types)
        start = _aware(job_filter.submitted_from, "filter.submittedFrom")
        end = _aware(job_filter.submitted_to, "filter.submittedTo")
        if start is not None and end is not None and end <= start:
            raise BadUserInput("filter.submittedTo must be later than filter.submittedFrom.")
        return cls(statuses, user_ids, types, start, end)

    def condition(self) -> Q:
        """The filter as a database condition on jobs."""
        parts: list[Q] = []
        if self.statuses is not None:
            parts.append(Q(status__in=sorted(self.statuses)))
        if self.user_ids is not None:
            parts.append(Q(user_id__in=sorted(self.user_ids)))
        if self.types is not None:
            parts.append(Q(type__in=sorted(self.types)))
        if self.submitted_from is not None:
            parts.append(Q(submitted_at__gte=self.submitted_from))
        if self.submitted_to is not None:
            parts.append(Q(submitted_at__lt=self.submitted_to))
        return Q(*parts) if parts else Q()

    def matches_fixed(self, job: JobRecord) -> bool:
        """Does ``job`` match on what never changes (user, type, submission time)?"""
        return (
            (self.user_ids is None or job.user_id in self.user_ids)
            and (self.types is None or job.type in self.types)
            and (self.submitted_from is None or job.submitted_at >= self.submitted_from)
            and (self.submitted_to is None or job.submitted_at < self.submitted_to)
        )

    def matches(self, job: JobRecord) -> bool:
        """Does ``job`` match the whole filter, status included?"""
        return self.matches_fixed(job) and (
            self.statuses is None or job.status in self.statuses
        )


def _aware(value: datetime | None, name: str) -> datetime | None:
    if value is not None and value.tzinfo is None:
        raise BadUserInput(f"{name}: give a timezone, e.g. 2026-01-31T08:00:00Z.")
    return value
