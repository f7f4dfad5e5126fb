"""Convert the open lexical sources into the compact data files shipped in ``cards/lexicon/data``.

    python -m cards.lexicon.convert ../shared/lexicon [--wordnet /usr/share/wordnet]

Reads OpenRussian (CC BY-SA 4.0), the English Wiktionary translation tables (CC BY-SA 3.0 / GFDL,
reversed to Russian → English), the stress-forms automaton (MIT) and Princeton WordNet 3.0 (WordNet
licence; Debian's wordnet-base), writes:

- ``openrussian.tsv.gz``: one row per lemma and part of speech: lemma, stressed lemma, pos, gender,
  aspect, aspect partners, flags, senses (``|`` between senses, ``;`` between the glosses of one; in the
  order a learner meets them), and the sense a card shows ahead of them (mostly empty), with
  the hand-written senses of news words the sources lack (``seeds/senses.tsv``: мероприятие "event")
  and aspect partners of common verbs in the sense news uses (``seeds/partners.tsv``: видеть: увидеть);
- ``wiktionary.tsv.gz``: Russian word → English headwords that list it, best first (``;``-separated,
  each ``headword:rank``);
- ``phrases.tsv.gz``: Russian phrases Wiktionary gives as translations (прекращение огня: ceasefire),
  with the lemmas of their words, and the hand-written set phrases of news ``seeds/phrases.tsv`` (в ходе:
  during) and collocations ``seeds/collocations.tsv`` (ввести санкции: impose sanctions; with their
  imperfective partners' phrases: вводить санкции) first;
- ``topic-<name>.tsv.gz``: the Russian vocabulary of a topic (politics): lemmas whose first glosses are
  terms of the hand-curated English seed list ``seeds/<name>.txt``, and their aspect partners;
- ``everyday.tsv.gz``: everyday vocabulary (days, numbers, family, units …) with the CEFR level a
  learner knows it by, matched the same way against ``seeds/general.txt``, and the Russian lemmas of the
  hand-written ``seeds/general-ru.txt`` (морской, зона, передавать: what the English matching misses);
- ``english.tsv.gz``: every English gloss of the three with its wordfreq Zipf frequency, so that a build
  ranks glosses by how common they are without loading wordfreq's English table;
- ``english-related.tsv.gz``: English word → the words WordNet relates to it (synonyms of its
  commonest senses, derivations: complaint → complain), so that word alignment finds "weapons" for
  вооружение, whose glosses say "arms" (``cards.lexicon.wordnet``);
- ``supersenses.tsv.gz``: for each OpenRussian noun and verb, the WordNet supersenses (noun.time,
  noun.act, verb.social …) of the first two glosses of its first sense and how common its first gloss is
  in English: what the learner model of ``cards.lexicon.levels`` reads (``cards.lexicon.wordnet``);
- the stress files of ``cards.lexicon.accents``;
- ``name-stress.tsv.gz``: names with the stress Wiktionary's romanizations give them (Путин /Pútin/),
  ``cards.lexicon.name_stress``;
- ``SOURCES.json``: the SHA-256 of every source file read and of every file written.

The output is deterministic (sorted rows, gzip without a timestamp): a re-run from the same sources
gives byte-identical files, which ``tests/test_lexicon.py`` checks against SOURCES.json.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from cards.lexicon.levels import NEWS_REGISTER, NEWS_TERM, read_lemmas
from cards.lexicon.lexicon import put_first

DATA_DIR = Path(__file__).resolve().parent / "data"
ACUTE = "\u0301"
GRAVE = "\u0300"

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
LATIN = "a-zA-Zà-öø-ÿÀ-ÖØ-Þ"  # English spells some loanwords with accents: attaché, café, naïve, résumé
_ENGLISH_GLOSS = re.compile(rf"^[{LATIN}][{LATIN}' -]*[{LATIN}.]$|^[{LATIN}]$")
_ENGLISH_HEADWORD = re.compile(rf"[{LATIN}][{LATIN}' -]*")
# OpenRussian's notes written where a translation goes: "Adjective of jubilee" (юбилейный; ~600 rows, mostly
# with a Russian word), "diminutive of carrot": the base word's gloss says more, so the note is dropped
_NOTE = re.compile(r"^(?:adjective|adjectival(?: form)?|adverb|diminutive|augmentative|feminine|masculine|plural|"
                   r"singular|(?:short|comparative|superlative) form|variant|abbreviation) of\b", re.IGNORECASE)
_ALSO = re.compile(r"^also\s+", re.IGNORECASE)  # мальчишка: "boy | also sea urchin"
_TO = re.compile(r"^(?:to|be to)\s+(?=\w)")
_ASPECTS = {"imperfective": "impf", "perfective": "perf", "both": "both"}
_POS_FILES = (("noun", "nouns.tsv.gz"), ("verb", "verbs.tsv.gz"), ("adj", "adjectives.tsv.gz"))


def write_gzip(path: Path, lines: Iterable[str]) -> None:
    """UTF-8 lines, gzip without a file name or timestamp, so the bytes depend on the lines alone."""
    raw = "".join(line + "\n" for line in lines).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    path.write_bytes(buffer.getvalue())


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- OpenRussian ---------------------------------------------------------------------------------


GLOSS_WORDS = 4  # a longer gloss is a definition, not a translation …
DEFINITION_WORDS = 8  # … kept only for a word that has nothing shorter (россиянин: citizen of the Russian Federation)


def clean_gloss(text: str, max_words: int = GLOSS_WORDS) -> str:
    """One English gloss as a card shows it: no remarks in brackets, no leading "to", no artefacts;
    "" when nothing usable is left ("sick-leave certificate" stays, "(brief report)" goes)."""
    text = _PAREN.sub(" ", text).replace("*", " ").replace("/", " ")
    text = " ".join(text.split()).strip(" .,!?:\"'")
    text = _TO.sub("", _ALSO.sub("", text))
    if _NOTE.match(text) or not (text.isascii() or _known_english(text)):
        return ""  # a note, or a gloss in another language (злость: "öfke")
    if max_words > GLOSS_WORDS and (not text[:1].islower() or " form of " in f" {text} "):
        return ""  # "Adjectival form of Spring the season": a note, not a definition; the base word says more
    return text if _ENGLISH_GLOSS.match(text) and len(text.split()) <= max_words else ""


ACCENTED_MIN_ZIPF = 1.0  # a gloss with accented letters is English (attaché 2.8) only if wordfreq knows it so well


def _known_english(text: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(text, "en") >= ACCENTED_MIN_ZIPF


def senses(translations: str) -> tuple[tuple[str, ...], ...]:
    """OpenRussian's translation cell as senses: ";" separates meanings, "," synonyms. Glosses of up to
    GLOSS_WORDS words; when there are none, definitions of up to DEFINITION_WORDS."""
    for limit in (GLOSS_WORDS, DEFINITION_WORDS):
        out = []
        for part in translations.split(";"):
            glosses = tuple(dict.fromkeys(g for g in (clean_gloss(x, limit) for x in _split_commas(part)) if g))
            if glosses:
                out.append(glosses)
        if out:
            return tuple(out)
    return ()


_PLACEHOLDER_SLASH = re.compile(r"\b(some(?:one|body|thing)|smb|sth)/(?=some(?:one|body|thing)\b|smb\b|sth\b)")


def _split_commas(text: str) -> list[str]:
    """Split on commas and slashes outside brackets ("letter (of the alphabet, Cyrillic), note" → 2 parts;
    "acknowledgement/ recognition / confession" → 3); "someone/something" stays one."""
    text = _PLACEHOLDER_SLASH.sub(r"\1 or ", text)
    parts, depth, current = [], 0, []
    for ch in text:
        depth += ch in "(["
        depth -= ch in ")]" and depth > 0
        if ch in ",/" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


def _bare(word: str) -> str:
    return word.replace(ACUTE, "").replace(GRAVE, "").replace("'", "").strip()


_RUSSIAN_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*")


def _partners(cell: str) -> list[str]:
    """The aspect partners of an OpenRussian cell: "-" (none), "-;отвести" and names (Астахов) left out."""
    return list(dict.fromkeys(p for p in map(_bare, re.split(r"[,;]", cell)) if _RUSSIAN_WORD.fullmatch(p)))


def openrussian_rows(folder: Path) -> list[str]:
    """lemma, stressed, pos, gender, aspect, partners, flags, senses, shown first (""): one TSV line per lemma and pos."""
    lines = set()
    for pos, name in _POS_FILES:
        for row in _rows(folder / name):
            lemma = _bare(row["bare"])
            if not re.fullmatch(r"[а-яё]+(?:-[а-яё]+)*", lemma):
                continue  # capitalised names, abbreviations, phrases
            meaning = senses(row.get("translations") or row.get("translations_en") or "")
            gender = row.get("gender", "") if pos == "noun" else ""
            aspect = _ASPECTS.get(row.get("aspect", ""), "") if pos == "verb" else ""
            partners = ",".join(_partners(row.get("partner", "")))
            flags = ",".join(
                flag for flag, column in (("pl_only", "pl_only"), ("indecl", "indeclinable"), ("anim", "animate"))
                if row.get(column) == "1"
            )
            stressed = row["accented"].strip() or lemma
            senses_text = " | ".join("; ".join(s) for s in meaning)
            lines.add("\t".join((lemma, stressed, pos, gender, aspect, partners, flags, senses_text, "")))
    with gzip.open(folder / "others.csv.gz", "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            lemma = _bare(row["bare"])
            if not re.fullmatch(r"[а-яё]+(?:-[а-яё]+)*", lemma):
                continue
            stressed = row["accented"].replace("'", ACUTE).strip() or lemma
            senses_text = " | ".join("; ".join(s) for s in senses(row.get("translations_en", "")))
            lines.add("\t".join((lemma, stressed, "other", "", "", "", "", senses_text, "")))
    return sorted(lines)


# --- hand-written senses of news words the sources lack (seeds/senses.tsv) --------------------------

FIRST = "first"  # the supplement's third column: this sense is the word's commonest today
SAME = "same"  # or: these glosses are more words for the entry's first sense (крупный: "major")
SHOWN = "shown"  # or: the commonest sense in today's news, which a card shows first, though a learner
# met the entry's first sense first (провести: "hold", met as "spend")
MARKS = (FIRST, SAME, SHOWN)
SENSES, SHOWN_FIRST = 7, 8  # the columns of openrussian.tsv.gz's senses and of the sense a card shows ahead of them
_MORPH_POS = {"NOUN": "noun", "VERB": "verb", "INFN": "verb", "ADJF": "adj", "ADJS": "adj", "PRTF": "adj"}


def read_senses(path: Path) -> list[tuple[str, tuple[str, ...], str]]:
    """The supplement's lines: (lemma, its glosses, its mark: FIRST, SAME, SHOWN or "")."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, glosses, *mark = line.split("\t")
            out.append((lemma.strip().lower(), tuple(g.strip() for g in glosses.split(";") if g.strip()),
                        mark[0].strip() if mark and mark[0].strip() in MARKS else ""))
    return out


