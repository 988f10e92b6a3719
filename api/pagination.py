"""Keyset pagination of jobs: Relay connections over any sort column, without OFFSET.

A page is read as ``WHERE <after the cursor> ORDER BY column, id LIMIT first + 1``; the
cursor holds the last row's sort value and id, so page 10,000 costs what page 1 costs
(every sort column has an index on ``(column, id)``). Ties are always broken by the id,
in the same direction.

NULLs (``startedAt``, ``finishedAt`` of jobs not started or finished) sort as *later than
every value* on both databases: last when ascending, first when descending. SQLite and
PostgreSQL disagree on where NULLs go by default, so NULL rows and the others are read as
separate index ranges, in the order this module decides (see :func:`ranges`). A page is
one query, or a few when it spans from one range into the next.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import math
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Literal

import strawberry
from strawberry.types.nodes import SelectedField, Selection
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from api.context import Info
from api.counts import CountCache, Counts
from api.enums import JobOrderField, OrderDirection
from api.errors import BadUserInput
from api.ids import MAX_ID
from api.types import Job
from workers.engine.models import Job as JobModel
from workers.engine.records import JobRecord

DEFAULT_PAGE_SIZE = 50
#: Up to this many matching jobs, ``totalCount`` is exact; beyond, an estimate.
EXACT_COUNT_LIMIT = 10_000
MAX_PAGE_SIZE = 200
#: Longest text sort value a cursor may hold (job types and statuses are far shorter).
MAX_TEXT = 200

ValueKind = Literal["int", "str", "float", "datetime"]


@dataclass(frozen=True)
class Column:
    """A sortable column: its model field, whether it holds NULLs, and its value type."""

    field: str
    kind: ValueKind
    nullable: bool = False


COLUMNS: dict[JobOrderField, Column] = {
    JobOrderField.ID: Column("id", "int"),
    JobOrderField.TYPE: Column("type", "str"),
    JobOrderField.STATUS: Column("status", "str"),
    JobOrderField.USER: Column("user_id", "int"),
    JobOrderField.SUBMITTED_AT: Column("submitted_at", "datetime"),
    JobOrderField.STARTED_AT: Column("started_at", "datetime", nullable=True),
    JobOrderField.FINISHED_AT: Column("finished_at", "datetime", nullable=True),
    JobOrderField.PROGRESS: Column("progress", "float"),
}

SortValue = int | str | float | datetime | None


@dataclass(frozen=True)
class Cursor:
    """A position in one ordering: the sort value and id of the row before it."""

    order: JobOrderField
    direction: OrderDirection
    value: SortValue
    id: int

    def encode(self) -> str:
        value = self.value.isoformat() if isinstance(self.value, datetime) else self.value
        raw = json.dumps(
            {"o": self.order.value, "d": self.direction.value, "v": value, "i": self.id},
            separators=(",", ":"),
        )
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, raw: str, order: JobOrderField, direction: OrderDirection) -> Cursor:
        """Read a cursor made for ``order`` and ``direction``.

        Raises:
            BadUserInput: it is not a cursor of this API, or it belongs to another ordering.
        """
        try:
            data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
            found_order = JobOrderField(data["o"])
            found_direction = OrderDirection(data["d"])
            job_id = _parse_int(data["i"])
            value = _parse_value(COLUMNS[found_order], data["v"])
        except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
            raise BadUserInput(
                "after: not a cursor of this list; pass a `cursor` or `pageInfo.endCursor` "
                "from a previous page, or omit `after` to start at the beginning."
            ) from None
        if (found_order, found_direction) != (order, direction):
            raise BadUserInput(
                "after: this cursor belongs to a list sorted differently "
                f"({found_order.value} {found_direction.value}); keep the same `orderBy` "
                "while paging, or omit `after` to start again."
            )
        return cls(order, direction, value, job_id)


def _parse_int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_ID:
        raise ValueError("id")
    return value


def _parse_value(column: Column, value: Any) -> SortValue:
    if value is None:
        if not column.nullable:
            raise ValueError("null")
        return None
    if column.kind == "datetime":
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        if moment is None or moment.tzinfo is None:
            raise ValueError("datetime")
        return moment
    if isinstance(value, bool):
        raise ValueError(column.kind)
    if column.kind == "float" and isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    if column.kind == "int":
        return _parse_int(value)
    if column.kind == "str" and isinstance(value, str) and len(value) <= MAX_TEXT:
        return value
    raise ValueError(column.kind)


def sort_value(job: JobModel, column: Column) -> SortValue:
    """A row's value in ``column``, as a cursor holds it."""
    value = getattr(job, column.field)
    return value.value if isinstance(value, Enum) else value


def check_page_size(first: int) -> int:
    """Raises: BadUserInput when ``first`` is outside 1..MAX_PAGE_SIZE."""
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise BadUserInput(
            f"first must be between 1 and {MAX_PAGE_SIZE} (got {first}); "
            "page through longer lists with `after`."
        )
    return first


