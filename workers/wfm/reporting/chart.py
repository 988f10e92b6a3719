"""The staffing coverage chart: demand against planned staff per interval, as a PNG.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no global state), so it
is safe in a worker thread. Imported lazily: matplotlib takes a moment to load.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Series:
    """One activity's demand and planned staff at each interval start."""

    name: str
    color: str
    times: Sequence[datetime]
    demand: Sequence[int]
    planned: Sequence[int]


def coverage_png(title: str, series: Sequence[Series]) -> bytes:
    """One panel per activity: demand (line), planned (filled), understaffing in red."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    figure = Figure(figsize=(14, 2.6 * max(1, len(series)) + 0.8), dpi=100,
                    layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots(max(1, len(series)), 1, sharex=True, squeeze=False)[:, 0]
    for ax, s in zip(axes, series, strict=False):
        ax.fill_between(s.times, s.planned, step="post", color=s.color, alpha=0.35,
                        label="Planned")
        ax.step(s.times, s.demand, where="post", color="black", linewidth=0.9, label="Demand")
        under = [max(d, p) for d, p in zip(s.demand, s.planned, strict=True)]
        ax.fill_between(s.times, s.planned, under, step="post", color="#d62728", alpha=0.5,
                        linewidth=0, label="Understaffed")
        ax.set_ylabel(f"{s.name}\npeople")
        ax.grid(True, alpha=0.3)
        ax.legend(loc="upper right", fontsize="small", ncols=3)
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    figure.suptitle(title)
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
