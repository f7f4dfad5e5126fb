"""A Russian → English dictionary: short English glosses of a Russian lemma, best first.

Two sources are read:

- a dictd base (``NAME.index`` + ``NAME.dict.dz`` or ``NAME.dict``), such as Debian's
  ``mueller7-dict`` (English → Russian, in /usr/share/dictd). It is *reversed*: the Russian
  translations of every English headword are parsed out of the entry and become keys;
- a plain ``lemma<TAB>gloss`` TSV (``#`` comments; several glosses may be separated by ``;``).

The reversed dictd table takes a few seconds to build, so it is cached in the user's cache folder
(platformdirs: ``$XDG_CACHE_HOME/cards`` or ``~/.cache/cards`` on Linux), keyed by the dictd file's
size and mtime and by this module's code, as an SQLite file that a build reads only the words it
looks up from.
"""

from __future__ import annotations

import gzip
import os
import re
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cards.errors import InputError
from cards.deck.files import cache_dir
from cards.lexicon.aspect import aspect_variants
from cards.lexicon.tables import Stored, connection, write_items

DICTD_DIR = Path("/usr/share/dictd")
DEFAULT_NAMES = ("mueller7",)
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
FREQUENCY_WEIGHT = 0.25  # how much a common English word is preferred, in senses per zipf unit
CARD_GLOSSES = 2  # dictionary glosses on a card, after the counterpart in the sentence
GLOSS_MARGIN = 0.5  # a gloss more than this behind the best one is not shown
COMMON_ENGLISH = 3.5  # Zipf a second gloss needs: rarer ones do not help (lugubrious 2.0, neoteric 1.2)
RARE_ENGLISH = 2.5  # Zipf below which no gloss is shown, even alone (disbosom)
RARITY_WEIGHT = 0.5  # ranks added per Zipf unit below RARITY_FROM
RARITY_FROM = 3.5  # English words this common are not ranked down (armchair 3.3, lugubrious 2.0)
COMPOUND_DISCOUNT = 1.0  # wordfreq rates "water-closet" by its parts: count such glosses rarer
PHRASE_DISCOUNT = 0.5  # a gloss of several words ranks as its rarest word, this much rarer
COGNATE_BONUS = 1.0  # ranks taken off a gloss that looks like the Russian word (партнёр: partner)
COGNATE_COMMON = 3.0  # Zipf a cognate needs for its bonus: a rarer one is a transliteration (okrug, prophylaxis)
COGNATE_SHOWN_ANYWAY = 0.8  # a first gloss this like the Russian word (cognate score) is shown however rare (кассация: cassation)


def normalize(word: str) -> str:
    """The key a Russian word is looked up by: lower case, ё → е, stress marks dropped."""
    return word.lower().replace("ё", "е").replace("\u0301", "").strip()


def _first_sense(gloss: str, groups: Sequence[Sequence[str]]) -> bool:
    """Whether `gloss` is in the first of a lemma's sense groups (True when the lexicon groups none)."""
    return not groups or gloss in groups[0]


Ranked = tuple[tuple[str, float], ...]  # (English gloss, rank): 0 = the first sense


