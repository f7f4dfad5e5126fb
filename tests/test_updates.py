"""A learner's deck over time: build, import, review, edit, add an article, rebuild, import again."""

import html
import json
import os
import re
import zipfile
from pathlib import Path

import pytest

from anki_client import import_apkg
from cards.build import BuildOptions, build_deck
from cards.model import Bead
from cards.deck.select import lemma_key
from conftest import DATA, ROOT

SEED = ROOT / "seeds" / "minsk-washington"
SECOND = DATA / "pairs" / "yerevan-brussels"
MY_NOTE = " <i>(my own note)</i>"


def review_some(col, n: int) -> list[int]:
    """Answer the first n cards of the queue 'Good', like a learner would."""
    col.decks.select(col.decks.id_for_name("Political Russian"))
    answered = []
    for _ in range(n):
        card = col.sched.getCard()
        col.sched.answerCard(card, 3)
        answered.append(card.id)
    return answered


def test_rebuild_with_a_new_article_keeps_history_and_edits(tmp_path, collection):
    out = tmp_path / "deck.apkg"
    first = build_deck([SEED], BuildOptions(out=out), timestamp=1_700_000_000)
    first_counts = import_apkg(collection, out)
    assert (first_counts.new, first_counts.conflicting) == (len(first.cards), 0)

    reviewed = review_some(collection, 5)
    history = {cid: (collection.get_card(cid).reps, collection.get_card(cid).ivl) for cid in reviewed}
    assert all(reps == 1 for reps, _ in history.values())
    edited_id = collection.get_card(reviewed[0]).nid
    note = collection.get_note(edited_id)
    note["English"] = note["English"] + MY_NOTE
    collection.update_note(note)

    second = build_deck([SEED, SECOND], BuildOptions(out=out), timestamp=1_800_000_000)
    counts = import_apkg(collection, out)
    new_cards = [c for c in second.cards if "source::yerevan-brussels" in c.tags]
    assert new_cards, "the second article brings new cards"
    assert counts.new == len(new_cards)
    assert counts.conflicting == 0 and counts.updated == 0
    assert f"{len(new_cards)} new, 0 changed, {len(first.cards)} unchanged;" in second.summary()  # as Anki saw it
    assert counts.duplicate == len(second.cards) - len(new_cards)
    assert collection.note_count() == len(first.cards) + len(new_cards)

    assert collection.get_note(edited_id)["English"].endswith(MY_NOTE)
    for cid, (reps, ivl) in history.items():
        card = collection.get_card(cid)
        assert (card.reps, card.ivl) == (reps, ivl)
    assert collection.db.scalar("select count() from revlog") == 5


def read_memory(out):
    """The memory an .apkg carries (cards.deck.state.ENTRY), as JSON."""
    import zipfile

    from cards.deck.state import ENTRY

    with zipfile.ZipFile(out) as archive:
        return json.loads(archive.read(ENTRY))


def write_memory(out, data, text=None):
    """Replace the memory inside an .apkg (as a hand edit or a damaged file would)."""
    import zipfile

    from cards.deck.state import ENTRY

    with zipfile.ZipFile(out) as archive:
        entries = {n: archive.read(n) for n in archive.namelist()}
    raw = json.dumps(data) if text is None else text
    entries[ENTRY] = raw if isinstance(raw, bytes) else raw.encode("utf-8")
    with zipfile.ZipFile(out, "w") as archive:
        for name, data_bytes in entries.items():
            archive.writestr(name, data_bytes)


def test_an_article_keeps_its_alignment_when_articles_are_added(tmp_path):
    """The aligner learns one lexicon from every article in a build, so adding an article could move
    an old article's beads and re-key its notes; the deck's memory keeps each article's beads."""
    out = tmp_path / "deck.apkg"
    first = build_deck([SEED], BuildOptions(out=out), timestamp=1_700_000_000)
    state = read_memory(out)
    (key, stored), = state["alignments"].items()
    assert [Bead(tuple(r), tuple(e), s) for r, e, s in stored] == list(first.articles[0].beads)

    # As if an earlier aligner had judged two neighbouring sentences one pair: the rebuild keeps that.
    k = next(k for k in range(len(stored) - 1) if all(len(b[0]) == len(b[1]) == 1 for b in stored[k : k + 2]))
    merged = [stored[k][0] + stored[k + 1][0], stored[k][1] + stored[k + 1][1], 0.9]
    state["alignments"][key] = stored[:k] + [merged] + stored[k + 2 :]
    write_memory(out, state)
    second = build_deck([SEED, SECOND], BuildOptions(out=out), dry_run=True)
    assert Bead(tuple(merged[0]), tuple(merged[1]), 0.9) in second.articles[0].beads
    assert len(second.articles[0].beads) == len(first.articles[0].beads) - 1

    # Beads that no longer fit the article's segments (its text changed) are not used.
    state["alignments"][key] = stored[:-1]
    write_memory(out, state)
    third = build_deck([SEED], BuildOptions(out=out), dry_run=True)
    assert third.articles[0].beads == first.articles[0].beads


