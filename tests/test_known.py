"""Known words from real files: word lists and texts, genanki decks, Anki collections and backups."""

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cards.build import read_known
from cards.errors import InputError
from cards.deck.known import field_text, sort_key

DATA = Path(__file__).resolve().parent / "data" / "known"
INFLECTED = DATA / "inflected.txt"  # "санкциями, переговорах, заключили"


# ---------------------------------------------------------------- text files


def test_inflected_forms_become_exactly_their_lemmas():
    assert read_known([INFLECTED]) == {"санкция", "переговоры", "заключить"}


def test_stress_marks_yo_and_case_in_a_list():
    assert read_known([DATA / "stressed-list.txt"]) == {
        "договорённость", "посольство", "заключённый", "временный", "поверенный",
    }


def test_free_text_in_cp1251_and_several_sources():
    lemmas = read_known([DATA / "free-text-cp1251.txt", INFLECTED])
    assert lemmas == {"министр", "иностранный", "дело", "провести", "переговоры", "с", "посол", "санкция", "заключить"}


def test_known_lemmas_are_no_longer_taught():
    from cards.model import Pair
    from cards.lexicon.morph import analyse
    from cards.deck.select import SelectOptions, select

    texts = [
        "Стороны заключили соглашение о санкциях на переговорах в Женеве.",
        "Делегации продолжат переговоры о снятии санкций.",
        "Правительство заключило контракт с поставщиками вооружений.",
    ]
    pairs = [Pair(t, "English", 0.9) for t in texts]
    analyses = [analyse(t) for t in texts]
    options = SelectOptions(max_new=6, extra_unknown=0, level=6.5)
    known = read_known([INFLECTED])

    before = select(pairs, analyses, frozenset(), options)
    after = select(pairs, analyses, known, options)
    taught_before = {t.lemma.lemma for d in before if d.chosen for t in d.targets}
    taught_after = {t.lemma.lemma for d in after if d.chosen for t in d.targets}
    assert known <= taught_before
    assert taught_after == taught_before - known
    for b, a in zip(before, after, strict=False):
        assert set(a.unknown) == set(b.unknown) - known


def test_missing_and_wordless_files():
    with pytest.raises(InputError, match=r"nope\.txt: no such file\. Check the path"):
        read_known([DATA / "nope.txt"])
    with pytest.raises(InputError, match=r"no such file"):
        read_known([DATA / "nope.apkg"])