@dataclass(frozen=True)
class Dictionary:
    """Russian lemma → English glosses, best first, each with a rank (0 = first sense)."""

    entries: Mapping[str, Ranked] = field(default_factory=dict)
    source: str = ""
    english_zipf: Mapping[str, float] = field(default_factory=dict)  # of the glosses; others are looked up
    senses: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # glosses grouped by sense
    phrases: Mapping[str, tuple] = field(default_factory=dict)  # lemma → ((lemmas of a phrase), Ranked) …
    partners: Callable[[str], tuple[str, ...]] = aspect_variants  # a verb's likely aspect partners

    def ranked(self, lemma: str) -> Ranked:
        """(gloss, rank) pairs of a Russian lemma, best first; () when unknown.

        A verb also gets the glosses of its likely aspect partner, half a rank lower, because
        dictionaries often list only one aspect (снять → снимать, исключить → исключать).
        """
        key = normalize(lemma)
        best: dict[str, float] = dict(self.entries.get(key, ()))
        for variant in self.partners(key):
            for gloss, rank in self.entries.get(variant, ()):
                if gloss not in best or rank + 0.5 < best[gloss]:
                    best[gloss] = rank + 0.5
        order = {g: i for i, g in enumerate(best)}
        return tuple(sorted(best.items(), key=lambda gr: (int(gr[1] + 0.5), order[gr[0]])))

    def glosses(self, lemma: str) -> tuple[str, ...]:
        """Short English glosses of a Russian lemma, best first; () when unknown."""
        return tuple(gloss for gloss, _ in self.ranked(lemma))

    def card_glosses(self, lemma: str, limit: int = CARD_GLOSSES, besides: Iterable[str] = ()) -> tuple[str, ...]:
        """The glosses a card shows: well ranked, common English words, one per English stem.

        Glosses are scored by rank, plus RARITY_WEIGHT per Zipf below RARITY_FROM (several-word
        words counted rarer), minus COGNATE_BONUS for a cognate of the word's first sense (партнёр:
        partner; not a false friend of a later one: реализовать "realize", бюллетень "bulletin"). The best is
        shown unless rarer than RARE_ENGLISH (then the best one that wordfreq knows at all, alone);
        others only within GLOSS_MARGIN of it and when not rarer than COMMON_ENGLISH. A gloss
        with the stem of a word in `besides` (the counterpart already on the card) is skipped.
        A -ся verb the dictionary lacks gets its base verb's glosses, named: "обсуждать: discuss".
        """
        from cards.lexicon.cognates import cognate_score

        ranked = self.ranked(lemma)
        if not ranked:
            base = normalize(lemma)[:-2] if normalize(lemma).endswith(("ться", "тись")) else ""
            glosses = self.card_glosses(base, limit, besides) if base else ()
            return (f"{base}: {glosses[0]}", *glosses[1:]) if glosses else ()  # обсуждаться: "обсуждать: discuss"

        zipfs = [self.common(g) for g, _ in ranked]
        groups = self.senses.get(normalize(lemma), ())
        cognates = {g: cognate_score(lemma, g) * _first_sense(g, groups) for g, _ in ranked}
        scored = sorted(
            (rank + RARITY_WEIGHT * max(0.0, RARITY_FROM - z) - COGNATE_BONUS * cognates[g] * (z >= COGNATE_COMMON), k, g, z)
            for k, ((g, rank), z) in enumerate(zip(ranked, zipfs, strict=True))
        )
        best = scored[0][0]
        seen = {_english_stem(w) for w in besides}
        shown: list[str] = []
        for score, _, gloss, zipf in scored:
            if len(shown) == limit or score > best + GLOSS_MARGIN:
                break
            stem = _english_stem(gloss)
            floor = COMMON_ENGLISH if shown else (0.0 if cognates[gloss] >= COGNATE_SHOWN_ANYWAY else RARE_ENGLISH)
            if stem in seen or zipf < floor:  # a rare cognate is still the word's meaning (минарет: minaret)
                continue
            if shown and groups and not any(gloss in g and shown[0] in g for g in groups):
                continue  # a second gloss only from the first one's sense
            seen.add(stem)
            shown.append(gloss)
        if not shown:  # only rare glosses (очернение: denigration): a rare right word beats none
            shown = [gloss for _, _, gloss, zipf in scored if zipf > 0 and _english_stem(gloss) not in seen][:1]
        return tuple(shown)

    def phrase_glosses(self, lemma: str, context: Iterable[str]) -> Ranked:
        """Glosses of the phrases `lemma` heads, when all their other words are in `context` (the
        lemmas of the words around it): прекращение beside огонь → ceasefire. The head is the first
        word that is not an adjective (избирательный бюллетень: бюллетень), so that the phrase's
        other words do not compete for its translation."""
        context, key = set(context), normalize(lemma)
        out: list[tuple[str, float]] = []
        for lemmas, ranked in self.phrases.get(key, ()):
            head = next((w for w in lemmas if not w.endswith(("ый", "ий", "ой"))), lemmas[0])
            if head == key and all(w in context or w == key for w in lemmas):
                out.extend(ranked)
        return tuple(out)

    def sense_of(self, lemma: str, counterpart: str) -> tuple[str, ...]:
        """The glosses of the sense that `counterpart` (the word's translation in this sentence)
        belongs to, compared by English stem; () when it is in no sense the dictionary knows.
        бюллетень with "ballots" → ("ballot-paper",), not "bulletin"."""
        wanted = {_english_stem(w) for w in re.findall(r"[a-z]+", counterpart.lower()) if w not in _EN_STOP}
        wanted.discard("")
        grouped = tuple(self.senses.get(normalize(lemma), ()))
        listed = {g for group in grouped for g in group}
        groups = grouped + tuple((g,) for g, _ in self.ranked(lemma) if g not in listed)
        for group in groups:
            for gloss in group:
                words = {_english_stem(w) for w in re.findall(r"[a-z]+", gloss.lower()) if w not in _EN_STOP}
                if _english_stem(gloss) in wanted or (words and words <= wanted) or _english_stem(counterpart) == _english_stem(gloss):
                    return group
        return ()

    def common(self, gloss: str) -> float:
        """How common an English gloss is (Zipf). A gloss of several words counts as its rarest content
        word, a little rarer ("start to fly" as "fly"); without those figures, as a whole, much rarer."""
        parts = [w for w in re.split(r"[\s-]+", gloss) if w and w.lower() not in _EN_STOP]
        if len(parts) > 1 or (parts and parts[0] != gloss):
            zipfs = [self.english_zipf.get(w) for w in parts]
            if all(z is not None for z in zipfs):
                return min(zipfs) - PHRASE_DISCOUNT
        zipf = self.english_zipf.get(gloss)
        zipf = _english_zipf()(gloss) if zipf is None else zipf
        return zipf - (COMPOUND_DISCOUNT if re.search(r"[-\s]", gloss) else 0.0)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, lemma: object) -> bool:
        return isinstance(lemma, str) and normalize(lemma) in self.entries