def morph_pos(lemma: str) -> str:
    """The part of speech pymorphy3 reads `lemma` as first, in openrussian.tsv.gz's terms."""
    from cards.lexicon.analyser import parses

    found = parses(lemma)
    return _MORPH_POS.get(found[0].tag.POS, "other") if found else "other"


def supplemented_rows(rows: list[str], supplement: list[tuple[str, tuple[str, ...], str]],
                      pos_of=morph_pos) -> list[str]:
    """openrussian.tsv.gz's rows with the hand-written senses merged in: each into the lemma's entry of the
    part of speech `pos_of` gives (else its first glossed one; a new row if the lemma has none), after its
    senses and without the glosses the lemma already has; marked first, ahead of them (its glosses
    taken out of the later senses); marked same, at the end of its first sense (a synonym of the sense a
    learner meets first is no later sense of the word); marked shown, after them as unmarked, and whole in
    the row's last column, the sense a card shows ahead of them (the learner model reads the senses only)."""
    by_lemma: dict[str, list[list[str]]] = {}
    for row in rows:
        fields = row.split("\t")
        by_lemma.setdefault(fields[0].replace("ё", "е"), []).append(fields)
    for lemma, glosses, mark in supplement:
        entries = by_lemma.setdefault(lemma.replace("ё", "е"), [])
        pos = pos_of(lemma)
        target = next((e for e in entries if e[2] == pos and e[SENSES]), None) or next(
            (e for e in entries if e[2] == pos), None) or next((e for e in entries if e[SENSES]), None)
        if target is None:
            target = [lemma, lemma, pos, "", "", "", "", "", ""]
            entries.append(target)
        senses = [s.split("; ") for s in target[SENSES].split(" | ") if s]
        if mark == FIRST:
            senses = [list(s) for s in put_first(glosses, senses)]
        else:
            known = {g.lower() for e in entries for s in e[SENSES].split(" | ") for g in s.split("; ")}
            fresh = [g for g in glosses if g.lower() not in known]
            if mark == SAME and senses:
                senses[0] += fresh
            else:
                senses += [fresh] if fresh else []
        target[SENSES] = " | ".join("; ".join(s) for s in senses)
        if mark == SHOWN:
            target[SHOWN_FIRST] = "; ".join(glosses)
    return sorted("\t".join(e) for entries in by_lemma.values() for e in entries)