def test_text_without_russian_words(tmp_path):
    english = tmp_path / "words.txt"
    english.write_text("sanctions, talks\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_known([english])
    assert str(err.value) == (
        f"{english}: no Russian words found in it. "
        "Give a list or text of Russian words, or an Anki deck with a Russian field"
    )


# ---------------------------------------------------------------- Anki field text


def test_field_text_strips_html_entities_sound_and_cloze():
    value = ('<div>Стороны <b>заключили</b>&nbsp;{{c1::сделку::deal}}</div>[sound:ru_123.mp3]<br>и&amp;т.д.'
             '<style>.ru { color: красный }</style><script>var слово = 1;</script>')
    assert field_text(value).split() == ["Стороны", "заключили", "сделку", "и&т.д."]


def test_russian_alphabetical_order():
    assert sorted(["яблоко", "есть", "ель", "ёж", "ёлка"], key=sort_key) == ["ёж", "ёлка", "ель", "есть", "яблоко"]


# ---------------------------------------------------------------- Anki files


def genanki_deck(path: Path, fields: list[str], rows: list[list[str]]) -> Path:
    import genanki

    model = genanki.Model(
        1607392319,
        "Vocabulary",
        fields=[{"name": f} for f in fields],
        templates=[
            {"name": "Card 1", "qfmt": f"{{{{{fields[0]}}}}}", "afmt": f"{{{{FrontSide}}}}<hr>{{{{{fields[1]}}}}}"}
        ],
    )
    deck = genanki.Deck(2059400110, "Test words")
    for row in rows:
        deck.add_note(genanki.Note(model=model, fields=row))
    from cards.deck.export import write_package

    write_package(genanki.Package(deck), path, 1_700_000_000, path.with_name(path.name + ".db"))  # nothing in $TMPDIR
    return path


@pytest.fixture(scope="module")
def apkg(tmp_path_factory):
    """A shared deck: English first, then the Russian word, then a Russian example sentence."""
    return genanki_deck(
        tmp_path_factory.mktemp("apkg") / "words.apkg",
        ["English", "Russian", "Example"],
        [
            ["sanctions", "<b>санкциями</b> [sound:s1.mp3]", "Сняли санкции."],
            ["talks", "переговорах&nbsp;", "Начали переговоры."],
            ["concluded", "заключили", "Стороны заключили сделку."],
        ],
    )


def test_apkg_reads_the_first_russian_field(apkg):
    assert read_known([apkg]) == {"санкция", "переговоры", "заключить"}


def test_known_field_picks_a_field_ignoring_case(apkg):
    # a short example is also a phrase the learner knows whole (заключили сделку; сняли санкции, a
    # collocation of seeds/collocations.tsv)
    assert read_known([apkg], field="example") == {
        "снять", "санкция", "начать", "переговоры", "сторона", "заключить", "сделка", "заключить сделку",
        "снять санкции",
    }


def test_known_field_that_no_note_type_has(apkg):
    with pytest.raises(InputError) as err:
        read_known([apkg], field="Word")
    assert str(err.value) == (
        f"{apkg}: no note type has a field named 'Word' (fields: English, Example, Russian). "
        "Give one of these to --known-field, or leave it out to use the first Russian field"
    )


def test_known_field_without_russian(apkg):
    with pytest.raises(InputError, match=r"no Russian words found in the field 'English'"):
        read_known([apkg], field="English")


def test_apkg_without_russian_text(tmp_path):
    deck = genanki_deck(tmp_path / "english.apkg", ["Front", "Back"], [["hello", "world"]])
    with pytest.raises(InputError, match=r"english\.apkg: no Russian words found in it\. "):
        read_known([deck])


def test_corrupt_packages(tmp_path):
    junk = tmp_path / "junk.apkg"
    junk.write_bytes(b"PK\x03\x04 this was cut short")
    with pytest.raises(InputError) as err:
        read_known([junk])
    assert str(err.value).startswith(f"{junk}: this is not an Anki package (not a zip archive). Export the deck")
    import zipfile

    hollow = tmp_path / "hollow.colpkg"
    with zipfile.ZipFile(hollow, "w") as z:
        z.writestr("media", "{}")
    with pytest.raises(InputError) as err:
        read_known([hollow])
    assert str(err.value).startswith(f"{hollow}: Anki cannot read this file (")
    assert "\n" not in str(err.value)
    broken = tmp_path / "collection.anki2"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    with pytest.raises(InputError) as err:
        read_known([broken])
    assert str(err.value).startswith(f"{broken}: Anki cannot read this file (the database is damaged")


def test_a_package_of_a_newer_anki_says_how_to_read_it(tmp_path, apkg):
    """Its `meta` names a package version this anki does not know: upgrading or exporting for older
    versions is the way out, not "export again" (issue 12)."""
    import zipfile

    newer = tmp_path / "newer.apkg"
    with zipfile.ZipFile(apkg) as source, zipfile.ZipFile(newer, "w") as out:
        for info in source.infolist():
            out.writestr(info, source.read(info.filename))
        out.writestr("meta", b"\x08\x63")  # PackageMetadata.version = 99
    with pytest.raises(InputError) as err:
        read_known([newer])
    message = str(err.value)
    assert message.startswith(f"{newer}: Anki cannot read this file (")
    assert "pip install -U anki" in message and "Support older Anki versions" in message
    assert "Export the deck package again" not in message and "\n" not in message


def make_collection(path: Path, rows: list[tuple[str, str]], studied: int = 0) -> Path:
    """A real collection with Basic notes (Front English, Back Russian); the first `studied` notes reviewed."""
    from anki.collection import Collection

    path.parent.mkdir(parents=True, exist_ok=True)
    col = Collection(str(path))
    try:
        model = col.models.by_name("Basic")
        deck = col.decks.id("Default")
        for front, back in rows:
            note = col.new_note(model)
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck)
        card_ids = sorted(col.find_cards(""))
        if studied:
            col.sched.set_due_date(card_ids[:studied], "3")
    finally:
        col.close()
    return path


ROWS = [("sanctions", "санкциями"), ("talks", "<i>переговорах</i>"), ("embassy", "посольства")]


def test_collection_without_reviews_counts_every_note(tmp_path):
    path = make_collection(tmp_path / "fresh" / "collection.anki2", ROWS)
    data = path.read_bytes()
    assert read_known([path]) == {"санкция", "переговоры", "посольство"}
    assert read_known([path.parent]) == {"санкция", "переговоры", "посольство"}  # the profile folder
    assert path.read_bytes() == data  # read from a copy, never written


