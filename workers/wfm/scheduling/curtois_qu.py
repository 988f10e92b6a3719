"""The Curtois & Qu shift-scheduling benchmark's text format, read into a cover problem.

Format (University of Nottingham, "Shift scheduling benchmark instances", 24 instances):
sections ``SECTION_HORIZON`` (days, starting on a Monday), ``SECTION_SHIFTS`` (id, minutes,
shift types that may not follow it), ``SECTION_STAFF`` (id, most shifts per type, most
and fewest minutes, most and fewest shifts in a row, fewest days off in a row, most
weekends), ``SECTION_DAYS_OFF``, ``SECTION_SHIFT_ON_REQUESTS`` / ``..._OFF_REQUESTS``
(employee, day, shift, weight) and ``SECTION_COVER`` (day, shift, requirement, weight
under, weight over). Lines starting with ``#`` are comments.

The objective is the benchmark's: request weights not met plus cover weights; every
other rule is hard. The horizon's edges are open (:attr:`Problem.open_edges`): the
report's integer programme (constraints 6 and 7: ``d`` runs over ``1 … h - (s + 1)``)
holds a run of shifts or of days off to its minimum length only when a day of the
horizon lies on either side of it, so a short run at the start or the end is allowed.
"""

from __future__ import annotations

from collections import defaultdict

from workers.wfm.scheduling.cover_problem import CoverSpec, ShiftSpec, StaffSpec, cover_problem
from workers.wfm.scheduling.problem import Problem

#: Every section of the format; a section besides these is a rule the model would miss.
SECTIONS = frozenset({"SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF",
                      "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS",
                      "SECTION_COVER"})


class InstanceFormatError(ValueError):
    """The text is not a Curtois & Qu instance, or states something the model cannot hold."""


def parse_sections(text: str) -> dict[str, list[list[str]]]:
    sections: dict[str, list[list[str]]] = defaultdict(list)
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            current = line
            continue
        if current is None:
            raise InstanceFormatError(f"data before the first section: {line!r}")
        sections[current].append([part.strip() for part in line.split(",")])
    return sections


def read_instance(text: str) -> Problem:
    """The problem an instance's text states.

    Raises:
        InstanceFormatError: a section is missing or a line does not parse.
    """
    s = parse_sections(text)
    unknown = sorted(s.keys() - SECTIONS)
    if unknown:
        raise InstanceFormatError(f"sections this model does not read: {', '.join(unknown)}")
    try:
        days = int(s["SECTION_HORIZON"][0][0])
        shifts = [ShiftSpec(row[0], int(row[1]),
                            frozenset(x for x in (row[2] if len(row) > 2 else "").split("|")
                                      if x))
                  for row in s["SECTION_SHIFTS"]]
        off: dict[str, set[int]] = defaultdict(set)
        for row in s.get("SECTION_DAYS_OFF", []):
            off[row[0]].update(int(d) for d in row[1:] if d)
        on_requests: dict[str, list[tuple[int, str | None, int]]] = defaultdict(list)
        off_requests: dict[str, list[tuple[int, str | None, int]]] = defaultdict(list)
        for section, target in (("SECTION_SHIFT_ON_REQUESTS", on_requests),
                                ("SECTION_SHIFT_OFF_REQUESTS", off_requests)):
            for who, day, shift, weight in s.get(section, []):
                target[who].append((int(day), shift, int(weight)))
        staff = []
        for row in s["SECTION_STAFF"]:
            name, most, max_min, min_min, max_seq, min_seq, min_off, weekends = row[:8]
            per_shift = {}
            for item in most.split("|"):
                if item:
                    code, count = item.split("=")
                    per_shift[code] = int(count)
            staff.append(StaffSpec(
                name=name, max_per_shift=per_shift, max_total_minutes=int(max_min),
                min_total_minutes=int(min_min), max_consecutive_work=int(max_seq),
                min_consecutive_work=int(min_seq), min_consecutive_off=int(min_off),
                max_weekends=int(weekends), days_off=frozenset(off.get(name, ())),
                on_requests=tuple(on_requests.get(name, ())),
                off_requests=tuple(off_requests.get(name, ()))))
        cover = [CoverSpec(int(d), shift, int(need), int(under), int(over))
                 for d, shift, need, under, over in s["SECTION_COVER"]]
    except (KeyError, IndexError, ValueError) as e:
        raise InstanceFormatError(f"not a Curtois & Qu instance: {e}") from e
    return cover_problem(days, shifts, staff, cover, open_edges=True)
