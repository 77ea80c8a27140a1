"""Run the checks side by side, one process per core, as lychee runs its threads.

The checks are pure Python, so threads would take turns; processes forked
after the project is loaded share its pages and data without copying them
(the cyclic GC is frozen first, so that it does not touch, and so copy,
every inherited object). Each part returns its diagnostics, and the caller
sorts them, so the output is the same as that of a serial run.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from explainer.checks import Check
from explainer.model.diagnostics import Diagnostic

_WORK: tuple = ()   # (project, parts), inherited by the forked workers


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:   # not on Linux
        return os.cpu_count() or 1


def run(project, parts: list[Check], jobs: int) -> list[Diagnostic]:
    """Every part's diagnostics; ``parts`` should come heaviest first, since workers take them in order."""
    jobs = min(jobs, len(parts))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [diagnostic for part in parts for diagnostic in part(project)]
    global _WORK
    _WORK = (project, parts)
    gc.freeze()
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(_run_part, range(len(parts))))
    finally:
        _WORK = ()
        gc.unfreeze()
    return [diagnostic for result in results for diagnostic in result]


def _run_part(index: int) -> list[Diagnostic]:
    project, parts = _WORK
    return list(parts[index](project))