def test_collection_with_reviews_counts_only_studied_notes(tmp_path):
    path = make_collection(tmp_path / "studied" / "collection.anki2", ROWS, studied=2)
    assert read_known([path]) == {"санкция", "переговоры"}


def test_colpkg_exported_by_anki_keeps_the_review_state(tmp_path):
    from anki.collection import Collection

    path = make_collection(tmp_path / "profile" / "collection.anki2", ROWS, studied=1)
    backup = tmp_path / "backup.colpkg"
    col = Collection(str(path))
    col.export_collection_package(str(backup), include_media=False, legacy=False)
    col.close()
    assert read_known([backup]) == {"санкция"}
    assert read_known([backup, INFLECTED]) == {"санкция", "переговоры", "заключить"}


@pytest.mark.parametrize(
    "with_scheduling, expected",
    [(True, {"санкция", "переговоры"}), (False, {"санкция", "переговоры", "посольство"})],
)
def test_apkg_exported_by_anki_with_and_without_scheduling(tmp_path, with_scheduling, expected):
    from anki.collection import Collection, ExportAnkiPackageOptions

    path = make_collection(tmp_path / "profile" / "collection.anki2", ROWS, studied=2)
    package = tmp_path / "export.apkg"
    col = Collection(str(path))
    options = ExportAnkiPackageOptions(with_scheduling=with_scheduling, with_deck_configs=False, with_media=False)
    col.export_anki_package(out_path=str(package), options=options, limit=None)
    col.close()
    assert read_known([package]) == expected