_EN_STOP = frozenset("a an the to of in on at for by with be is was were been and or from as".split())


class _Union(Mapping):
    """Several lemma tables read as one: a lemma's values from each, in order, joined by `join`."""

    def __init__(self, tables: Sequence[Mapping], join) -> None:
        self._tables, self._join, self._keys = tuple(tables), join, None

    def __getitem__(self, key: str):
        found = [t[key] for t in self._tables if key in t]
        if not found:
            raise KeyError(key)
        return self._join(found)

    def __contains__(self, key: object) -> bool:
        return any(key in t for t in self._tables)

    def __iter__(self):
        if self._keys is None:
            self._keys = sorted(set().union(*(set(t) for t in self._tables)))
        return iter(self._keys)

    def __len__(self) -> int:
        return sum(1 for _ in self)


SOURCE_OFFSET = 1.0  # ranks added to the glosses of each later source that the earlier ones lack


def _join_ranked(found: Sequence[Ranked]) -> Ranked:
    best: dict[str, float] = {}
    for n, ranked in enumerate(found):
        for gloss, rank in ranked:
            best.setdefault(gloss, rank + SOURCE_OFFSET * n)
    return tuple(sorted(best.items(), key=lambda gr: gr[1]))


def _join_senses(found):
    seen: set[str] = set()
    out = []
    for senses in found:
        for sense in senses:
            fresh = tuple(g for g in sense if g not in seen)
            seen.update(fresh)
            if fresh:
                out.append(fresh)
    return tuple(out)


def combine(dictionaries: Sequence[Dictionary]) -> Dictionary | None:
    """One dictionary from several, the first one's glosses and senses first; None for none.
    A lemma's glosses that only a later source has rank SOURCE_OFFSET lower per source."""
    dictionaries = [d for d in dictionaries if d is not None]
    if len(dictionaries) <= 1:
        return dictionaries[0] if dictionaries else None
    zipf = ChainMap(*(d.english_zipf for d in dictionaries))
    senses = _Union([d.senses for d in dictionaries], _join_senses)
    entries = _Union([d.entries for d in dictionaries], _join_ranked)
    phrases = _Union([d.phrases for d in dictionaries], lambda found: tuple(p for f in found for p in f))
    return Dictionary(entries, " + ".join(d.source for d in dictionaries), zipf, senses, phrases,
                      dictionaries[0].partners)


