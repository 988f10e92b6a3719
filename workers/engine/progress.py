"""Progress in steps: report at most once per percent, at least once a second."""

from __future__ import annotations

import asyncio

from workers.engine.jobtypes import JobContext

#: Longest time between two reports while steps keep coming.
MAX_SILENCE_SECONDS = 0.5


class Steps:
    """Reports progress of ``total`` steps mapped onto ``[low, high]`` of the job's progress.

    :meth:`step` checks for cancellation every time and stores progress when it moved by a
    percent or half a second passed, so a job with thousands of small steps writes a
    hundred progress rows, not thousands.
    """

    def __init__(self, ctx: JobContext, total: int, low: float, high: float) -> None:
        self.ctx = ctx
        self.total = max(1, total)
        self.low = low
        self.high = high
        self._loop = asyncio.get_running_loop()
        self._last_time = -1.0
        self._last_fraction = -1.0

    def fraction(self, done: int) -> float:
        return self.low + (self.high - self.low) * min(done, self.total) / self.total

    async def step(self, done: int, message: str) -> None:
        fraction = self.fraction(done)
        now = self._loop.time()
        if fraction - self._last_fraction >= 0.01 or now - self._last_time >= MAX_SILENCE_SECONDS:
            self._last_fraction, self._last_time = fraction, now
            await self.ctx.progress(fraction, message)
        else:
            await self.ctx.checkpoint()
