"""Job types for other processes, declared the way an installed package declares them.

A worker or server subprocess of a test finds its test-only job types through the
``jobprocessor.job_types`` entry-point group, like any plug-in's. :func:`job_types_path`
writes the ``*.dist-info`` folder an installer would write (its ``METADATA`` and
``entry_points.txt``) into a folder for the subprocess's ``PYTHONPATH``; the modules it names
must be importable there too.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def job_types_path(folder: Path, entries: Mapping[str, str], *, name: str = "jp-test-jobs") -> Path:
    """Declare ``entries`` (``{"TEST_SLOW": "engine.testing_jobs:SlowJob"}``) in ``folder``.

    Returns ``folder``, to put on the subprocess's ``PYTHONPATH``.
    """
    dist = folder / f"{name.replace('-', '_')}-0.dist-info"
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0\n")
    lines = "".join(f"{key} = {value}\n" for key, value in entries.items())
    (dist / "entry_points.txt").write_text(f"[jobprocessor.job_types]\n{lines}")
    return folder