# --- dictd reading --------------------------------------------------------------------------


def decode_b64(text: str) -> int:
    """A dictd index number (base64 digits, most significant first) as an int."""
    n = 0
    for ch in text:
        n = n * 64 + _B64.index(ch)
    return n


def dictd_entries(index_path: Path, dict_path: Path) -> Iterator[tuple[str, str]]:
    """(headword, entry text) for every entry of a dictd base; ``00-database-*`` skipped."""
    opener = gzip.open if dict_path.suffix == ".dz" else open
    with opener(dict_path, "rb") as f:
        data = f.read()
    with open(index_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or parts[0].startswith("00-database") or parts[0].startswith("00database"):
                continue
            start, length = decode_b64(parts[1]), decode_b64(parts[2])
            yield parts[0], data[start : start + length].decode("utf-8", errors="replace")


_TRANSCRIPTION = re.compile(r"\[[^\]]*\]")
_MARK = re.compile(r"(?<!\w)_[^\s.]+\.?")  # _n. _v. _pl. _разг. _ам. _I _II
_SENSE = re.compile(r"(?:(?<=\s)|^)(\d+\.|\d+\)|[а-я]\))")
_LATIN = re.compile(r"[A-Za-z]")
_RU_WORD = re.compile(r"^[а-яё]+(?:-[а-яё]+)*$")


def _drop_parens(text: str) -> str:
    out, depth = [], 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def russian_senses(entry: str, multiword: bool = False) -> list[list[str]]:
    """The Russian translations of a Mueller entry, grouped by sense, in order.

    Transcriptions, part-of-speech and usage marks (``_n.``, ``_разг.``), parenthesised
    remarks and examples (any ``;``-part with Latin letters) are dropped, and so are the
    а) б) senses of an idiom ("to take the shine out of smth. а) снять блеск"); ``,`` and
    ``;`` separate translations; multi-word translations are skipped, or with `multiword`
    those with a head noun kept ("повестка дня").
    """
    return [words for _, words in ranked_senses(entry, multiword)]


# Usage marks of a sense (or of a whole part-of-speech block) that make it a poor gloss for a
# learner: slang, poetic, obsolete, jocular … (REGISTER), or a technical domain far from the news
# (DOMAIN). Politics, law, the military and the economy are our domain and carry no penalty.
REGISTER_MARKS = frozenset(
    "_жарг. _уст. _поэт. _редк. _шутл. _диал. _груб. _пренебр. _ирон. _шотл. _библ. _миф. _презр. "
    "_вульг. _школ. _унив. _сл. _арх.".split()
)
DOMAIN_MARKS = frozenset(
    "_тех. _бот. _мор. _мед. _зоол. _хим. _анат. _ав. _геол. _горн. _эл. _мат. _муз. _грам. _физ. "
    "_полигр. _церк. _стр. _рад. _биол. _архит. _ж-д. _с-х. _текст. _театр. _астр. _мин. _лингв. "
    "_фон. _карт. _физиол. _кин. _жив. _метал. _авт. _спорт. _охот. _кул. _фот. _вет. _геом. _опт.".split()
)
REGISTER_PENALTY = 3.0
DOMAIN_PENALTY = 1.0
COLLOQUIAL_PENALTY = 0.5  # _разг., _перен.
BLOCK_PENALTY = 0.3  # per part-of-speech block after an English headword's first (father: 1. _n. отец 2. _v. производить)
HOMONYM_PENALTY = 1.0  # per homonym after the first (_I, _II …)
_HOMONYM_SPLIT = re.compile(r"(?<!\w)_[IV]+(?=\s|$)")


def _usage_penalty(marks: set[str]) -> float:
    if marks & REGISTER_MARKS:
        return REGISTER_PENALTY
    if marks & DOMAIN_MARKS:
        return DOMAIN_PENALTY
    if marks & {"_разг.", "_перен."}:
        return COLLOQUIAL_PENALTY
    return 0.0


def ranked_senses(entry: str, multiword: bool = False) -> list[tuple[float, list[str]]]:
    """Like russian_senses, each with its rank: the sense number within its part of speech (from 0),
    plus penalties for a later part-of-speech block or homonym and for usage marks (slang, poetic,
    technical …) on the sense or on its block."""
    body = entry.split("\n", 1)[1] if "\n" in entry else ""
    body = _TRANSCRIPTION.sub(" ", body)
    body = " ".join(body.split())
    if _MARK.sub(" ", body).strip().startswith("="):
        return []
    senses: list[tuple[float, list[str]]] = []
    index, fresh, idiom = 0, True, False
    block, homonym, block_marks, homonym_marks = 0, 0, set(), set()
    pieces = _SENSE.split(body)  # text, marker, text, marker, text …
    for k in range(0, len(pieces), 2):
        marker, chunk = (pieces[k - 1] if k else ""), pieces[k]
        if marker.endswith("."):  # "2.": a new part of speech or homonym, senses count from 0
            index, fresh, idiom = 0, True, False
            block, block_marks = block + 1, set()
        elif marker[:1].isdigit():  # "2)": the next sense
            index, fresh, idiom = (index if fresh else index + 1), False, False
        elif marker:  # "а)": a sub-sense; of an idiom when the text before it ends in Latin
            idiom = idiom or bool(_LATIN.search(_drop_parens(pieces[k - 2]).split(";")[-1]))
        parts = _HOMONYM_SPLIT.split(chunk)  # "… _II …": a homonym can start mid-chunk
        for h in range(len(parts)):
            own = set(_MARK.findall(_drop_parens(parts[h])))  # not "(палатки; _перен. запрет)": the example's
            if h:  # "_II _поэт. 1. _n.": a new homonym, its marks cover all of it
                homonym, block, block_marks, homonym_marks = homonym + 1, 0, set(), own
            elif marker.endswith(".") or not k:
                block_marks = own  # "3. _v. _редк.": marks of the whole block
            words = [] if idiom else _translations(_MARK.sub(" ", parts[h]), multiword)
            if words:
                rank = (index + BLOCK_PENALTY * max(0, block - 1) + HOMONYM_PENALTY * max(0, homonym - 1)
                        + _usage_penalty(own | block_marks | homonym_marks))
                senses.append((rank, words))
    return senses


def _translations(chunk: str, multiword: bool) -> list[str]:
    words: list[str] = []
    for part in _drop_parens(chunk).split(";"):
        if _LATIN.search(part) or "=" in part:
            continue
        items = [item.strip(" .:!?\"«»'").lower() for item in part.split(",")]
        for k, item in enumerate(items):
            if _modifies_next(items, k):
                continue  # "большой, старинный город": the adjectives describe the noun
            if _RU_WORD.match(item):
                words.append(item)
            elif multiword and _phrase_head(item):
                words.append(item)
    return words


_NOT_A_HEAD_NOUN = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ть", "ться", "ти", "ся")


PREPOSITIONS = frozenset("в во на с со по к ко о об от для за из у при под над без до".split())


_ADJECTIVE_ENDINGS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")


def _modifies_next(items: list[str], k: int) -> bool:
    """True for a lone adjective listed before the adjective + noun phrase it belongs to."""
    following = items[k + 1 :]
    return (
        " " not in items[k]
        and items[k].endswith(_ADJECTIVE_ENDINGS)
        and bool(following)
        and " " in following[-1]
        and all(f.endswith(_ADJECTIVE_ENDINGS) for f in following[:-1])
        and following[-1].split()[0].endswith(_ADJECTIVE_ENDINGS)
    )


def _phrase_head(phrase: str) -> str | None:
    """The word a multi-word translation is indexed under, or None: the noun of "повестка дня",
    the head of "поверенный в делах"; not "третья сторона" (adjective first) nor a verb phrase."""
    parts = phrase.split()
    if not parts or parts[0] in PREPOSITIONS or not all(_RU_WORD.match(w) and not w.endswith("-л") for w in parts):
        return None
    if len(parts) == 2 and not parts[0].endswith(_NOT_A_HEAD_NOUN) and parts[1] not in PREPOSITIONS:
        return parts[0]
    if len(parts) == 3 and parts[1] in PREPOSITIONS and not parts[0].endswith(_VERB_ENDINGS):
        return parts[0]
    return None


_VERB_ENDINGS = ("ть", "ться", "ти", "тись", "ся")


def _usable_headword(head: str) -> bool:
    return bool(head) and head[0].isalpha() and not any(ch.isdigit() for ch in head) and len(head) > 1


def reverse_entries(entries: Iterable[tuple[str, str]]) -> dict[str, Ranked]:
    """Russian word → (English headword, rank) pairs, best first.

    The rank is where the Russian word stands in the English entry: sense number (from 0) plus
    0.3 per earlier translation in that sense, plus 1.5 for a word of a two-word translation;
    "sanction" gives "санкция" first, so "санкция" → ("sanction", 0.0). The order is by rank
    with a common English word (wordfreq) preferred over a rare one of about the same rank.
    """
    best: dict[str, dict[str, float]] = {}
    for head, entry in entries:
        if not _usable_headword(head):
            continue
        for sense, translations in ranked_senses(entry, multiword=True):
            for k, phrase in enumerate(translations):
                # a multi-word translation counts for its head noun, a rank lower
                rank = sense + 0.3 * k + (1.5 if " " in phrase else 0)
                slot = best.setdefault(normalize(_phrase_head(phrase) or phrase), {})
                if rank < slot.get(head, 1e9):
                    slot[head] = rank
    freq = _english_zipf()
    order = {h: FREQUENCY_WEIGHT * freq(h) for heads in best.values() for h in heads}
    return {
        ru: tuple((h, round(heads[h], 2)) for h in sorted(heads, key=lambda h: (round(heads[h] - order[h], 2), h)))
        for ru, heads in best.items()
    }


@lru_cache(maxsize=1)
def _english_zipf():
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return lambda word: 0.0
    return lru_cache(maxsize=65536)(lambda word: zipf_frequency(word, "en"))


@lru_cache(maxsize=4096)
def _english_stem(text: str) -> str:
    """A key that spellings of one English word share: pre-school, preschool; sanction, sanctions;
    café, cafe; centre, center."""
    import unicodedata

    import Stemmer

    from cards.lexicon.cognates import american

    plain = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    words = [american(w) for w in re.findall(r"[a-z]+", plain)]
    return "".join(Stemmer.Stemmer("english").stemWords(words))


# --- cache ----------------------------------------------------------------------------------


def _cache_path(dict_path: Path) -> Path:
    """Keyed by the dictd file (size, mtime) and by the code that reverses it (this module's own hash):
    a changed reversal never reads a stale cache."""
    st = dict_path.stat()
    return cache_dir() / f"{dict_path.name}.{st.st_size}.{int(st.st_mtime)}.{_code_version()}.sqlite"


@lru_cache(maxsize=1)
def _code_version() -> str:
    import hashlib

    return hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:12]