def test_rebuild_teaches_only_lemmas_the_first_build_did_not(tmp_path):
    out = tmp_path / "deck.apkg"
    first = build_deck([SEED], BuildOptions(out=out), timestamp=1_700_000_000)
    first_lemmas = {lemma_key(t.lemma.lemma) for c in first.cards for t in c.targets}
    # The second article alone, into the same deck: the first build's words count as known.
    second = build_deck([SECOND], BuildOptions(out=out), timestamp=1_800_000_000)
    second_lemmas = [lemma_key(t.lemma.lemma) for c in second.cards for t in c.targets]
    assert second_lemmas and not set(second_lemmas) & first_lemmas
    assert len(second_lemmas) == len(set(second_lemmas))
    # Words of the second article the first build taught are really there: the test would catch a leak.
    second_article_unknown = {k for d in second.decisions for k in d.unknown}
    assert second_article_unknown & first_lemmas == set()
    shared = {"переговоры", "делегация", "раунд", "дипломат"} & first_lemmas
    assert shared, "the two articles share political words the first build taught"


def test_unchanged_rebuild_updates_nothing(tmp_path, collection):
    out = tmp_path / "deck.apkg"
    build_deck([SEED], BuildOptions(out=out), timestamp=1_700_000_000)
    import_apkg(collection, out)
    again = build_deck([SEED], BuildOptions(out=out), timestamp=1_800_000_000)
    assert again.changed == 0
    counts = import_apkg(collection, out)
    assert (counts.new, counts.updated, counts.conflicting) == (0, 0, 0)


def test_an_unchanged_rebuild_writes_the_deck_a_fresh_build_writes(tmp_path):
    # the words the first build taught count as known for choosing, but not for the cards' study order
    out = tmp_path / "deck.csv"
    build_deck([SEED], BuildOptions(out=out, format="csv"), timestamp=1_700_000_000)
    fresh = out.read_bytes()
    again = build_deck([SEED], BuildOptions(out=out, format="csv"), timestamp=1_800_000_000)
    assert again.changed == 0 and len(again.cards) > 20
    assert out.read_bytes() == fresh


def test_a_sentence_in_two_articles_is_one_note_of_one_article_on_every_rebuild(tmp_path, collection):
    """An article and a shorter copy of it share most sentences: each shared sentence is one note, kept by
    a rebuild as the card of the article that made it (not once more for every article that has it)."""
    short = tmp_path / "pairs" / "yerevan-short"
    short.mkdir(parents=True)
    for name in ("ru.txt", "en.txt"):
        paragraphs = (SECOND / name).read_text(encoding="utf-8").strip().split("\n\n")
        (short / name).write_text("\n\n".join(paragraphs[:-2]) + "\n", encoding="utf-8")
    out = tmp_path / "deck.apkg"
    first = build_deck([SECOND, short], BuildOptions(out=out, stress=False), timestamp=1_700_000_000)
    assert len(first.cards) == first.notes
    import_apkg(collection, out)
    again = build_deck([SECOND, short], BuildOptions(out=out, stress=False), timestamp=1_800_000_000)
    assert (len(again.cards), again.notes, again.changed) == (len(first.cards), first.notes, 0)
    assert sorted(c.pair.ru for c in again.cards) == sorted(c.pair.ru for c in first.cards)
    notes = json.loads(zipfile.ZipFile(out).read("cards-state.json"))["notes"]
    assert {n["article"] for n in notes.values()} == {"yerevan-brussels"}  # the longer article comes first
    counts = import_apkg(collection, out)
    assert (counts.new, counts.updated, counts.conflicting) == (0, 0, 0)


