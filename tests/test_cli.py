"""The whole path through the command line, checked in a real Anki collection."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from anki_client import import_apkg
from cards.cli import main
from cards.deck.export import card_key
from conftest import DATA, ROOT

SEED = ROOT / "seeds" / "minsk-washington"


def run(*args, **kw):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kw)


@pytest.fixture(scope="module")
def seed_deck(tmp_path_factory):
    out = tmp_path_factory.mktemp("deck") / "seed.apkg"
    result = run("build", SEED, "--out", out)
    assert result.exit_code == 0, result.output
    return out, result


@pytest.fixture(scope="module")
def seed_rows():
    result = run("inspect", SEED, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_build_seed_imports_into_anki_with_highlighted_targets(seed_deck, seed_rows, collection):
    out, result = seed_deck
    chosen = [r for r in seed_rows if r["chosen"]]
    assert 10 <= len(chosen) <= 70  # at most one card per text pair of the seed
    assert f"{len(chosen)} notes ({len(chosen)} sentence) = {len(chosen)} Anki cards" in result.stderr

    counts = import_apkg(collection, out)
    assert (counts.new, counts.conflicting) == (len(chosen), 0)
    assert collection.note_count() == len(chosen) and collection.card_count() == len(chosen)
    assert collection.decks.id_for_name("Political Russian::Minsk and Washington on the Path to a Grand Deal")

    first = min(chosen, key=lambda r: r["order"])
    target = first["targets"][0]
    nids = collection.find_notes(f"Key:{card_key(first['ru'])}")
    assert len(nids) == 1
    card = collection.get_note(nids[0]).cards()[0]
    # Stress marks (U+0301) and restored ё are there when the optional stress extra is installed.
    plain = lambda text: text.replace("\u0301", "").replace("ё", "е")  # noqa: E731
    assert plain(f'<span class="target">{target["ru"]}</span>') in plain(card.question())
    assert plain(target["lemma"]) in plain(card.answer())
    assert "source::minsk-washington" in collection.get_note(nids[0]).tags

    again = import_apkg(collection, out)
    assert (again.new, again.updated, again.conflicting) == (0, 0, 0)
    assert collection.note_count() == len(chosen)


def test_inspect_reports_every_pair_with_its_rule(seed_rows):
    assert len(seed_rows) == 81  # one row per bead of the seed alignment
    headings = [r for r in seed_rows if r["kind"] != "text"]
    assert {r["rule"] for r in headings} == {"heading_or_byline"}
    assert all(not r["chosen"] for r in headings)
    for row in seed_rows:
        assert set(row) >= {"ru", "en", "chosen", "rule", "targets"}
        for t in row["targets"]:
            assert t["ru"] in row["ru"] and (t["en"] is None or t["en"] in row["en"])
    taught = [t["lemma"] for r in seed_rows for t in r["targets"]]
    assert len(taught) == len(set(taught))


def test_dry_run_prints_cards_and_writes_nothing(tmp_path):
    out = tmp_path / "deck.apkg"
    result = run("build", SEED, "--out", out, "--dry-run", "--max-cards", "5")
    assert result.exit_code == 0
    assert not out.exists()
    numbered = [line for line in result.stdout.splitlines() if line[:4].strip().rstrip(".").isdigit()]
    assert len(numbered) == 5
    assert "dry run: 5 sentence notes" in result.stderr


def test_align_presegmented_reproduces_every_gold_link():
    gold = json.loads((DATA / "seed-gold" / "seed.jsonl").read_text(encoding="utf-8"))
    result = run("align", "--presegmented", DATA / "seed-gold" / "ru.txt", DATA / "seed-gold" / "en.txt")
    assert result.exit_code == 0
    beads = [json.loads(line) for line in result.stdout.splitlines()]
    assert [[b["ru"], b["en"]] for b in beads] == gold["links"]
    assert all(0.0 <= b["score"] <= 1.0 for b in beads)
    assert beads[62]["ru_text"] == " ".join(gold["ru"][i] for i in (62, 63))
    assert beads[62]["en_text"] == gold["en"][62]


@pytest.mark.parametrize("preset", [None, "4"])
def test_align_asks_openblas_for_one_thread_unless_told_otherwise(preset):
    import os

    code = ("import os, sys; from cards.cli import main; main(sys.argv[1:], standalone_mode=False); "
            "print(os.environ['OPENBLAS_NUM_THREADS'], 'numpy' in sys.modules, file=sys.stderr)")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"} | ({"OPENBLAS_NUM_THREADS": preset} if preset else {})
    out = subprocess.run([sys.executable, "-c", code, "align", "--presegmented", DATA / "seed-gold" / "ru.txt",
                          DATA / "seed-gold" / "en.txt"], capture_output=True, text=True, env=env, check=True)
    assert out.stderr.split() == [preset or "1", "True"]


def test_align_raw_seed_files_finds_the_two_merges():
    result = run("align", SEED / "ru.txt", SEED / "en.txt", "--format", "tsv")
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert len(rows) == 81
    assert [r[:2] for r in rows if "," in r[0] or "," in r[1]] == [["62,63", "62"], ["70,71", "69"]]


def test_segment_prints_one_segment_per_line():
    result = run("segment", SEED / "en.txt", "--lang", "en")
    gold = (DATA / "seed-gold" / "en.txt").read_text(encoding="utf-8").splitlines()
    assert result.stdout.splitlines() == gold


@pytest.mark.parametrize(
    "args, message",
    [
        (["build", "no/such/folder"], "no/such/folder: no such file or folder"),
        (["segment", "missing.txt", "--lang", "ru"], "missing.txt"),
        (["align", "missing-ru.txt", "missing-en.txt"], "missing-ru.txt"),
    ],
)
def test_bad_paths_give_one_line_and_status_1(args, message, tmp_path):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith("Error: ")
    assert "Traceback" not in result.output


def test_unreadable_and_swapped_files(tmp_path):
    ru, en = tmp_path / "ru.txt", tmp_path / "en.txt"
    shutil.copy(SEED / "en.txt", ru)
    shutil.copy(SEED / "ru.txt", en)
    result = CliRunner().invoke(main, ["build", str(ru), str(en), "--out", str(tmp_path / "x.apkg")])
    assert result.exit_code == 1 and "swap" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    (tmp_path / "ru.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = CliRunner().invoke(main, ["segment", str(ru), "--lang", "ru"])
    assert result.exit_code == 1 and str(ru) in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_console_entry_points(tmp_path):
    help_text = subprocess.run([sys.executable, "-m", "cards", "--help"], capture_output=True, text=True, check=True)
    for command in ("build", "align", "segment", "inspect"):
        assert command in help_text.stdout
    if shutil.which("cards"):
        result = subprocess.run(["cards", "build", "nowhere"], capture_output=True, text=True, cwd=tmp_path)
        assert result.returncode == 1 and result.stderr.startswith("Error: nowhere: no such file or folder")


def test_collocations_show_as_phrases_and_notes_carry_the_topic(seed_deck):
    import sqlite3
    import zipfile

    out, _ = seed_deck
    with zipfile.ZipFile(out) as package:
        db = out.with_suffix(".anki2")
        db.write_bytes(package.read("collection.anki2"))
    rows = sqlite3.connect(db).execute("select flds, tags from notes").fetchall()
    assert all(set(tags.split()) == {"source::minsk-washington", "topic::politics"} for _, tags in rows)
    phrases = {p for fields, _ in rows for p in re.findall(r'<span class="unit">([^<]*)</span>', fields)}
    assert {"санкционные ограничения", "политические заключенные"} <= {p.replace("\u0301", "").replace("ё", "е") for p in phrases}
    assert not any(p.startswith(("Белорусск", "белорусск", "американск")) for p in phrases)


def test_readme_library_example_runs(tmp_path, monkeypatch):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "decks" / "mw.apkg").stat().st_size > 10_000


def test_sentence_length_bounds(tmp_path):
    from cards.build import BuildOptions, choose_cards, find_pairs, prepare_articles
    from cards.lexicon.morph import analyse

    options = BuildOptions(min_words=10, max_words=20).select_options()
    decisions, cards = choose_cards(prepare_articles(find_pairs([SEED])), options=options)
    assert cards and all(10 <= len(analyse(c.pair.ru)) <= 20 for c in cards)  # the user's limit is hard
    assert BuildOptions().select_options().long_rescue > 1 == options.long_rescue  # the default's is not
    rules = {d.rule for d in decisions}
    assert {"too_short", "too_long"} <= rules
    bad = CliRunner().invoke(main, ["build", str(SEED), "--min-words", "10", "--max-words", "5"])
    assert bad.exit_code == 2 and "--max-words" in bad.stderr


def test_each_article_gets_its_own_subdeck(tmp_path, collection):
    second = DATA / "pairs" / "yerevan-brussels"
    out = tmp_path / "two.apkg"
    result = run("build", SEED, second, "--out", out)
    assert result.exit_code == 0, result.output
    import_apkg(collection, out)
    decks = {}
    for nid in collection.find_notes(""):
        note = collection.get_note(nid)
        source = next(t for t in note.tags if t.startswith("source::"))
        decks.setdefault(source, set()).add(collection.decks.name(note.cards()[0].did))
    assert set(decks) == {"source::minsk-washington", "source::yerevan-brussels"}
    assert all(len(names) == 1 for names in decks.values())
    assert decks["source::minsk-washington"] == {"Political Russian::Minsk and Washington on the Path to a Grand Deal"}
    assert decks["source::yerevan-brussels"] != decks["source::minsk-washington"]


MUELLER = Path("/usr/share/dictd/mueller7.index")


@pytest.mark.skipif(not MUELLER.exists(), reason="the pair check needs a dictionary (mueller7-dict)")
def test_another_articles_english_is_refused_or_skipped(tmp_path):
    second = DATA / "pairs" / "yerevan-brussels"
    result = run("build", SEED / "ru.txt", second / "en.txt", "--out", tmp_path / "x.apkg")
    assert result.exit_code == 1 and not (tmp_path / "x.apkg").exists()
    assert len(result.stderr.strip().splitlines()) == 1
    assert f"{SEED / 'ru.txt'}: {second / 'en.txt'} does not look like a translation of it" in result.stderr

    folder = tmp_path / "articles"
    shutil.copytree(SEED, folder / "good")
    (folder / "bad").mkdir()
    shutil.copy(SEED / "ru.txt", folder / "bad" / "ru.txt")
    shutil.copy(second / "en.txt", folder / "bad" / "en.txt")
    result = run("build", folder, "--out", tmp_path / "y.apkg", "--no-stress")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "bad" in warnings[0] and warnings[0].endswith("skipped")
    assert "from 1 article pair(s)" in result.stderr


def test_an_unreadable_pair_among_several_is_skipped_with_a_warning(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEED, folder / "good")
    (folder / "empty").mkdir()
    (folder / "empty" / "ru.txt").write_text("   \n", encoding="utf-8")
    shutil.copy(SEED / "en.txt", folder / "empty" / "en.txt")
    result = run("build", folder, "--out", tmp_path / "x.apkg", "--no-stress")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and str(folder / "empty" / "ru.txt") in warnings[0] and warnings[0].endswith("skipped")
    assert "from 1 article pair(s)" in result.stderr
    inspected = run("inspect", folder, "--format", "jsonl")
    assert inspected.exit_code == 0 and inspected.stderr.strip() == warnings[0]
    assert inspected.stdout.count("\n") == len(first_article_pairs(SEED))
    result = run("build", folder / "empty", "--out", tmp_path / "y.apkg", "--no-stress")
    assert result.exit_code == 1 and not (tmp_path / "y.apkg").exists()


def first_article_pairs(folder):
    from cards.build import find_pairs, prepare_articles

    return prepare_articles(find_pairs([folder]))[0].pairs


def test_a_deck_of_almost_nothing_says_why(tmp_path):
    """--level 1.6 takes nearly every word as known: the build says so in one line instead of writing an
    almost empty deck silently."""
    result = CliRunner().invoke(main, ["build", str(SEED), "--level", "1.6", "--no-stress",
                                       "--out", str(tmp_path / "d.apkg")])
    assert result.exit_code == 0
    warning = [line for line in result.output.splitlines() if line.startswith("warning: only")]
    assert len(warning) == 1
    assert "count as known at level Zipf 1.6" in warning[0]


def test_a_bad_level_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SEED), "--level", "X1", "--out", str(tmp_path / "d.apkg")])
    assert result.exit_code == 2
    assert "A2, B1, B2, C1" in result.output


def test_inspect_words_says_what_happened_to_every_word(tmp_path):
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path):  # no deck of an earlier build in decks/
        result = runner.invoke(main, ["inspect", str(SEED), "--words", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = {r["lemma"]: r for r in map(json.loads, result.output.splitlines()) if r}
    assert rows["Трамп"]["reason"] == "a name"
    assert rows["год"] == {"lemma": "год", "status": "known", "reason": "everyday word, known at B1"}
    assert rows["сторона"]["status"] == "taught"  # a word of the topic: taught at B1 although Zipf 5.8
    # a noun the article is about, but too common to teach (Zipf 5.9)
    assert rows["страна"] == {"lemma": "страна", "status": "known",
                              "reason": "a noun this article is about, but this common (Zipf ≥ 5.8) is known at B1"}
    # a word whose first sense is an everyday one, used in that sense ("decision"): the domain-senses table
    assert rows["решение"] == {"lemma": "решение", "status": "known", "reason": "known at B1 in the sense used here; "
                               "taught where its English counterpart says 'resolution' or 'ruling' or 'verdict'"}
    assert rows["белорусский"] == {"lemma": "белорусский", "status": "not_a_target", "reason": "place_adjective"}
    # a word known by its frequency but used here in a later sense was a candidate: left out, not "known"
    later = [r for r in rows.values() if "new in a later one used here" in r["reason"]]
    assert later and {r["status"] for r in later} == {"left_out"}
    assert all(r["reason"].startswith("known at B1 in its first") for r in later)
    # создать ("established") is such a word, a candidate since прошедшем of its sentence is read as the
    # adjective (its card's room goes to words that weigh more since the topic lexicon was cleaned)
    assert "new in a later one used here" in rows["создать"]["reason"]
    statuses = {r["status"] for r in rows.values()}
    assert statuses == {"taught", "known", "not_a_target", "left_out"}


def test_the_summary_counts_what_anki_imports(tmp_path, collection):
    """--cloze --reverse: the summary's notes and cards are what the anki package imports, and the path
    it prints is absolute."""
    out = tmp_path / "both.apkg"
    result = CliRunner().invoke(main, ["build", str(SEED), "--cloze", "--reverse", "--no-stress", "--out", str(out)])
    assert result.exit_code == 0, result.output
    summary = result.output.strip().splitlines()[-1]
    m = re.match(r"(/\S+): (\d+) notes \((\d+) sentence, (\d+) cloze\) = (\d+) Anki cards, (\d+) new, (\d+) changed, (\d+) unchanged", summary)
    assert m, summary
    assert Path(m.group(1)) == out.resolve()
    notes, sentence, cloze, cards = map(int, m.group(2, 3, 4, 5))
    assert tuple(map(int, m.group(6, 7, 8))) == (notes, 0, 0)  # new, changed, unchanged: a first build
    counts = import_apkg(collection, out)
    assert counts.new == notes == sentence + cloze and sentence == cloze
    assert collection.note_count() == notes
    assert collection.card_count() == cards > 2 * sentence + cloze  # a cloze note makes a card per target


def test_a_build_reports_its_stages_in_order(tmp_path):
    from cards.build import BuildOptions, build_deck

    seen = []
    result = build_deck([SEED], BuildOptions(out=tmp_path / "d.apkg", stress=False),
                        progress=lambda stage, done, total: seen.append((stage, done, total)))
    stages = list(dict.fromkeys(stage for stage, _, _ in seen))
    assert stages == ["align", "choose", "render", "write"]
    assert ("render", len(result.cards), len(result.cards)) in seen
    assert seen[0] == ("align", 0, 1) and ("align", 1, 1) in seen


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SEED), "--no-stress", "--out", str(tmp_path / "d.apkg")])
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1 and "making notes" not in result.stderr  # the summary alone


def test_inspect_pairs_gives_frozen_rows_for_a_library_user(tmp_path):
    """The library's inspect_pairs returns dataclasses (what `cards inspect --format jsonl` prints)."""
    import dataclasses

    from cards import BuildOptions, InspectedPair, InspectedTarget, inspect_pairs

    rows, _ = inspect_pairs([SEED], BuildOptions(out=tmp_path / "x.apkg", stress=False))
    assert rows and all(isinstance(r, InspectedPair) for r in rows)
    chosen = [r for r in rows if r.chosen]
    assert chosen and all(isinstance(t, InspectedTarget) for r in chosen for t in r.targets)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows[0].chosen = not rows[0].chosen