@dataclass(frozen=True)
class Page:
    """One page of rows, and whether more follow."""

    rows: list[JobModel]
    has_next: bool


async def fetch_page(
    base: QuerySet[JobModel],
    order: JobOrderField,
    direction: OrderDirection,
    first: int,
    after: Cursor | None,
    *,
    gathered: bool = False,
) -> Page:
    """Read the ``first`` rows of ``base`` after ``after`` in the given order.

    The rows come from a short list of index ranges read one after the other, each
    ``ORDER BY column, id`` (see :func:`ranges`); reading stops as soon as the page is full.

    Args:
        gathered: the filter's rows are gathered from an index that does not keep the
            order (a search), and then sorted. The page's ids are then chosen first and
            their users joined after (PostgreSQL would otherwise join a user to every
            match before sorting, as it cannot tell how many rows the words match); and on
            PostgreSQL each statement is planned for its own values: a plan made once for
            any cursor combined the search index with the primary key's range below the
            cursor, a bitmap of most of the table, and took 200 ms instead of 5.
    """
    if gathered and connections.get("default").capabilities.dialect == "postgres":
        async with in_transaction() as conn:
            await conn.execute_script("SET LOCAL plan_cache_mode = force_custom_plan")
            return await _read_page(base, order, direction, first, after, gathered, conn)
    return await _read_page(base, order, direction, first, after, gathered, None)


async def _read_page(base: QuerySet[JobModel], order: JobOrderField,
                     direction: OrderDirection, first: int, after: Cursor | None,
                     gathered: bool, conn: BaseDBAsyncClient | None) -> Page:
    column = COLUMNS[order]
    sign = "-" if direction is OrderDirection.DESC else ""
    ordering = [f"{sign}id"] if column.field == "id" else [f"{sign}{column.field}", f"{sign}id"]
    rows: list[JobModel] = []
    for condition in ranges(column, direction is OrderDirection.DESC, after):
        chosen = base.filter(condition).order_by(*ordering).limit(first + 1 - len(rows))
        if gathered:
            chosen = JobModel.filter(id__in=Subquery(chosen.values("id"))).order_by(*ordering)
        rows.extend(await chosen.select_related("user").using_db(conn))
        if len(rows) > first:
            break
    return Page(rows=rows[:first], has_next=len(rows) > first)


def _q(lookup: str, value: Any) -> Q:
    return Q(**{lookup: value})


def ranges(column: Column, descending: bool, after: Cursor | None) -> list[Q]:
    """The index ranges that follow ``after``, in reading order.

    After a cursor ``(v, i)`` come its ties (``column = v AND id > i``), then the larger
    values (``column > v``), then, ascending, the NULLs; descending mirrors this with NULLs
    first. Each is one range of the ``(column, id)`` index on both databases, where a single
    ``column > v OR (column = v AND id > i)`` would make PostgreSQL and SQLite scan every
    tie of ``v``: a million rows when sorting by a column with few distinct values.
    """
    op = "lt" if descending else "gt"
    if column.field == "id":
        return [Q() if after is None else _q(f"id__{op}", after.id)]
    field = column.field
    if after is not None and after.value is not None:
        following = [
            _q(field, after.value) & _q(f"id__{op}", after.id),
            _q(f"{field}__{op}", after.value),  # never true for NULL
        ]
        if column.nullable and not descending:
            following.append(_q(f"{field}__isnull", True))
        return following
    if not column.nullable:
        return [Q()]
    values = _q(f"{field}__isnull", False)
    nulls = _q(f"{field}__isnull", True)
    if after is not None:  # the cursor is among the NULLs
        nulls &= _q(f"id__{op}", after.id)
        return [nulls, values] if descending else [nulls]
    return [nulls, values] if descending else [values, nulls]


# --------------------------------------------------------------------------- GraphQL types


@strawberry.type(description="Where a page sits in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More jobs follow this page.")
    has_previous_page: bool = strawberry.field(
        description="This page was asked for with `after` (jobs come before it)."
    )
    start_cursor: str | None = strawberry.field(description="The cursor of the first edge.")
    end_cursor: str | None = strawberry.field(
        description="The cursor of the last edge: pass it as `after` for the next page."
    )


@strawberry.type(description="A job in a list, with its position.")
class JobEdge:
    node: Job = strawberry.field(description="The job.")
    cursor: str = strawberry.field(description="Its position: pass it as `after`.")


#: The connection's fields that need its count.
COUNT_FIELDS = frozenset({"totalCount", "totalCountIsEstimate"})


def asks_for_count(info: Info) -> bool:
    """Does the operation ask the connection being resolved for its count (through
    aliases and fragments too)?"""
    return any(_asks_for_count(field.selections) for field in info.selected_fields)


def _asks_for_count(selections: list[Selection]) -> bool:
    return any(
        selection.name in COUNT_FIELDS if isinstance(selection, SelectedField)
        else _asks_for_count(selection.selections)
        for selection in selections
    )