def test_turning_stress_on_updates_the_notes_on_the_next_import(tmp_path, collection):
    from cards.lexicon import stress

    if not stress.available():
        import pytest

        pytest.skip("the optional stress extra is not installed")
    out = tmp_path / "deck.apkg"
    plain = build_deck([SECOND], BuildOptions(out=out, stress=False), timestamp=1_700_000_000)
    import_apkg(collection, out)
    stressed = build_deck([SECOND], BuildOptions(out=out, stress=True), timestamp=1_800_000_000)
    marked = [c for c in stressed.cards if stress.accentuate(c.pair.ru) != c.pair.ru]  # a headline of names may get none
    assert len(plain.cards) == len(stressed.cards) and len(marked) >= len(stressed.cards) - 1
    assert stressed.changed == len(marked)
    counts = import_apkg(collection, out)
    assert (counts.new, counts.updated, counts.conflicting) == (0, len(marked), 0)
    russian = [collection.get_note(nid)["Russian"] for nid in collection.find_notes("")]
    assert sum("\u0301" in text for text in russian) == len(marked)
    for card in stressed.cards:  # the stressed sentences keep their highlighted targets
        (nid,) = collection.find_notes(f"Key:{card.key}")
        text = collection.get_note(nid)["Russian"]
        assert text.count('<span class="target">') == len(card.targets)
        plain = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\u0301", "")
        assert plain.replace("ё", "е") == card.pair.ru.replace("ё", "е")  # same words: marks and ё only


def test_audio_is_packed_with_the_deck(tmp_path, collection):
    import shutil

    import pytest

    if not (shutil.which("espeak-ng") and shutil.which("lame")):
        pytest.skip("espeak-ng and lame are not installed")
    out = tmp_path / "deck.apkg"
    result = build_deck([SECOND], BuildOptions(out=out, stress=False, audio=True, max_cards=2), timestamp=1_700_000_000)
    assert len(result.cards) == 2
    import_apkg(collection, out)
    sounds = [collection.get_note(nid)["Audio"] for nid in collection.find_notes("")]
    assert len(sounds) == 2 and all(s.startswith("[sound:cards-") and s.endswith(".mp3]") for s in sounds)
    media = collection.media.dir()
    for sound in sounds:
        data = (Path(media) / sound[len("[sound:") : -1]).read_bytes()
        assert data[:3] == b"ID3" or data[0] == 0xFF


def test_the_deck_carries_its_memory_and_anki_ignores_it(tmp_path, collection):
    """No file beside the .apkg: its memory is inside, written with it; Anki imports the notes alone."""
    out = tmp_path / "deck.apkg"
    first = build_deck([SECOND], BuildOptions(out=out, stress=False), timestamp=1_700_000_000)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("deck")) == ["deck.apkg"]
    memory = read_memory(out)
    assert memory["version"] == 2 and len(memory["notes"]) == len(first.cards) and len(memory["alignments"]) == 1
    counts = import_apkg(collection, out)
    assert (counts.new, counts.updated) == (len(first.cards), 0)
    assert collection.media.dir() and not any(os.scandir(collection.media.dir()))  # nothing stray imported


@pytest.mark.parametrize("damage", ["", "{", "[]", "null", '{"notes": []}', '{"version": 2, "notes": {"x": 1}}',
                                    b"\xff{", None, pytest.param("[" * 100_000, id="nested"), "huge"])
def test_a_damaged_or_missing_memory_never_re_stamps_notes(tmp_path, collection, damage, monkeypatch):
    """The memory is rebuilt from the deck's own notes: an unchanged rebuild changes nothing, re-imports
    update nothing (a learner's edits stay), and the build says what happened in one line."""
    out = tmp_path / "deck.apkg"
    first = build_deck([SECOND], BuildOptions(out=out, stress=False), timestamp=1_700_000_000)
    import_apkg(collection, out)
    if damage is None:  # an .apkg of an earlier version with its memory file lost
        import zipfile

        with zipfile.ZipFile(out) as archive:
            entries = {n: archive.read(n) for n in archive.namelist() if n != "cards-state.json"}
        with zipfile.ZipFile(out, "w") as archive:
            for name, data in entries.items():
                archive.writestr(name, data)
    elif damage == "huge":  # larger than a memory may be (a zip bomb): not read at all
        from cards.deck import state

        import zipfile

        with zipfile.ZipFile(out) as archive:
            monkeypatch.setattr(state, "MAX_MEMORY_BYTES", archive.getinfo(state.ENTRY).file_size - 1)
    else:
        write_memory(out, None, text=damage)
    again = build_deck([SECOND], BuildOptions(out=out, stress=False), timestamp=1_800_000_000)
    assert again.changed == 0 and len(again.cards) == len(first.cards)
    (warning,) = [w for w in again.warnings if "rebuilt from its" in w]
    assert "\n" not in warning and f"rebuilt from its {len(first.cards)} notes" in warning
    counts = import_apkg(collection, out)
    assert (counts.new, counts.updated, counts.conflicting) == (0, 0, 0)
    assert read_memory(out)["version"] == 2  # whole again


