"""Nothing a user has is lost (issue 12): what --out may be, permissions, empty rebuilds, temporary
files, a full disk, and two builds of one deck at once. Red-team cases, each one a test."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from anki_client import import_apkg
from cards.errors import DeckInUseError, EmptyDeckError, ExportError, OutPathError
from cards.deck.export import (
    NoteSpec, card_key, check_out_path, check_replacement, is_cards_deck, write_apkg, write_csv,
)
from cards.deck.files import atomic_write_text, deck_lock, lock_path, stale_temps
from cards.model import Card, Lemma, Pair, Target
from cards.deck.render import render

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "minsk-washington"
DECK = "Political Russian::Test"


def make_card(ru: str, en: str, word: str, lemma: str) -> Card:
    start = ru.index(word)
    target = Target(Lemma(lemma, "noun", gender="f", zipf=3.5), (start, start + len(word)))
    return Card(Pair(ru, en, 0.97, "Test article"), (target,), ("teaches_one_new_word",), card_key(ru))


CARDS = [
    make_card("США сняли санкции с авиакомпании.", "The US lifted sanctions on the airline.", "санкции", "санкция"),
    make_card("Стороны обсудили сделку.", "The parties discussed the deal.", "сделку", "сделка"),
]


def specs(cards=CARDS):
    return [NoteSpec(c, render(c), DECK, ("source::test",)) for c in cards]


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ---------------------------------------------------------------- --out is a new path or a deck of ours


def test_a_new_path_and_our_own_decks_may_be_written(tmp_path):
    check_out_path(tmp_path / "new.apkg")
    check_out_path(tmp_path / "folder" / "not" / "there.apkg")
    ours = tmp_path / "deck.apkg"
    write_apkg(specs(), ours, timestamp=1_700_000_000)
    csv = tmp_path / "deck.csv"
    write_csv(specs(), csv, timestamp=1_700_000_000)
    check_out_path(ours, inputs=[SEED / "ru.txt", SEED / "en.txt"])
    check_out_path(csv)
    assert (is_cards_deck(ours), is_cards_deck(csv)) == (True, True)
    wider = tmp_path / "older.csv"  # a CSV of a version with another number of fields is ours too
    wider.write_text(csv.read_text(encoding="utf-8").replace("#tags column:11", "#tags column:12"), encoding="utf-8")
    assert is_cards_deck(wider)


def test_an_input_file_is_never_the_deck(tmp_path):
    ru = tmp_path / "ru.txt"
    ru.write_bytes((SEED / "ru.txt").read_bytes())
    with pytest.raises(OutPathError) as err:
        check_out_path(ru, inputs=[ru, SEED / "en.txt"])
    assert str(err.value) == (f"{ru}: is one of the input files; writing the deck there would replace it. "
                              "Give another --out path")
    link = tmp_path / "also-ru.apkg"  # the same file by another name
    os.link(ru, link)
    with pytest.raises(OutPathError, match="is one of the input files"):
        check_out_path(link, inputs=[ru])


def test_a_text_file_or_someone_elses_deck_is_left_alone(tmp_path):
    import genanki

    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    with pytest.raises(OutPathError) as err:
        check_out_path(notes)
    assert str(err.value) == (f"{notes}: exists and is not a deck cards wrote; it is left as it is. "
                              "Give another --out path, or move that file away first")
    other = tmp_path / "other.apkg"  # a genanki deck, but not of our note types
    model = genanki.Model(1607392319, "Basic", fields=[{"name": "Front"}], templates=[
        {"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Front}}"}])
    deck = genanki.Deck(2059400110, "Words")
    deck.add_note(genanki.Note(model=model, fields=["слово"]))
    from cards.deck.export import write_package

    write_package(genanki.Package(deck), other, 1_700_000_000, tmp_path / "other.db")
    foreign_csv = tmp_path / "words.csv"
    foreign_csv.write_text("#separator:tab\n#html:true\nслово\tword\n", encoding="utf-8")
    for path in (other, foreign_csv):
        with pytest.raises(OutPathError, match="exists and is not a deck cards wrote"):
            check_out_path(path)
    assert notes.read_text(encoding="utf-8") == "my notes\n"


@pytest.mark.parametrize("legacy", [True, False])
def test_a_learners_own_anki_export_of_our_deck_is_not_ours(tmp_path, collection, legacy):
    """Anki keeps our note type ids on import, so an export of the learner's collection carries them:
    it holds their edits and reviews, and --out must not replace it."""
    from anki.collection import ExportAnkiPackageOptions

    ours = tmp_path / "deck.apkg"
    write_apkg(specs(), ours, timestamp=1_700_000_000)
    import_apkg(collection, ours)
    export = tmp_path / "my-export.apkg"
    options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False, with_media=False, legacy=legacy)
    collection.export_anki_package(out_path=str(export), options=options, limit=None)
    assert not is_cards_deck(export)
    with pytest.raises(OutPathError, match="exists and is not a deck cards wrote"):
        check_out_path(export)


def test_a_folder_a_device_a_fifo_and_a_broken_link_are_refused(tmp_path):
    with pytest.raises(OutPathError) as err:
        check_out_path(tmp_path)
    assert str(err.value) == f"{tmp_path}: is a folder. Give a file name for the deck, e.g. --out {tmp_path / 'deck.apkg'}"
    with pytest.raises(OutPathError) as err:
        check_out_path(Path("/dev/null"))
    assert str(err.value) == ("/dev/null: is a device or other special file, not a deck; it is left as it is. "
                              "Give a file name for the deck")
    fifo = tmp_path / "pipe.apkg"
    os.mkfifo(fifo)
    with pytest.raises(OutPathError, match="pipe.apkg: is a device or other special file"):
        check_out_path(fifo)
    broken = tmp_path / "gone.apkg"
    broken.symlink_to(tmp_path / "nowhere.apkg")
    with pytest.raises(OutPathError) as err:
        check_out_path(broken)
    assert str(err.value) == (f"{broken}: is a symbolic link to a file that does not exist. "
                              "Give another --out path, or remove the link")


def test_a_file_name_with_a_newline_stays_on_one_line(tmp_path):
    odd = tmp_path / "two\nlines.txt"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(OutPathError) as err:
        check_out_path(odd)
    assert str(err.value).startswith(f"{tmp_path}/two\\nlines.txt: exists and is not a deck")
    assert "\n" not in str(err.value)


def test_a_link_to_our_deck_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "decks" / "deck.apkg"
    write_apkg(specs(CARDS[:1]), real, timestamp=1_700_000_000)
    link = tmp_path / "deck.apkg"
    link.symlink_to(real)
    check_out_path(link)
    summary = write_apkg(specs(), link, timestamp=1_800_000_000)
    assert summary.changed == 1  # the state beside the real deck was read: the first note kept its time
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert is_cards_deck(real)
    assert names(tmp_path / "decks") == ["deck.apkg"]
    assert names(tmp_path) == ["deck.apkg", "decks"]


@pytest.mark.parametrize("writer", [write_apkg, write_csv])
def test_a_rebuild_keeps_the_decks_permissions(tmp_path, writer):
    out = tmp_path / ("deck.apkg" if writer is write_apkg else "deck.csv")
    writer(specs(CARDS[:1]), out, timestamp=1_700_000_000)
    os.chmod(out, 0o600)
    writer(specs(), out, timestamp=1_800_000_000)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    os.chmod(out, 0o640)
    atomic_write_text(out, "x")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


# ---------------------------------------------------------------- an empty build never replaces a deck


@pytest.mark.parametrize("writer", [write_apkg, write_csv])
def test_a_deck_is_never_replaced_by_an_empty_one(tmp_path, writer):
    out = tmp_path / ("deck.apkg" if writer is write_apkg else "deck.csv")
    writer(specs(), out, timestamp=1_700_000_000)
    before = out.read_bytes()  # an .apkg holds its memory; a CSV keeps it beside itself
    sidecar = tmp_path / (out.name + ".state.json")
    state = sidecar.read_bytes() if writer is write_csv else None
    with pytest.raises(EmptyDeckError) as err:
        writer([], out, timestamp=1_800_000_000)
    assert str(err.value) == (f"{out}: this build made no cards, so the deck was not replaced and keeps its cards. "
                              "Run the build with --dry-run to see why, or give another --out")
    assert out.read_bytes() == before
    assert (sidecar.read_bytes() if writer is write_csv else sidecar.exists()) == (state if writer is write_csv else False)
    check_replacement(tmp_path / "new.apkg", 0)  # nothing to replace: allowed
    check_replacement(out, 1)


# ---------------------------------------------------------------- temporary files and a full disk


def test_genanki_leaves_nothing_in_tmpdir_and_needs_no_room_there(tmp_path, monkeypatch):
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmpdir))
    monkeypatch.setattr(tempfile, "tempdir", str(tmpdir))
    out = tmp_path / "decks" / "deck.apkg"
    write_apkg(specs(), out, timestamp=1_700_000_000)
    assert names(tmpdir) == []
    assert names(out.parent) == ["deck.apkg"]

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full)  # a full $TMPDIR
    monkeypatch.setattr(tempfile, "mkdtemp", full)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", full)
    summary = write_apkg(specs(), tmp_path / "decks" / "second.apkg", timestamp=1_700_000_000)
    assert (summary.notes, summary.cards) == (2, 2)


def test_temporary_decks_of_a_killed_build_are_removed_by_the_next_write(tmp_path):
    out = tmp_path / "deck.apkg"
    write_apkg(specs(), out, timestamp=1_700_000_000)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    left = [tmp_path / f".deck.apkg.{pid}-0a1b2c3d.tmp", tmp_path / f".deck.apkg.{pid}-0a1b2c3d.db.tmp",
            tmp_path / f".deck.apkg.state.json.{pid}-99aa00ff.tmp"]
    old_style = tmp_path / ".deck.apkg.k3j_x9a2.tmp"  # the former mkstemp naming, an hour old
    alive = tmp_path / f".deck.apkg.{os.getpid()}-12345678.tmp"  # a write of a process that still runs
    for p in left + [old_style, alive]:
        p.write_bytes(b"half a deck")
    os.utime(old_style, (1_700_000_000, 1_700_000_000))
    assert stale_temps(out) == tuple(sorted(left[:2] + [old_style]))
    write_apkg(specs(), out, timestamp=1_800_000_000)
    assert names(tmp_path) == sorted(["deck.apkg", alive.name])


def test_a_full_disk_is_one_line_and_the_old_deck_stays(tmp_path, monkeypatch):
    out = tmp_path / "deck.apkg"
    write_apkg(specs(), out, timestamp=1_700_000_000)
    before = names(tmp_path), out.read_bytes()
    real_write = zipfile.ZipFile.write

    def full(self, filename, arcname=None, *args, **kwargs):
        self.fp.write(b"\0" * 100)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", full)
    with pytest.raises(ExportError) as err:
        write_apkg(specs(CARDS[:1]), out, timestamp=1_800_000_000)
    assert str(err.value) == (f"{out}: cannot write the deck: no space left on the disk; the old file is kept. "
                              "Free some space, or choose another --out path")
    assert (names(tmp_path), out.read_bytes()) == before
    monkeypatch.setattr(zipfile.ZipFile, "write", real_write)


def test_a_state_that_cannot_be_written_is_named_and_not_blamed_on_the_deck(tmp_path):
    """A CSV deck keeps its memory beside itself (an .apkg inside, in the same write)."""
    out = tmp_path / "deck.csv"
    (tmp_path / "deck.csv.state.json").mkdir()
    with pytest.raises(ExportError) as err:
        write_csv(specs(), out, timestamp=1_700_000_000)
    assert str(err.value) == f"{out}.state.json: cannot write the deck's state (Is a directory). Choose another --out path"
    assert is_cards_deck(out)  # the deck itself was written
    assert names(tmp_path) == ["deck.csv", "deck.csv.state.json"]


def test_a_real_failing_write_is_one_line_and_leaves_no_temporary_file(tmp_path):
    """No mock: the temporary database outgrows the process's file size limit (RLIMIT_FSIZE)."""
    script = f"""
import resource, signal, sys
sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests')!r}]
from pathlib import Path
from test_safety import specs, CARDS
from cards.errors import ExportError
from cards.deck.export import write_apkg
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
try:
    write_apkg(specs(CARDS * 1), Path({str(tmp_path / 'deck.apkg')!r}), timestamp=1_700_000_000)
except ExportError as err:
    print(err)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.stderr == ""
    assert result.stdout == f"{tmp_path / 'deck.apkg'}: cannot write the deck (disk I/O error). Choose another --out path\n"
    assert names(tmp_path) == []


# ---------------------------------------------------------------- one build of a deck at a time

HOLD = """
import sys
sys.path.insert(0, {root!r})
from cards.deck.files import deck_lock
with deck_lock({deck!r}):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_a_second_build_of_the_same_deck_is_told_it_is_in_use(tmp_path):
    out = tmp_path / "deck.apkg"
    write_apkg(specs(CARDS[:1]), out, timestamp=1_700_000_000)
    before = out.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", HOLD.format(root=str(ROOT), deck=str(out))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        for writer in (write_apkg, write_csv):
            with pytest.raises(DeckInUseError) as err:
                writer(specs(), out, timestamp=1_800_000_000)
            assert str(err.value) == (f"{out}: in use by another build (process {holder.pid}). "
                                      "Wait for it to finish, then build again")
        assert out.read_bytes() == before
    finally:
        holder.communicate("", timeout=30)
    assert not lock_path(out).exists()
    assert write_apkg(specs(), out, timestamp=1_800_000_000).notes == 2