class Count:
    """A list's count, computed once however many fields ask for it.

    Args:
        query: the list's rows.
        kept: the process's kept counts (:mod:`api.counts`), if any.
        counts: whether a job may be among the rows, whatever its status (what makes a
            kept count stale when that job changes).
    """

    def __init__(self, query: QuerySet[JobModel], kept: CountCache | None = None,
                 counts: Counts | None = None) -> None:
        self.query = query
        self.kept = kept
        self.counts = counts
        self._found: asyncio.Task[tuple[int, bool]] | None = None

    def start(self) -> None:
        """Begin counting now (beside the page's own query), if not begun."""
        if self._found is None:
            self._found = asyncio.ensure_future(self._count())

    async def _count(self) -> tuple[int, bool]:
        if self.kept is None or self.counts is None:
            return await count_jobs(self.query)
        sql, params, _ = _sql(self.query.only("id"))
        return await self.kept.count(f"{sql} {params!r}", self.counts,
                                     lambda: count_jobs(self.query))

    async def get(self) -> tuple[int, bool]:
        self.start()
        assert self._found is not None
        return await self._found

    def cancel(self) -> None:
        """Stop a count nobody will read (the page failed)."""
        if self._found is not None:
            self._found.cancel()


async def count_jobs(query: QuerySet[JobModel]) -> tuple[int, bool]:
    """How many rows ``query`` matches, and whether that number is an estimate.

    On PostgreSQL the planner's estimate of the filter's rows comes first (planning reads
    no row): when it expects more than :data:`EXACT_COUNT_LIMIT`, it is the answer — a
    count of tens of thousands of rows costs more than the page, and the reader is told it
    is an estimate. Otherwise, and always on SQLite (which has no estimate), at most the
    limit plus one rows are counted, from the filter's index where it has one; more than
    the limit found gives the estimate (never below the limit plus one) on PostgreSQL, a
    full count on SQLite.
    """
    whole, params, conn = _sql(query.only("id"))
    estimate: int | None = None
    if conn.capabilities.dialect == "postgres":
        estimate = await _estimate(conn, whole, params)
        if estimate > EXACT_COUNT_LIMIT:
            return estimate, True
    sql, params, _ = _sql(query.only("id").limit(EXACT_COUNT_LIMIT + 1))
    _, rows = await conn.execute_query(f"SELECT count(*) AS n FROM ({sql}) AS capped", params)
    found = int(rows[0]["n"])
    if found <= EXACT_COUNT_LIMIT:
        return found, False
    if estimate is None:
        return await query.count(), False
    return max(estimate, EXACT_COUNT_LIMIT + 1), True


async def _estimate(conn: BaseDBAsyncClient, sql: str, params: list[Any]) -> int:
    """The PostgreSQL planner's estimate of the rows ``sql`` returns."""
    _, plan = await conn.execute_query(f"EXPLAIN (FORMAT JSON) {sql}", params)
    raw = plan[0]["QUERY PLAN"]
    return int((json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]["Plan Rows"])


def _sql(query: QuerySet[JobModel]) -> tuple[str, list[Any], BaseDBAsyncClient]:
    query._choose_db_if_not_chosen()
    query._make_query()
    sql, params = query.query.get_parameterized_sql()
    return sql, params, query._db


@strawberry.type(description="A page of jobs (a Relay connection).")
class JobConnection:
    edges: list[JobEdge] = strawberry.field(description="The jobs of this page, in order.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    count: strawberry.Private[Count]

    @strawberry.field(
        description=(
            f"How many jobs match the filter in all: exact up to {EXACT_COUNT_LIMIT:,}; "
            "beyond, on PostgreSQL, the database's estimate (then `totalCountIsEstimate` "
            "is true), because counting millions of rows exactly costs more than a page. "
            "The estimate is also given when the database expects more than "
            f"{EXACT_COUNT_LIMIT:,} matches, even if fewer match. "
            "Counted only when asked for."
        )
    )
    async def total_count(self) -> int:
        return (await self.count.get())[0]

    @strawberry.field(
        description=(
            f"Whether `totalCount` is an estimate (more than {EXACT_COUNT_LIMIT:,} jobs "
            "match or are expected to, on PostgreSQL): show it as approximate, e.g. "
            "`about 1.2 million`."
        )
    )
    async def total_count_is_estimate(self) -> bool:
        return (await self.count.get())[1]

    @classmethod
    def from_page(
        cls,
        page: Page,
        count: Count,
        order: JobOrderField,
        direction: OrderDirection,
        after: Cursor | None,
    ) -> JobConnection:
        column = COLUMNS[order]
        edges = [
            JobEdge(
                node=Job.from_record(JobRecord.from_model(row, row.user.username)),
                cursor=Cursor(order, direction, sort_value(row, column), row.id).encode(),
            )
            for row in page.rows
        ]
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=page.has_next,
                has_previous_page=after is not None,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            count=count,
        )