def test_a_rebuild_applies_its_options_and_says_what_it_left_out(tmp_path):
    """--max-cards, --max-new and a known list apply to a rebuild as to a first build (issue 12)."""
    out = tmp_path / "deck.apkg"
    first = build_deck([SEED], BuildOptions(out=out, stress=False), timestamp=1_700_000_000)
    few = build_deck([SEED], BuildOptions(out=out, stress=False, max_cards=5), timestamp=1_800_000_000)
    assert len(few.cards) == 5
    assert any(w.startswith(f"{len(first.cards) - 5} notes of the last build") for w in few.warnings)
    narrow = build_deck([SEED], BuildOptions(out=out, stress=False, max_new=2), timestamp=1_900_000_000)
    assert max(len(c.targets) for c in narrow.cards) == 2
    known = tmp_path / "known.txt"
    known.write_text("санкция\nделегация\n", encoding="utf-8")
    listed = build_deck([SEED], BuildOptions(out=out, stress=False, known_sources=(known,)), timestamp=2_000_000_000)
    taught = {lemma_key(t.lemma.lemma) for c in listed.cards for t in c.targets}
    assert {"санкция", "делегация"} <= {lemma_key(t.lemma.lemma) for c in first.cards for t in c.targets}
    assert not taught & {"санкция", "делегация"}


# A build killed (as by kill -9: os._exit, no cleanup) at each step of writing the deck.
FAULTS = {
    "the temporary database written, nothing packed": "zipfile.ZipFile.write = lambda *a, **k: os._exit(9)",
    "the notes packed, not the memory": "real = zipfile.ZipFile.writestr\n"
                                        "zipfile.ZipFile.writestr = lambda self, name, data, *a, **k: "
                                        "os._exit(9) if name == 'cards-state.json' else real(self, name, data, *a, **k)",
    "the package complete, not renamed": "os.replace = lambda *a, **k: os._exit(9)",
    "right after the rename": "real = os.replace\nos.replace = lambda *a, **k: (real(*a, **k), os._exit(9))",
}
KILLED_BUILD = """
import os, sys, zipfile
from pathlib import Path
sys.path.insert(0, {root!r})
{fault}
from cards.build import BuildOptions, build_deck
build_deck([Path(p) for p in {inputs!r}], BuildOptions(out=Path({out!r}), stress=False), timestamp=1_800_000_000)
"""


@pytest.mark.parametrize("step", list(FAULTS))
def test_a_build_killed_at_any_write_step_loses_nothing(tmp_path, collection, step):
    """Fault injection (issue 12): a rebuild that adds an article is killed at each step of its write;
    the deck left behind is a whole deck (old or new), the next build completes it, and the import
    into a collection that had the old deck adds the new notes, updates none, and keeps an edit."""
    import subprocess
    import sys
    import zipfile

    from cards.deck.state import ENTRY

    out = tmp_path / "deck.apkg"
    first = build_deck([SECOND], BuildOptions(out=out, stress=False), timestamp=1_700_000_000)
    import_apkg(collection, out)
    edited = collection.find_notes("")[0]
    note = collection.get_note(edited)
    note["English"] = note["English"] + MY_NOTE
    collection.update_note(note)

    inputs = [str(SECOND), str(SEED)]
    script = KILLED_BUILD.format(root=str(ROOT), fault=FAULTS[step], inputs=inputs, out=str(out))
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert killed.returncode == 9, killed.stderr
    with zipfile.ZipFile(out) as deck:  # whole: the notes and the memory, of one build or the other
        assert {"collection.anki2", ENTRY} <= set(deck.namelist()) and deck.testzip() is None

    again = build_deck([SECOND, SEED], BuildOptions(out=out, stress=False), timestamp=1_900_000_000)
    added = [c for c in again.cards if "source::minsk-washington" in c.tags]
    assert added and len(again.cards) == len(first.cards) + len(added)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".deck", "deck"))) == ["deck.apkg"]
    counts = import_apkg(collection, out)
    assert (counts.new, counts.updated, counts.conflicting) == (len(added), 0, 0)
    assert collection.get_note(edited)["English"].endswith(MY_NOTE)
