"""Word frequencies: the compact tables give wordfreq's own figures, are built once per wordfreq
version (atomically, in the cache folder), and a table that is not the installed wordfreq's is never read."""

import sqlite3
import subprocess
import sys
from importlib.metadata import version

import pytest
import wordfreq

from cards.lexicon import frequency, tables
from conftest import ROOT


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """A cache folder of this test's own, and no table opened (nor look-up remembered) before it."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CARDS_CACHE_DIR", str(folder))
    tables._connections.clear()
    frequency.frequency.cache_clear()
    yield folder
    tables._connections.clear()
    frequency.frequency.cache_clear()


def new_process() -> None:
    """What a new process starts without: open tables and remembered look-ups."""
    tables._connections.clear()
    frequency.frequency.cache_clear()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_word_has_wordfreqs_own_frequency(lang):
    table = wordfreq.get_frequency_dict(lang)
    assert len(table) > 300_000
    assert [w for w, f in list(table.items())[::37] if frequency.frequency(w, lang) != f] == []
    rows = frequency._table(lang).execute("SELECT word, cb FROM words")  # and every word, read at once
    assert {word: 10 ** (-cb / 100) for word, cb in rows} == table
    for word in ("", "zzqqzzq", "Санкции", "USA", "2020"):  # unlisted (wordfreq's lists are lower case): 0.0
        assert frequency.frequency(word, lang) == table.get(word, 0.0)


def test_top_words_are_top_n_list():
    assert frequency.top("en", 100_000) == wordfreq.top_n_list("en", 100_000)  # numbers ("00") left out
    assert frequency.top("ru", 100_000) == wordfreq.top_n_list("ru", 100_000)
    assert frequency.top("en", 0) == []


def test_the_table_is_built_once_atomically_and_read_back(private_cache, monkeypatch):
    assert frequency.frequency("sanctions", "en") == wordfreq.get_frequency_dict("en")["sanctions"]
    path = frequency.table_path("en")
    assert path.parent == private_cache and f"-{version('wordfreq')}-" in path.name
    assert [p.name for p in private_cache.iterdir()] == [path.name]  # no temporary file left behind
    tables._connections.clear()
    monkeypatch.setattr(wordfreq, "get_frequency_list", lambda *a: pytest.fail("the table was built again"))
    assert frequency.frequency("sanctions", "en") == wordfreq.get_frequency_dict("en")["sanctions"]


def test_a_table_of_another_wordfreq_or_a_damaged_one_is_never_read(private_cache):
    expected = wordfreq.get_frequency_dict("en")["treaty"]
    frequency.frequency("treaty", "en")
    path = frequency.table_path("en")
    new_process()
    db = sqlite3.connect(path)
    with db:
        db.execute("UPDATE meta SET value = '0.1' WHERE key = 'wordfreq'")
        db.execute("UPDATE words SET cb = 0 WHERE word = 'treaty'")
    db.close()
    assert frequency.frequency("treaty", "en") == expected  # rebuilt: the wrong figure is gone
    new_process()
    path.write_bytes(b"not a database")
    assert frequency.frequency("treaty", "en") == expected
    other = private_cache / "wordfreq-en-0.1-1.sqlite"  # left by another wordfreq: removed by the next build
    other.write_bytes(b"")
    path.unlink()
    new_process()
    assert frequency.frequency("treaty", "en") == expected
    assert sorted(p.name for p in private_cache.iterdir()) == [path.name]


def test_a_cache_folder_that_cannot_be_written_gets_the_table_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("CARDS_CACHE_DIR", str(blocker / "cache"))  # a folder under a file: mkdir fails
    tables._connections.clear()
    try:
        assert frequency.frequency("санкции", "ru") == wordfreq.get_frequency_dict("ru")["санкции"]
    finally:
        tables._connections.clear()
    assert blocker.read_text() == ""


def test_once_built_a_process_reads_frequencies_without_loading_wordfreq(tmp_path):
    code = ("import sys; from cards.lexicon.analyser import lemma_zipf, zipf; from cards.deck.select import english_zipf;"
            "print(lemma_zipf('санкция', 'noun'), zipf('санкции'), english_zipf('Sanctions'), 'wordfreq' in sys.modules)")
    env = {"PATH": "/usr/bin:/bin", "CARDS_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
            for _ in range(2)]
    figures = ["4.88", str(wordfreq.zipf_frequency("санкции", "ru")), str(wordfreq.zipf_frequency("sanctions", "en"))]
    assert runs[0].stdout.split() == [*figures, "True"]  # the first builds the tables from wordfreq
    assert runs[1].stdout.split() == [*figures, "False"]