def read_dictd(index_path: Path, dict_path: Path, *, use_cache: bool = True) -> Dictionary:
    """A reversed dictd base; the reversed table (and its glosses' English Zipf) is cached on disk
    when `use_cache`, an SQLite file a build reads only the words it looks up from (cards.lexicon.tables),
    so a build loads neither the dictd text, nor the whole table, nor English word frequencies."""
    if not use_cache:
        made = _reversed(index_path, dict_path)
        return Dictionary(made["entries"], _name(dict_path), made["english"])

    def fill(db) -> None:
        made = _reversed(index_path, dict_path)
        write_items(db, "entries", made["entries"])
        write_items(db, "english", made["english"])

    path, meta = _cache_path(dict_path), {"code": _code_version()}
    stale = f"{dict_path.name}.[0-9]*.[0-9]*.*.*"  # an older file or code (not tiny.dict.dz's beside tiny.dict's)
    connection(path, meta, fill, stale)  # made now (in memory when the cache folder is read-only): a broken file fails here
    entries = Stored(path, meta, fill, "entries", lambda v: tuple((g, float(r)) for g, r in v), stale)
    return Dictionary(entries, _name(dict_path), Stored(path, meta, fill, "english", replaces=stale))


def _reversed(index_path: Path, dict_path: Path) -> dict[str, dict]:
    table = reverse_entries(dictd_entries(index_path, dict_path))
    zipf = _english_zipf()
    return {"entries": table, "english": {g: round(zipf(g), 2) for ranked in table.values() for g, _ in ranked}}


