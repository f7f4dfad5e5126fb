"""Render: the card a learner sees. Field contents (grammar, frequency, phrases in dictionary form,
escaping) and screenshots of real Anki renderings in day and night mode, at phone and desktop width.

`python tests/test_render.py` rebuilds the seed deck and writes docs/card-{front,back}-{day,night}-
{phone,desktop}.png (needs chromium: apt-get install chromium fonts-noto-core)."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from anki_client import import_apkg, open_collection  # noqa: E402
from cards.deck.export import NoteSpec, card_key, write_apkg  # noqa: E402
from cards.model import Card, Lemma, Pair, Target  # noqa: E402
from cards.deck.render import (  # noqa: E402
    dictionary_form, escape, frequency_label, grammar_short, phrase_english, render, vocabulary_html,
)

SEED = ROOT / "seeds" / "minsk-washington"
DOCS = ROOT / "docs"
DECK = "Political Russian::Test"
WIDTHS = {"phone": (390, 844), "desktop": (1000, 720)}
DOCS_CARD = "Многие санкцио"  # the seed card the README shows (its Russian begins so, stress marks aside)


# ---------------------------------------------------------------- screenshots: helpers


def chromium() -> str | None:
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


# What Anki's reviewer puts around a card: the body carries the card classes (and nightMode night_mode in
# night mode; AnkiDroid sets night_mode) and a 20 px margin; the card's HTML is the body's content.
PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body {{ margin: 20px; }}</style></head>
<body class="{classes}"><div id="qa">{card}</div>
<script>document.body.dataset.overflow = document.documentElement.scrollWidth > window.innerWidth;
document.body.dataset.height = document.body.offsetHeight + 40;  // with the margins</script></body></html>"""


def page(card_html: str, night: bool) -> str:
    return PAGE.format(classes="card card1" + (" nightMode night_mode" if night else ""), card=card_html)


def _run_chromium(args: list[str], html: str, workdir: Path) -> subprocess.CompletedProcess:
    source = workdir / "card.html"
    source.write_text(html, encoding="utf-8")
    return subprocess.run(
        [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
         "--force-device-scale-factor=1", f"--user-data-dir={workdir / 'profile'}", *args, source.as_uri()],
        capture_output=True, text=True, timeout=60, check=True,
        # its crash reporter writes under $XDG_CONFIG_HOME whatever the profile: keep that in the test's folder
        env={**os.environ, "XDG_CONFIG_HOME": str(workdir / "config"), "XDG_CACHE_HOME": str(workdir / "cache")},
    )


def layout(html: str, width: int, workdir: Path) -> tuple[bool, int]:
    """(whether the page is wider than the window, the page's height) at this window width."""
    import re

    dom = _run_chromium([f"--window-size={width},600", "--dump-dom"], html, workdir).stdout
    body = re.search(r"<body[^>]*>", dom).group(0)
    overflow = re.search(r'data-overflow="(\w+)"', body).group(1) == "true"
    return overflow, int(re.search(r'data-height="(\d+)"', body).group(1))


def screenshot(html: str, out: Path, width: int, height: int, workdir: Path) -> Path:
    _run_chromium([f"--window-size={width},{height}", f"--screenshot={out}"], html, workdir)
    return out


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB(A) bytes) of an 8-bit RGB or RGBA PNG, as chromium writes them."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    idat = b""
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos : pos + 4]), data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IDAT":
            idat += body
        else:
            chunks[kind] = body
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    step = 3 if colour == 2 else 4
    raw, rows, previous = zlib.decompress(idat), [], bytearray(width * step)
    stride = width * step
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up, corner = previous[i], previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line[j] for j in range(stride) if j % step < 3))  # RGB only
        previous = line
    return width, height, rows


