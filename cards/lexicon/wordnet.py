"""English word relations from Princeton WordNet 3.0, for the converter (`cards.lexicon.convert`).

A Russian word's glosses name one English word; the translator often wrote another of the same
meaning (вооружение: "arms" / "weapons") or of the same family (жалоба: "complaint" /
"complaining"). WordNet links them: the words of a word's commonest senses (its synonyms), the words
similar to them (adjectives), and its derivations and pertainyms. The shipped table keeps English
words common enough to be read in news (wordfreq Zipf); it is built once from the data files of
Debian's `wordnet-base` (or any WordNet 3.0 `dict/` folder), never at run time.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

PARTS_OF_SPEECH = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
FILES = tuple(f"{kind}.{pos}" for kind in ("index", "data") for pos in PARTS_OF_SPEECH)
SENSES = 2  # a word's commonest senses whose synonyms count (take: 42 senses, most of them noise)
KEY_ZIPF = 2.5  # English words that get relations: common enough to be a gloss
RELATED_ZIPF = 2.0  # related words kept: common enough to be in a translation
DERIVATION, PERTAINYM, SIMILAR = "+", "\\", "&"

Synset = tuple[list[str], list[tuple[str, str, str, int, int]]]  # words, pointers


def _word(raw: str) -> str:
    """A WordNet lemma as text: lower case, adjective markers such as (a) or (p) dropped."""
    return raw.split("(")[0].lower()


def read_synsets(folder: Path) -> dict[tuple[str, str], Synset]:
    """(pos, offset) → (words, pointers (symbol, offset, pos, source word, target word))."""
    synsets: dict[tuple[str, str], Synset] = {}
    for name, pos in PARTS_OF_SPEECH.items():
        for line in (folder / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):  # the licence header
                continue
            fields = line.split(" | ")[0].split()
            count = int(fields[3], 16)
            words = [_word(fields[4 + 2 * i]) for i in range(count)]
            k = 4 + 2 * count
            pointers = []
            for _ in range(int(fields[k])):
                symbol, offset, target_pos, numbers = fields[k + 1 : k + 5]
                pointers.append((symbol, offset, "a" if target_pos == "s" else target_pos, int(numbers[:2], 16), int(numbers[2:], 16)))
                k += 4
            synsets[(pos, fields[0])] = (words, pointers)
    return synsets


def read_senses(folder: Path) -> dict[str, list[tuple[str, str]]]:
    """English word → its synsets (pos, offset), commonest first within each part of speech."""
    senses: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, pos in PARTS_OF_SPEECH.items():
        for line in (folder / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split()
            pointer_count = int(fields[3])
            senses[fields[0]] += [(pos, offset) for offset in fields[4 + pointer_count + 2 :]]
    return senses


def relations(folder: Path, common) -> dict[str, tuple[str, ...]]:
    """English word → related words (multi-word ones with spaces), both filtered by `common(word)`,
    the word's Zipf frequency."""
    synsets, senses = read_synsets(folder), read_senses(folder)
    out: dict[str, tuple[str, ...]] = {}
    for word, places in sorted(senses.items()):
        text = word.replace("_", " ")
        if "_" in word or common(text) < KEY_ZIPF:
            continue
        related: set[str] = set()
        rank_in_pos: dict[str, int] = defaultdict(int)
        for pos, offset in places:
            words, pointers = synsets[(pos, offset)]
            common_sense = rank_in_pos[pos] < SENSES
            rank_in_pos[pos] += 1
            if common_sense:
                related.update(words)
            own = words.index(word) + 1 if word in words else 0
            for symbol, target_offset, target_pos, source, target in pointers:
                other = synsets.get((target_pos, target_offset))
                if other is None:
                    continue
                if symbol in (DERIVATION, PERTAINYM) and source == own and target:
                    related.add(other[0][target - 1])
                elif symbol == SIMILAR and common_sense:
                    related.update(other[0])
        related.discard(word)
        kept = sorted({r.replace("_", " ") for r in related} - {text})
        kept = [r for r in kept if common(r) >= RELATED_ZIPF]
        if kept:
            out[text] = tuple(kept)
    return out


# WordNet's lexicographer files, by their number (the second field of a data line): a synset's
# supersense, the broad kind of thing it names (noun.time: Monday; noun.act: election)
LEXNAMES = (
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact", "noun.attribute",
    "noun.body", "noun.cognition", "noun.communication", "noun.event", "noun.feeling", "noun.food", "noun.group",
    "noun.location", "noun.motive", "noun.object", "noun.person", "noun.phenomenon", "noun.plant",
    "noun.possession", "noun.process", "noun.quantity", "noun.relation", "noun.shape", "noun.state",
    "noun.substance", "noun.time", "verb.body", "verb.change", "verb.cognition", "verb.communication",
    "verb.competition", "verb.consumption", "verb.contact", "verb.creation", "verb.emotion", "verb.motion",
    "verb.perception", "verb.possession", "verb.social", "verb.stative", "verb.weather", "adj.ppl",
)


def supersenses(folder: Path) -> dict[tuple[str, str], str]:
    """(English word or phrase with spaces, pos n/v/a/r) → the supersense of its commonest synset in that
    part of speech (monday, n: noun.time; election, n: noun.act; elect, v: verb.social)."""
    lexname: dict[tuple[str, str], str] = {}
    for name, pos in PARTS_OF_SPEECH.items():
        for line in (folder / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if not line.startswith("  "):
                offset, number = line.split(" ", 2)[:2]
                lexname[(pos, offset)] = LEXNAMES[int(number)]
    out: dict[tuple[str, str], str] = {}
    for word, places in read_senses(folder).items():
        for pos, offset in places[:1] if places else ():
            out[(word.replace("_", " "), pos)] = lexname[(pos, offset)]
        for pos in {p for p, _ in places} - {places[0][0]}:  # the commonest synset of each other part of speech
            first = next(o for p, o in places if p == pos)
            out[(word.replace("_", " "), pos)] = lexname[(pos, first)]
    return out
