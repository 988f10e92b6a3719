"""The optimisation problem as plain, picklable data: who may work what, what is needed, the rules.

A :class:`Problem` is what the search (:mod:`~workers.wfm.scheduling.search`) works on.
It comes from a schedule level (:func:`workers.wfm.scheduling.level_problem.level_problem`)
or from a benchmark instance (:mod:`bench.curtois_qu`), and it knows nothing of the database.

* Each **option** is one way to work one day: a shift type for an activity. It covers
  *slots* of that day's demand of that activity (15-minute intervals for a level, or one
  slot per shift type for a benchmark).
* Each **worker** has, per free day, the options they may take (skills, availability and
  rest next to shifts that stay are already applied), the days whose shift is kept, their
  current assignment and their :class:`Rules`.
* **Rows** are the demand still open once the kept shifts count: slots of one day and
  activity covered by the same shift types and needing the same number of people are one
  row with a multiplicity.

The objective, in whole *units*: ``under_weight`` per slot and person missing plus
``over_weight`` per slot and person too many, plus the soft rules' penalties. A level's
slots are quarter hours, so its score in staff-hours is ``units / units_per_point`` with
``units_per_point = 4``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum


class RuleKind(StrEnum):
    """A rule a roster must keep; the value is what people read."""

    WEEK_MAX_MINUTES = "most hours a week"
    WEEK_MIN_MINUTES = "fewest hours a week"
    TOTAL_MAX_MINUTES = "most hours in the period"
    TOTAL_MIN_MINUTES = "fewest hours in the period (contract hours)"
    MAX_CONSECUTIVE_WORK = "most working days in a row"
    MIN_CONSECUTIVE_WORK = "fewest working days in a row"
    MAX_CONSECUTIVE_OFF = "most days off in a row"
    MIN_CONSECUTIVE_OFF = "fewest days off in a row"
    MAX_WEEKENDS = "most weekends worked"
    MAX_PER_SHIFT = "most shifts of one shift type"
    SUCCESSION = "shift types that may not follow each other (rest time)"
    REQUESTS = "shift on/off requests"


#: A rule's penalty per unit when soft (hours for the minute rules, days for the
#: consecutive rules, weekends, shifts, successions), ``None`` when hard.
Modes = dict[RuleKind, int | None]

#: Hard by default, except the requests (they are wishes with weights).
DEFAULT_MODES: Modes = {kind: None for kind in RuleKind} | {RuleKind.REQUESTS: 1}


@dataclass(frozen=True)
class ShiftType:
    """A shift template: its times, its paid minutes and the slots it covers."""

    id: int
    code: str
    start: int
    end: int
    minutes: int
    slots: tuple[int, ...]


@dataclass(frozen=True)
class Option:
    """Working ``shift`` on ``day`` for ``activity``."""

    day: int
    shift: int
    activity: int
    minutes: int
    #: ``over_weight`` summed over the slots it covers (the cost of being there at all).
    linear: int
    #: Rows of open demand it covers.
    rows: tuple[int, ...]


@dataclass(frozen=True)
class Row:
    """Open demand: ``multiplicity`` slots each needing ``residual`` more people."""

    residual: int
    multiplicity: int
    #: Cost per person missing in one slot: under weight + over weight.
    weight: int
    day: int
    activity: int


@dataclass(frozen=True)
class Kept:
    """A shift that stays (locked, not from a template, or outside the days re-planned)."""

    minutes: int
    start: int
    end: int
    shift: int | None


@dataclass(frozen=True)
class Request:
    """A wish to work (``on``) or not to work ``shift`` (any shift when None) on ``day``."""

    day: int
    shift: int | None
    on: bool
    weight: int


@dataclass(frozen=True)
class Rules:
    """One worker's limits; None is no limit."""

    max_week_minutes: int | None = None
    min_week_minutes: int | None = None
    max_total_minutes: int | None = None
    min_total_minutes: int | None = None
    max_consecutive_work: int | None = None
    min_consecutive_work: int | None = None
    max_consecutive_off: int | None = None
    min_consecutive_off: int | None = None
    max_weekends: int | None = None
    #: Shift type index → most shifts of it.
    max_per_shift: tuple[tuple[int, int], ...] = ()
    #: ``(today, tomorrow)`` shift type indices that may not follow each other.
    forbidden: frozenset[tuple[int, int]] = frozenset()
    #: Least minutes from one shift's end to the next one's start (applied to kept shifts).
    min_rest: int = 0
    requests: tuple[Request, ...] = ()


@dataclass
class Worker:
    id: int
    name: str
    team: str
    #: Free day → the options (indices into ``Problem.options``) they may take.
    options: dict[int, tuple[int, ...]]
    #: Days (also before and after the range: negative or ≥ ``days``) with a kept shift.
    kept: dict[int, Kept]
    #: Their current assignment on free days: day → option index.
    current: dict[int, int]
    rules: Rules


