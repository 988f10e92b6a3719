"""Writing a job's shift changes inside its transaction, in bulk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tortoise.backends.base.client import BaseDBAsyncClient

from workers.wfm.scheduling.segments import dump_segments
from workers.wfm.scheduling.snapshot import PlannedShift
from workers.wfm.shifts import Shift

#: Ids per ``DELETE … WHERE id IN (…)`` (SQLite allows 32,766 parameters; stay well below).
ID_CHUNK = 500


def as_model(shift: PlannedShift, level_id: int, job_id: int | None) -> Shift:
    return Shift(level_id=level_id, employee_id=shift.employee_id, date=shift.date,
                 start_minute=shift.start, end_minute=shift.end, template_id=shift.template_id,
                 segments=dump_segments(shift.segments), locked=shift.locked,
                 created_by_job_id=job_id)


async def insert_shifts(conn: BaseDBAsyncClient, shifts: Iterable[PlannedShift], level_id: int,
                        job_id: int | None) -> int:
    rows = [as_model(s, level_id, job_id) for s in shifts]
    if rows:
        await Shift.bulk_create(rows, batch_size=1000, using_db=conn)
    return len(rows)


async def delete_shifts(conn: BaseDBAsyncClient, ids: Sequence[int]) -> int:
    deleted = 0
    for n in range(0, len(ids), ID_CHUNK):
        deleted += await Shift.filter(id__in=list(ids[n:n + ID_CHUNK])).using_db(conn).delete()
    return deleted


async def assign_shifts(conn: BaseDBAsyncClient, assignments: dict[int, int]) -> int:
    """Give shifts (by id) to employees (by id): one UPDATE per employee."""
    by_employee: dict[int, list[int]] = {}
    for shift_id, employee_id in assignments.items():
        by_employee.setdefault(employee_id, []).append(shift_id)
    changed = 0
    for employee_id, shift_ids in by_employee.items():
        for n in range(0, len(shift_ids), ID_CHUNK):
            changed += await Shift.filter(id__in=shift_ids[n:n + ID_CHUNK]).using_db(
                conn).update(employee_id=employee_id)
    return changed
