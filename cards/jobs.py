"""Per-article work in parallel processes (`cards build --jobs N`), with the results of one process.

What segmentation, the aligner's two passes, the pair check, morphology and word counterparts make of
an article depends on that article only (and on the build's dictionary). `Workers.map` runs one such
function over the articles: in `jobs` processes (this one and `jobs` - 1 spawned workers) when there
are at least MIN_TASKS of them, else here, one by one; the results come back in the articles' order
either way, so the deck is byte for byte the deck of `--jobs 1` (tests/test_jobs.py). A worker is a
fresh interpreter (spawn, on every platform): it has none of this process's state, and calls the
picklable functions `warm` (the build's: load the morphology) and `load` (the build's: load the
dictionary; DICTIONARY stands for what it returns in a task's arguments) as it starts. The first step with enough work starts the workers;
a step that costs little an article (`spread=False`: segmentation, the aligner's passes) is still done
here, while the workers load, so that the steps after it find them ready. As with any spawned process,
a script that builds with jobs > 1 keeps its own work under `if __name__ == "__main__":`; a worker that
dies ends the build with BrokenProcessPool, never a hang.
"""

from __future__ import annotations

import math
import os
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")

MIN_TASKS = 24  # fewer articles to work on: no processes (a worker costs seconds of CPU to start)
CHUNKS = 16  # chunks per process and call: small, so that neither process waits long for the other at the end
DICTIONARY = "<the build's dictionary>"  # in a task's arguments: the dictionary of the process that runs it


def default_jobs() -> int:
    """The number of cores this process may use (os.process_cpu_count on Python 3.13+, else os.cpu_count)."""
    count = getattr(os, "process_cpu_count", os.cpu_count)()
    return max(1, count or 1)


class Workers:
    """Runs a function over argument tuples, here or in up to `jobs` processes started on first need and
    ended with the `with` block. `dictionary` (or `load()`, called once when first needed) is what
    DICTIONARY stands for here; a worker calls `warm()` and `load()` itself as it starts."""

    def __init__(self, jobs: int = 1, load: Callable[[], object] | None = None, dictionary: object = None,
                 warm: Callable[[], object] | None = None) -> None:
        self.jobs, self.load, self.warm, self._dictionary, self._pool = max(1, jobs), load, warm, dictionary, None
        self._loaded = dictionary is not None or load is None

    @property
    def dictionary(self) -> object:
        if not self._loaded:
            self._dictionary, self._loaded = self.load(), True
        return self._dictionary

    def map(self, fn: Callable[..., T], tasks: Sequence[tuple], reading: Callable[[tuple], tuple] | None = None,
            spread: bool = True) -> list[T]:
        """[fn(*task) for task in tasks], DICTIONARY replaced by the dictionary of the process that runs it.
        With `reading`, each task is first tried here as `reading(task)` makes it (one whose cache only
        reads, cards.cache.Cache.reading): only those it leaves (NotKept) are worked out, and counted.

        In parallel, the tasks go in small chunks to `jobs` - 1 workers, which take them from the front,
        while this process takes them from the back (a chunk no worker has started): `jobs` processes work."""
        tasks = list(tasks)
        if reading is None:
            return self._work(fn, tasks, spread)
        from cards.cache import NotKept

        found: dict[int, T] = {}
        for k, task in enumerate(tasks):
            try:
                found[k] = self._here(fn, [reading(task)])[0]
            except NotKept:
                pass
        left = [k for k in range(len(tasks)) if k not in found]
        found.update(zip(left, self._work(fn, [tasks[k] for k in left], spread), strict=True))
        return [found[k] for k in range(len(tasks))]

    def _work(self, fn: Callable[..., T], tasks: list[tuple], spread: bool) -> list[T]:
        if self.jobs == 1 or len(tasks) < MIN_TASKS:
            return self._here(fn, tasks)
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(self.jobs - 1, multiprocessing.get_context("spawn"), _start,
                                             (self.warm, self.load))
            for _ in range(self.jobs - 1):
                self._pool.submit(int)  # start every worker now: they load while this process works
        if not spread:
            return self._here(fn, tasks)
        size = max(1, math.ceil(len(tasks) / (self.jobs * CHUNKS)))
        chunks = [tasks[x : x + size] for x in range(0, len(tasks), size)]
        futures = [self._pool.submit(_run, fn, chunk) for chunk in chunks]
        done: dict[int, list[T]] = {}
        for k in reversed(range(len(chunks))):
            if futures[k].cancel():
                done[k] = self._here(fn, chunks[k])
        return [result for k, future in enumerate(futures) for result in (done[k] if k in done else future.result())]

    def _here(self, fn: Callable[..., T], tasks: Sequence[tuple]) -> list[T]:
        return [fn(*_filled(task, self.dictionary if _wants(task) else None)) for task in tasks]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _is_dictionary(x: object) -> bool:
    return isinstance(x, str) and x == DICTIONARY


def _wants(task: tuple) -> bool:
    return any(_is_dictionary(x) for x in task)


def _filled(task: tuple, dictionary: object) -> tuple:
    return tuple(dictionary if _is_dictionary(x) else x for x in task)


_worker: dict[str, object] = {}  # in a worker: what its `load` function returned


def _start(warm: Callable[[], object] | None, load: Callable[[], object] | None) -> None:
    if warm is not None:
        warm()
    _worker["dictionary"] = load() if load is not None else None


def _run(fn: Callable[..., T], tasks: Sequence[tuple]) -> list[T]:
    return [fn(*_filled(task, _worker.get("dictionary"))) for task in tasks]