def read_tsv(path: Path) -> Dictionary:
    """A ``lemma<TAB>gloss`` file; a lemma may have several lines or ``;``-separated glosses."""
    table: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#") or "\t" not in line:
                continue
            lemma, gloss = line.rstrip("\n").split("\t", 1)
            slot = table.setdefault(normalize(lemma), [])
            for g in gloss.split(";"):
                g = " ".join(g.split())
                if g and g not in slot:
                    slot.append(g)
    return Dictionary({k: tuple((g, float(i)) for i, g in enumerate(v)) for k, v in table.items()}, _name(path))


def _name(path: Path) -> str:
    """How a summary names a dictionary file: mueller7 for /usr/share/dictd/mueller7.dict.dz."""
    name = path.name
    for suffix in (".dict.dz", ".dict", ".index"):
        name = name.removesuffix(suffix)
    return name


def _dictd_files(path: Path) -> tuple[Path, Path] | None:
    """(index, dict) for a dictd base named by its .index, .dict, .dict.dz or bare stem."""
    name = str(path)
    for suffix in (".dict.dz", ".dict", ".index"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    index = Path(name + ".index")
    for data in (Path(name + ".dict.dz"), Path(name + ".dict")):
        if index.exists() and data.exists():
            return index, data
    return None


def load_dictionary(path: str | os.PathLike | None = None) -> Dictionary | None:
    """The dictionary at `path`, or Debian's mueller7 when `path` is None (None if not installed).

    `path` may name a dictd base (its .index, .dict.dz or .dict file, or the name without
    suffix), a folder holding dictd bases (mueller7 preferred), or a ``lemma<TAB>gloss`` file.
    Raises InputError when it names nothing readable.
    """
    if path is None:
        return _default_dictionary()
    p = _base(Path(path))
    files = _dictd_files(p)
    try:
        if files is not None:
            return read_dictd(*files)
        if p.is_file():
            return read_tsv(p)
    except (OSError, ValueError, EOFError) as exc:  # unreadable, not UTF-8, bad index, bad gzip
        raise InputError(p, f"cannot read this dictionary ({exc})", _FIX) from exc
    raise InputError(p, "no dictionary there: neither a dictd base (.index with .dict.dz or .dict) nor a file", _FIX)


def _base(p: Path) -> Path:
    """A folder stands for the dictd base in it (mueller7 first); any other path for itself."""
    if p.is_dir():
        bases = [p / name for name in DEFAULT_NAMES] + sorted(q.with_suffix("") for q in p.glob("*.index"))
        return next((b for b in bases if _dictd_files(b)), p)
    return p


def source_files(path: str | os.PathLike | None = None) -> tuple[Path, ...]:
    """The files `load_dictionary(path)` reads (none when it finds none): what names the dictionary for
    a cache of results that depend on it (cards.cache)."""
    if path is None:
        found = (_dictd_files(DICTD_DIR / name) for name in DEFAULT_NAMES)
        return next((files for files in found if files), ())
    p = _base(Path(path))
    return _dictd_files(p) or ((p,) if p.is_file() else ())


_FIX = "Give a dictd .index file (apt-get install mueller7-dict puts one in /usr/share/dictd) or a lemma<TAB>gloss TSV"


@lru_cache(maxsize=1)
def _default_dictionary() -> Dictionary | None:
    for name in DEFAULT_NAMES:
        files = _dictd_files(DICTD_DIR / name)
        if files is not None:
            return read_dictd(*files)
    return None