def test_inspect_and_a_rebuild_never_disagree(tmp_path):
    """inspect reads the deck's memory as build does (earlier notes keep their targets, remembered
    alignments): on a rebuild with other options it shows the very cards the build then writes."""
    from dataclasses import replace

    from cards import BuildOptions, build_deck, inspect_pairs

    first = BuildOptions(out=tmp_path / "deck.apkg", stress=False)
    build_deck([SEED], first)
    second = replace(first, max_new=2, known_sources=(ROOT / "tests" / "data" / "known-political-500.txt",))
    rows, _ = inspect_pairs([SEED], second)
    shown = {r.ru: tuple(t.lemma for t in r.targets) for r in rows if r.chosen}
    built = build_deck([SEED], second)
    assert shown == {c.pair.ru: tuple(t.lemma.lemma for t in c.targets) for c in built.cards}
    assert len(shown) < 45  # the options changed what is chosen


def test_inspect_words_says_a_transparent_loanword_is_known(tmp_path):
    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "ru.txt").write_text("Министр назвал проблемный регион главной темой переговоров с делегацией.\n", encoding="utf-8")
    (folder / "en.txt").write_text("The minister called the problem region the main topic of talks with the delegation.\n",
                                   encoding="utf-8")
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path):
        result = runner.invoke(main, ["inspect", str(folder), "--words", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = {r["lemma"]: r for r in map(json.loads, result.output.splitlines()) if r}
    assert rows["проблемный"] == {"lemma": "проблемный", "status": "known",
                                  "reason": "spelled like the English 'problem', known at B1"}


def test_inspect_words_says_a_word_of_news_is_taught_where_its_counterpart_says_its_news_sense(tmp_path):
    """глава (Zipf 5.5) is known at B1 as "chapter": taught where its own counterpart is "head", and known
    where it is "chapter", though the English of that sentence has a "head" too (руководитель's)."""
    def inspect(ru: str, en: str) -> dict:
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        folder.mkdir()
        (folder / "ru.txt").write_text(ru + "\n", encoding="utf-8")
        (folder / "en.txt").write_text(en + "\n", encoding="utf-8")
        runner = CliRunner()
        with runner.isolated_filesystem(temp_dir=tmp_path):
            result = runner.invoke(main, ["inspect", str(folder), "--words", "--format", "jsonl"])
        assert result.exit_code == 0, result.output
        return {r["lemma"]: r for r in map(json.loads, result.output.splitlines()) if r}

    head = inspect("Глава министерства обороны провёл совещание с командирами частей.",
                   "The head of the Ministry of Defence held a meeting with the commanders of the units.")
    assert head["глава"]["status"] == "taught"
    chapter = inspect("Третья глава доклада посвящена бюджету, сообщил руководитель отдела Иван Петров.",
                      "The third chapter of the report deals with the budget, said the head of the department Ivan Petrov.")
    assert chapter["глава"]["status"] == "known"
    assert chapter["глава"]["reason"].startswith("known at B1 in the sense used here; taught where its English "
                                                 "counterpart says 'head'")
    assert chapter["руководитель"]["status"] == "taught"
