"""A roster checked against a Curtois & Qu instance's text, independently of the model.

:func:`check` reads the instance's sections itself and applies the benchmark's
definitions (Curtois & Qu 2014, section 2 and its integer programme) to a roster given as
shift codes, so a mistake in the loader (:mod:`workers.wfm.scheduling.curtois_qu`) or in
the model's rules shows up as a difference between the two readings rather than as a
result that looks good. Its conventions, stated once:

* a run of shifts or of days off is held to its minimum length only with a day of the
  horizon on either side of it (the programme's constraints 6 and 7);
* a weekend (days ``7k + 5`` and ``7k + 6``, the horizon starting on a Monday) is worked
  when either day is;
* every rule but the requests and the cover is hard; the objective is the weights of the
  requests not granted plus the cover's weights per person missing and too many.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from workers.wfm.scheduling.curtois_qu import parse_sections

#: One employee's roster: day index → shift code.
Roster = dict[int, str]


@dataclass(frozen=True)
class Checked:
    objective: int
    #: One line per hard rule broken (employee, rule, where).
    broken: list[str]


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """``(start, length)`` of each run of True."""
    runs, start = [], None
    for d, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = d
        elif not flag and start is not None:
            runs.append((start, d - start))
            start = None
    return runs


def check(text: str, rosters: list[Roster]) -> Checked:
    """The objective and the hard rules broken by ``rosters`` (in ``SECTION_STAFF`` order)."""
    s = parse_sections(text)
    h = int(s["SECTION_HORIZON"][0][0])
    minutes = {row[0]: int(row[1]) for row in s["SECTION_SHIFTS"]}
    cannot_follow = {row[0]: set(filter(None, row[2].split("|"))) if len(row) > 2 else set()
                     for row in s["SECTION_SHIFTS"]}
    days_off = {row[0]: {int(d) for d in row[1:] if d} for row in s.get("SECTION_DAYS_OFF", [])}
    staff = s["SECTION_STAFF"]
    if len(staff) != len(rosters):
        raise ValueError(f"{len(rosters)} rosters for {len(staff)} employees")
    names = [row[0] for row in staff]
    by_name = dict(zip(names, rosters, strict=True))
    broken: list[str] = []
    for row, roster in zip(staff, rosters, strict=True):
        name = row[0]
        most = {code: int(k) for code, k in (item.split("=") for item in row[1].split("|") if item)}
        max_min, min_min, max_seq, min_seq, min_off, max_weekends = map(int, row[2:8])
        if any(not 0 <= d < h or code not in minutes for d, code in roster.items()):
            broken.append(f"{name}: a shift outside the horizon or of no known type")
        counts = Counter(roster.values())
        for code, count in counts.items():
            if count > most.get(code, h):
                broken.append(f"{name}: {count} {code} shifts, at most {most.get(code)}")
        total = sum(minutes[c] for c in roster.values() if c in minutes)
        if not min_min <= total <= max_min:
            broken.append(f"{name}: {total} minutes, not within {min_min}-{max_min}")
        working = [d in roster for d in range(h)]
        for start, length in _runs(working):
            if length > max_seq:
                broken.append(f"{name}: {length} shifts in a row from day {start}")
            if length < min_seq and start > 0 and start + length < h:
                broken.append(f"{name}: only {length} shifts in a row from day {start}")
        for start, length in _runs([not w for w in working]):
            if length < min_off and start > 0 and start + length < h:
                broken.append(f"{name}: only {length} days off in a row from day {start}")
        weekends = sum(1 for k in range(-(-h // 7))
                       if any(d < h and working[d] for d in (7 * k + 5, 7 * k + 6)))
        if weekends > max_weekends:
            broken.append(f"{name}: {weekends} weekends, at most {max_weekends}")
        for d in sorted(days_off.get(name, set()) & set(roster)):
            broken.append(f"{name}: works on day {d}, a day off")
        for d, code in roster.items():
            after = roster.get(d + 1)
            if after is not None and after in cannot_follow.get(code, set()):
                broken.append(f"{name}: {after} after {code} on day {d + 1}")
    objective = 0
    for who, day, code, weight in s.get("SECTION_SHIFT_ON_REQUESTS", []):
        if by_name[who].get(int(day)) != code:
            objective += int(weight)
    for who, day, code, weight in s.get("SECTION_SHIFT_OFF_REQUESTS", []):
        if by_name[who].get(int(day)) == code:
            objective += int(weight)
    assigned = Counter((d, code) for roster in rosters for d, code in roster.items())
    for day, code, need, under, over in s["SECTION_COVER"]:
        have = assigned[(int(day), code)]
        objective += int(under) * max(0, int(need) - have) + int(over) * max(0, have - int(need))
    return Checked(objective, broken)
