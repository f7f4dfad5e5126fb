"""The lexicon that ships inside the package: OpenRussian entries and Wiktionary glosses, read lazily.

    >>> from cards.lexicon.lexicon import shipped
    >>> shipped().entry("санкция").gender
    'f'
    >>> shipped().entry("заключить").partners
    ('заключать',)

Data files live in ``cards/lexicon/data`` (made by ``python -m cards.lexicon.convert``; licences and
credits in its NOTICE). ``shipped()`` reads them through an SQLite file made once in the user cache
folder and ``shipped_dictionary()`` turns them into a ``cards.lexicon.dictionary.Dictionary``, the form every stage uses.
"""

from __future__ import annotations

import gzip
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cards.lexicon.dictionary import normalize

DATA_DIR = Path(__file__).resolve().parent / "data"
SOURCE_NAME = "built-in lexicon"
SENSE_STEP = 1.0  # rank between two senses of one OpenRussian entry
SYNONYM_STEP = 0.25  # rank between two glosses of one sense
WIKTIONARY_OFFSET = 1.0  # a Wiktionary gloss ranks after OpenRussian's first sense
AGREEMENT_BONUS = 0.5  # ranks taken off an OpenRussian gloss Wiktionary also gives (данные: data before report)
COMMONER = 1.0  # Zipf by which a synonym comes before the ones listed ahead of it in its sense (кубок: cup, not goblet) …
RARE_SYNONYM = 3.5  # … when those are rare (goblet 2.9, acme 2.9; not detain 3.2) and no cognate of the word …
COGNATE = 0.8  # … (a cognate score this high: царь "tsar" 3.2)
LIGHT_WORD = 5.5  # … and it is no light word of many senses (time, work, new, get)
COMPOUND_DISCOUNT = 1.0  # wordfreq rates "coffee-house" by its parts: count such glosses rarer
DEFINITION_WORDS = 4  # an OpenRussian gloss of more words is a definition (россиянин: citizen of the Russian Federation) …
OBSCURE = 2.5  # Zipf of an OpenRussian gloss too rare or dated to come before Wiktionary's (белорус: Byelorussian 1.9) …
DEFINITION_OFFSET = 2.0  # … ranked, like a definition, after Wiktionary's translations (Russian, Belarusian)


@dataclass(frozen=True)
class Entry:
    """One OpenRussian headword: grammar, stress and senses (each a group of short English glosses)."""

    lemma: str
    stressed: str
    pos: str  # noun, verb, adj, other
    gender: str = ""  # m, f, n, pl (nouns)
    aspect: str = ""  # impf, perf, both (verbs)
    partners: tuple[str, ...] = ()  # aspect partners (verbs)
    flags: frozenset[str] = frozenset()  # pl_only, indecl, anim
    senses: tuple[tuple[str, ...], ...] = ()  # in the order a learner meets them
    shown: tuple[str, ...] = ()  # the sense a card shows ahead of them: the commonest in news (провести: hold)

    def __post_init__(self) -> None:
        if self.pos not in {"noun", "verb", "adj", "other"}:
            raise ValueError(f"unknown part of speech {self.pos!r} for {self.lemma!r}")

    @property
    def plural_only(self) -> bool:
        return "pl_only" in self.flags

    @property
    def indeclinable(self) -> bool:
        return "indecl" in self.flags

    @property
    def shown_senses(self) -> tuple[tuple[str, ...], ...]:
        """The senses in the order a card shows them: `shown` first, its glosses out of the others."""
        return put_first(self.shown, self.senses) if self.shown else self.senses


