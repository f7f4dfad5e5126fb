"""The per-article cache (cards.cache): a rebuild reads what it made before, writes the same deck as a
build without the cache, never trusts a damaged entry or one of other code, and survives a cache
folder it cannot write."""

import gzip
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from cards import cache as kept
from cards.build import BuildOptions, build_deck
from cards.cache import Cache
from conftest import DATA, ROOT

SEED = ROOT / "seeds" / "minsk-washington"
SECOND = DATA / "pairs" / "yerevan-brussels"
KINDS = {"segments", "first-pass", "analyses", "evidence", "names", "sense-counterparts", "counterparts", "meanings"}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A cache folder of this test's own: every build starts with nothing kept."""
    monkeypatch.setenv("CARDS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "articles"


def build(out: Path, inputs, cache: bool = True, timestamp: int = 1_700_000_000):
    return build_deck(inputs, BuildOptions(out=out, stress=False, cache=cache), timestamp=timestamp)


def deck(path: Path) -> dict[str, bytes]:
    """Every entry of an .apkg, byte for byte (the zip's own entry dates are the clock's, not the build's)."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def entries(folder: Path) -> list[Path]:
    """The entries of per-article results (not the KeptTables of words)."""
    return sorted(p for p in folder.rglob("*.json.gz") if p.parent.name != "tables")


def test_remember_makes_a_value_once_and_a_cache_without_folder_every_time(tmp_path):
    made = []

    def make():
        made.append(1)
        return [1, 2]

    on = Cache(tmp_path)
    assert on.remember("k", ["x"], make, list, list) == [1, 2]
    assert on.remember("k", ["x"], make, list, list) == [1, 2]
    assert len(made) == 1
    assert on.remember("k", ["y"], make, list, list) == [1, 2] and len(made) == 2  # other inputs: another entry
    Cache(tmp_path, dictionary=("mueller7",)).remember("k", ["x"], make, list, list)
    assert len(made) == 3  # another dictionary: another entry
    off = Cache()
    off.remember("k", ["x"], make, list, list)
    off.remember("k", ["x"], make, list, list)
    assert len(made) == 5 and not (tmp_path / "None").exists()


def test_cached_builds_write_the_bytes_a_build_without_cache_writes(tmp_path, folder):
    cold, warm, plain = tmp_path / "cold.apkg", tmp_path / "warm.apkg", tmp_path / "plain.apkg"
    build(cold, [SEED, SECOND])
    assert {p.relative_to(folder).parts[1] for p in entries(folder)} == KINDS
    assert {p.name for p in folder.rglob("tables/*")} == {"english-stems.json.gz", "lemma-zipf.json.gz", "everyday-base.json.gz",
                                                            "learner-senses.json.gz"}
    build(warm, [SEED, SECOND])
    build(plain, [SEED, SECOND], cache=False)
    assert deck(cold) == deck(warm) == deck(plain)
    # an article added to a deck: the same with the old article's entries read back as without them
    for name, cache in (("added-cached.apkg", True), ("added-plain.apkg", False)):
        build(tmp_path / name, [SEED], cache=cache)
        build(tmp_path / name, [SEED, SECOND], cache=cache, timestamp=1_800_000_000)
    assert deck(tmp_path / "added-cached.apkg") == deck(tmp_path / "added-plain.apkg")


def test_an_unchanged_rebuild_does_no_per_article_work(tmp_path, folder, monkeypatch):
    out, plain = tmp_path / "deck.apkg", tmp_path / "plain.apkg"
    first = build(out, [SEED, SECOND])
    shutil.copy(out, plain)
    build(plain, [SEED, SECOND], cache=False)

    def refuse(*args, **kwargs):
        raise AssertionError("per-article work in an unchanged rebuild")

    import cards.align
    import cards.align.evidence
    import cards.align.words
    import cards.lexicon.morph
    import cards.text.segment

    for module, name in ((cards.text.segment, "segment"), (cards.lexicon.morph, "analyse"), (cards.align, "align_many"),
                         (cards.align, "first_pass"), (cards.align, "second_pass"), (cards.align.evidence, "learn_table"),
                         (cards.align.evidence, "translation_evidence"),
                         (cards.align.words, "counterparts")):
        monkeypatch.setattr(module, name, refuse)
    again = build(out, [SEED, SECOND])
    assert (again.changed, len(again.cards)) == (0, len(first.cards))
    assert deck(out) == deck(plain)


def shortened(pair: Path, tmp_path: Path, drop: int = 4) -> Path:
    """Another article: `pair` without its last `drop` paragraphs on both sides, written to a temp folder."""
    folder = tmp_path / "pairs" / f"{pair.name}-short"
    folder.mkdir(parents=True)
    for name in ("ru.txt", "en.txt"):
        paragraphs = (pair / name).read_text(encoding="utf-8").strip().split("\n\n")
        (folder / name).write_text("\n\n".join(paragraphs[:-drop]) + "\n", encoding="utf-8")
    return folder


def test_an_added_article_is_aligned_alone_and_as_in_a_build_from_nothing(tmp_path, folder, monkeypatch):
    """The first passes of the articles already built are read back: only the added article is aligned,
    with the lexicon all three teach, so it gets the beads a build of the three from nothing gives it."""
    import cards.align

    third, out = shortened(SECOND, tmp_path), tmp_path / "deck.apkg"
    first = build(out, [SEED, SECOND])
    made, real = [], cards.align.first_pass
    monkeypatch.setattr(cards.align, "first_pass", lambda ru, en: made.append(len(ru)) or real(ru, en))
    grown = build(out, [SEED, SECOND, third])
    monkeypatch.setattr(cards.align, "first_pass", real)
    assert made == [len(grown.articles[2].ru_sentences)] and len(made) == 1
    assert [a.beads for a in grown.articles[:2]] == [a.beads for a in first.articles]  # remembered: never moved
    fresh = build(tmp_path / "fresh.apkg", [SEED, SECOND, third], cache=False)
    assert grown.articles[2].beads == fresh.articles[2].beads
    assert [a.key for a in grown.articles] == [a.key for a in fresh.articles]


def forget_choices(folder: Path) -> None:
    for path in folder.rglob("choice/*/*.pickle.gz"):
        path.unlink()


def _rewrite(path: Path, value) -> None:
    path.write_bytes(gzip.compress(json.dumps(value, ensure_ascii=False).encode("utf-8")))


def test_damaged_entries_are_made_again(tmp_path, folder):
    plain = tmp_path / "plain.apkg"
    build(plain, [SECOND], cache=False)
    build(tmp_path / "cold.apkg", [SECOND])
    found = entries(folder)
    assert len(found) == 8
    damage = [
        lambda p: _rewrite(p, {"value": [[[0, 999]]] * 99}),  # spans of other sentences
        lambda p: p.write_bytes(b"\x1f\x8b"),  # a gzip header and nothing more
        lambda p: p.write_bytes(b""),
        lambda p: _rewrite(p, {"value": [[["a meaning", "sentence"]]] * 99}),  # another shape
        lambda p: p.write_bytes(p.read_bytes()[:20]),  # a cut gzip stream
        lambda p: p.write_bytes(b"not gzip at all"),
        lambda p: _rewrite(p, {"value": "a string where a table belongs"}),
        lambda p: _rewrite(p, ["no value"]),
    ]
    for path, hurt in zip(found, damage, strict=True):
        hurt(path)
    forget_choices(folder)  # else the kept choice is read back, and none of these entries
    build(tmp_path / "again.apkg", [SECOND])
    assert deck(tmp_path / "again.apkg") == deck(plain)
    # and each damaged entry was written anew
    rebuilt = tmp_path / "rebuilt.apkg"
    build(rebuilt, [SECOND])
    assert deck(rebuilt) == deck(plain)
    for path in found:
        json.loads(gzip.decompress(path.read_bytes()))


def test_entries_that_do_not_fit_their_inputs_are_not_trusted(tmp_path, folder):
    plain = tmp_path / "plain.apkg"
    build(plain, [SECOND], cache=False)
    build(tmp_path / "cold.apkg", [SECOND])
    for path in entries(folder):
        raw = json.loads(gzip.decompress(path.read_bytes()))
        kind = path.relative_to(folder).parts[1]
        if kind == "analyses":  # every token moved off its word
            for tokens in raw["value"]:
                for token in tokens:
                    token[0] += 1
                    token[1] += 1
        elif kind == "segments":  # every sentence with a word its text does not have
            for side in raw["value"]:
                for sentence in side:
                    sentence[4] += " лишнее"
        elif kind == "first-pass":  # a path that stops before the article's end
            raw["value"][0] = raw["value"][0][:-1]
        elif kind == "counterparts":  # a span beyond its sentence
            raw["value"][0] = [[0, 10**6]] * len(raw["value"][0])
        else:
            raw["value"] = "0.1"  # a share as text, and one that would reject the article
        _rewrite(path, raw)
    forget_choices(folder)
    build(tmp_path / "again.apkg", [SECOND])
    assert deck(tmp_path / "again.apkg") == deck(plain)


def test_other_code_never_reads_these_entries(tmp_path, folder, monkeypatch):
    """Entries are filed under the code's version: a build of other code makes its own (and removes the
    old ones), even where an old entry says something else."""
    monkeypatch.setattr(kept, "version", lambda: "old-code")
    build(tmp_path / "old.apkg", [SECOND])
    for path in entries(folder):
        if path.relative_to(folder).parts[1] == "analyses":
            raw = json.loads(gzip.decompress(path.read_bytes()))
            for tokens in raw["value"]:
                for token in tokens:
                    token[3][0] = "ложь"  # every lemma: what the old code would have said
            _rewrite(path, raw)
    monkeypatch.setattr(kept, "version", lambda: "new-code")
    build(tmp_path / "new.apkg", [SECOND])
    build(tmp_path / "plain.apkg", [SECOND], cache=False)
    assert deck(tmp_path / "new.apkg") == deck(tmp_path / "plain.apkg")
    assert sorted(p.name for p in folder.iterdir()) == ["new-code"]


def test_a_cache_folder_that_cannot_be_written_leaves_the_build_as_it_was(tmp_path, folder):
    folder.parent.mkdir(parents=True)
    folder.write_text("a file where the cache folder would be")
    build(tmp_path / "deck.apkg", [SECOND])
    build(tmp_path / "plain.apkg", [SECOND], cache=False)
    assert deck(tmp_path / "deck.apkg") == deck(tmp_path / "plain.apkg")
    shutil.rmtree(folder.parent)


# --- the whole choice (kind "choice"): an unchanged rebuild chooses nothing -------------------------


def choices(folder: Path) -> list[Path]:
    return sorted(folder.rglob("choice/*/*.pickle.gz"))


def test_an_unchanged_rebuild_reads_the_whole_choice_back(tmp_path, folder, monkeypatch):
    """The first rebuild chooses with the deck's memory (which the first build did not have) and keeps
    that choice; the next unchanged rebuild reads it back, selects nothing and writes the deck a build
    without any cache writes."""
    import cards.build

    out, plain = tmp_path / "deck.apkg", tmp_path / "plain.apkg"
    first = build(out, [SEED, SECOND])
    build(out, [SEED, SECOND], timestamp=1_800_000_000)
    assert len(choices(folder)) == 2  # one per memory: the empty one and the first build's

    def refuse(*args, **kwargs):
        raise AssertionError("selection in an unchanged rebuild")

    shutil.copy(out, plain)
    for name in ("select", "with_names", "card_targets", "_choose_cards"):
        monkeypatch.setattr(cards.build, name, refuse)
    again = build(out, [SEED, SECOND], timestamp=1_900_000_000)
    monkeypatch.undo()
    build(plain, [SEED, SECOND], cache=False, timestamp=1_900_000_000)
    assert (again.changed, len(again.cards)) == (0, len(first.cards))
    assert deck(out) == deck(plain)


def test_the_choice_is_made_again_when_any_of_its_inputs_changes(tmp_path, monkeypatch):
    import cards.build
    from cards.build import choose_cards, prepare_articles
    from cards.text.pairs import find_pairs

    made, real = [], cards.build.select
    monkeypatch.setattr(cards.build, "select", lambda *a, **k: made.append(1) or real(*a, **k))
    seed = prepare_articles(find_pairs([SEED]))
    both = prepare_articles(find_pairs([SEED, SECOND]))
    short = prepare_articles(find_pairs([shortened(SEED, tmp_path, drop=1)]))
    options = BuildOptions().select_options()
    cache = Cache(tmp_path / "cache")

    def choose(articles=seed, known=frozenset(), opts=options, earlier=None, built=frozenset()):
        count = len(made)
        result = choose_cards(articles, known, opts, earlier_notes=earlier, cache=cache, built_before=built)
        return result, len(made) > count

    computed, chose = choose()
    assert chose
    kept, chose = choose()
    assert not chose and kept == computed  # read back, equal to what was made
    assert kept == choose_cards(seed, frozenset(), options)  # and to a choice without any cache
    guid = next(iter({cards.deck.export.note_guid(c.pair.ru) for c in computed[1]}))
    for changed in ({"opts": BuildOptions(max_new=3).select_options()},
                    {"opts": BuildOptions(level="B2").select_options()},
                    {"known": frozenset({"визит"})},
                    {"earlier": {guid: {"lemmas": ["визит"], "article": seed[0].source.slug}}},
                    {"built": frozenset({seed[0].key})},
                    {"articles": both},
                    {"articles": short}):
        assert choose(**changed)[1], changed  # each change: chosen again …
        assert not choose(**changed)[1], changed  # … and kept
    assert choose()[1]  # the first is gone: only the latest CHOICES are kept


def test_a_damaged_or_foreign_choice_is_made_again(tmp_path, folder):
    plain = tmp_path / "plain.apkg"
    build(plain, [SECOND], cache=False)
    build(tmp_path / "cold.apkg", [SECOND])
    (entry,) = choices(folder)
    for hurt in (b"", gzip.compress(b"not a pickle"), gzip.compress(__import__("pickle").dumps(("a", "b")))):
        entry.write_bytes(hurt)
        build(tmp_path / "again.apkg", [SECOND])
        assert deck(tmp_path / "again.apkg") == deck(plain)
        (tmp_path / "again.apkg").unlink()


def test_only_the_latest_choices_are_kept(tmp_path):
    cache = Cache(tmp_path)
    for n in range(kept.CHOICES + 3):
        cache.remember_object("choice", [n], lambda n=n: (n,), lambda v: True)
    assert len(list(tmp_path.rglob("choice/*/*.pickle.gz"))) == kept.CHOICES
    assert cache.remember_object("choice", [kept.CHOICES + 2], lambda: "made", lambda v: True) == (kept.CHOICES + 2,)


def test_names_kept_article_by_article_are_those_of_with_names(tmp_path):
    """named_analyses keeps, per article, what with_names made of each token, and reads back the same
    analyses, also for an article of the topic that has titles and names."""
    from cards.build import analysed, named_analyses, prepare_articles
    from cards.deck.select import with_names
    from cards.text.pairs import find_pairs

    articles = prepare_articles(find_pairs([SEED, SECOND]))
    pairs = [p for a in articles for p in a.pairs]
    found = [tokens for a in articles for tokens in analysed([p.ru for p in a.pairs])]
    topic = BuildOptions().select_options().topic
    expected = with_names(pairs, found, topic)
    assert expected != [tuple(t) for t in found]  # some tokens are made names or common words
    cache = Cache(tmp_path)
    assert named_analyses(pairs, found, topic, cache) == expected
    names = sorted(tmp_path.rglob("names/*/*.json.gz"))
    assert len(names) == 2  # one entry per article
    assert named_analyses(pairs, found, topic, cache) == expected  # read back
    for path in names:  # marks that do not fit: made again
        _rewrite(path, {"value": [[9]]})
    assert named_analyses(pairs, found, topic, cache) == expected
    assert named_analyses(pairs, found, frozenset(), cache) == with_names(pairs, found)  # another topic


def untitled(pair: Path, folder: Path) -> Path:
    """The article without its header (date, title, byline): its card label (`source_label`) is empty."""
    folder.mkdir(parents=True)
    for name in ("ru.txt", "en.txt"):
        paragraphs = [p.strip() for p in (pair / name).read_text(encoding="utf-8").split("\n\n") if p.strip()]
        while len(paragraphs[0]) < 120:
            paragraphs.pop(0)
        (folder / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return folder


def test_an_added_article_without_a_title_is_not_taken_for_one_built_before(tmp_path, folder):
    """Selection tells articles apart by their own names, not by the label a card shows: an added
    article whose label is empty, like that of an article the deck has, is taught."""
    first, second = untitled(SEED, tmp_path / "first"), untitled(SECOND, tmp_path / "second")
    out = tmp_path / "deck.apkg"
    built = build(out, [first])
    assert {p.source for a in built.articles for p in a.pairs} == {""}
    grown = build(out, [first, second])
    assert {p.source for a in grown.articles for p in a.pairs} == {""}  # the cards still show the article's label
    new = [d for d in grown.decisions if d.index >= len(built.decisions)]
    assert not any(d.rule == "article_built_before" for d in new)
    assert sum(d.chosen for d in new) >= 3 and grown.new == sum(d.chosen for d in new)
    assert grown.changed == grown.new  # and the first article's notes did not move


def test_stems_are_kept_while_a_build_keeps_tables(tmp_path, monkeypatch):
    from cards.align import evidence

    def refuse():
        raise AssertionError("the stemmer, for a kept stem")

    cache = Cache(tmp_path)
    evidence._stem.cache_clear()
    try:
        evidence.stem("talks")  # outside a build: nothing kept
        assert not list(tmp_path.rglob("*.json.gz"))
        evidence._stem.cache_clear()
        with cache.tables():
            assert evidence.stem("negotiations") == "negoti"
        (table,) = tmp_path.rglob("tables/english-stems.json.gz")
        evidence._stem.cache_clear()
        monkeypatch.setattr(evidence, "_stemmer", refuse)
        with cache.tables():
            assert evidence.stem("negotiations") == "negoti"  # read back: no stemmer
            with pytest.raises(AssertionError):
                evidence.stem("sanctions")
        table.write_bytes(b"damaged")
        evidence._stem.cache_clear()
        monkeypatch.undo()
        with cache.tables():
            assert evidence.stem("negotiations") == "negoti"  # a damaged table is made again
        assert json.loads(gzip.decompress(table.read_bytes())) == {"negotiations": "negoti"}
    finally:
        evidence._stem.cache_clear()


def test_lemma_zipfs_and_everyday_bases_are_kept_while_a_build_keeps_tables(tmp_path, monkeypatch):
    from cards.deck import select
    from cards.lexicon import analyser

    def refuse(*args):
        raise AssertionError("worked out again")

    everyday = BuildOptions().select_options().everyday
    words = (("сделка", "noun"), ("мартовский", "adj"), ("северный", "adj"), ("пакетный", "adj"))
    analyser._lemma_zipf.cache_clear(), select._everyday_base.cache_clear()
    try:
        with Cache(tmp_path).tables():
            made = [(analyser.lemma_zipf(w, pos), select.everyday_base(w, everyday)) for w, pos in words]
        assert made[1][1] == "март" and made[3][1] is None
        analyser._lemma_zipf.cache_clear(), select._everyday_base.cache_clear()
        monkeypatch.setattr(analyser, "_lemma_zipf", refuse)
        monkeypatch.setattr(select, "_everyday_base", refuse)
        with Cache(tmp_path).tables():
            assert [(analyser.lemma_zipf(w, pos), select.everyday_base(w, everyday)) for w, pos in words] == made
            with pytest.raises(AssertionError):
                select.everyday_base("мартовский", everyday - {"март"})  # other everyday words: not kept
    finally:
        monkeypatch.undo()
        analyser._lemma_zipf.cache_clear(), select._everyday_base.cache_clear()


def test_a_rebuild_reads_a_words_senses_from_its_kept_table(tmp_path):
    """learner_senses: worked out and kept in one build, read back in the next (not the lexicon again)."""
    from cards.lexicon import levels

    cache = Cache(tmp_path)
    levels._learner_senses.cache_clear()
    with cache.tables():
        worked_out = levels.learner_senses("включить")
    assert worked_out[0] and worked_out[1]  # met senses and later ones
    table = next(tmp_path.rglob("tables/learner-senses.json.gz"))
    stored = json.loads(gzip.decompress(table.read_bytes()))
    assert stored["включить"] == [list(worked_out[0]), list(worked_out[1])]
    stored["включить"] = [["turn on"], ["planted"]]  # what the next build reads is what it answers
    table.write_bytes(gzip.compress(json.dumps(stored).encode("utf-8")))
    levels._learner_senses.cache_clear()
    with cache.tables():
        assert levels.learner_senses("включить") == (("turn on",), ("planted",))
    levels._learner_senses.cache_clear()
    assert levels.learner_senses("включить") == worked_out  # outside a build: worked out again


def test_a_build_keeps_the_words_the_process_worked_out_before_it(tmp_path):
    """A word asked before a build (by another build, or a library call) is kept all the same by the build
    that asks for it again: the functions' memos do not hide the question from their tables."""
    from cards.align import evidence
    from cards.deck import select
    from cards.lexicon import analyser, levels

    everyday = BuildOptions().select_options().everyday

    def ask():
        return (evidence.stem("negotiations"), analyser.lemma_zipf("сделка", "noun"),
                select.everyday_base("мартовский", everyday), levels.learner_senses("включить"))

    before = ask()
    with Cache(tmp_path).tables():
        assert ask() == before
    kept = {p.name: json.loads(gzip.decompress(p.read_bytes())) for p in tmp_path.rglob("tables/*")}
    assert kept["english-stems.json.gz"] == {"negotiations": "negoti"}
    assert kept["lemma-zipf.json.gz"] == {"сделка\tnoun": before[1]}
    assert list(kept["everyday-base.json.gz"].values()) == ["март"]
    assert kept["learner-senses.json.gz"] == {"включить": [list(before[3][0]), list(before[3][1])]}