def luminance(rgb: bytes) -> float:
    r, g, b = rgb[:3]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def card_sides(apkg: Path, collection_path: Path, starts: str) -> tuple[str, str]:
    """The question and answer HTML Anki renders for the first recognition card whose Russian (stress
    marks aside) starts with `starts`."""
    col = open_collection(collection_path)
    try:
        import_apkg(col, apkg)
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            if note["Russian"].replace("\u0301", "").replace('<span class="target">', "").startswith(starts):
                card = note.cards()[0]
                return card.question(), card.answer()
    finally:
        col.close()
    raise LookupError(starts)


def write_docs(out_dir: Path = DOCS) -> list[Path]:
    """Build the seed deck and write the README's screenshots of one card into `out_dir`."""
    out_dir.mkdir(exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        apkg = tmp / "seed.apkg"
        subprocess.run([sys.executable, "-m", "cards", "build", str(SEED), "--out", str(apkg)], check=True,
                       capture_output=True)
        sides = dict(zip(("front", "back"), card_sides(apkg, tmp / "c.anki2", DOCS_CARD), strict=True))
        for name, (width, min_height) in WIDTHS.items():
            # front and back at one size, so that the pair shows what the answer reveals
            height = max(min_height if name == "phone" else 0, layout(page(sides["back"], False), width, tmp)[1])
            for side, html in sides.items():
                for mode in ("day", "night"):
                    out = out_dir / f"card-{side}-{mode}-{name}.png"
                    written.append(screenshot(page(html, mode == "night"), out, width, height, tmp))
    return written


if __name__ == "__main__":
    for path in write_docs():
        print(path.relative_to(ROOT))


# ---------------------------------------------------------------- field contents


def target(word: str, ru: str, lemma: Lemma, gloss: str = "", unit: str = "", gloss_from: str = "sentence",
           en: str = "", en_word: str = "") -> Target:
    start = ru.index(word)
    en_span = (en.index(en_word), en.index(en_word) + len(en_word)) if en_word else None
    return Target(lemma, (start, start + len(word)), en_span, gloss, unit, gloss_from if gloss else "")


RU = "Минск высказал недовольство таким ходом событий."
EN = "Minsk expressed dissatisfaction with this development."
VERB = Lemma("высказать", "verb", aspect="perf", zipf=4.4, aspect_partner="высказывать")
NOUN = Lemma("недовольство", "noun", gender="n", zipf=4.2)


def two_word_card(source: str = "Test article") -> Card:
    unit = "высказал недовольство"
    return Card(Pair(RU, EN, 0.9, source), (
        target("высказал", RU, VERB, "expressed", unit, en=EN, en_word="expressed"),
        target("недовольство", RU, NOUN, "discontent", unit, "dictionary"),
    ), key=card_key(RU))


@pytest.mark.parametrize("lemma, short, long", [
    (Lemma("санкция", "noun", gender="f"), "f.", "noun · feminine"),
    (Lemma("выборы", "noun", gender="m", plural_only=True), "pl. only", "noun · plural only"),
    (Lemma("пальто", "noun", gender="n", indeclinable=True), "n. indecl.", "noun · neuter · indeclinable"),
    (Lemma("коллега", "noun"), "noun", "noun"),
    (Lemma("позитивный", "adj"), "adj.", "adjective"),
    (Lemma("публично", "adv"), "adv.", "adverb"),
    (Lemma("заключить", "verb", aspect="perf", aspect_partner="заключать"), "pf. (impf. заключать)",
     "verb · perfective (impf. заключать)"),
    (Lemma("переносить", "verb", aspect="impf", aspect_partner="перенести"), "impf. (pf. перенести)",
     "verb · imperfective (pf. перенести)"),
    (Lemma("делегировать", "verb", aspect="impf"), "impf.", "verb · imperfective"),
    (Lemma("исследовать", "verb", aspect="both", aspect_partner="x"), "impf./pf.", "verb · imperfective and perfective"),
    (Lemma("ой", "other"), "", "word"),
])
def test_grammar_in_a_few_letters_with_the_words_as_a_tooltip(lemma, short, long):
    from cards.deck.render import grammar_label

    t = Target(lemma, (0, 1))
    assert (grammar_short(t), grammar_label(t)) == (short, long)


@pytest.mark.parametrize("zipf, label", [
    (5.7, "common"), (4.5, "common"), (4.49, "less common"), (3.5, "less common"), (3.49, "rare"), (1.0, "rare"),
    (0.0, ""),  # no figure: no label
])
def test_frequency_is_a_learners_word(zipf, label):
    assert frequency_label(zipf) == label


@pytest.mark.parametrize("phrase, form", [
    ("личной симпатии", "личная симпатия"),  # adjective + noun: both nominative, agreeing
    ("мелким шрифтом", "мелкий шрифт"),
    ("политических заключенных", "политические заключенные"),  # number as in the sentence; е as written
    ("политического заключенного", "политический заключенный"),  # a substantivised head: a person
    ("высшего пилотажа", "высший пилотаж"),  # not pymorphy3's first pick, высочайший
    ("давнему подходу", "давний подход"),  # not the superlative давнейший
    ("вынесения приговора", "вынесение приговора"),  # noun + genitive: the genitive stays
    ("видение окончания", "видение окончания"),
    ("высказал недовольство", "высказать недовольство"),  # verb + object: infinitive + the object as it stands
    ("подписал контракт", "подписать контракт"),  # контракт could be a subject, but a contract signs nothing
    ("усложняли операционные возможности", "усложнять операционные возможности"),
    ("нашла понимания", "найти понимания"),
    ("снять санкции", "снять санкции"),
    ("циркулировали слухи", "циркулировали слухи"),  # intransitive: слухи is the subject, nothing changes
    ("сообщает портал", "сообщает портал"),  # a reporting verb names its source
    ("сказал нападающий", "сказал нападающий"),  # a person
    ("временного поверенного", "временного поверенного"),  # временный or временной? unsure: as it stands
    ("должны прокуратура", "должны прокуратура"),  # no known shape: as it stands
    ("создавшего угрозу", "создать угрозу"),  # an active participle and its object
    ("текущем году", "текущем году"),  # году is no object; текущий is an adjective too
    ("закурившего пассажира", "закуривший пассажир"),  # it agrees: the noun it qualifies
    ("нарушивших закон граждан", "нарушивших закон граждан"),  # longer: as it stands
])
def test_a_phrase_in_dictionary_form(phrase, form):
    assert dictionary_form(phrase) == form


def test_dictionary_form_lowers_a_sentence_opening_but_not_capitals():
    assert dictionary_form("Судебное следствие", sentence_start=True) == "судебное следствие"
    assert dictionary_form("Судебное следствие") == "Судебное следствие"  # a name may be capitalised
    assert dictionary_form("Поднимаю руки", sentence_start=True) == "поднимать руки"


def test_vocabulary_one_line_per_word_and_the_phrase_once_after_its_words():
    assert vocabulary_html(two_word_card()) == (
        '<div class="word"><span class="head"><span class="lemma">высказать</span> <span class="grammar" '
        'title="verb · perfective (impf. высказывать)">pf. (impf. высказывать)</span></span> '
        '<span class="gloss">expressed</span> <span class="freq">less common</span></div>'
        '<div class="word"><span class="head"><span class="lemma">недовольство</span> <span class="grammar" '
        'title="noun · neuter">n.</span></span> <span class="gloss dict" title="a dictionary sense: no counterpart '
        'found in this translation"><span class="how">dict.</span> discontent</span> '
        '<span class="freq">less common</span></div>'
        '<div class="phrase"><span class="label">phrase</span> <span class="unit">высказать недовольство</span></div>'
    )


def test_a_phrase_that_glosses_its_own_words_is_said_once_on_its_line():
    ru, en = "Он приложил усилия и похудел.", "He knuckled down and lost weight."
    unit, meaning = "приложил усилия", "приложил усилия: make an effort"  # no counterpart: the phrase's sense
    card = Card(Pair(ru, en, 0.9), (target("приложил", ru, Lemma("приложить", "verb", aspect="perf"), meaning, unit,
                                           "dictionary"),
                                    target("усилия", ru, Lemma("усилие", "noun", gender="n"), meaning, unit,
                                           "dictionary")), key="k")
    html = vocabulary_html(card)
    assert html.count("make an effort") == 1  # on the phrase line, as the dictionary writes the phrase
    assert '<span class="unit">приложить усилия</span> <span class="gloss dict"' in html
    # a word glossed otherwise keeps its gloss
    other = Card(card.pair, (card.targets[0], target("усилия", ru, Lemma("усилие", "noun", gender="n"), "effort", unit)),
                 key="k")
    assert '<span class="gloss">effort</span>' in vocabulary_html(other)


def test_a_phrase_shows_its_english_only_when_every_content_word_has_a_counterpart_close_by():
    ru = "Об этом сообщает пресс-служба оперативного штаба в Москве."
    en = "This was reported by the press office of the crisis center in Moscow."
    unit = "оперативного штаба"
    adjective = Lemma("оперативный", "adj")
    noun = Lemma("штаб", "noun", gender="m")

    def card(*targets: Target) -> Card:
        return Card(Pair(ru, en, 0.9), targets, key="k")

    both = card(target("оперативного", ru, adjective, "crisis", unit, en=en, en_word="crisis"),
                target("штаба", ru, noun, "center", unit, en=en, en_word="center"))
    assert phrase_english(both, unit) == "crisis center"
    assert '<span class="unit">оперативный штаб</span> <span class="gloss">crisis center</span></div>' in (
        vocabulary_html(both))
    # the noun without a counterpart, or not a target at all (known): half a translation is not shown
    half = card(target("оперативного", ru, adjective, "crisis", unit, en=en, en_word="crisis"),
                target("штаба", ru, noun, "headquarters", unit, "dictionary"))
    assert phrase_english(half, unit) == ""
    assert phrase_english(card(both.targets[0]), unit) == ""
    # counterparts far apart in the English are not one phrase
    far = card(target("оперативного", ru, adjective, "crisis", unit, en=en, en_word="press"),
               target("штаба", ru, noun, "center", unit, en=en, en_word="center"))
    assert phrase_english(far, unit) == ""
    # a preposition inside the phrase needs no counterpart of its own
    ru2, en2 = "Он погиб в бою под Киевом.", "He was killed in action near Kyiv."
    in_battle = Card(Pair(ru2, en2, 0.9), (target("погиб", ru2, Lemma("погибнуть", "verb"), "killed", "погиб в бою",
                                                  en=en2, en_word="killed"),
                                           target("бою", ru2, Lemma("бой", "noun"), "action", "погиб в бою",
                                                  en=en2, en_word="action")), key="k")
    assert phrase_english(in_battle, "погиб в бою") == "killed in action"
    # a content word between two counterparts translates another Russian word: no English for the phrase
    ru3 = "Он делегировал министра иностранных дел."
    en3 = "He delegated Foreign Minister Ryzhenkov."
    unit3 = "делегировал министра"

    def delegated(en: str) -> Card:
        return Card(Pair(ru3, en, 0.9), (
            target("делегировал", ru3, Lemma("делегировать", "verb"), "delegated", unit3, en=en, en_word="delegated"),
            target("министра", ru3, Lemma("министр", "noun", gender="m"), "Minister", unit3, en=en, en_word="Minister")),
            key="k")

    assert phrase_english(delegated(en3), unit3) == ""
    assert phrase_english(delegated("He delegated the Minister."), unit3) == "delegated the Minister"


def test_a_loanword_guess_is_marked_and_a_word_without_gloss_or_figure_is_short():
    ru = "Коронавирус отступает."
    guess = Target(Lemma("коронавирус", "noun", gender="m", zipf=3.9), (0, 11), gloss="coronavirus",
                   gloss_from="loanword")
    html = vocabulary_html(Card(Pair(ru, "The virus recedes.", 0.9), (guess,), key="k"))
    assert '<span class="gloss guess" title="a guess: spelled like this English word">≈ coronavirus</span>' in html
    bare = Target(Lemma("отступать", "other"), (12, 21))
    assert vocabulary_html(Card(Pair(ru, "", 0.9), (bare,), key="k")) == (
        '<div class="word"><span class="head"><span class="lemma">отступать</span></span></div>')


def test_stress_marks_reach_the_lemma_the_aspect_partner_and_the_phrase():
    from cards.lexicon import stress
    from cards.build import stress_card

    if not stress.available():
        pytest.skip("the stress lexicon shipped with cards is missing")
    card = two_word_card()
    html = vocabulary_html(card, stress_card(card))
    assert '<span class="lemma">вы́сказать</span>' in html and "pf. (impf. выска́зывать)" in html
    assert '<span class="unit">вы́сказать недово́льство</span>' in html
    ru = "Он также продолжил говорить о личной симпатии к главе Белого дома."
    sympathy = target("симпатии", ru, Lemma("симпатия", "noun", gender="f"), unit="личной симпатии")
    one = Card(Pair(ru, "", 0.9), (sympathy,), key="k")
    assert '<span class="unit">ли́чная симпа́тия</span>' in vocabulary_html(one, stress_card(one))


def test_a_phrase_of_the_sentence_in_a_gloss_is_shown_as_the_stressed_sentence_shows_it(monkeypatch):
    """sentence_phrase glosses a word by the phrase it stands in, as the article spells it (зашел, е for ё):
    on a stressed card the line shows it as the sentence above it does; other glosses stay as they are."""
    from cards.lexicon import stress
    from cards.build import stress_card

    if not stress.available():
        pytest.skip("the stress lexicon shipped with cards is missing")
    monkeypatch.setattr(stress, "silero_available", lambda: False)
    ru = "По итогам встречи процесс зашел в тупик."
    result = target("итогам", ru, Lemma("итог", "noun", gender="m"), "по итогам: following", gloss_from="dictionary")
    deadlock = target("тупик", ru, Lemma("тупик", "noun", gender="m"), "зашел в тупик: reach a deadlock")
    process = target("процесс", ru, Lemma("процесс", "noun", gender="m"), "of процесс: process", gloss_from="base")
    card = Card(Pair(ru, "", 0.9), (result, deadlock, process), key="k")
    html = vocabulary_html(card, stress_card(card))
    assert '<span class="how">dict.</span> по ито́гам: following</span>' in html  # lowered at the sentence's opening
    assert '<span class="gloss">зашёл в тупи́к: reach a deadlock</span>' in html
    assert "of процесс: process</span>" in html  # not a phrase of the sentence
    assert '<span class="gloss">зашел в тупик: reach a deadlock</span>' in vocabulary_html(card)  # no stress asked


def test_a_verb_and_its_partner_spelled_like_verbs_of_the_other_aspect_take_their_aspects_stress(monkeypatch):
    from cards.lexicon import stress
    from cards.build import stress_card

    if not stress.available():
        pytest.skip("the stress lexicon shipped with cards is missing")
    monkeypatch.setattr(stress, "silero_available", lambda: False)
    stress.stress_word.cache_clear()
    ru = "Самолёт врезался в дом, пилот пропал, а рабочие смогли вынести мусор и подавать сигналы."
    crash = target("врезался", ru, Lemma("врезаться", "verb", aspect="perf", aspect_partner="врезаться"))
    lost = target("пропал", ru, Lemma("пропасть", "verb", aspect="perf", aspect_partner="пропадать"))
    carry = target("вынести", ru, Lemma("вынести", "verb", aspect="perf", aspect_partner="выносить"))
    give = target("подавать", ru, Lemma("подавать", "verb", aspect="impf", aspect_partner="подать"))
    card = Card(Pair(ru, "", 0.9), (crash, lost, carry, give), key="k")
    html = vocabulary_html(card, stress_card(card))
    # вре́заться pf. / вреза́ться impf.; вы́носить pf. (carry a child) / выноси́ть impf., вы́нести's partner;
    # the nouns про́пасть and по́дать beside the verbs пропа́сть and пода́ть
    assert '<span class="lemma">вре́заться</span>' in html and "pf. (impf. вреза́ться)" in html
    assert '<span class="lemma">пропа́сть</span>' in html
    assert "pf. (impf. выноси́ть)" in html and "impf. (pf. пода́ть)" in html
    stress.stress_word.cache_clear()


def test_phrase_and_gloss_text_stay_escaped():
    ru = "Он <b>снял</b> {{c1::санкции}} [sound:x.mp3] сразу."
    start = ru.index("{{c1::санкции}}")
    t = Target(Lemma("санкция", "noun", gender="f"), (start, start + 15), gloss="<i>x</i> [sound:y.mp3]",
               unit="{{c1::санкции}} [sound:x.mp3]", gloss_from="sentence")
    html = vocabulary_html(Card(Pair(ru, "", 0.9), (t,), key="k"))
    assert "<b>" not in html and "<i>" not in html and "{{" not in html and "[sound" not in html
    assert escape("{{c1::санкции}} [sound:x.mp3]") in html and escape("<i>x</i> [sound:y.mp3]") in html


# ---------------------------------------------------------------- screenshots


@pytest.fixture(scope="module")
def rendered_sides(tmp_path_factory):
    """The real Anki rendering (question, answer) of a card whose source is one long unbreakable token."""
    tmp = tmp_path_factory.mktemp("render")
    card = two_word_card("https://example.org/" + "a-very-long-path-segment-" * 4 + " · 26.03.2026")
    out = tmp / "deck.apkg"
    write_apkg([NoteSpec(card, render(card), DECK)], out, timestamp=1_700_000_000)
    return card_sides(out, tmp / "collection.anki2", "Минск")


@pytest.mark.skipif(chromium() is None, reason="needs chromium (apt-get install chromium)")
def test_screenshots_day_and_night_at_phone_and_desktop_width(rendered_sides, tmp_path):
    question, answer = rendered_sides
    shots, heights = {}, {}
    for side, html, night, name in [("back", answer, True, "phone"), ("back", answer, False, "desktop"),
                                    ("front", question, False, "phone")]:
        width, height = WIDTHS[name]
        doc = page(html, night)
        overflow, heights[side, name] = layout(doc, width, tmp_path)
        assert not overflow, f"{side} is wider than a {width} px {name}"
        shots[side, night, name] = read_png(screenshot(doc, tmp_path / f"{side}-{name}.png", width, height, tmp_path))
    assert heights["front", "phone"] < 200 < heights["back", "phone"] <= WIDTHS["phone"][1]  # all on one screen
    assert heights["back", "desktop"] < heights["back", "phone"]
    for (side, night, name), (width, height, rows) in shots.items():
        assert (width, height) == WIDTHS[name]
        corner = luminance(rows[5][5 * 3 : 5 * 3 + 3])  # the margin: the card's background
        text = max(luminance(rows[y][x * 3 : x * 3 + 3]) if night else 255 - luminance(rows[y][x * 3 : x * 3 + 3])
                   for y in range(20, 80) for x in range(20, 300))
        if night:
            assert corner < 50 and text > 180, (side, name, corner, text)  # light text on a dark card
        else:
            assert corner > 230 and text > 180, (side, name, corner, text)  # dark text on a light card