@dataclass
class Problem:
    dates: list[date]
    shift_types: list[ShiftType]
    options: list[Option]
    rows: list[Row]
    workers: list[Worker]
    modes: Modes = field(default_factory=lambda: dict(DEFAULT_MODES))
    #: Units per point of score (4 for quarter-hour slots: a score in staff-hours).
    units_per_point: int = 1
    #: Objective units that no choice changes (kept shifts against demand).
    constant: int = 0
    #: People-slots demanded in all, and those the kept shifts already cover.
    demand_slots: int = 0
    kept_covered_slots: int = 0
    #: The days outside the range are unknown rather than off (a benchmark's horizon): a
    #: run of working days or of days off that touches an edge may go on beyond it, so the
    #: minimum lengths bind only the runs inside the range.
    open_edges: bool = False

    @property
    def days(self) -> int:
        return len(self.dates)

    def weekends(self) -> list[list[int]]:
        """Day indices of each weekend (Saturday and Sunday) in the range."""
        by_week: dict[date, list[int]] = defaultdict(list)
        for index, day in enumerate(self.dates):
            if day.weekday() >= 5:
                by_week[day - timedelta(days=day.weekday())].append(index)
        return [by_week[k] for k in sorted(by_week)]

    def weeks(self) -> dict[int, list[int]]:
        """Day indices (range and context) grouped by their week: index of its Monday."""
        first = self.dates[0]
        offset = first.weekday()
        weeks: dict[int, list[int]] = defaultdict(list)
        for d in range(-7 - offset, self.days + 7):
            weeks[(d + offset) // 7].append(d)
        return weeks

    def week_of(self, day: int) -> int:
        return (day + self.dates[0].weekday()) // 7

    def judged_run(self, start: int, length: int) -> bool:
        """Whether a run of ``length`` days from ``start`` is held to a minimum length.

        It must touch the range; with :attr:`open_edges` it must also lie inside it, with a
        day of the range on either side.
        """
        if self.open_edges:
            return start >= 1 and start + length <= self.days - 1
        return start + length > 0 and start < self.days

    def mode(self, kind: RuleKind) -> int | None:
        return self.modes.get(kind)

    def soft_units(self, kind: RuleKind) -> int:
        """Objective units per unit of a soft rule's violation."""
        weight = self.modes.get(kind)
        return 0 if weight is None else weight * self.units_per_point


class RowsBuilder:
    """Collects demand per day, activity and slot, then aggregates it into rows."""

    def __init__(self) -> None:
        #: (day, activity) → per slot: (need, under weight, over weight)
        self.cover: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        #: (day, activity) → per slot: people the kept shifts give
        self.kept: dict[tuple[int, int], list[int]] = {}

    def demand(self, day: int, activity: int, needs: list[tuple[int, int, int]]) -> None:
        self.cover[(day, activity)] = needs

    def keep(self, day: int, activity: int, slots: tuple[int, ...], width: int) -> None:
        curve = self.kept.setdefault((day, activity), [0] * width)
        for s in slots:
            curve[s] += 1

    def build(self, shift_types: list[ShiftType], option_keys: list[tuple[int, int, int]],
              default_weights: dict[int, tuple[int, int]]
              ) -> tuple[list[Option], list[Row], int, int, int]:
        """Options for ``(day, shift, activity)`` keys, the rows, and the constants.

        Returns ``(options, rows, constant, demand slots, slots the kept shifts cover)``.
        """
        by_day_activity: dict[tuple[int, int], list[int]] = defaultdict(list)
        for index, (day, _shift, activity) in enumerate(option_keys):
            by_day_activity[(day, activity)].append(index)
        rows: list[Row] = []
        option_rows: dict[int, list[int]] = defaultdict(list)
        option_linear: dict[int, int] = defaultdict(int)
        constant = demand_slots = kept_covered = 0
        for key in self.cover.keys() | self.kept.keys() | by_day_activity.keys():
            day, activity = key
            under_w, over_w = default_weights.get(activity, (3, 1))
            width = max((len(self.cover.get(key, ())), len(self.kept.get(key, ())),
                         max((max(t.slots, default=-1) + 1 for t in shift_types), default=0)))
            needs = self.cover.get(key) or [(0, under_w, over_w)] * width
            needs = needs + [(0, under_w, over_w)] * (width - len(needs))
            kept = self.kept.get(key, [0] * width)
            kept = kept + [0] * (width - len(kept))
            indices = by_day_activity.get(key, [])
            covering = [frozenset(i for i in indices
                                  if s in shift_types[option_keys[i][1]].slots)
                        for s in range(width)]
            for i in indices:
                option_linear[i] += sum(needs[s][2] for s in shift_types[option_keys[i][1]].slots)
            groups: dict[tuple[frozenset[int], int, int], int] = defaultdict(int)
            for s in range(width):
                need, uw, ow = needs[s]
                residual = need - kept[s]
                demand_slots += need
                kept_covered += min(need, kept[s])
                constant -= ow * residual
                if residual <= 0:
                    continue
                if not covering[s]:
                    constant += (uw + ow) * residual
                    continue
                groups[(covering[s], residual, uw + ow)] += 1
            for (covers, residual, weight), multiplicity in groups.items():
                row = len(rows)
                rows.append(Row(residual, multiplicity, weight * multiplicity, day, activity))
                for i in covers:
                    option_rows[i].append(row)
        options = [
            Option(day, shift, activity, shift_types[shift].minutes, option_linear[i],
                   tuple(option_rows[i]))
            for i, (day, shift, activity) in enumerate(option_keys)
        ]
        return options, rows, constant, demand_slots, kept_covered