def read_partners(path: Path) -> dict[str, str]:
    """The hand-written aspect partners: verb → its partner ("" for none)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            verb, partner = (part.strip() for part in line.split("\t"))
            out[verb] = "" if partner == "-" else partner
    return out


def partnered_rows(rows: list[str], partners: dict[str, str]) -> list[str]:
    """openrussian.tsv.gz's rows with the hand-written partners (`read_partners`) as the verbs' only ones."""
    out = []
    for row in rows:
        fields = row.split("\t")
        if fields[2] == "verb" and fields[0] in partners:
            fields[5] = partners[fields[0]]
        out.append("\t".join(fields))
    return out


# --- Wiktionary (English → Russian, reversed) -----------------------------------------------------

_TRANSLATION_LINE = re.compile(r"\[m1\](.*?)\[/m\]")
_MARKUP = re.compile(r"\[c gray\].*?\[/c\]|\[p\].*?\[/p\]|\\\[.*?\\\]|\[/?[a-z0-9 ]+\]")
_SENSE_NOTE = re.compile(r"\(([^)]*)\)\s*$")
_ROMANIZATION = re.compile(r"/[^/]*/")  # на душу населения /na dúšu naselénija/: left outside [c gray] in 17% of rows
_POOR_SENSE = re.compile(r"\b(?:obsolete|archaic|dated|slang|vulgar|rare|dialect(?:al)?|nautical|"
                         r"botany|zoology|anatomy|chemistry|mathematics|physics|biology|mineral|"
                         r"computing|music|heraldry|cricket|baseball|medicine|pathology|ethnic slur)\b|"
                         r"\b(?:offensive|derogatory|pejorative)\s*:",  # "derogatory: a German person", not "offensive act"
                         re.IGNORECASE)
POOR_SENSE_PENALTY = 2.0  # a sense note marked obsolete, slang or far from the news
POSITION_WEIGHT = 0.3  # rank added per Russian translation listed before this one
WIKTIONARY_KEEP = 12  # English headwords kept per Russian word


def dsl_entries(path: Path) -> Iterator[tuple[str, str, str, list[str]]]:
    """(English headword, part of speech, sense note, Russian translations) per DSL card."""
    with gzip.open(path, "rb") as f:
        text = f.read().decode("utf-16-le")
    head = ""
    pos, note = "", ""
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if not line[0].isspace():
            head, pos, note = line.strip(), "", ""
            continue
        if "[b][c darkblue]~" in line:
            found = re.search(r"\[p\]<([^>]*)>\[/p\]", line)
            pos = found.group(1) if found else ""
            clean = re.sub(r"\[/?i\]", "", _MARKUP.sub(" ", line.replace("[i]", "").replace("[/i]", "")))
            sense = _SENSE_NOTE.search(clean.strip())
            note = sense.group(1) if sense else ""
            continue
        found = _TRANSLATION_LINE.search(line)
        if found and head:
            plain = _PAREN.sub(" ", _ROMANIZATION.sub(" ", _MARKUP.sub(" ", found.group(1))))  # отречься (от престола)
            words = [" ".join(w.split()).strip(" .") for w in re.split(r"[,;]", plain)]
            yield head, pos, note, [w for w in words if w]


def wiktionary_rows(path: Path, glossed: Iterable[str] = ()) -> list[str]:
    """Russian word → English headwords that translate it, best first.

    A headword ranks by where the Russian word stands among its translations (the first listed is
    the usual one) and by its sense note (obsolete, slang, technical senses rank lower). English
    phrases of more than three words and Russian phrases are left out. A capitalised headword is kept
    when it is a noun or adjective (россиянин: Russian, белорус: Belarusian); a proper name (<prop>)
    only for a word that neither source glosses otherwise (`glossed`: OpenRussian's) and that
    pymorphy3 does not read as a name: the bodies of a foreign state (сейм: Sejm, бундесрат: Bundesrat),
    not воскресенье "Sabbath" nor a city."""
    best: dict[str, dict[str, float]] = {}
    proper: dict[str, dict[str, float]] = {}
    for head, pos, note, words in dsl_entries(path):
        if not _ENGLISH_HEADWORD.fullmatch(head) or len(head.split()) > 3:
            continue
        penalty = POOR_SENSE_PENALTY if _POOR_SENSE.search(note) else 0.0
        for k, word in enumerate(words):
            word = word.lower()
            if not re.fullmatch(r"[а-яё]+(?:-[а-яё]+)*", word):
                continue
            rank = penalty + POSITION_WEIGHT * k
            slot = (proper if pos == "prop" else best).setdefault(word, {})
            if rank < slot.get(head, 1e9):
                slot[head] = rank
    glossed = set(glossed) | set(best)
    best |= {word: heads for word, heads in proper.items() if word not in glossed and not _name_reading(word)}
    lines = []
    for word in sorted(best):
        heads = sorted(best[word].items(), key=lambda hr: (hr[1], hr[0]))[:WIKTIONARY_KEEP]
        lines.append(word + "\t" + "; ".join(f"{h}:{r:g}" for h, r in heads))
    return lines


NAME_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")


def _name_reading(word: str) -> bool:
    """pymorphy3 has the word as a name (Россия, Путин) in any reading."""
    from cards.lexicon.analyser import parses

    return any(any(tag in p.tag for tag in NAME_TAGS) for p in parses(word))


def curated_phrases(path: Path) -> dict[str, list[str]]:
    """The hand-written phrases of one seed file (``seeds/phrases.tsv``, ``seeds/collocations.tsv``):
    phrase → its English glosses (the second column; phrases.tsv's third, a level, is read at run time)."""
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, glosses, *_ = line.split("\t")
            out[phrase.strip().lower()] = [g.strip() for g in glosses.split(";") if g.strip()]
    return out


def imperfective_partners(openrussian: Path) -> dict[str, list[str]]:
    """Perfective verb → its imperfective aspect partners that list it as theirs too (ввести → вводить;
    взять → брать, not взимать), from ``openrussian.tsv.gz``."""
    aspects: dict[str, str] = {}
    partners: dict[str, list[str]] = {}
    with gzip.open(openrussian, "rt", encoding="utf-8") as f:
        for line in f:
            lemma, _, pos, _, aspect, cell, *_ = line.rstrip("\n").split("\t")
            if pos == "verb" and lemma not in aspects:
                aspects[lemma], partners[lemma] = aspect, cell.split(",") if cell else []
    return {verb: found for verb, found in (
        (verb, [p for p in partners[verb] if aspects.get(p) == "impf" and verb in partners.get(p, ())])
        for verb in partners if aspects[verb] == "perf") if found}


def seed_phrases(paths: Sequence[Path], partners: Mapping[str, Sequence[str]] | None = None) -> dict[str, list[str]]:
    """The hand-written phrases of the seed files, the first file's first where two have one, and for
    each phrase that begins with a perfective verb the same phrase with its imperfective partner, unless
    written out (заключить соглашение → заключать соглашение: the English is the same)."""
    out: dict[str, list[str]] = {}
    for path in paths:
        for phrase, glosses in curated_phrases(path).items():
            out.setdefault(phrase, glosses)
    for phrase, glosses in list(out.items()):
        verb, _, rest = phrase.partition(" ")
        for partner in (partners or {}).get(verb, ()):
            out.setdefault(f"{partner} {rest}", glosses)
    return out


def phrase_lemmas(phrase: str) -> str:
    """The lemmas of a phrase's words as a build lemmatises a sentence (cards.lexicon.morph.analyse:
    большая часть → большой часть, населённый пункт → населенный пункт), ё as е; pymorphy3's first
    reading of each word where the analyser splits the phrase otherwise."""
    from cards.lexicon.analyser import parses
    from cards.lexicon.morph import analyse

    words = phrase.split()
    tokens = analyse(phrase)
    found = ([t.lemma.lemma.lower() for t in tokens] if len(tokens) == len(words)
             else [parses(w)[0].normal_form for w in words])
    return " ".join(w.replace("ё", "е") for w in found)


def phrase_rows(path: Path, curated: Sequence[Path] = (), openrussian: Path | None = None) -> list[str]:
    """Russian phrases of two to four words that Wiktionary gives as a translation (прекращение огня:
    ceasefire), with the lemma of each word (`phrase_lemmas`), so that a build finds them in any
    inflection: "lemmas<TAB>phrase<TAB>headword:rank; …", best first. The `curated` phrases of the seed
    files (в ходе: during; ввести санкции: impose sanctions) come with their own glosses first,
    Wiktionary's after them; with `openrussian`, a curated phrase's perfective verb also gives the
    phrase of its imperfective partner (`seed_phrases`)."""
    best: dict[str, dict[str, float]] = {}
    for head, pos, note, words in dsl_entries(path):
        if pos == "prop" or not re.fullmatch(r"[A-Za-z][A-Za-z' -]*", head) or len(head.split()) > 3:
            continue
        penalty = POOR_SENSE_PENALTY if _POOR_SENSE.search(note) else 0.0
        for k, phrase in enumerate(words):
            phrase = phrase.lower()
            if re.fullmatch(r"[а-яё]+(?: [а-яё]+){1,3}", phrase):
                slot = best.setdefault(phrase, {})
                slot[head] = min(slot.get(head, 1e9), penalty + POSITION_WEIGHT * k)
    partners = imperfective_partners(openrussian) if openrussian else {}
    for phrase, glosses in seed_phrases(curated, partners).items():
        wiktionary = {h: r + 1 for h, r in best.get(phrase, {}).items() if h not in glosses}
        best[phrase] = {g: POSITION_WEIGHT * k for k, g in enumerate(glosses)} | wiktionary
    lines = []
    for phrase in sorted(best):
        heads = sorted(best[phrase].items(), key=lambda hr: (hr[1], hr[0]))[:WIKTIONARY_KEEP]
        lemmas = phrase_lemmas(phrase)
        for key in dict.fromkeys((lemmas, verbal_lemmas(phrase, lemmas))):
            lines.append(f"{key}\t{phrase}\t" + "; ".join(f"{h}:{r:g}" for h, r in heads))
    return lines


def verbal_lemmas(phrase: str, lemmas: str) -> str:
    """The phrase's lemmas with each participle that governs the word after it read as its verb: alone,
    исполняющий обязанности is read as the noun исполняющий, but in a sentence (назначили исполняющим
    обязанности губернатора) the participle with its object is the verb исполнять, so the phrase is
    listed under both. A participle agreeing with the noun after it (населённый пункт) is no verb here."""
    from cards.lexicon.analyser import parses

    words, keys = phrase.split(), lemmas.split()
    if len(words) != len(keys):
        return lemmas
    out = list(keys)
    for i, word in enumerate(words[:-1]):
        participle = next((p for p in parses(word) if p.tag.POS == "PRTF"), None)
        if participle is None:
            continue
        after = parses(words[i + 1])  # a preposition (вводящий в заблуждение) is read as one first
        agrees = bool(after) and after[0].tag.POS in ("NOUN", "ADJF", "PRTF") and any(
            n.tag.case == participle.tag.case and n.tag.number == participle.tag.number for n in after)
        if not agrees:
            out[i] = participle.normal_form.replace("ё", "е")
    return " ".join(out)


# --- word lists derived from the lexicon and hand-curated English seeds ----------------------------

SEEDS_DIR = Path(__file__).resolve().parent / "seeds"
SENSES_MATCHED = 2  # OpenRussian senses whose glosses are matched against the seeds
WIKTIONARY_MATCHED = 3  # Wiktionary glosses matched (the best ranked)


def _gloss_keys(gloss: str, article: bool = False) -> set[str]:
    """A gloss as the seeds write it: lower case, no leading "to"; "be absent" also as "absent"; with
    `article`, "a thousand" also as "thousand"."""
    g = _TO.sub("", gloss.lower().strip())
    head, _, rest = g.partition(" ")
    return {g, rest} if rest and (head == "be" or (article and head in ("a", "an"))) else {g}


INFINITIVE_ENDINGS = ("ть", "ться", "ти", "тись", "чь", "чься")  # a Wiktionary headword that is a verb


def matched_lemmas(openrussian: Path, wiktionary: Path, seeds: set[str], strict: bool = False) -> dict[str, str]:
    """Russian lemma → the seed term that one of its main glosses is.

    Main glosses: those of OpenRussian's first SENSES_MATCHED senses, and the English headwords of
    Wiktionary that list the word first among their translations (сторона is the first translation of
    "party" in law). `strict` (for everyday words, which are never taught): only the first gloss of
    OpenRussian's first sense, or Wiktionary's when OpenRussian lacks the word; words of OpenRussian's
    "others" table (adverbs: вскоре "soon", едва "hardly") are matched only so.

    A seed written "to sign" matches verbs only (подписать, not знак "sign"), and one written "a measure"
    only nouns whose first gloss it is (мера; not размер "size", whose eighth gloss is "measure"): an
    ambiguous English word names the topic's sense in one part of speech. The term found is then the
    bare word ("sign", "measure")."""
    verbs = {term[3:] for term in seeds if term.startswith("to ")}
    nouns = {term.partition(" ")[2] for term in seeds if term.startswith(("a ", "an "))}
    found: dict[str, str] = {}

    def match(glosses: list[str], verb: bool, noun: bool = False) -> str | None:
        keys = [k for g in glosses for k in sorted(_gloss_keys(g, strict))]
        first = _gloss_keys(glosses[0], strict) & nouns if noun and glosses else set()
        return next((k for k in keys if k in seeds or (verb and k in verbs)), None) or next(iter(sorted(first)), None)

    with gzip.open(openrussian, "rt", encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            lemma, pos, cell = fields[0], fields[2], fields[SENSES]
            senses = [sense.split("; ") for sense in cell.split(" | ") if sense]
            glosses = senses[0][:1] if strict and senses else [g for sense in senses[:SENSES_MATCHED] for g in sense]
            hit = match(glosses, pos == "verb", pos == "noun")
            if (pos != "other" or strict) and (hit or (strict and senses)):  # everyday adverbs too (вскоре "soon")
                found.setdefault(lemma, hit or "")  # "" (strict): its first gloss is not a seed word
    with gzip.open(wiktionary, "rt", encoding="utf-8") as f:
        for line in f:
            lemma, heads = line.rstrip("\n").split("\t")
            ranked = [h.rsplit(":", 1) for h in heads.split("; ")]
            glosses = [h for h, r in ranked if float(r) == 0 and not _capitalised(h)][: 1 if strict else None]
            hit = match(glosses, lemma.endswith(INFINITIVE_ENDINGS))
            if hit and not found.get(lemma) and not (strict and lemma in found):
                found[lemma] = hit
    return {lemma: term for lemma, term in found.items() if term}


def _capitalised(gloss: str) -> bool:
    """A people's or a name's word (Pole, Russian), which no seed term is (pole, sue); T-shirt is not one."""
    return gloss[:1].isupper() and gloss[1:2].islower()


def read_seeds(path: Path) -> dict[str, str]:
    """A seed file: term → its level ("" when the file gives none); # comments."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            level, _, term = line.strip().rpartition("\t")
            out.setdefault(term.strip().lower(), level.strip())
    return out


TOPIC_MAX_ZIPF = 6.0  # words this common (мочь, год) are no topic's vocabulary, whatever a gloss says
EXCLUDED_SUFFIX = "-not"  # politics-not.txt: the lemmas a gloss puts in politics.txt's topic by mistake


def excluded_lemmas(path: Path) -> set[str]:
    """Lemmas (ё as е) of a topic's exclusion list, one a line, "#" starting a comment (the reason): words
    that a seed term matches only through a sense no reader of the topic's news meets (ель "deal",
    стул "chair") or that a learner knows in the very sense the topic uses (костёр "fire"). Empty
    without the file."""
    return {_yo(lemma) for lemma in read_lemmas(path)}


def topic_rows(openrussian: Path, wiktionary: Path, seeds: Path) -> list[str]:
    """The topic's Russian lemmas: those whose first glosses are seed terms, and their aspect partners:
    "lemma<TAB>seed term". A reflexive verb beside its verb of the same term, and no commoner than it, is
    left out: обсуждаться (обсуждалась "was discussed") is read through обсуждать, and is no second word to
    teach; отказаться "refuse", commoner than отказать, is a verb of its own. The lemmas of the topic's
    hand-written exclusion list beside the seeds (`excluded_lemmas`: стул "chair", ель "deal") are left
    out too, and bring no aspect partner."""
    from cards.lexicon.analyser import lemma_zipf

    def common(lemma: str) -> bool:  # as common as мочь or год in any part of speech (all forms counted)
        return max(lemma_zipf(lemma, pos) for pos in ("noun", "verb", "adj")) >= TOPIC_MAX_ZIPF

    excluded = excluded_lemmas(seeds.with_name(f"{seeds.stem}{EXCLUDED_SUFFIX}.txt"))
    matched = matched_lemmas(openrussian, wiktionary, set(read_seeds(seeds)))
    found = {k: v for k, v in matched.items() if not common(k) and _yo(k) not in excluded}
    found.update({p: term for p, term in verb_partners(openrussian, found).items()
                  if not common(p) and _yo(p) not in excluded})
    passive = {k for k, term in found.items() if k.endswith(("ся", "сь")) and found.get(k[:-2]) == term
               and lemma_zipf(k, "verb") <= lemma_zipf(k[:-2], "verb")}
    return [f"{lemma}\t{term}" for lemma, term in sorted(found.items()) if lemma not in passive]


def with_news_register(rows: list[str], register: Path) -> list[str]:
    """A topic's rows with the lemmas of the news register (``seeds/news-ru.txt``: произойти, ранее,
    пострадать, наводнение): what every news report says happened, who said it and how much, which a
    learner of any topic of news is taught, not only one topic's terms. A lemma the topic has keeps its term
    (levels.topic_senses reads the register itself: случай "accident" is taught in every sense); one as
    common as TOPIC_MAX_ZIPF is nobody's to teach."""
    from cards.lexicon.analyser import lemma_zipf

    found = dict(row.split("\t") for row in rows)
    had = {_yo(lemma) for lemma in found}
    for lemma in read_lemmas(register):
        if _yo(lemma) not in had and max(lemma_zipf(lemma, pos) for pos in ("noun", "verb", "adj", "adv")) < TOPIC_MAX_ZIPF:
            found[lemma] = NEWS_TERM
    return [f"{lemma}\t{term}" for lemma, term in sorted(found.items())]


EVERYDAY_MIN_ZIPF = {"A1": 3.5, "A2": 3.5, "B1": 3.0, "B2": 3.0}  # a rare word is no one's everyday vocabulary
CONFIRMING_RANK = 0.3  # Wiktionary lists the word first or second among the seed term's translations


def everyday_rows(openrussian: Path, wiktionary: Path, seeds: Path, topic: set[str]) -> list[str]:
    """Everyday Russian lemmas with the CEFR level a learner knows them by: "level<TAB>lemma<TAB>term".
    A lemma of the topic is never everyday vocabulary, nor is one rarer than EVERYDAY_MIN_ZIPF (приволакивать
    is no one's A1 word for "bring"). Rarity is that of the dictionary form or, for a noun (mostly
    met in other forms: подушка 3.5 alone, 4.4 in all its forms), of all its forms where Wiktionary
    confirms the match: it lists the word among the first translations of the seed term (подушка under
    "pillow"; not присяжный under "born", which its first gloss matched). Verbs and adjectives keep the
    dictionary form's rarity: those of official prose (возглавлять "head", тяжкий "heavy") would pass."""
    from cards.lexicon.analyser import lemma_zipf, zipf

    confirmed: set[tuple[str, str]] = set()
    with gzip.open(wiktionary, "rt", encoding="utf-8") as f:
        for line in f:
            lemma, heads = line.rstrip("\n").split("\t")
            confirmed.update((lemma, h.lower()) for h, r in (x.rsplit(":", 1) for x in heads.split("; "))
                             if float(r) <= CONFIRMING_RANK and not _capitalised(h))

    def common(lemma: str, term: str) -> bool:
        floor = EVERYDAY_MIN_ZIPF[levels[term]]
        if zipf(lemma) >= floor:
            return True
        noun = not lemma.endswith(("ый", "ий", "ой"))  # not an adjective used as one (чернокожий)
        return noun and (lemma, term) in confirmed and lemma_zipf(lemma, "noun") >= floor

    levels = read_seeds(seeds)
    found = matched_lemmas(openrussian, wiktionary, set(levels), strict=True)
    everyday = {lemma: term for lemma, term in found.items() if lemma not in topic and common(lemma, term)}
    everyday |= {partner: term for partner, term in verb_partners(openrussian, everyday).items()
                 if partner not in topic and (found.get(partner) == term or _prefixed_partner(partner, everyday))}
    return [f"{levels[term]}\t{lemma}\t{term}" for lemma, term in sorted(everyday.items())]


def russian_everyday_rows(openrussian: Path, seeds: Path, topic: dict[str, str], register: Sequence[str] = ()) -> list[str]:
    """Everyday Russian lemmas of the hand-written Russian list ``seeds/general-ru.txt`` (LEVEL<TAB>lemma):
    "level<TAB>lemma<TAB>term", the term the first gloss of the lemma's first OpenRussian sense ("" without
    one: an everyday adjective is made from the noun where its own glosses say the term, `everyday_base`).
    The English seeds miss what their first gloss does not name (морской "marine", зона "zone", передавать
    "transmit"); a learner's course book names the Russian word itself. A lemma of `topic` (lemma → its
    topic term) stays the topic's when its first gloss is a term of a topic list (выборы "election", флаг
    "flag"): the list does not overrule the topic's own words, only its matches by a later sense or by
    Wiktionary (морской: "naval", its third gloss; комната: Wiktionary's first word for "chamber"), and so
    does a lemma of the news register (``seeds/news-ru.txt``, `register`)."""
    first: dict[str, set[str]] = {}
    with gzip.open(openrussian, "rt", encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            lemma, cell = fields[0], fields[SENSES]
            gloss = cell.split(" | ")[0].split("; ")[0] if cell else ""
            if gloss and _yo(lemma) not in first:
                first[_yo(lemma)] = _gloss_keys(gloss, article=True)
    terms = set(topic.values())
    topic_lemmas = {_yo(lemma) for lemma in topic}
    news = {_yo(lemma) for lemma in register} & topic_lemmas
    out = {}
    for lemma, level in read_seeds(seeds).items():
        glosses = first.get(_yo(lemma), {""})
        if _yo(lemma) not in topic_lemmas or not (glosses & terms or _yo(lemma) in news):
            out[lemma] = f"{level}\t{lemma}\t{min(glosses, key=len)}"
    return [out[lemma] for lemma in sorted(out)]


def _yo(lemma: str) -> str:
    return lemma.replace("ё", "е")


def merged_everyday(english: list[str], russian: list[str]) -> list[str]:
    """The everyday rows of both lists, one a lemma: its lower level, and the English seed's term where
    it has one."""
    rows: dict[str, tuple[str, str]] = {}
    for line in english + russian:
        level, lemma, term = line.split("\t")
        old = rows.get(lemma)
        if old is None:
            rows[lemma] = (level, term)
        else:
            rows[lemma] = (min(old[0], level), old[1] or term)
    return [f"{level}\t{lemma}\t{term}" for lemma, (level, term) in sorted(rows.items())]


PERFECTIVE_PREFIXES = ("по",)  # the prefix of a verb's plain perfective: полететь (с- too, but сносить and сходить are also verbs of their own)


def _prefixed_partner(partner: str, verbs: dict[str, str]) -> bool:
    """A partner that is an everyday verb with по- before it (лететь → полететь "start to fly",
    ехать → поехать): a learner who knows the verb reads its plain perfective whatever its gloss says."""
    return any(partner.startswith(p) and partner[len(p):] in verbs for p in PERFECTIVE_PREFIXES)


def verb_partners(openrussian: Path, verbs: dict[str, str]) -> dict[str, str]:
    """The aspect partners OpenRussian lists for the verbs among `verbs` (lemma → its seed term), each with
    its verb's term, those already in `verbs` left out. A learner learns выпить and выпивать together:
    an everyday verb's partner is everyday too when its own first gloss is the same term, however rare
    it is (`everyday_rows` checks that); a topic verb's partner is of the topic."""
    out: dict[str, str] = {}
    with gzip.open(openrussian, "rt", encoding="utf-8") as f:
        for line in f:
            lemma, _, pos, _, _, partner_cell, *_ = line.rstrip("\n").split("\t")
            if pos == "verb" and lemma in verbs:
                for partner in _partners(partner_cell):
                    if partner not in verbs:
                        out.setdefault(partner, verbs[lemma])
    return out


# --- the whole conversion -------------------------------------------------------------------------


def english_rows(openrussian: Path, wiktionary: Path, phrases: Path) -> list[str]:
    """gloss, Zipf (two decimals) for every English gloss of the three shipped tables, and for every
    word of a gloss of several words (a card ranks "start to fly" by its rarest word)."""
    from wordfreq import zipf_frequency

    glosses: set[str] = set()
    with gzip.open(openrussian, "rt", encoding="utf-8") as f:
        for line in f:
            cell = line.rstrip("\n").split("\t")[SENSES]
            glosses.update(g for sense in cell.split(" | ") for g in sense.split("; ") if g)
    with gzip.open(wiktionary, "rt", encoding="utf-8") as f:
        for line in f:
            glosses.update(item.rsplit(":", 1)[0] for item in line.rstrip("\n").split("\t")[1].split("; "))
    with gzip.open(phrases, "rt", encoding="utf-8") as f:
        for line in f:
            glosses.update(item.rsplit(":", 1)[0] for item in line.rstrip("\n").split("\t")[2].split("; "))
    glosses |= {w for g in glosses for w in re.split(r"[\s-]+", g) if w}  # each word of "start to fly" too
    return [f"{g}\t{zipf_frequency(g, 'en'):.2f}" for g in sorted(glosses)]


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def source_files(lexicon_dir: Path) -> list[Path]:
    return sorted(p for p in lexicon_dir.rglob("*") if p.is_file() and p.name != "README.md")


WORDNET_DIR = Path("/usr/share/wordnet")  # Debian's wordnet-base: Princeton WordNet 3.0's dict/ files


def english_related_rows(wordnet_dir: Path) -> list[str]:
    """English word, then the words WordNet relates to it ("|" between them)."""
    from wordfreq import zipf_frequency

    from cards.lexicon import wordnet

    related = wordnet.relations(wordnet_dir, lambda word: zipf_frequency(word, "en"))
    return [f"{word}\t{'|'.join(others)}" for word, others in related.items()]


SUPERSENSE_GLOSSES = 2  # the glosses of a word's first sense whose supersenses are kept
_WORDNET_POS = {"noun": "n", "verb": "v"}


def gloss_supersense(gloss: str, pos: str, supersenses: dict[tuple[str, str], str]) -> str:
    """The supersense of one English gloss read as `pos` (n or v): of the whole gloss ("parking lot"), else
    of its head, the first word of a verb ("take off") or the last of a noun ("press office"); "" if none."""
    words = _TO.sub("", gloss.lower().strip()).split()
    if not words:
        return ""
    for candidate in (" ".join(words), words[0] if pos == "v" else words[-1]):
        if (candidate, pos) in supersenses:
            return supersenses[(candidate, pos)]
    return ""


def supersense_rows(openrussian: Path, wordnet_dir: Path) -> list[str]:
    """lemma, pos, the supersenses of the first SUPERSENSE_GLOSSES glosses of its first sense
    (","-separated, "" for a gloss WordNet lacks), and the English Zipf of its first gloss: for every
    OpenRussian noun and verb with a gloss WordNet knows (вторник: noun.time; выборы: noun.act)."""
    from wordfreq import zipf_frequency

    from cards.lexicon import wordnet

    supersenses = wordnet.supersenses(wordnet_dir)
    rows: dict[tuple[str, str], str] = {}  # the first entry of a lemma and part of speech
    with gzip.open(openrussian, "rt", encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            lemma, pos, cell = fields[0], fields[2], fields[SENSES]
            first = cell.split(" | ")[0].split("; ")[:SUPERSENSE_GLOSSES] if cell else []
            found = [gloss_supersense(g, _WORDNET_POS[pos], supersenses) for g in first] if pos in _WORDNET_POS else []
            if any(found) and (lemma, pos) not in rows:
                english = zipf_frequency(_TO.sub("", first[0].lower()), "en")
                rows[(lemma, pos)] = f"{lemma}\t{pos}\t{','.join(found)}\t{english:.2f}"
    return [rows[k] for k in sorted(rows)]


def convert(lexicon_dir: Path, out_dir: Path = DATA_DIR, wordnet_dir: Path = WORDNET_DIR) -> dict:
    """Write every shipped data file from the sources in `lexicon_dir` and WordNet's data files in
    `wordnet_dir`; returns SOURCES.json's content."""
    from cards.lexicon import accents, name_stress, wordnet

    missing = [name for name in wordnet.FILES if not (wordnet_dir / name).is_file()]
    if missing:
        raise FileNotFoundError(f"{wordnet_dir}: no WordNet 3.0 data ({missing[0]} is missing); "
                                "install it (apt-get install wordnet-base) or pass --wordnet DIR")

    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / "openrussian.tsv.gz", out_dir / "wiktionary.tsv.gz"]
    supplement = read_senses(SEEDS_DIR / "senses.tsv")
    write_gzip(written[0], partnered_rows(supplemented_rows(openrussian_rows(lexicon_dir / "openrussian"), supplement),
                                          read_partners(SEEDS_DIR / "partners.tsv")))
    dsl = lexicon_dir / "wiktionary" / "en-ru-enwiktionary.dsl.dz"
    glossed = {line.split("\t")[0] for line in gzip.open(written[0], "rt", encoding="utf-8") if line.rstrip("\n").split("\t")[SENSES]}
    write_gzip(written[1], wiktionary_rows(dsl, glossed))
    written.append(out_dir / "phrases.tsv.gz")
    write_gzip(written[-1], phrase_rows(dsl, [SEEDS_DIR / "phrases.tsv", SEEDS_DIR / "collocations.tsv"], written[0]))
    for seeds in sorted(SEEDS_DIR.glob("*.txt")):
        if seeds.stem.startswith("general") or seeds.name == NEWS_REGISTER or seeds.stem.endswith(EXCLUDED_SUFFIX):
            continue  # everyday vocabulary (general.txt, general-ru.txt), every topic's (news-ru.txt), a topic's exclusions
        written.append(out_dir / f"topic-{seeds.stem}.tsv.gz")
        write_gzip(written[-1], with_news_register(topic_rows(written[0], written[1], seeds), SEEDS_DIR / NEWS_REGISTER))
    topic_words = dict(line.rstrip("\n").split("\t") for p in written if p.name.startswith("topic-")
                       for line in gzip.open(p, "rt", encoding="utf-8"))
    written.append(out_dir / "everyday.tsv.gz")
    english_side = everyday_rows(written[0], written[1], SEEDS_DIR / "general.txt", set(topic_words))
    russian_side = russian_everyday_rows(written[0], SEEDS_DIR / "general-ru.txt", topic_words,
                                         read_lemmas(SEEDS_DIR / NEWS_REGISTER))
    write_gzip(written[-1], merged_everyday(english_side, russian_side))
    written.append(out_dir / "english.tsv.gz")
    write_gzip(written[-1], english_rows(written[0], written[1], written[2]))
    written.append(out_dir / "english-related.tsv.gz")
    write_gzip(written[-1], english_related_rows(wordnet_dir))
    written.append(out_dir / "supersenses.tsv.gz")
    write_gzip(written[-1], supersense_rows(written[0], wordnet_dir))
    written += accents.convert_stress_sources(lexicon_dir, out_dir)
    written.append(out_dir / name_stress.NAME_STRESS_FILE)
    write_gzip(written[-1], name_stress.HEADER.splitlines() + name_stress.rows(dsl))
    record = {
        "wordfreq": _version("wordfreq"),
        "pymorphy3-dicts-ru": _version("pymorphy3-dicts-ru"),
        "sources": {str(p.relative_to(lexicon_dir)): sha256(p) for p in source_files(lexicon_dir)},
        "wordnet": {name: sha256(wordnet_dir / name) for name in wordnet.FILES},
        "outputs": {p.name: sha256(p) for p in sorted(written)},
    }
    (out_dir / "SOURCES.json").write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return record


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    wordnet_dir = WORDNET_DIR
    if len(args) == 3 and args[1] == "--wordnet":
        wordnet_dir = Path(args[2])
        args = args[:1]
    if len(args) != 1 or not Path(args[0], "openrussian").is_dir():
        print("usage: python -m cards.lexicon.convert LEXICON_DIR [--wordnet DIR]   (LEXICON_DIR holds "
              f"openrussian/, wiktionary/, stress-forms/; DIR WordNet 3.0's data files, default {WORDNET_DIR})",
              file=sys.stderr)
        return 2
    try:
        record = convert(Path(args[0]), wordnet_dir=wordnet_dir)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, digest in record["outputs"].items():
        print(f"{name}\t{(DATA_DIR / name).stat().st_size:,} bytes\t{digest[:12]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