def test_a_killed_build_leaves_no_lock_behind(tmp_path):
    out = tmp_path / "deck.apkg"
    holder = subprocess.Popen([sys.executable, "-c", HOLD.format(root=str(ROOT), deck=str(out))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    holder.kill()
    holder.wait(timeout=30)
    assert lock_path(out).exists()  # the file stays, the lock does not
    summary = write_apkg(specs(), out, timestamp=1_700_000_000)
    assert summary.notes == 2
    assert names(tmp_path) == ["deck.apkg"]


def test_the_lock_is_reentrant_within_one_build(tmp_path):
    out = tmp_path / "deck.apkg"
    with deck_lock(out) as lock:
        assert lock == lock_path(out.resolve()) and lock.exists()
        write_apkg(specs(), out, timestamp=1_700_000_000)  # takes the same lock again
        assert lock.exists()
    assert names(tmp_path) == ["deck.apkg"]


# ---------------------------------------------------------------- the same cases through `cards build`

PAIR = Path(__file__).resolve().parent / "data" / "pairs" / "yerevan-brussels"


def run_build(*args: str):
    from click.testing import CliRunner

    from cards.cli import main

    return CliRunner().invoke(main, ["build", *args, "--no-stress"])


def pair_copy(folder: Path, ru: bytes | None = None) -> Path:
    folder.mkdir(parents=True)
    (folder / "ru.txt").write_bytes((PAIR / "ru.txt").read_bytes() if ru is None else ru)
    (folder / "en.txt").write_bytes((PAIR / "en.txt").read_bytes())
    return folder


def test_cli_refuses_an_input_a_device_and_a_users_file_as_out(tmp_path):
    pair = pair_copy(tmp_path / "article")
    mine = tmp_path / "mine.apkg"
    mine.write_text("my own file\n", encoding="utf-8")
    for out, finding in ((pair / "ru.txt", "is one of the input files"), (Path("/dev/null"), "is a device"),
                         (mine, "exists and is not a deck cards wrote")):
        result = run_build(str(pair), "--out", str(out))
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: {out}: {finding}") and result.stderr.count("\n") == 1
    assert (pair / "ru.txt").read_bytes() == (PAIR / "ru.txt").read_bytes()
    assert mine.read_text(encoding="utf-8") == "my own file\n"


def test_cli_one_bad_byte_gives_the_same_deck_and_a_warning(tmp_path):
    data = (PAIR / "ru.txt").read_bytes()
    i = data.index("Еврокомиссия".encode("utf-8"))
    article = pair_copy(tmp_path / "article")
    first = run_build(str(article), "--out", str(tmp_path / "deck.apkg"))
    assert first.exit_code == 0, first.output
    (article / "ru.txt").write_bytes(data[:i] + b"\xff" + data[i:])
    second = run_build(str(article), "--out", str(tmp_path / "deck.apkg"))
    assert second.exit_code == 0, second.output
    line = data[:i].count(b"\n") + 1
    assert (f"warning: {article / 'ru.txt'}: 1 byte that is not UTF-8 was dropped on line {line}. "
            "Check the text there, or save the file as UTF-8 again\n") in second.stderr
    assert ", 0 new, 0 changed, " in second.stderr.splitlines()[-1]  # the very same notes


def test_cli_a_second_build_of_a_deck_in_use_and_an_empty_rebuild(tmp_path):
    out = tmp_path / "deck.apkg"
    write_apkg(specs(), out, timestamp=1_700_000_000)
    before = out.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", HOLD.format(root=str(ROOT), deck=str(out))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        result = run_build(str(PAIR), "--out", str(out))
        assert result.exit_code == 1
        assert result.stderr == (f"Error: {out}: in use by another build (process {holder.pid}). "
                                 "Wait for it to finish, then build again\n")
    finally:
        holder.communicate("", timeout=30)
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    (tiny / "ru.txt").write_text("Он сказал да.\n", encoding="utf-8")
    (tiny / "en.txt").write_text("He said yes.\n", encoding="utf-8")
    result = run_build(str(tiny), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.endswith(f"Error: {out}: this build made no cards, so the deck was not replaced and keeps "
                                  "its cards. Run the build with --dry-run to see why, or give another --out\n")
    assert out.read_bytes() == before


def test_same_named_folders_a_second_ru_file_a_wrong_suffix_and_known_onto_a_source(tmp_path, monkeypatch):
    """Issue 12's unclear cases, each a one-line error that names the file."""
    from click.testing import CliRunner

    from cards.cli import main

    seed = Path(__file__).resolve().parent.parent / "seeds" / "minsk-washington"
    for parent in ("a", "b"):
        folder = tmp_path / parent / "article"
        folder.mkdir(parents=True)
        for f in seed.iterdir():
            (folder / f.name).write_bytes(f.read_bytes())
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["build", "a/article", "--no-stress"]).exit_code == 0
    deck = (tmp_path / "decks" / "article.apkg").read_bytes()
    taken = runner.invoke(main, ["build", "b/article", "--no-stress"])
    assert taken.exit_code == 1 and "is the deck of another folder" in taken.output
    assert (tmp_path / "decks" / "article.apkg").read_bytes() == deck
    assert runner.invoke(main, ["build", "a/article", "--no-stress"]).exit_code == 0  # its own folder: fine
    (tmp_path / "a" / "article" / "ru.md").write_text("Другой текст.", encoding="utf-8")
    second = runner.invoke(main, ["build", "a/article", "--dry-run"])
    assert second.exit_code == 1
    assert second.output.strip().endswith("ru.txt: a second ru file beside ru.md, so which is the article is unclear. "
                                          "Keep one ru.* and one en.* file in each pair folder")
    wrong = runner.invoke(main, ["build", "b/article", "--out", "x.csv"])
    assert wrong.exit_code == 1 and "x.csv: the name says csv but --format is apkg" in wrong.output
    words = tmp_path / "words.txt"
    words.write_text("санкция\n", encoding="utf-8")
    onto = runner.invoke(main, ["known", str(words), "-o", str(words)])
    assert onto.exit_code == 2 and words.read_text(encoding="utf-8") == "санкция\n"