def test_media_are_never_read_from_a_package(tmp_path, apkg):
    """Known words need only the notes: a package's media map and files are left out before Anki
    imports it, in both package formats (a 12 MB .apkg naming 2 million media files took 1.4 GB)."""
    import json
    import zipfile

    from anki.collection import Collection, ExportAnkiPackageOptions

    from cards.deck.known import LATEST_PACKAGE, _package_version, _without_media

    legacy = tmp_path / "legacy.apkg"
    with zipfile.ZipFile(apkg) as source, zipfile.ZipFile(legacy, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "media":
                out.writestr(info.filename, source.read(info.filename))
        out.writestr("media", json.dumps({str(i): f"clip{i}.mp3" for i in range(100_000)}))
        out.writestr("0", b"ID3 not really an mp3")
    path = make_collection(tmp_path / "profile" / "collection.anki2", ROWS)
    latest = tmp_path / "latest.apkg"
    col = Collection(str(path))
    col.export_anki_package(out_path=str(latest), limit=None, options=ExportAnkiPackageOptions(
        with_scheduling=False, with_deck_configs=False, with_media=True, legacy=False))
    col.close()
    with zipfile.ZipFile(latest) as package:
        assert _package_version(package) >= LATEST_PACKAGE
    for package, expected in ((legacy, {"санкция", "переговоры", "заключить"}),
                              (latest, {"санкция", "переговоры", "посольство"})):
        stripped = tmp_path / f"stripped-{package.name}"
        _without_media(package, str(stripped))
        with zipfile.ZipFile(stripped) as copy:
            names = copy.namelist()
            assert "media" in names and not any(n.isdigit() for n in names)
            assert copy.read("media") in (b"{}", bytes.fromhex("28b52ffd2000010000"))
        assert read_known([package]) == expected


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from Linux's /proc")
def test_a_huge_media_map_costs_no_memory(tmp_path):
    """Peak memory reading a package whose map names 500,000 media files, against the same package
    with an empty map, each in a fresh process (the seed's deck)."""
    import json
    import subprocess
    import zipfile

    from cards.build import BuildOptions, build_deck

    apkg = tmp_path / "seed.apkg"
    build_deck([Path(__file__).resolve().parent.parent / "seeds" / "minsk-washington"], BuildOptions(out=apkg, stress=False))

    def package(name: str, media_map: dict) -> Path:
        path = tmp_path / name
        with zipfile.ZipFile(apkg) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in source.infolist():
                if info.filename != "media":
                    out.writestr(info.filename, source.read(info.filename))
            out.writestr("media", json.dumps(media_map))
        return path

    huge = package("huge.apkg", {str(i): "a" * 150 + f"{i}.mp3" for i in range(500_000)})
    plain = package("plain.apkg", {})
    probe = ("import sys; from cards.build import read_known; read_known([sys.argv[1]]); "
             "print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])")

    def peak_kb(package: Path) -> int:  # the child's own high-water mark (VmHWM: not its parent's, as ru_maxrss)
        done = subprocess.run([sys.executable, "-c", probe, str(package)], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return int(done.stdout.split()[-1])

    assert peak_kb(huge) - peak_kb(plain) < 50_000  # measured 0 MB with the map left out; 134 MB with it


# ---------------------------------------------------------------- the command line


def test_cli_known_writes_sorted_lemmas(tmp_path, apkg):
    from cards.cli import main

    out = tmp_path / "lists" / "known.txt"
    sources = [str(INFLECTED), str(DATA / "stressed-list.txt"), str(apkg)]
    result = CliRunner().invoke(main, ["known", *sources, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines() == [
        "временный", "договорённость", "заключённый", "заключить", "переговоры", "поверенный", "посольство", "санкция",
    ]
    assert result.stderr == f"8 known lemmas from 3 source(s) to {out}\n"
    assert not [p for p in out.parent.iterdir() if p != out]  # no temporary file left behind


def test_cli_known_to_stdout_with_a_field(apkg):
    from cards.cli import main

    result = CliRunner().invoke(main, ["known", str(apkg), "--known-field", "Example"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "заключить", "заключить сделку", "начать", "переговоры", "санкция", "сделка", "снять",
        "снять санкции", "сторона",
    ]


def test_cli_known_reports_a_missing_field_in_one_line(apkg):
    from cards.cli import main

    result = CliRunner().invoke(main, ["known", str(apkg), "--known-field", "Word"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {apkg}: no note type has a field named 'Word' (fields: English, Example, Russian). "
        "Give one of these to --known-field, or leave it out to use the first Russian field\n"
    )


def test_cli_inspect_and_build_pass_the_known_field(tmp_path, apkg):
    import json

    from cards.cli import main

    (tmp_path / "ru.txt").write_text(
        "Стороны заключили соглашение о санкциях на переговорах.\nДелегации продолжат переговоры о снятии санкций.\n",
        encoding="utf-8",
    )
    (tmp_path / "en.txt").write_text(
        "The parties concluded an agreement on sanctions at the talks.\n"
        "The delegations will continue talks on lifting sanctions.\n",
        encoding="utf-8",
    )

    def unknown(*args):
        result = CliRunner().invoke(main, ["inspect", str(tmp_path), "--format", "jsonl", *args])
        assert result.exit_code == 0, result.output
        return {lemma for line in result.stdout.splitlines() for lemma in json.loads(line)["unknown"]}

    assert {"санкция", "переговоры"} <= unknown()
    assert not {"санкция", "переговоры", "заключить"} & unknown("--known", str(apkg), "--known-field", "Russian")
    for command in (["inspect", str(tmp_path)], ["build", str(tmp_path), "--dry-run"]):
        result = CliRunner().invoke(main, [*command, "--known", str(apkg), "--known-field", "Word"])
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: {apkg}: no note type has a field named 'Word' (fields: English,")


# ---------------------------------------------------------------- without the anki package, or without room


def test_without_the_anki_package_a_one_line_hint(apkg, monkeypatch):
    from cards.cli import main
    from cards.errors import MissingPackageError

    for name in ("anki", "anki.collection", "anki.errors", "anki._backend"):
        monkeypatch.setitem(sys.modules, name, None)  # import anki → ModuleNotFoundError
    with pytest.raises(MissingPackageError) as err:
        read_known([apkg])
    assert str(err.value) == (f"{apkg}: reading an Anki file needs the anki package, which is not installed: "
                              "pip install 'cards[anki]'; or give a text file of words")
    result = CliRunner().invoke(main, ["known", str(apkg)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {err.value}\n"
    assert read_known([INFLECTED]) == {"санкция", "переговоры", "заключить"}  # word lists need no anki


def test_a_full_temporary_folder_is_one_line(apkg, monkeypatch):
    import errno
    import tempfile

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkdtemp", full)
    with pytest.raises(InputError) as err:
        read_known([apkg])
    assert str(err.value) == (f"{apkg}: cannot be copied into a temporary folder in {tempfile.gettempdir()} "
                              "(No space left on device). Free some space there, or set TMPDIR to a folder with room")


def test_the_anki_extra_is_declared_and_kept_in_test():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    extras = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["optional-dependencies"]
    assert extras["anki"] == ["anki>=2.1.66,<27"]
    assert "anki>=2.1.66,<27" in extras["test"]
