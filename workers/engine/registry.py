"""The registry of job types: every installed package's, found through entry points.

A package brings job types by declaring them in the ``jobprocessor.job_types`` entry-point
group (JobProcessor's own WFM job types are declared the same way, in ``pyproject.toml``)::

    [project.entry-points."jobprocessor.job_types"]
    payroll_export = "acme_payroll.jobs:PayrollExport"

Each entry names a :class:`~workers.engine.jobtypes.JobType` subclass (or an instance).
They are loaded when a process starts its services (:meth:`JobTypeRegistry.load`), not
when the engine is imported, so importing the engine loads no job type's dependencies (the
optimiser's OR-Tools, say), and a process that runs or submits jobs pays the imports —
most of a second — before it takes its first one, not while that job waits (a worker's
event loop, blocked by them, would hold up every other job it runs). See
``docs/job-types.md``.

A package that brings its own Tortoise models lists their modules in the
``jobprocessor.models`` group; :func:`model_modules` collects them for the database set-up.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Mapping
from importlib.metadata import entry_points
from typing import Any

from workers.engine.errors import UnknownJobTypeError
from workers.engine.jobtypes import JobType

logger = logging.getLogger(__name__)

#: The entry-point group job types are declared in.
JOB_TYPES_GROUP = "jobprocessor.job_types"
#: The entry-point group of modules holding Tortoise models (values name modules).
MODELS_GROUP = "jobprocessor.models"
#: The engine's own models, always first.
ENGINE_MODEL_MODULES = ("workers.engine.models",)


class JobTypeLoadError(RuntimeError):
    """An entry point of ``jobprocessor.job_types`` does not name a usable job type."""


class JobTypeRegistry(Mapping[str, JobType[Any]]):
    """The job types by name, loaded from entry points on first use.

    Read it like a dict. Tests add types for a while with :meth:`registered`.
    """

    def __init__(self) -> None:
        self._types: dict[str, JobType[Any]] | None = None

    def _loaded(self) -> dict[str, JobType[Any]]:
        if self._types is None:
            self._types = _load_entry_points()
        return self._types

    def __getitem__(self, name: str) -> JobType[Any]:
        return self._loaded()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())

    @contextlib.contextmanager
    def registered(self, *job_types: JobType[Any]) -> Iterator[None]:
        """Add ``job_types`` until the block ends (a name already there is shadowed)."""
        types = self._loaded()
        saved = {t.name: types[t.name] for t in job_types if t.name in types}
        for job_type in job_types:
            types[job_type.name] = job_type
        try:
            yield
        finally:
            for job_type in job_types:
                types.pop(job_type.name, None)
            types.update(saved)

    def load(self) -> None:
        """Load every entry point now (once per process; later calls do nothing).

        Raises:
            JobTypeLoadError: an entry point does not name a usable job type.
        """
        self._loaded()

    def reload(self) -> None:
        """Forget what was loaded; the next read loads the entry points again."""
        self._types = None


def _load_entry_points() -> dict[str, JobType[Any]]:
    found: dict[str, JobType[Any]] = {}
    for point in sorted(entry_points(group=JOB_TYPES_GROUP), key=lambda p: p.name):
        try:
            target = point.load()
        except Exception as exc:
            raise JobTypeLoadError(
                f"job type entry point {point.name!r} ({point.value}) cannot be imported: {exc}"
            ) from exc
        job_type = target() if isinstance(target, type) else target
        if not isinstance(job_type, JobType):
            raise JobTypeLoadError(
                f"job type entry point {point.name!r} ({point.value}) is not a JobType"
            )
        if job_type.name in found:
            raise JobTypeLoadError(
                f"two entry points declare the job type {job_type.name!r}: "
                f"{type(found[job_type.name]).__module__} and {point.value}"
            )
        found[job_type.name] = job_type
    return found


#: Every job type, by name.
JOB_TYPES = JobTypeRegistry()


def get_job_type(name: str) -> JobType[Any]:
    """The job type called ``name``.

    Raises:
        UnknownJobTypeError: none is registered under that name.
    """
    try:
        return JOB_TYPES[name]
    except KeyError:
        raise UnknownJobTypeError(name) from None


def model_modules() -> list[str]:
    """Every module with Tortoise models: the engine's, each entry point's (in name order),
    and Aerich's own table."""
    modules = list(ENGINE_MODEL_MODULES)
    for point in sorted(entry_points(group=MODELS_GROUP), key=lambda p: p.name):
        if point.value not in modules:
            modules.append(point.value)
    return [*modules, "aerich.models"]
