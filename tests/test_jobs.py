"""--jobs: per-article work in spawned processes (cards.jobs) writes the deck of one process, byte for byte."""

import functools
import operator
import os
import time

from click.testing import CliRunner

from cards import jobs
from cards.build import BuildOptions, build_deck
from cards.cli import main
from cards.jobs import DICTIONARY, Workers
from test_cache import SECOND, SEED, deck, shortened


def pid_after(seconds: float) -> int:
    """A task that takes a while (a worker imports this module to run it)."""
    time.sleep(seconds)
    return os.getpid()


def test_workers_keep_the_order_and_share_the_work_with_other_processes():
    with Workers(2) as workers:
        assert workers.map(pow, [(k, 2) for k in range(60)]) == [k * k for k in range(60)]
        pids = workers.map(pid_after, [(0.05,)] * 60)  # 3 s of work: this process alone would not wait for a worker
    assert os.getpid() in pids and set(pids) - {os.getpid()}, "the work was not shared"


def test_few_tasks_run_here_and_each_process_loads_its_own_dictionary():
    load = functools.partial(str.upper, "dictionary")  # what a worker calls: picklable
    with Workers(2, load) as workers:
        assert workers.map(os.getpid, [()] * (jobs.MIN_TASKS - 1)) == [os.getpid()] * (jobs.MIN_TASKS - 1)
        tasks = [(DICTIONARY, str(k)) for k in range(40)]
        assert workers.map(operator.add, tasks) == [f"DICTIONARY{k}" for k in range(40)]
    with Workers(1, dictionary="here") as workers:
        assert workers.map(operator.add, [(DICTIONARY, "!")] * 30) == ["here!"] * 30


def test_a_build_in_two_processes_writes_the_bytes_of_a_build_in_one(tmp_path, monkeypatch):
    monkeypatch.setattr(jobs, "MIN_TASKS", 1)  # three articles: in processes all the same
    inputs = [SEED, SECOND, shortened(SECOND, tmp_path)]
    for n in (1, 2):
        build_deck(inputs, BuildOptions(out=tmp_path / f"{n}.apkg", stress=False, cache=False, jobs=n,
                                                  system_dictionaries=False), timestamp=1_700_000_000)
    assert deck(tmp_path / "1.apkg") == deck(tmp_path / "2.apkg")


def test_no_cache_neither_reads_nor_keeps_article_results(tmp_path, monkeypatch):
    monkeypatch.setenv("CARDS_CACHE_DIR", str(tmp_path / "cache"))
    args = ["build", str(SECOND), "--no-stress", "--jobs", "1"]
    result = CliRunner().invoke(main, [*args, "--no-cache", "--out", str(tmp_path / "a.apkg")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "cache" / "articles").exists()
    result = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "b.apkg")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "cache" / "articles").iterdir())  # the same build with the cache keeps them
    assert CliRunner().invoke(main, [*args[:-1], "0"]).exit_code == 2
