"""What watches every job change this process publishes: metrics and the job log.

:func:`observe` is called with each change before it goes to the event bus
(:func:`workers.engine._transitions.publish`). It never raises: counting or logging a
change must not fail the change.
"""

from __future__ import annotations

import logging

from workers.engine import joblog, metrics
from workers.engine.records import JobRecord

logger = logging.getLogger(__name__)


def observe(kind: str, record: JobRecord) -> None:
    """Count and log one job change."""
    try:
        metrics.observe_change(kind, record)
        joblog.log_change(kind, record)
    except Exception:
        logger.warning("could not count or log a change of job %s", record.id, exc_info=True)
