"""What happens within a shift: activity segments, and the shape shift templates give them.

A segment is ``(activity id or None, start, end)`` in minutes after midnight; ``None`` is a
break. Stored in ``Shift.segments`` as ``{"activity": …, "start": …, "end": …}`` dicts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from workers.wfm.planning import INTERVAL_MINUTES


@dataclass(frozen=True)
class Segment:
    """Part of a shift: an activity (or a break, ``activity_id is None``) from start to end."""

    activity_id: int | None
    start: int
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def is_work(self) -> bool:
        return self.activity_id is not None

    def intervals(self) -> range:
        """The 15-minute intervals of the day this segment covers."""
        return range(self.start // INTERVAL_MINUTES, -(-self.end // INTERVAL_MINUTES))


def dump_segments(segments: Iterable[Segment]) -> list[dict[str, Any]]:
    """The stored form of segments."""
    return [{"activity": s.activity_id, "start": s.start, "end": s.end} for s in segments]


def parse_segments(raw: Iterable[dict[str, Any]]) -> tuple[Segment, ...]:
    """Segments from their stored form."""
    return tuple(Segment(item.get("activity"), int(item["start"]), int(item["end"]))
                 for item in raw)


def work_minutes(segments: Iterable[Segment]) -> int:
    """Paid time: the minutes of every segment that is not a break."""
    return sum(s.minutes for s in segments if s.is_work)


def main_activity(segments: Iterable[Segment]) -> int | None:
    """The activity with the most minutes (``None`` for a shift that is all break)."""
    totals: dict[int, int] = {}
    for s in segments:
        if s.activity_id is not None:
            totals[s.activity_id] = totals.get(s.activity_id, 0) + s.minutes
    return max(totals, key=lambda a: (totals[a], -a)) if totals else None


class TemplateLike(Protocol):
    start_minute: int
    end_minute: int
    break_start_minute: int | None
    break_minutes: int


@dataclass(frozen=True)
class TemplateShape:
    """A shift template's times, detached from the database row."""

    id: int
    code: str
    start: int
    end: int
    break_start: int | None
    break_minutes: int

    @classmethod
    def of(cls, template: TemplateLike) -> TemplateShape:
        return cls(
            id=getattr(template, "id", 0),
            code=getattr(template, "code", ""),
            start=template.start_minute,
            end=template.end_minute,
            break_start=template.break_start_minute,
            break_minutes=template.break_minutes,
        )

    @property
    def work_minutes(self) -> int:
        return self.end - self.start - self.break_minutes

    def segments(self, activity_id: int) -> list[Segment]:
        """The template's segments, all work given to ``activity_id``, the break kept."""
        if self.break_start is None or not self.break_minutes:
            return [Segment(activity_id, self.start, self.end)]
        break_end = self.break_start + self.break_minutes
        return [
            Segment(activity_id, self.start, self.break_start),
            Segment(None, self.break_start, break_end),
            Segment(activity_id, break_end, self.end),
        ]

    def work_intervals(self) -> list[int]:
        """The 15-minute intervals in which someone on this template works."""
        return [i for s in self.segments(0) if s.is_work for i in s.intervals()]
