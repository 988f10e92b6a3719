"""Planning/Scheduling Periods > Shifts/Lottery: a fair, reproducible draw of open shifts.

The open shifts of the chosen templates (e.g. weekend lates, or a popular early Friday)
are drawn one by one, earliest first, among the employees who may work them (the rules
of Shifts/Assign). The employee who has won the fewest shifts of this kind so far — over
every earlier lottery, counted in ``LotteryAward`` — wins; ties are broken by a random
ticket drawn from the seed. The seed is recorded (and can be given), so the same seed on
the same data draws the same result, and everyone's count evens out over time.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter
from enum import StrEnum

import pydantic
from tortoise.functions import Count

from workers.engine.errors import InvalidParamsError
from workers.engine.jobtypes import Figure, JobContext, JobResult, JobSubject, JobType
from workers.engine.lifecycle import utcnow
from workers.engine.progress import Steps
from workers.wfm.level_params import (
    PERIODS_FEATURE,
    DbId,
    LevelRangeParams,
    check_range,
    check_teams,
    days_text,
    existing_level,
    level_subject,
    scope_of,
    snapshot_for_job,
    teams_text,
)
from workers.wfm.reporting.tables import CSV_TYPE, Table, csv_bytes
from workers.wfm.scheduling.assignment import Assigner, Unassigned
from workers.wfm.scheduling.snapshot import StaffMember
from workers.wfm.scheduling.writing import assign_shifts
from workers.wfm.shifts import LotteryAward, Shift

#: Largest seed (a GraphQL ``Int``, so a recorded seed can be given again).
MAX_SEED = 2**31 - 1


class LotteryKind(StrEnum):
    """What is drawn; fairness is counted per kind."""

    #: Shifts nobody wants (e.g. weekend lates): each person's count evens out.
    UNPOPULAR = "UNPOPULAR"
    #: Shifts everybody wants: each person's count evens out just the same.
    POPULAR = "POPULAR"


class ShiftsLotteryParams(LevelRangeParams):
    template_ids: list[DbId] = pydantic.Field(
        min_length=1, description="Draw the open shifts of these templates.")
    kind: LotteryKind = pydantic.Field(
        default=LotteryKind.UNPOPULAR, description="What is drawn; fairness counts per kind.")
    seed: int | None = pydantic.Field(
        default=None, ge=0, le=MAX_SEED,
        description="Draw with this seed to repeat a draw (a new one, shown in the result, by "
                    "default).")
    teams: list[str] | None = pydantic.Field(
        default=None, description="Only these teams take part (everyone by default).")


class ShiftsLottery(JobType[ShiftsLotteryParams]):
    name = "SHIFTS_LOTTERY"
    feature = f"{PERIODS_FEATURE} > Shifts/Lottery"
    description = ("Distributes unpopular (or popular) open shifts fairly among eligible "
                   "employees by a reproducible draw; the seed is recorded.")
    params_model = ShiftsLotteryParams
    title = "Shift lottery"

    async def describe(self, params: ShiftsLotteryParams) -> JobSubject:
        kind = f"{params.kind.value.lower()} shifts"
        return await level_subject(params.level_id, kind,
                                   days_text(params.start_date, params.end_date),
                                   teams_text(params.teams),
                                   f"seed {params.seed}" if params.seed is not None else "")

    def scope(self, params: ShiftsLotteryParams) -> str:
        return scope_of(params)

    async def validate(self, params: ShiftsLotteryParams) -> None:
        level = await existing_level(params.level_id)
        start, end = check_range(level, params.start_date, params.end_date)
        if params.teams:
            await check_teams(params.teams)
        if not await Shift.exists(level_id=level.id, employee_id=None, locked=False,
                                  template_id__in=params.template_ids,
                                  date__gte=start, date__lte=end):
            raise InvalidParamsError(
                "templateIds", f"level {level.name!r} has no open shifts of these templates "
                f"from {start} to {end}; nothing to draw")

    async def run(self, ctx: JobContext, params: ShiftsLotteryParams) -> JobResult:
        seed = params.seed if params.seed is not None else secrets.randbelow(MAX_SEED + 1)
        await ctx.progress(0.0, f"Reading the level (seed {seed})")
        snap, start, end = await snapshot_for_job(params, with_demand=False)
        candidates = [m for m in snap.staff.values()
                      if not params.teams or m.team in params.teams]
        past: Counter[int] = Counter(dict(
            await LotteryAward.filter(kind=params.kind.value)
            .annotate(n=Count("id")).group_by("employee_id").values_list("employee_id", "n")
        ))
        drawn = [s for s in snap.shifts
                 if s.employee_id is None and not s.locked and start <= s.date <= end
                 and s.template_id in params.template_ids]
        rng = random.Random(seed)
        assigner = Assigner(snap, candidates)
        won: Counter[int] = Counter()
        tickets: dict[int, float] = {}

        def draw(fit: list[StaffMember]) -> list[StaffMember]:
            tickets.clear()
            tickets.update({m.id: rng.random() for m in sorted(fit, key=lambda m: m.id)})
            return sorted(fit, key=lambda m: (past[m.id] + won[m.id], tickets[m.id]))

        steps = Steps(ctx, len(drawn), 0.05, 0.85)
        winners: list[tuple[int, StaffMember, float]] = []
        unassigned: list[Unassigned] = []
        for n, shift in enumerate(drawn, start=1):
            outcome = assigner.assign(shift, draw)
            if isinstance(outcome, Unassigned):
                unassigned.append(outcome)
            else:
                assert shift.id is not None
                winners.append((shift.id, outcome, tickets[outcome.id]))
                won[outcome.id] += 1
            await steps.step(n, f"Drew {n:,} of {len(drawn):,} shifts")
        by_id = {s.id: s for s in drawn}
        ctx.add_file("lottery-draw.csv", csv_bytes(Table(
            "Lottery draw", ("Date", "Template", "Employee number", "Employee",
                             "Won before", "Ticket"),
            [(by_id[sid].date.isoformat(), snap.templates[by_id[sid].template_id or 0].code,
              m.number, m.name, past[m.id], round(ticket, 6)) for sid, m, ticket in winners],
        )), CSV_TYPE)
        await ctx.progress(0.9, f"Saving {len(winners):,} awards")
        result = JobResult(summary="")
        now = utcnow()
        async with ctx.transaction(result) as conn:
            await assign_shifts(conn, {sid: m.id for sid, m, _ in winners})
            await LotteryAward.bulk_create(
                [LotteryAward(employee_id=m.id, kind=params.kind.value, level_id=snap.level_id,
                              date=by_id[sid].date, template_id=by_id[sid].template_id,
                              job_id=ctx.job_id, seed=seed, awarded_at=now)
                 for sid, m, _ in winners],
                using_db=conn,
            )
            totals = [past[m.id] + won[m.id] for m in candidates]
            spread = f"{min(totals, default=0)}-{max(totals, default=0)}"
            result.summary = (
                f"Drew {len(drawn):,} {params.kind.value.lower()} shifts of level "
                f"{snap.level_name!r} with seed {seed}: {len(winners):,} went to "
                f"{len(won):,} employees"
                + (f", {len(unassigned):,} had nobody eligible" if unassigned else "")
                + f". {params.kind.value.capitalize()} shifts won per employee, all draws: "
                f"{spread}."
            )
            result.headline = f"{len(winners):,} of {len(drawn):,} shifts drawn"
            result.figures = [Figure("Shifts drawn", len(drawn)),
                              Figure("Shifts awarded", len(winners)),
                              Figure("Winners", len(won)), Figure("Seed", seed)]
            result.data = {
                "seed": seed, "kind": params.kind.value, "drawn": len(drawn),
                "assigned": len(winners), "unassigned": len(unassigned),
                "winners": [{"shiftId": sid, "employeeId": m.id, "employeeNumber": m.number}
                            for sid, m, _ in winners],
                "awardsPerEmployee": {"min": min(totals, default=0),
                                      "max": max(totals, default=0)},
            }
        return result