def put_first(first: Sequence[str], senses: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """`first` as the first sense, ahead of `senses`, its glosses taken out of them (a sense left empty goes)."""
    taken = {g.lower() for g in first}
    return (tuple(first), *(kept for s in senses if (kept := tuple(g for g in s if g.lower() not in taken))))


Phrase = tuple[tuple[str, ...], tuple[tuple[str, float], ...]]  # (lemmas of its words, English headwords)


@dataclass(frozen=True)
class Lexicon:
    """Russian lemma → OpenRussian entries, and → Wiktionary's English headwords (best first)."""

    words: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)
    wiktionary: Mapping[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    english_zipf: Mapping[str, float] = field(default_factory=dict)
    phrases: Mapping[str, tuple[Phrase, ...]] = field(default_factory=dict)  # by each of their words' lemma

    def entries(self, lemma: str) -> tuple[Entry, ...]:
        return self.words.get(normalize(lemma), ())

    def has_sense(self, lemma: str) -> bool:
        """OpenRussian glosses the word, as any part of speech."""
        return any(e.senses for e in self.entries(lemma))

    def entry(self, lemma: str, pos: str | None = None) -> Entry | None:
        """The entry of `lemma` (of part of speech `pos` when given; pymorphy's ADJF is "adj" …)."""
        found = self.entries(lemma)
        if pos is not None:
            found = tuple(e for e in found if e.pos == pos) or ()
        exact = [e for e in found if e.lemma == lemma.lower()]  # все vs всё: the spelling asked for
        return (exact or list(found) or [None])[0]

    def senses(self, lemma: str) -> tuple[tuple[str, ...], ...]:
        """Senses of a lemma, best first, as a card shows them: OpenRussian's (of every part of speech,
        `Entry.shown_senses`; within a sense, the commoner synonyms first: `common_first`), then each
        Wiktionary headword not yet given as a sense of its own."""
        out: list[tuple[str, ...]] = []
        seen: set[str] = set()
        case = self._lower_case_of(lemma)
        for entry in self.entries(lemma):
            for sense in entry.shown_senses:
                fresh = tuple(case.get(g.lower(), g) for g in sense if g.lower() not in seen)
                seen.update(g.lower() for g in fresh)
                if fresh:
                    out.append(self.common_first(lemma, tuple(dict.fromkeys(fresh))))
        out.extend((g,) for g, _ in self.wiktionary.get(normalize(lemma), ()) if g.lower() not in seen)
        return tuple(out)

    def _lower_case_of(self, lemma: str) -> dict[str, str]:
        """Glosses Wiktionary writes in lower case for this lemma, by their lower case: OpenRussian
        capitalises some common nouns (министр: "Minister"), never a day's or a people's name."""
        return {g.lower(): g for g, _ in self.wiktionary.get(normalize(lemma), ()) if g[:1].islower()}

    def zipf(self, gloss: str) -> float:
        """How common an English gloss is (Zipf; a gloss of several words, or hyphenated, a little rarer)."""
        zipf = self.english_zipf.get(gloss)
        zipf = self.english_zipf.get(gloss.lower(), 0.0) if zipf is None else zipf
        return zipf - (COMPOUND_DISCOUNT if re.search(r"[-\s]", gloss) else 0.0)

    def common_first(self, lemma: str, sense: tuple[str, ...]) -> tuple[str, ...]:
        """The synonyms of one sense, each moved ahead of the rare ones (Zipf below RARE_SYNONYM) listed
        before it that are COMMONER Zipf rarer: OpenRussian lists some rare or dated ones first (кубок:
        "goblet; bowl; beaker; cup" → "cup; goblet; bowl; beaker"). Only a synonym that Wiktionary gives
        as a first translation of the word moves, and no light word: OpenRussian's "senses" often run two meanings together
        (клетка: "cage; …; new; check", отказ: "refusal; …; natural"). A rare gloss that looks like the
        Russian word stays (царь: tsar). Senses themselves keep their order."""
        from cards.lexicon.cognates import cognate_score

        agreed = {g for g, rank in self.wiktionary.get(normalize(lemma), ()) if rank == 0}
        out: list[tuple[str, float, bool]] = []  # gloss, Zipf, whether a commoner synonym may pass it
        for gloss in sense:
            zipf = self.zipf(gloss)
            moves = gloss in agreed and zipf <= LIGHT_WORD
            at = next((i for i, (_, z, passable) in enumerate(out) if moves and passable and zipf - z >= COMMONER), len(out))
            out.insert(at, (gloss, zipf, zipf < RARE_SYNONYM and cognate_score(lemma, gloss) < COGNATE))
        return tuple(g for g, _, _ in out)

    def _agreed(self, lemma: str, sense: tuple[str, ...]) -> set[str]:
        """The glosses of an OpenRussian sense that Wiktionary gives the word too; its first gloss also
        when Wiktionary gives it as the first word of a phrase (столица: "capital", Wiktionary "capital city")."""
        heads = {g for g, _ in self.wiktionary.get(normalize(lemma), ())}
        firsts = {g.split()[0] for g in heads if " " in g}
        return {g for g in sense if g in heads} | ({sense[0]} & firsts if sense else set())

    def ranked(self, lemma: str, shown: bool = True) -> tuple[tuple[str, float], ...]:
        """(gloss, rank) pairs: OpenRussian sense k at rank k (synonyms a quarter apart; a gloss that
        Wiktionary also gives half a sense earlier; one that `common_first` moves ahead just before the
        best of those it passed, which keep their ranks), Wiktionary after OpenRussian's first sense; an
        OpenRussian definition (россиянин: "citizen of the Russian Federation") or obscure word (белорус:
        "Byelorussian") that Wiktionary does not give, after Wiktionary's glosses. The senses in the order
        a card shows them (`Entry.shown_senses`), or with `shown=False` in the order a learner meets them
        (провести: "spend" first, not "hold"), which the learner model reads."""
        best: dict[str, float] = {}
        wiktionary = self.wiktionary.get(normalize(lemma), ())
        case = self._lower_case_of(lemma)
        for entry in self.entries(lemma):
            for k, sense in enumerate(entry.shown_senses if shown else entry.senses):
                sense = tuple(dict.fromkeys(case.get(g.lower(), g) for g in sense))  # Union, union: one
                agreed = self._agreed(lemma, sense)
                ranks = {g: SENSE_STEP * k + SYNONYM_STEP * j - (AGREEMENT_BONUS if g in agreed else 0.0)
                         for j, g in enumerate(sense)}
                order = self.common_first(lemma, sense)
                for i, gloss in enumerate(order):  # a synonym moved ahead ranks just before those it passed …
                    passed = [ranks[h] for h in order[i + 1 :] if sense.index(h) < sense.index(gloss)]
                    rank = min([ranks[gloss], *(r - 0.01 for r in passed)])
                    if passed and i:  # … yet not before those it did not pass
                        rank = max(rank, ranks[order[i - 1]])
                    if wiktionary and gloss not in agreed and (len(gloss.split()) > DEFINITION_WORDS or self.zipf(gloss) < OBSCURE):
                        rank += DEFINITION_OFFSET
                    best.setdefault(gloss, round(rank, 2))
        offset = WIKTIONARY_OFFSET if best else 0.0
        for gloss, rank in self.wiktionary.get(normalize(lemma), ()):
            best.setdefault(gloss, round(offset + rank, 2))
        return tuple(sorted(best.items(), key=lambda gr: gr[1]))

    def __len__(self) -> int:
        return len(set(self.words) | set(self.wiktionary))


def _lines(name: str):
    path = DATA_DIR / name
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            yield from (line.rstrip("\n") for line in f)
    except (OSError, EOFError) as exc:  # a broken install: say which file and how to repair it
        raise RuntimeError(f"{path}: cannot read the shipped lexicon ({exc}); reinstall cards") from exc


def glosses():
    """Every (lemma, English gloss) pair of the data files: OpenRussian's senses, Wiktionary's headwords."""
    for line in _lines("openrussian.tsv.gz"):
        entry = _entry(line)
        yield from ((entry.lemma, g) for sense in entry.senses for g in sense)
    for line in _lines("wiktionary.tsv.gz"):
        yield from ((line[: line.index("\t")], g) for g, _ in _heads(line))


def _entry(line: str) -> Entry:
    lemma, stressed, pos, gender, aspect, partners, flags, senses, shown = line.split("\t")
    return Entry(
        lemma=lemma,
        stressed=stressed,
        pos=pos,
        gender=gender,
        aspect=aspect,
        partners=tuple(p for p in partners.split(",") if p),
        flags=frozenset(f for f in flags.split(",") if f),
        senses=tuple(tuple(s.split("; ")) for s in senses.split(" | ") if s),
        shown=tuple(g for g in shown.split("; ") if g),
    )


def _keyed(name: str) -> dict[str, str]:
    """The lines of a data file by the normalised word in their first column ("\n" between the lines
    of one word), parsed later, on use."""
    table: dict[str, str] = {}
    for line in _lines(name):
        key = normalize(line[: line.index("\t")])
        table[key] = f"{table[key]}\n{line}" if key in table else line
    return table


def _heads(text: str) -> tuple[tuple[str, float], ...]:
    items = (h.rsplit(":", 1) for h in text.split("\n", 1)[0].split("\t")[1].split("; "))
    return tuple((h, float(r)) for h, r in items)


TABLES_FORMAT = 3  # the tables `_fill` makes (2: with "alike", 3: Wiktionary's too); a new one names another file
LEXICON_FILES = ("openrussian.tsv.gz", "wiktionary.tsv.gz", "english.tsv.gz", "phrases.tsv.gz")


@lru_cache(maxsize=1)
def shipped() -> Lexicon:
    """The lexicon in the package's data files. They are turned once into an SQLite file in the user
    cache folder (cards.lexicon.tables), named by their content, so a build reads only the words it
    looks up (all of them would take 0.15 s and 40 MB); entries are parsed when first asked for."""
    words, wiktionary, phrases = _stored("openrussian"), _stored("wiktionary"), _stored("phrases")
    return Lexicon(
        _Derived(words, lambda k: commonest_verb_first(tuple(_entry(line) for line in words[k].split("\n")))),
        _Derived(wiktionary, lambda k: _heads(wiktionary[k])),
        _stored("english"),
        _Derived(phrases, lambda k: tuple(_phrase(line) for line in phrases[k])),
    )


def commonest_verb_first(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """Homograph verbs of one spelling, the one with the commonest aspect partner first (писа́ть, whose
    partner is написать, before пи́сать "pee", partner пописать; избега́ть "avoid" before избе́гать
    "run about"); other entries keep their place."""
    from cards.lexicon.analyser import zipf

    slots = [k for k, e in enumerate(entries) if e.pos == "verb"]
    if len(slots) < 2:
        return entries
    verbs = sorted((entries[k] for k in slots), key=lambda e: -max(map(zipf, e.partners), default=0.0))
    out = list(entries)
    for k, verb in zip(slots, verbs, strict=True):
        out[k] = verb
    return tuple(out)


def _stored(table: str):
    """A table of the lexicon's SQLite file (see `_fill`)."""
    from cards.deck.files import cache_dir
    from cards.lexicon.tables import Stored

    digest = _files_digest()
    return Stored(cache_dir() / f"lexicon-{digest[:16]}.sqlite", {"files": digest}, _fill, table,
                  replaces="lexicon-*.sqlite")


@lru_cache(maxsize=1)
def _files_digest() -> str:
    import hashlib

    digest = hashlib.sha256(f"tables {TABLES_FORMAT}".encode())
    for name in LEXICON_FILES:
        digest.update(name.encode() + b"\x00" + (DATA_DIR / name).read_bytes())
    return digest.hexdigest()


def _fill(db) -> None:
    """The tables of the lexicon: the lines of OpenRussian's and Wiktionary's words by their key, the
    English glosses' Zipf, Wiktionary's phrases by each of their words' lemma, and every key of a word."""
    from cards.lexicon.tables import write_items

    words, wiktionary = _keyed("openrussian.tsv.gz"), _keyed("wiktionary.tsv.gz")
    phrases: dict[str, list[str]] = {}
    for line in _lines("phrases.tsv.gz"):
        for lemma in set(line[: line.index("\t")].split()):
            phrases.setdefault(lemma, []).append(line)
    write_items(db, "openrussian", words)
    write_items(db, "wiktionary", wiktionary)
    write_items(db, "english", {gloss: float(value) for gloss, value in (line.split("\t") for line in _lines("english.tsv.gz"))})
    write_items(db, "phrases", phrases)
    write_items(db, "keys", dict.fromkeys(words.keys() | wiktionary.keys(), 1))
    write_items(db, "alike", alike_rows(_gloss_groups(words, wiktionary)))


def _phrase(line: str) -> Phrase:
    lemmas, _, heads = line.split("\t")
    return tuple(lemmas.split()), _heads(f"-\t{heads}")


class _Derived(Mapping):
    """A read-only table whose values are computed from the lexicon on first access, then kept."""

    def __init__(self, keys, compute) -> None:  # keys: any container of the keys (a set, a dict)
        self._keys, self._compute, self._done = keys, compute, {}

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __getitem__(self, key: str):
        if key not in self._keys:
            raise KeyError(key)
        if key not in self._done:
            self._done[key] = self._compute(key)
        return self._done[key]

    def __iter__(self):
        return iter(sorted(self._keys))

    def __len__(self) -> int:
        return len(self._keys)


@lru_cache(maxsize=1)
def shipped_dictionary():
    """The shipped lexicon as a cards Dictionary (ranked glosses and senses of every lemma)."""
    from cards.lexicon.dictionary import Dictionary

    lex = shipped()
    keys = _stored("keys")  # a word of either source
    return Dictionary(_Derived(keys, lex.ranked), SOURCE_NAME, lex.english_zipf, _Derived(keys, lex.senses),
                      lex.phrases, likely_partners)


_ADJECTIVE_TO_NOUN = (  # derived adjective ending → the base noun's ending, tried in order
    ("ионный", "ия"), ("ионный", "ион"), ("ческий", "ка"), ("ческий", "ция"), ("ский", ""), ("ский", "а"),
    ("ный", ""), ("ный", "а"), ("ный", "ы"), ("ный", "я"), ("ный", "ь"), ("ной", ""), ("ной", "а"),
    ("альный", ""), ("альный", "ия"), ("ельный", "ель"), ("ивный", "ия"), ("овый", ""), ("овый", "а"),
    ("енный", "о"), ("енный", "а"), ("енный", "ь"), ("овский", ""), ("евский", ""), ("ельный", "ль"),
    ("чный", "к"), ("ный", "ник"), ("ейский", "ия"),  # язычный → язык (not язычник), рыночный → рынок
    ("ной", "о"), ("ный", "о"), ("ин", "а"), ("ин", "я"),  # бабушкин → бабушка
    ("ческий", "ение"), ("ческий", ""), ("ический", "ия"),  # краеведческий → краеведение
    ("ьный", ""), ("очный", "ка"), ("евский", "ь"), ("ний", "а"),  # баскетбольный → баскетбол, масочный → маска
    ("овой", ""), ("овой", "а"), ("евой", ""), ("евой", "ь"), ("евой", "а"), ("евой", "е"),  # ценовой → цена, голевой → гол
    ("овой", "о"), ("овый", "о"),  # зерновой → зерно
    ("ский", "ин"),  # крестьянский → крестьянин
    ("шний", ""),  # завтрашний → завтра
    ("ийный", "ия"),  # пандемийный → пандемия
    ("ательный", "ация"), ("ейный", "е"), ("ечный", "ка"),  # рекомендательный, шоссейный, игрушечный
)
_INHABITANT_TO_PLACE = (("янин", "я"), ("анин", "а"))  # россиянин → россия
# The first parts of compounds (спецпосланник → спец- + посланник) with what each means in English, shown
# in its place when a card glosses a compound by its parts (самоизоляция: "self- + изоляция: isolation");
# "" where the part is better shown as it is (не-: "not …", по-, про-). Clipped news prefixes too (допмера,
# погранслужба, главврач). Tried in this order.
COMBINING_FORMS = {
    "не": "", "бое": "combat", "спец": "special", "гос": "state", "гео": "geo-", "вице": "vice-", "экс": "ex-",
    "контр": "counter-", "анти": "anti-", "пост": "post-", "гипер": "hyper-", "супер": "super-", "мини": "mini-",
    "мега": "mega-", "нео": "neo-", "псевдо": "pseudo-", "квази": "quasi-", "авиа": "air", "авто": "auto-",
    "агро": "agro-", "био": "bio-", "эко": "eco-", "теле": "tele-", "мед": "medical", "полит": "political",
    "соц": "social", "экономико": "economic", "военно": "military", "обще": "general", "меж": "inter-",
    "сверх": "super-", "противо": "anti-", "само": "self-", "нац": "national", "зам": "deputy", "кино": "film",
    "видео": "video", "фото": "photo", "радио": "radio", "электро": "electric", "гидро": "hydro-",
    "энерго": "energy", "нефте": "oil", "газо": "gas", "аэро": "aero-", "евро": "Euro-", "мульти": "multi-",
    "микро": "micro-", "полу": "semi-", "кибер": "cyber-", "медиа": "media", "интернет": "internet",
    "онлайн": "online", "мало": "little", "много": "multi-", "ген": "general", "орг": "organizational",
    "центро": "central", "экстра": "extra-", "внутри": "intra-", "крипто": "crypto-", "рос": "Russian",
    "доп": "additional", "погран": "border", "тех": "technical", "проф": "professional", "избир": "electoral",
    "обл": "regional", "гор": "city", "рай": "district", "воен": "military", "пром": "industrial", "нарко": "drug",
    "глав": "chief", "хим": "chemical", "броне": "armoured", "кап": "capital", "строй": "construction",
    "мульт": "cartoon", "близ": "near", "пол": "half", "со": "co-", "мин": "ministry", "аудио": "audio",
    "ино": "foreign", "оборон": "defence", "тур": "tourist", "пере": "", "недо": "under-", "про": "", "по": "",
    "сельхоз": "agricultural", "взаимо": "mutual", "вне": "extra-", "пред": "pre-", "парт": "party",
    "транс": "trans-", "ультра": "ultra-", "инфра": "infra-", "интер": "inter-", "лже": "pseudo-", "ре": "re-",
}
COMPOUND_PREFIXES = tuple(COMBINING_FORMS)
NOUN_PREFIXES = frozenset({"пере", "недо"})  # first parts of nouns only (переголосование, недофинансирование)
VERB_LIKE_PREFIXES = frozenset({"пред", "ре"})  # also a verb's or a loanword's own (предусмотренный, ремиссия)


def combining_form(prefix: str, word: str) -> str:
    """How a card names a compound's first part: its English meaning (само- → "self-", гос- → "state")
    when the table has one and the compound is no verb (a verb's prefix changes its meaning in many
    ways: со- in созвать is no "co-"); the Russian part itself ("по-", "право-") otherwise."""
    english = COMBINING_FORMS.get(prefix.rstrip("-"), "")
    verb = normalize(word).endswith(("ть", "ться", "чь", "чься")) or (
        normalize(word).endswith(("ти", "тись")) and _has_sense(normalize(word)[len(prefix.rstrip("-")):], "verb"))
    return english if english and not verb else prefix


# Verb prefixes: a prefixed verb the lexicon lacks is shown as its prefix and the verb it is made from
# (припарковать → при- + парковать: park), longest first so that пере- is not read as п- + ере-.
VERB_PREFIXES = tuple(sorted(("пере", "недо", "разо", "раз", "рас", "под", "подо", "пред", "при", "про", "вы", "за",
                              "на", "до", "от", "ото", "из", "ис", "со", "об", "обо", "во", "вз", "вс", "с", "у", "о", "в"),
                             key=len, reverse=True))


_DEVERBAL = (("ование", "овать"), ("ение", "ить"), ("ение", "ять"), ("ание", "ать"), ("яние", "ять"),
             ("тие", "ть"), ("ка", "ать"), ("ка", "ить"), ("ка", "ять"), ("йство", "ить"), ("тель", "ть"),
             ("ация", "ировать"))
# наработка → наработать, охранитель → охранить, минимизация → минимизировать


def _adverb_stem(word: str) -> str:
    """The adjective stem of an adverb: окончательно, экономически, по-военному, понимающе, по-немецки,
    по-собачьи → окончательн-, экономическ-, военн-, понимающ-, немецк-, собач-; "" for other words."""
    rest = word.removeprefix("по-")
    if (rest.endswith("о") and len(rest) > 5) or rest.endswith(("ски", "ще")) or (
            rest != word and rest.endswith("ки")):
        return rest[:-1]
    if rest != word and rest.endswith("ьи"):
        return rest[:-2]
    return rest[:-3] if rest != word and rest.endswith(("ому", "ему")) else ""


def _has_sense(lemma: str, pos: str) -> bool:
    """OpenRussian glosses `lemma` as a `pos` (or as "other"), or Wiktionary glosses it and OpenRussian
    lists it as a `pos` or not at all (фейковый → фейк)."""
    entries = shipped().entries(lemma)
    return any(e.pos in (pos, "other") and e.senses for e in entries) or (
        (not entries or any(e.pos == pos for e in entries)) and normalize(lemma) in shipped().wiktionary)


@lru_cache(maxsize=50_000)  # word alignment asks for every word of every sentence
def base_words(lemma: str) -> tuple[tuple[str, str], ...]:
    """Candidate base words of a word the lexicon lacks, as (prefix, base): a derived adjective's
    noun (санкционный → санкция, переговорный → переговоры) with prefix "", or a compound's stem
    (спецпосланник → ("спец-", "посланник"), поэтапный → ("по-", "этапный"))."""
    word = lemma.lower().replace("ё", "е")
    if shipped().has_sense(word):
        return ()  # a word the lexicon knows needs no guess (поверенный is not по- + вера)
    return _bases(word)


@lru_cache(maxsize=4096)
def made_from(lemma: str) -> tuple[tuple[str, str], ...]:
    """`base_words`' candidates even for a word the lexicon knows: for one whose glosses are all too rare
    to show (крестьянский: "peasantish" → крестьянин)."""
    return _bases(normalize(lemma))


def _bases(word: str) -> tuple[tuple[str, str], ...]:
    """base_words' rules, whether or not the lexicon knows `word` (поэтапный → по- + этапный, known
    in a sense of its own, whose base этап is what the compound is made of)."""
    out: list[tuple[str, str]] = []
    for end, verb_end in _DEVERBAL:  # наработка → наработать
        verb = word[: -len(end)] + verb_end
        if word.endswith(end) and len(word) - len(end) >= 3 and _has_sense(verb, "verb"):
            out.append(("", verb))
        elif word.endswith(end) and len(word) - len(end) >= 3 and _known_verb(verb):
            out.extend((p, b) for p, b in _bases(verb) if p)  # разблокирование → раз- + блокировать
    for adjective in (_adverb_stem(word) + end for end in ("ый", "ий", "ой") if _adverb_stem(word)):
        if _has_sense(adjective, "adj"):  # окончательно → окончательный
            out.append(("", adjective))
        elif shipped().entry(adjective, "adj"):  # дистанционно → дистанционный (no gloss) → дистанция
            out.extend(_bases(adjective))
        else:  # гарантированно → гарантированный, a participle the lexicon lacks → гарантировать
            out.extend(("", verb) for verb, pos in _lemmas(adjective) if pos == "verb" and _has_sense(verb, "verb"))
    for adjective in (word[:-4] + end for end in ("ый", "ий", "ой") if word.endswith("ость") and len(word) > 7):
        if _has_sense(adjective, "adj"):  # долгосрочность → долгосрочный
            out.append(("", adjective))
        elif _participle_reading(adjective):  # выживаемость → выживаемый, a participle → выживать
            out.extend(("", verb) for verb, pos in _lemmas(adjective) if pos == "verb" and _has_sense(verb, "verb"))
    if word.endswith("енький") and len(word) > 8:  # вкусненький → вкусный, глупенький → глупый
        out.extend(("", a) for a in (word[:-6] + end for end in ("ый", "ий", "ой")) if _has_sense(a, "adj"))
    for end in ("ое", "ее", "ая", "яя", "ые", "ие"):  # прошедшее (a noun in use) → прошедший
        for masculine in ("ый", "ий", "ой"):
            if word.endswith(end) and len(word) > 4 and _has_sense(word[:-2] + masculine, "adj"):
                out.append(("", word[:-2] + masculine))
    unglossed = []  # nouns the lexicon lists without a gloss (агитационный → агитация): a last resort
    for end, noun_end in _ADJECTIVE_TO_NOUN + _INHABITANT_TO_PLACE + (("ник", "ный"), ("ник", "ной")):
        if word.endswith(end) and len(word) - len(end) >= 3:
            candidate = word[: -len(end)] + noun_end
            if _has_sense(candidate, "noun") or _has_sense(candidate, "adj"):
                out.append(("", candidate))
            elif candidate != word and shipped().entry(candidate, "noun"):
                unglossed.append(("", candidate))
    if not any(not prefix for prefix, _ in out) and not _glossed(word):  # a word with no gloss of its own:
        out.extend(("", noun) for noun in _relational_nouns(word) + _related_nouns(word))  # the sound-change rules
        out.extend(("", verb) for verb in _verbal_noun_verbs(word))
        out.extend(unglossed if not any(not prefix for prefix, _ in out) else ())
    if not out and _adverb_reading(word) and not _glossed(word):
        out.extend(_prepositional_adverb(word))
    if "-" in word.strip("-"):  # медико-санитарный → медико- + санитарный (4-летний is not 4- + летний "summery")
        head, _, last = word.rpartition("-")
        if (_has_sense(last, "adj") or _has_sense(last, "noun")) and not any(ch.isdigit() for ch in head):
            out.append((head + "-", last))
    if word.endswith(("ть", "ться", "чь", "чься", "ти", "тись")):  # убере́чь → у- + беречь, унести → у- + нести
        for prefix in VERB_PREFIXES:
            rest = word[len(prefix):]
            if word.startswith(prefix) and len(rest) >= 5 and _has_sense(rest, "verb"):
                out.append((prefix + "-", rest))
                break
    for prefix in COMPOUND_PREFIXES:
        rest = word[len(prefix):].lstrip("-")
        if not word.startswith(prefix) or len(rest) < 4:
            continue
        if prefix in NOUN_PREFIXES and not any(e.pos == "noun" and e.senses for e in shipped().entries(rest)):
            continue  # a verb's prefix: перечисленный is перечислить's, not пере- + числить
        if prefix in VERB_LIKE_PREFIXES and (_participle_reading(word) or _known_verb(word) or loanword(word)):
            continue  # предусмотренный is предусмотреть's, ремиссия is "remission"
        if prefix != "по" and shipped().entries(rest):
            verbs = [(prefix + "-", verb) for verb in _participle_verbs(rest)]  # близстоящий: стоять, not "worthwhile"
            out.extend([(prefix + "-", rest), *verbs] if prefix == "не" else [*verbs, (prefix + "-", rest)])
        elif prefix != "по":  # a clipped title and a noun in the genitive (замглавы → зам- + глава), a participle
            out.extend((prefix + "-", n) for n, pos in _lemmas(rest) if _has_sense(n, pos))
        out.extend((prefix + "-", b) for p, b in _bases(rest) if not p)  # поэтапный → по- + этап
    if not out:
        out.extend(_linked_compound(word))
    return tuple(dict.fromkeys(out))


VOWELS = "аеёиоуыэюя"
# A relational adjective's suffixes (тюрем|ный, дворц|овый), longest first, and the endings a noun's stem takes
_RELATIONAL_ENDS = ("уальный", "ионный", "овский", "евский", "енный", "онный", "овый", "овой", "евый", "евой",
                    "иный", "ный", "ной", "ский", "ской", "ний", "ий")
_NOUN_ENDS = ("", "а", "я", "ь", "о", "ия", "ие", "й", "ы", "и", "ок", "ец")
_CONSONANT_CHANGES = (("ч", "к"), ("ч", "ц"), ("ж", "г"), ("ш", "х"), ("щ", "ст"))  # библиотечный → библиотека


def _glossed(word: str) -> bool:
    """Either source of the lexicon glosses the word, however rarely (мордовский: "Mordvinian")."""
    return shipped().has_sense(word) or word in shipped().wiktionary


def _relational_nouns(word: str) -> tuple[str, ...]:
    """The noun an adjective the table `_ADJECTIVE_TO_NOUN` misses is made from, through the regular sound
    changes of Russian: a fleeting vowel (тюремный → тюрьма, кухонный → кухня, дворцовый → дворец), a
    consonant (библиотечный → библиотека, гостиничный → гостиница, казачий → казак), a soft sign
    (новостной → новость, дверной → дверь); the commonest noun the lexicon glosses as one (all its forms counted: округ, not округа), or ()."""
    from cards.lexicon.analyser import lemma_zipf

    if not word.endswith(("ый", "ий", "ой")) or _participle_reading(word) or any(
            _has_sense(word[:-2] + end, "adj") for end in ("ый", "ий") if word.endswith("ой")):
        return ()  # перечисленный is перечислить's, честной is честный
    stems: list[str] = []
    for end in _RELATIONAL_ENDS:
        stem = word[: -len(end)]
        if not word.endswith(end) or len(stem) < 3:
            continue
        stems.append(stem)
        if len(stem) >= 4 and stem[-2] in "ео" and stem[-3] not in VOWELS and stem[-1] not in VOWELS:
            stems += [stem[:-2] + stem[-1], stem[:-2] + "ь" + stem[-1]]  # тюрем → тюрьм, окон → окн
        if stem[-1] not in VOWELS and stem[-2] not in VOWELS:
            stems += [stem[:-1] + "е" + stem[-1], stem[:-1] + "о" + stem[-1]]  # дворц → дворец
        if stem[-2] == "й" and stem[-1] not in VOWELS:
            stems.append(stem[:-2] + "е" + stem[-1])  # бойц → боец
        stems += [stem[: -len(a)] + b for a, b in _CONSONANT_CHANGES if stem.endswith(a)]
    found = [n for n in dict.fromkeys(s + e for s in stems for e in _NOUN_ENDS) if len(n) >= 4 and n != word
             and any(e.pos == "noun" and e.senses for e in shipped().entries(n))]
    return tuple(sorted(found, key=lambda n: -lemma_zipf(n, "noun"))[:1])  # казак, not казачок


# A noun made from another noun (a feminine, a diminutive, an abstract noun …) or from an adjective (a person
# or thing it describes: счастливчик → счастливый, коммунальщик → коммунальный) → the other word's ending
_NOUN_TO_NOUN = (("янка", "янин"), ("анка", "анин"), ("ионер", "ия"), ("ство", ""), ("очка", "ка"), ("очка", "а"),
                 ("ичка", "а"), ("енька", "ь"), ("ейка", "ья"), ("ечко", "о"), ("ечко", "це"), ("чик", ""),
                 ("щик", "ный"), ("чик", "ый"), ("ка", ""), ("ка", "а"), ("це", "о"), ("ьце", "о"), ("ье", ""),
                 ("ие", ""), ("очек", "ок"), ("ятки", "ята"), ("елька", "еля"), ("ок", ""), ("ко", "о"), ("ник", ""), ("ник", "а"),
                 ("чок", "к"), ("жок", "г"), ("шка", "ха"), ("ек", "й"), ("ек", ""), ("щица", "щик"), ("ница", "ник"),
                 ("овик", "овый"), ("овец", ""), ("енец", "ение"), ("иец", "ия"), ("ьице", "ье"), ("ишки", "ы"),
                 ("ечка", "йка"), ("ик", ""))
# diminutives: зеркальце → зеркало, ребёночек → ребёнок, ребятки → ребята, неделька → неделя, малышок → малыш,
# пивко → пиво; мужичок → мужик, сапожок → сапог, черепашка → черепаха, чаёк → чай, кофеёк → кофе, платьице → платье,
# штанишки → штаны, копеечка → копейка, тортик → торт (not трусик: трусики's, not трус's); a noun of a noun in -ник:
# контрактник → контракт, шинник → шина; a person: болельщица → болельщик, газовик → газовый, спецназовец → спецназ,
# управленец → управление, партиец → партия


def _related_nouns(word: str) -> tuple[str, ...]:
    """The noun a noun the lexicon lacks is made from: россиянка → россиянин, фанатка → фанат, чемпионство →
    чемпион, семейка → семья, стаканчик → стакан, коррупционер → коррупция, (меж)сезонье → сезон, зеркальце →
    зеркало; or the adjective (счастливчик → счастливый); the first the lexicon glosses, or ()."""
    for end, noun_end in _NOUN_TO_NOUN:
        noun = word[: -len(end)] + noun_end
        pos = "adj" if noun_end.endswith(("ый", "ий", "ой")) else "noun"
        if word.endswith(end) and len(word) - len(end) >= 3 and _has_sense(noun, pos) and not (
                end == "ик" and (_has_sense(word + "и", "noun") or loanword(word))):  # трусик: трусики; органик
            return (noun,)
    return ()


# A verbal noun in -ение whose verb changes its last consonant: обретение → обрести, освящение → освятить,
# слежение → следить, оформление → оформить, взросление → взрослеть
_VERB_CHANGES = (("щ", "т"), ("щ", "ст"), ("ж", "д"), ("ж", "з"), ("ч", "т"), ("бл", "б"), ("вл", "в"), ("пл", "п"),
                 ("мл", "м"), ("фл", "ф"))


def _verbal_noun_verbs(word: str) -> tuple[str, ...]:
    """The verb a noun in -ение the rules of `_DEVERBAL` miss is made from, or ()."""
    stem = word[:-4]
    if not word.endswith("ение") or len(stem) < 3:
        return ()
    verbs = [stem + "еть"] + ([stem[:-1] + "сти"] if stem[-1] in "дтсзб" else [])
    verbs += [stem[: -len(a)] + b + "ить" for a, b in _VERB_CHANGES if stem.endswith(a)]
    return tuple(v for v in verbs if _has_sense(v, "verb"))[:1]


ADVERB_PREPOSITIONS = ("во", "в", "на", "по", "со", "с", "за", "до", "из", "от", "без", "под")


def _adverb_reading(word: str) -> bool:
    """pymorphy3 reads `word` as an adverb or a predicative (вправе, вживую, быстренько)."""
    from cards.lexicon.analyser import parses

    return any(p.tag.POS in ("ADVB", "PRED") and normalize(p.normal_form) == word for p in parses(word))


def _prepositional_adverb(word: str) -> tuple[tuple[str, str], ...]:
    """The parts of an adverb made of a preposition and a word (вправе → в + право, вживую → в + живой,
    сгоряча → с + горячий), or a diminutive adverb's plain one (быстренько → быстро), when the lexicon
    glosses that word; () otherwise."""
    from cards.lexicon.analyser import parses

    for end in ("енько", "онько", "онечко", "енечко"):
        if word.endswith(end) and len(word) > len(end) + 2 and _has_sense(word[: -len(end)] + "о", "adv"):
            return (("", word[: -len(end)] + "о"),)
    if word.endswith("вато") and len(word) > 6 and _has_sense(word[:-4], "adv"):  # далековато → далеко
        return (("", word[:-4]),)
    for preposition in ADVERB_PREPOSITIONS:
        rest = word[len(preposition):]
        if not word.startswith(preposition) or len(rest) < 4:
            continue
        found = dict.fromkeys(n for p in parses(rest) if p.tag.POS in ("NOUN", "ADJF")
                              and _has_sense(n := normalize(p.normal_form), "noun" if p.tag.POS == "NOUN" else "adj"))
        if found:
            return tuple((preposition, n) for n in found)
    return ()


def _linked_compound(word: str) -> tuple[tuple[str, str], ...]:
    """A compound of an adjective's or a noun's stem, the linking vowel о or е, and a word the lexicon
    knows or derives (русскоязычный → русско- + язык, правоохранитель → право- + охранитель); the
    shortest first part wins."""
    for cut in range(3, len(word) - 4):
        first, link, rest = word[:cut], word[cut], word[cut + 1 :]
        if link not in "ое" or not (_has_sense(first, "noun") or any(_has_sense(first + end, "adj")
                                                                     for end in ("ий", "ый", "ой"))):
            continue
        if _has_sense(rest, "noun") or _has_sense(rest, "adj") or _has_sense(rest, "verb"):  # its own base next
            return tuple(dict.fromkeys([(first + link + "-", rest)] + [(first + link + "-", base)
                                                                         for prefix, base in _bases(rest) if not prefix]))
        bases = [base for prefix, base in _bases(rest) if not prefix] or list(_participle_verbs(rest))
        bases += [deeper for base in bases for prefix, deeper in _bases(base) if not prefix]  # охранительный →
        if bases:  # охранитель → охранить; горнодобывающий → горно- + добывать
            return tuple(dict.fromkeys((first + link + "-", base) for base in bases))
    return ()


def _known_verb(word: str) -> bool:
    """pymorphy3 knows `word` as an infinitive of its dictionary (разблокировать)."""
    from cards.lexicon.analyser import parses

    return any(p.is_known and p.tag.POS == "INFN" and normalize(p.normal_form) == word for p in parses(word))


def _participle_reading(word: str) -> bool:
    """pymorphy3 reads `word` as a full participle (перечисленный, упрощённый)."""
    from cards.lexicon.analyser import parses

    return any(p.tag.POS == "PRTF" for p in parses(word))


def _participle_verbs(word: str) -> tuple[str, ...]:
    """The verb a full participle in its dictionary form belongs to (стоящий → стоять), when the lexicon
    glosses it; () for other words."""
    from cards.lexicon.analyser import parses

    verbs = dict.fromkeys(v for p in parses(word) if p.tag.POS == "PRTF" and p.word == word
                          and "nomn" in p.tag and "masc" in p.tag and _has_sense(v := normalize(p.normal_form), "verb"))
    return tuple(sorted(verbs, key=lambda v: -len(os.path.commonprefix([v, word]))))  # стоящий: стоя|ть, not сто|ить


def _lemmas(word: str) -> tuple[tuple[str, str], ...]:
    """(lemma, part of speech) of every noun and verb reading of a word form (a participle's is its verb)."""
    from cards.lexicon.analyser import parses

    pos = {"NOUN": "noun", "VERB": "verb", "INFN": "verb", "PRTF": "verb", "PRTS": "verb"}
    return tuple(dict.fromkeys((normalize(p.normal_form), pos[p.tag.POS]) for p in parses(word) if p.tag.POS in pos))


def spelled_as(lemma: str) -> str:
    """The headword the lexicon has for a word it lacks that is the same word spelled otherwise: in -ье for
    -ие (ущелие → ущелье, похмелие → похмелье; not a verbal noun: варение is no варенье), or a noun's plural for a plural-only noun that pymorphy3
    gives a singular (доспех → доспехи, трусик → трусики); "" for other words."""
    from cards.lexicon.analyser import parses

    word = normalize(lemma)
    if shipped().has_sense(word):
        return ""
    found = [word[:-2] + "ье"] if word.endswith("ие") and not word.endswith(("ение", "ание")) else []  # not варение
    found += [normalize(plural.word) for p in parses(word) if p.tag.POS == "NOUN" and p.normal_form == p.word
              and (plural := p.inflect({"plur", "nomn"})) is not None]
    return next((w for w in dict.fromkeys(found) if w != word and _has_sense(w, "noun")), "")


def place_of(adjective: str) -> str:
    """The place a relational adjective the lexicon lacks is made from, as pymorphy3 knows it (Geox):
    минский → Минск, ставропольский → Ставрополь, костромской → Кострома, ливийский → Ливия; "" for
    other words."""
    from cards.lexicon.analyser import parses

    word = normalize(adjective)
    if not word.endswith(("ский", "цкий", "ской")) or shipped().has_sense(word):
        return ""
    stem = word[:-4]
    for place in dict.fromkeys((word[:-2], stem, stem + "а", stem[:-2] + "ия" if word.endswith("ийский") else "",
                                *_place_stems(stem, word.endswith("цкий")))):
        if place and any(p.is_known and "Geox" in p.tag and normalize(p.normal_form) == place for p in parses(place)):
            return place.capitalize()
    return ""


def _place_stems(stem: str, ts: bool) -> tuple[str, ...]:
    """More places an adjective's stem may come from, through the sound changes of Russian: a soft sign
    (тверской → Тверь, тульский → Тула), a doubled consonant (одесский → Одесса), a fleeting е (керченский →
    Керчь, пензенский → Пенза, вяземский → Вязьма), ж and ч for г and к (рижский → Рига), ц (винницкий →
    Винница, суэцкий → Суэц), a region in -ье (закарпатский → Закарпатье), the bare stem or -и (барнаульский →
    Барнаул, тбилисский → Тбилиси), a suffix -ин- or -ов- (ялтинский → Ялта, днепровский → Днепр)."""
    bases = [stem[:-1]] if stem.endswith("ь") else [stem]
    if len(stem) > 4 and stem.endswith("ен"):
        bases.append(stem[:-2])
    elif len(stem) > 4 and stem[-2] == "е" and stem[-1] not in VOWELS:
        bases.append(stem[:-2] + "ь" + stem[-1])  # вяземский → Вязьма
    bases += [b[:-1] + {"ж": "г", "ч": "к"}[b[-1]] for b in list(bases) if b[-1:] in "жч"]
    suffixed = [stem[:-2]] if len(stem) > 5 and stem.endswith(("ин", "ов")) else []  # ялтинский → Ялта, днепровский
    bases += suffixed
    out = [bases[0], *suffixed] + [b + end for b in bases for end in ("ь", "а", "я", "о", "и", "ье")] + [
        b + b[-1] + "а" for b in bases if b]
    return (*out, *((stem + "ца", stem + "ц") if ts else ()))


INHABITANT_ENDS = ("чанин", "ец", "ит", "як", "ич")  # a person of a place: харьковчанин, тюменец, одессит, пермяк, омич


def origin_of(noun: str) -> str:
    """The place or person a noun in -ец (-чанин, -ит, -як, -ич) the lexicon lacks is made from, as pymorphy3
    knows them (тюменец → Тюмень, ленинец → Ленин, новосибирец → Новосибирск, харьковчанин → Харьков, одессит →
    Одесса, пермяк → Пермь, омич → Омск); "" for other words."""
    from cards.lexicon.analyser import parses

    word = normalize(noun)
    end = next((e for e in INHABITANT_ENDS if word.endswith(e)), "")
    if not end or len(word) < 6 or shipped().has_sense(word):
        return ""
    stem = word[: -len(end)]
    for origin in (stem + "ь", stem, stem + "а", stem + "я", stem + "ск", stem + stem[-1] + "а"):
        if any(p.is_known and ("Geox" in p.tag or "Surn" in p.tag) and normalize(p.normal_form) == origin
               for p in parses(origin)):
            return origin.capitalize()
    return ""


def noun_of_adjective(adjective: str) -> str:
    """The noun an adjective the lexicon lacks stands for, when the lexicon has it as one (набережный →
    набережная "embankment", an adjective used as a noun); "" otherwise."""
    word = normalize(adjective)
    if not word.endswith(("ый", "ий", "ой")) or shipped().has_sense(word):
        return ""
    soft = word.endswith("ий") and word[-3] not in "гкхжшчщц"
    for end in (("яя", "ее") if soft else ("ая", "ое")):
        if _has_sense(word[:-2] + end, "noun"):
            return word[:-2] + end
    return ""


LOANWORD_LIST = 100_000  # the commonest English words a loanword may be spelled like
@lru_cache(maxsize=1)
def _english_related() -> dict[str, str]:
    return dict(line.split("\t", 1) for line in _lines("english-related.tsv.gz"))


@lru_cache(maxsize=50_000)  # word alignment asks for every gloss of every word it aligns
def english_related(word: str) -> tuple[str, ...]:
    """English words WordNet relates to `word` (a gloss): synonyms of its commonest senses and its
    derivations (arms → weaponry, complaint → complain, necessary → essential); () if none."""
    found = _english_related().get(word.lower())
    return tuple(found.split("|")) if found else ()


ALIKE_SENSE_MAX = 6  # glosses of one sense: a longer list strays too far from its first
ALIKE_MAX_ZIPF = 5.5  # commoner English words (get, make, thing, well) have too many senses to pair


def alike_rows(groups) -> dict[str, list[str]]:
    """English word → the single words it shares a group of glosses with (a sense of OpenRussian,
    a Russian word's first Wiktionary headwords), for groups of at most ALIKE_SENSE_MAX of them."""
    links: dict[str, dict[str, None]] = {}
    for glosses in groups:
        group = list(dict.fromkeys(g.lower().removeprefix("to ") for g in glosses))
        group = [g for g in group if g and " " not in g]
        if len(group) <= ALIKE_SENSE_MAX:
            for a in group:
                links.setdefault(a, {}).update(dict.fromkeys(b for b in group if b != a))
    return {a: list(b) for a, b in links.items()}


def _gloss_groups(words: Mapping[str, str], wiktionary: Mapping[str, str]):
    """The groups of glosses `alike_rows` pairs: each OpenRussian sense (and sense shown first), and the
    English headwords of which a Russian word is Wiktionary's first translation (rank 0)."""
    for lines in words.values():
        for line in lines.split("\n"):
            yield from (list(sense) for sense in _entry(line).shown_senses)
    for lines in wiktionary.values():
        yield [head for head, rank in _heads(lines) if rank == 0]


@lru_cache(maxsize=50_000)
def english_alike(word: str) -> tuple[str, ...]:
    """English words that OpenRussian gives beside `word` in one sense of some Russian word (спад:
    "downturn; slump", падение: "fall; drop; decline"): near synonyms as Russian sees them; () if none."""
    word = word.lower().removeprefix("to ")
    zipf = shipped().english_zipf
    if zipf.get(word, 0.0) >= ALIKE_MAX_ZIPF:
        return ()
    return tuple(w for w in _alike().get(word, ()) if zipf.get(w, 0.0) < ALIKE_MAX_ZIPF)


@lru_cache(maxsize=1)
def _alike():
    return _stored("alike")


LOANWORD_MIN_LETTERS = 5


@lru_cache(maxsize=1)
def _english_by_sound() -> dict[str, str]:
    """The commonest English words (wordfreq) by a rough phonetic key of their spelling, commonest first."""
    from cards.lexicon.cognates import canon_keys
    from cards.lexicon.frequency import top

    words = [w for w in top("en", LOANWORD_LIST) if w.isalpha() and len(w) >= LOANWORD_MIN_LETTERS]
    out: dict[str, str] = {}
    for key, word in zip(canon_keys(words), words, strict=True):
        out.setdefault(key, word)
    return out


def loanword(lemma: str) -> str | None:
    """The English word a Russian loanword is spelled like, for a word no dictionary has
    (коронавирус → coronavirus, блогер → blogger, госпитализировать → hospitalize), or None.
    Only for unknown words: a known one may be a false friend (магазин is not a magazine)."""
    from cards.lexicon.cognates import _canon, transliterate

    word = lemma.lower().replace("ё", "е")
    if len(word) < LOANWORD_MIN_LETTERS or shipped().has_sense(word):
        return None
    latin = transliterate(word)
    silent_e = re.sub(r"(?:ai|ei)([^aeiou]+)$", lambda m: ("i" if m.group(0)[0] == "a" else "a") + m.group(1) + "e", latin)
    variants = (latin, "h" + latin[1:] if word.startswith("г") else "", silent_e if silent_e != latin else "")
    for variant in variants:
        # госпиталь: hospital; онлайн: online, питлейн: pitlane (an English silent e)
        found = _english_by_sound().get(_canon(variant)) if variant else None
        if found:
            return found
    for variant in filter(None, variants):  # паблик: public, флешмоб: flashmob, консалтинг: consulting
        for loose in _english_spellings(variant):
            found = _english_by_sound().get(_canon(loose))
            if found:
                return found
    return None


# Russian letters that stand for other English letters in loanwords: а for u (паблик, консалтинг), е for a
# (флешмоб, хештег), я and ю after a consonant for a and u (симулятор), ци for ti (инициировать: initiate)
ENGLISH_SPELLINGS = (("a", "u"), ("e", "a"), ("ia", "a"), ("iu", "u"), ("tsi", "ti"), ("au", "ow"))


def _english_spellings(latin: str) -> list[str]:
    """`latin` with one of its letters, or all of one kind, spelled as English spells it (`ENGLISH_SPELLINGS`)."""
    out = []
    for ru, en in ENGLISH_SPELLINGS:
        spots = [k for k in range(1, len(latin)) if latin.startswith(ru, k)]
        out += [latin[:k] + en + latin[k + len(ru) :] for k in spots]
        out += [latin[0] + latin[1:].replace(ru, en)] if len(spots) > 1 else []
    return out


def phrase_entries(lemma: str) -> tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]:
    """The shipped phrases with `lemma` among their words' lemmas: (the lemmas, the phrase as the
    dictionary writes it, its English headwords: best rank first, then the commonest in English)."""
    table, zipfs = _stored("phrases"), shipped().english_zipf
    out = []
    for line in table.get(normalize(lemma), ()):
        lemmas, form, heads = line.split("\t")
        ranked = sorted(_heads(f"-\t{heads}"), key=lambda hr: (hr[1], -zipfs.get(hr[0], 0.0), hr[0]))
        out.append((tuple(lemmas.split()), form, tuple(h for h, _ in ranked)))
    return tuple(out)


@lru_cache(maxsize=50_000)  # selection asks for every adjective of every sentence
def adjective_bases(lemma: str) -> tuple[str, ...]:
    """The nouns a derived adjective may be made from (мартовский → март, северный → север), whether
    or not the lexicon knows the adjective itself; () for other words."""
    return tuple(base for prefix, base in _bases(normalize(lemma)) if not prefix)


def verb_entry(verb: str, aspect: str | None = None):
    """OpenRussian's entry of a verb (of `aspect` when it has one of that aspect); of homographs, the one
    with the commonest partner (`commonest_verb_first`: выводить impf. with вывести, not pf. with
    вываживать). None if absent."""
    entries = [e for e in shipped().entries(verb) if e.pos == "verb"]
    entries = [e for e in entries if e.lemma == verb.lower()] or entries  # the spelling asked for (ё), as `entry`
    return next(iter([e for e in entries if e.aspect == aspect] or entries), None)


def dictionary_partner(verb: str, aspect: str | None) -> str | None:
    """The verb's partner of the other aspect as OpenRussian gives it (переносить → перенести), or None;
    a partner pymorphy3 reads first as another word is passed over (считать: счесть, not честь), and so
    is a rare -ся verb made from the base verb's partner (`_reflexive_guess`: сообщаться ↛ сообщиться)."""
    from cards.lexicon.analyser import parses

    entry = verb_entry(verb, aspect)
    if entry is None:
        return None
    other = {"perf": "impf", "impf": "perf"}.get(aspect or entry.aspect)
    fitting = []
    for partner in entry.partners:
        found = shipped().entry(partner, "verb")
        if _reflexive_guess(verb, partner, found):
            continue
        if other is None or found is None or found.aspect in (other, "both"):
            fitting.append(partner)
    verbs_first = sorted(fitting, key=lambda p: not (parses(p) and parses(p)[0].tag.POS == "INFN"))
    return (verbs_first or [None])[0]


REFLEXIVE_PARTNER_ZIPF = 2.6  # a -ся partner this common (summed over its forms) is a verb in use: свариться 2.63, решиться 4.4;
# below it, rule-made forms (сообщиться 1.5, выполниться 2.0, отмениться 2.5) and few verbs in use (залиться 2.57)


def _reflexive_guess(verb: str, partner: str, found) -> bool:
    """A -ся verb's -ся partner that is its base verb's partner with -ся added (сообщаться: сообщать →
    сообщить → сообщиться; вводиться → ввестись; уточняться → уточниться), rarer than REFLEXIVE_PARTNER_ZIPF
    and glossed by no sense in the lexicon: a form made by rule (OpenRussian lists them), not a verb in use.
    On unseen news it hides the partner of a passive -ся verb whose perfective no one uses, and keeps
    вернуться, решиться, начаться (common) and the partners of verbs without -ся."""
    from cards.lexicon.analyser import lemma_zipf

    verb, partner = normalize(verb), normalize(partner)
    if not (verb.endswith(("ся", "сь")) and partner.endswith(("ся", "сь"))):
        return False
    base = verb_entry(verb[:-2])
    if base is None or partner[:-2] not in {normalize(p) for p in base.partners}:
        return False
    glossed = found is not None and any(found.senses)
    return not glossed and lemma_zipf(partner, "verb") < REFLEXIVE_PARTNER_ZIPF


@lru_cache(maxsize=50_000)
def likely_partners(verb: str) -> tuple[str, ...]:
    """The verb's aspect partners: OpenRussian's, and the regular rules' guesses (`aspect_variants`)
    but, for a verb OpenRussian has, those it has as verbs of their own that do not name this one
    (топить ↛ топать "stamp"; составить ↛ оставить)."""
    from cards.lexicon.aspect import aspect_variants

    guessed = aspect_variants(verb)
    entry = verb_entry(verb) if guessed else None  # not an infinitive: no partners
    if entry is None:  # a verb OpenRussian lacks: nothing to check the guesses against
        return guessed
    listed = tuple(normalize(p) for p in entry.partners)
    return tuple(dict.fromkeys(listed + tuple(g for g in guessed if not _unrelated(verb, g))))


def _unrelated(verb: str, guess: str) -> bool:
    """A guessed partner that OpenRussian has as a verb of its own whose partners do not include `verb`."""
    other = verb_entry(guess)
    return other is not None and normalize(verb) not in {normalize(p) for p in other.partners}
