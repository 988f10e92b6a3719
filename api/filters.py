"""``JobFilter`` checked once, then applied both ways: as a database condition for lists,
and as a predicate on snapshots for the ``jobEvents`` subscription. One definition, so a
list and its live updates always agree.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from pypika_tortoise.enums import Comparator
from pypika_tortoise.terms import BasicCriterion, Field, Function, ValueWrapper
from tortoise import connections
from tortoise.expressions import Q, RawSQL, ResolveContext
from tortoise.query_utils import QueryModifier
from tortoise.queryset import QuerySet

from api.errors import BadUserInput
from api.ids import is_well_formed, parse_id
from api.inputs import JobFilter
from workers.engine import search
from workers.engine.models import Job
from workers.engine.records import JobRecord
from workers.engine.registry import JOB_TYPES
from workers.engine.status import JobStatus, StatusGroup

#: The kinds of record a job may name (``Job.refs``) that the filter offers, with the
#: expression each is indexed by per dialect (see the migration that added ``refs``).
REF_KINDS = ("level", "planningPeriod")
_REF_SQL = {
    "postgres": "((\"refs\"->>'{kind}')::int)",
    "sqlite": "json_extract(\"refs\", '$.{kind}')",
}


class _Match(Comparator):
    search = " @@ "


class SearchFragments(Q):
    """``jp_search_fragments(search_text) @@ query``: the rows PostgreSQL's search index
    offers for some words (see :mod:`workers.engine.search`), the query a bound parameter.

    A ``Q`` of its own, so that the condition stands in the ``WHERE`` clause, where the
    index is matched, and nowhere else (an annotation would compute the function again
    for every row read).
    """

    __slots__ = ("query",)

    def __init__(self, terms: Sequence[str]) -> None:
        super().__init__()
        self.query = search.fragment_query(terms)

    def resolve(self, resolve_context: ResolveContext) -> QueryModifier:
        vector = Function(search.FRAGMENTS_SQL_FUNCTION,
                          Field("search_text", table=resolve_context.table))
        return QueryModifier(
            where_criterion=BasicCriterion(_Match.search, vector, ValueWrapper(self.query)))

    def __bool__(self) -> bool:
        return True

    def __invert__(self) -> Q:
        negated = Q(self)
        negated.negate()
        return negated

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SearchFragments) and other.query == self.query

    def __hash__(self) -> int:
        return hash(self.query)


@dataclass(frozen=True)
class JobCriteria:
    """A validated filter. ``None`` means "any"."""

    statuses: frozenset[JobStatus] | None = None
    user_ids: frozenset[int] | None = None
    types: frozenset[str] | None = None
    submitted_from: datetime | None = None
    submitted_to: datetime | None = None
    level_ids: frozenset[int] | None = None
    period_ids: frozenset[int] | None = None
    #: The words a job's search text must all contain (lower case).
    terms: tuple[str, ...] = ()

    @classmethod
    def from_input(
        cls, job_filter: JobFilter | None, known_types: Collection[str] | None = None
    ) -> JobCriteria:
        """Check a filter.

        Args:
            known_types: the job types the caller may know of (all registered ones when
                ``None``); any other is "unknown", so that hidden types are never named.

        Raises:
            BadUserInput: an unknown job type, a malformed user, level or period id, a time
                without a timezone, an empty time range, or a search of too many words.
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
        terms: tuple[str, ...] = ()
        if job_filter.search is not None:
            try:
                terms = tuple(search.search_terms(job_filter.search))
            except ValueError as exc:
                raise BadUserInput(f"filter.search: {exc}.") from None
        return cls(
            statuses,
            _ids(job_filter.user_ids, "filter.userIds", "user", "the `users` query"),
            types, start, end,
            _ids(job_filter.level_ids, "filter.levelIds", "schedule level",
                 "`planningPeriods`"),
            _ids(job_filter.planning_period_ids, "filter.planningPeriodIds",
                 "planning period", "`planningPeriods`"),
            terms,
        )

    def condition(self) -> Q:
        """The filter's plain column conditions (everything but the records and search)."""
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

    def apply(self, jobs: QuerySet[Job]) -> QuerySet[Job]:
        """``jobs`` narrowed to the filter, in a form the database's indexes serve.

        The records a job names are matched on the expression their index is built on
        (``refs`` per kind), as an annotation, since a ``Q`` cannot hold raw SQL. A search
        is ``LIKE '%word%'`` per word; on PostgreSQL it asks the search index for its words
        first (:class:`SearchFragments`), whose answer is already exact for short words
        (:func:`search.decided_by_fragments`), so only the longer ones are checked with
        ``LIKE``.
        """
        jobs = jobs.filter(self.condition())
        dialect = connections.get("default").capabilities.dialect
        checked: tuple[str, ...] = self.terms
        if self.terms and dialect == "postgres":
            jobs = jobs.filter(SearchFragments(self.terms))
            checked = tuple(t for t in self.terms if not search.decided_by_fragments(t))
        for term in checked:
            jobs = jobs.filter(search_text__contains=term)
        for kind, ids in (("level", self.level_ids), ("planningPeriod", self.period_ids)):
            if ids is None:
                continue
            name = f"ref_{kind.lower()}"
            expression = RawSQL(_REF_SQL.get(dialect, _REF_SQL["sqlite"]).format(kind=kind))
            jobs = jobs.annotate(**{name: expression}).filter(
                **{f"{name}__in": sorted(ids) or [0]})
        return jobs

    def matches_fixed(self, job: JobRecord) -> bool:
        """Does ``job`` match on what never changes (user, type, time, records, text)?"""
        return (
            (self.user_ids is None or job.user_id in self.user_ids)
            and (self.types is None or job.type in self.types)
            and (self.submitted_from is None or job.submitted_at >= self.submitted_from)
            and (self.submitted_to is None or job.submitted_at < self.submitted_to)
            and (self.level_ids is None or job.refs.get("level") in self.level_ids)
            and (self.period_ids is None or job.refs.get("planningPeriod") in self.period_ids)
            and (not self.terms or search.matches(_search_text(job), self.terms))
        )

    def matches(self, job: JobRecord) -> bool:
        """Does ``job`` match the whole filter, status included?"""
        return self.matches_fixed(job) and (
            self.statuses is None or job.status in self.statuses
        )


def _search_text(job: JobRecord) -> str:
    job_type = JOB_TYPES.get(job.type)
    return search.search_text(
        job_type=job.type, title=job_type.title if job_type else "", feature=job.feature,
        subject=job.subject, params=job.params,
    )


def _ids(raw_ids: Sequence[str] | None, name: str, what: str, where: str) -> frozenset[int] | None:
    """Checked ids; a number nothing can have matches nothing, like any unknown id."""
    if raw_ids is None:
        return None
    bad = [raw for raw in raw_ids if not is_well_formed(raw)]
    if bad:
        raise BadUserInput(
            f"{name}: {bad[0]!r} is not a {what} id; ids are whole numbers (see {where})."
        )
    return frozenset(value for raw in raw_ids if (value := parse_id(raw)) is not None)


def _aware(value: datetime | None, name: str) -> datetime | None:
    if value is not None and value.tzinfo is None:
        raise BadUserInput(f"{name}: give a timezone, e.g. 2026-01-31T08:00:00Z.")
    return value
