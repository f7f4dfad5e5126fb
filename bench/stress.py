"""Stress marks: accuracy of cards.lexicon.stress on a hand-stressed gold, and its speed.

--gold: score against bench/data/stress/gold.tsv (hand-stressed WMT21 tokens; format in its README).
Over the tokens of two or more syllables (abbreviations left out): the share marked (U+0301, or ё),
and the share of marks on the gold's vowel (in a hyphenated token, its last mark), for the lexicon
alone (what `pip install cards` gives), silero-stress alone, and the lexicon with silero filling the
words it leaves open; overall and per flag (names, homographs). The words come from docs.jsonl.

--names: the Wiktionary list of stressed names (cards.lexicon.name_stress) against the other source
that stresses names, OpenRussian's name paradigms (its capitalised nouns in openrussian-forms.tsv.gz):
for every form of a name both list, the share the list and its inflection rule mark, and the share of
those marks on OpenRussian's vowel; the disagreements by lemma.

--rules: each fixed-stress ending of `accents.ENDING_RULES` (for words no source lists) against the
2,039,133 forms of stress-forms: of the forms a rule applies to, the share it stresses alike.

Default: load time and time per sentence of silero-stress on CPU, one call per sentence against one
call per batch, on Russian sentences of the WMT21 dev set (read from /work/shared only) or of the seed;
how often batching changes a sentence (homograph context); the share of words of two or more syllables
left without a mark. With --audio, times cards.deck.audio instead (espeak-ng + lame): ms per sentence,
seconds of speech and kB per sentence, and a second call (the file is reused).

Usage:
    python bench/stress.py --gold [bench/data/stress/gold.tsv] [--dev /work/shared/dev/wmt21-ruen/docs.jsonl]
    python bench/stress.py --names
    python bench/stress.py --rules
    python bench/stress.py [--dev /work/shared/dev/wmt21-ruen/docs.jsonl] [--sentences 300] [--audio]
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/ holds select.py, which would shadow the standard library's `select` (used by subprocess).
ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import hashlib
import json
import re
import subprocess
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cards.lexicon import stress

SEED = ROOT / "seeds" / "minsk-washington" / "ru.txt"
GOLD = ROOT / "bench" / "data" / "stress" / "gold.tsv"
DEV = Path("/work/shared/dev/wmt21-ruen/docs.jsonl")
WORD = re.compile("[а-яёА-ЯЁ\u0301]+")
GOLD_TOKEN = re.compile("[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")  # the gold's tokens
MARKED_TOKEN = re.compile("(?:[А-Яа-яЁё]\u0301?)+(?:-(?:[А-Яа-яЁё]\u0301?)+)*")  # the same, marks kept
GOLD_VOWELS = "аеёиоуыэюя"


@dataclass(frozen=True)
class GoldToken:
    """One row of gold.tsv: where the token is, its stressed vowel (1-based), syllables, check, flag."""

    doc: str
    para: int
    sent: int
    tok: int
    vowel: int
    syllables: int
    check: str
    flag: str


def read_gold(path: Path) -> list[GoldToken]:
    with path.open(encoding="utf-8") as lines:
        header = next(lines).rstrip("\n").split("\t")
        rows = [dict(zip(header, line.rstrip("\n").split("\t"), strict=True)) for line in lines if line.strip()]
    return [
        GoldToken(r["doc"], int(r["para"]), int(r["sent"]), int(r["tok"]), int(r["vowel"]), int(r["syllables"]),
                  r["check"], r.get("flag", ""))
        for r in rows
    ]


def check(token: str) -> str:
    return hashlib.sha1(token.lower().encode("utf-8")).hexdigest()[:6]


def predicted_vowel(token: str) -> int | None:
    """The 1-based vowel a stressed token marks: its last U+0301, else its last ё; None when unmarked."""
    count, found, yo = 0, None, None
    for ch in token:
        if ch == "\u0301":
            found = count
        elif ch.lower() in GOLD_VOWELS:
            count += 1
            if ch.lower() == "ё":
                yo = count
    return found if found is not None else yo


@dataclass(frozen=True)
class Score:
    """Tokens of two or more syllables, how many are marked, how many of the marks are right."""

    tokens: int = 0
    marked: int = 0
    correct: int = 0

    def add(self, marked: bool, correct: bool) -> "Score":
        return Score(self.tokens + 1, self.marked + marked, self.correct + correct)

    def row(self) -> str:
        share = self.marked / self.tokens if self.tokens else 0.0
        right = self.correct / self.marked if self.marked else 0.0
        return f"{self.marked}/{self.tokens} marked ({share:.1%}), {self.correct}/{self.marked} right ({right:.1%})"


def score_gold(
    gold: Iterable[GoldToken], sentences: dict[tuple[str, int, int], str], stressed: Callable[[str], str]
) -> tuple[dict[str, Score], list[tuple[str, str, int]]]:
    """Scores overall ("all") and per flag, and the wrong marks (original token, stressed token, gold vowel).

    Raises ValueError when a sentence's tokens do not match the gold (count or check)."""
    by_sentence: dict[tuple[str, int, int], list[GoldToken]] = {}
    for g in gold:
        by_sentence.setdefault((g.doc, g.para, g.sent), []).append(g)
    scores: dict[str, Score] = {"all": Score()}
    wrong: list[tuple[str, str, int]] = []
    for key, rows in sorted(by_sentence.items()):
        text = sentences[key]
        plain = GOLD_TOKEN.findall(text)
        marked = MARKED_TOKEN.findall(stressed(text))
        if len(marked) != len(plain):
            raise ValueError(f"{key}: {len(plain)} tokens, {len(marked)} after stressing")
        for g in rows:
            if g.tok >= len(plain) or check(plain[g.tok]) != g.check:
                raise ValueError(f"{key} token {g.tok}: the gold's check does not match the text")
            if g.syllables < 2 or g.flag == "abbr":
                continue
            vowel = predicted_vowel(marked[g.tok])
            is_marked, is_right = vowel is not None, vowel == g.vowel
            if is_marked and not is_right:
                wrong.append((plain[g.tok], marked[g.tok], g.vowel))
            for name in ("all", g.flag or "plain"):
                scores[name] = scores.get(name, Score()).add(is_marked, is_right)
    return scores, wrong


def gold_sentences(path: Path, docs: set[str]) -> dict[tuple[str, int, int], str]:
    out = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            if doc["doc"] in docs:
                for p, paragraph in enumerate(doc["ru"]):
                    for k, sentence in enumerate(paragraph):
                        out[(doc["doc"], p, k)] = sentence
    return out


def bench_gold(gold_path: Path, dev: Path, errors: bool) -> None:
    gold = read_gold(gold_path)
    sentences = gold_sentences(dev, {g.doc for g in gold})
    systems = {"lexicon": {"lexicon": True, "silero": False}}
    if stress.silero_available():
        systems["silero"] = {"lexicon": False, "silero": True}
        systems["lexicon + silero"] = {"lexicon": True, "silero": True}
    print(f"gold: {gold_path.relative_to(ROOT) if gold_path.is_relative_to(ROOT) else gold_path}, "
          f"{len({(g.doc, g.para, g.sent) for g in gold})} sentences, {len(gold)} tokens")
    for name, options in systems.items():
        started = time.perf_counter()
        scores, wrong = score_gold(gold, sentences, lambda text: stress.accentuate(text, **options))
        took = time.perf_counter() - started
        print(f"{name}: {scores['all'].row()}  [{took:.1f} s]")
        for flag in sorted(k for k in scores if k != "all"):
            print(f"    {flag}: {scores[flag].row()}")
        if errors:
            for token, marked, vowel in wrong:
                print(f"    wrong: {token} → {marked} (gold: vowel {vowel})")
    if not stress.silero_available():
        print(f"silero-stress not installed ({stress.INSTALL}): lexicon only")


def bench_names() -> None:
    from cards.lexicon import accents, name_stress

    names: set[str] = set()
    compared: set[str] = set()
    forms = marked = right = 0
    wrong: dict[str, int] = {}
    for line in accents._forms().lines:
        key, form, lemma, pos, _ = line.decode("utf-8").split("\t")
        if not lemma[:1].isupper() or pos != "noun" or predicted_vowel(form) is None or accents.syllables(key) < 2:
            continue
        names.add(lemma)
        if name_stress.listed(lemma) is None:
            continue
        compared.add(lemma)
        forms += 1
        got = name_stress.stressed(key, lemma)
        if got is not None:
            marked += 1
            right += predicted_vowel(got) == predicted_vowel(form)
            if predicted_vowel(got) != predicted_vowel(form):
                wrong[lemma] = wrong.get(lemma, 0) + 1
    print(f"Wiktionary's list: {len(name_stress._table())} names; OpenRussian: {len(names)} names with stressed forms, "
          f"{len(compared)} of them in the list, {forms} forms")
    print(f"list + inflection: {marked}/{forms} marked ({marked / forms:.1%}), {right}/{marked} on OpenRussian's vowel "
          f"({right / marked:.1%})")
    for lemma, count in sorted(wrong.items()):
        print(f"    differs: {lemma} ({count} forms; list: {name_stress.listed(lemma)})")


def bench_rules() -> None:
    """Each fixed-stress ending against the stress-forms automaton: of the forms the rule applies to,
    the share it stresses as the automaton does (the calibration of `accents.ENDING_RULES`)."""
    from cards.lexicon import accents

    applied = dict.fromkeys((r.name for r in accents.ENDING_RULES), 0)
    agree = dict(applied)
    for form in accents._fsa().forms():
        clean = accents._clean_form(form)
        if not clean or accents.ACUTE not in clean or "ё" in clean:
            continue
        plain = clean.replace(accents.ACUTE, "")
        for rule in accents.ENDING_RULES:
            got = rule.apply(plain)
            if got:
                applied[rule.name] += 1
                agree[rule.name] += got == clean
    for name, count in applied.items():
        print(f"{name}: {agree[name]}/{count} forms stressed as stress-forms has them ({agree[name] / max(count, 1):.2%})")


def dev_sentences(path: Path, limit: int) -> list[str]:
    out: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            for paragraph in json.loads(line)["ru"]:
                out.extend(s for s in paragraph if s.strip())
            if len(out) >= limit:
                break
    return out[:limit]


def seed_sentences(limit: int) -> list[str]:
    from cards.text.load import load_document
    from cards.text.segment import segment

    return [s.text for s in segment(load_document(SEED, "ru")) if s.kind == "text"][:limit]


def joined_call(texts: list[str], size: int = 20) -> list[str]:
    """The texts stressed `size` at a time, joined by newlines into one model call (neighbours as context)."""
    out: list[str] = []
    for i in range(0, len(texts), size):
        group = texts[i : i + size]
        spans, start = [], 0
        for t in group:
            spans.append((start, start + len(t)))
            start += len(t) + 1
        stressed, moved = stress.accentuate_spans("\n".join(group), spans, lexicon=False, silero=True)
        out.extend(stressed[a:b] for a, b in moved)
    return out


def unmarked_share(texts: list[str]) -> tuple[int, int]:
    """(words of ≥ 2 syllables without a mark or ё, such words), capitals excluded."""
    missing = total = 0
    for text in texts:
        for word in WORD.findall(text):
            if word.isupper() or sum(c in "аеёиоуыэюяАЕЁИОУЫЭЮЯ" for c in word) < 2:
                continue
            total += 1
            missing += "\u0301" not in word and "ё" not in word.lower()
    return missing, total


def bench_audio(texts: list[str]) -> None:
    import tempfile
    import wave

    from cards.deck import audio

    if audio.tools_missing():
        sys.exit(f"audio tools missing: {audio.INSTALL}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        paths = [audio.synthesize(t, folder) for t in texts]
        first = time.perf_counter() - started
        started = time.perf_counter()
        for t in texts:
            audio.synthesize(t, folder)
        again = time.perf_counter() - started
        seconds = 0.0
        for path in set(paths):
            wav = path.with_suffix(".wav")
            subprocess.run(["lame", "--quiet", "--decode", str(path), str(wav)], check=True)
            with wave.open(str(wav)) as w:
                seconds += w.getnframes() / w.getframerate()
        size = sum(p.stat().st_size for p in set(paths))
    n = len(set(paths))
    print(f"sentences: {len(texts)} ({n} distinct files)")
    print(
        f"synthesize: {first / len(texts) * 1000:.0f} ms/sentence; again (file reused): {again / len(texts) * 1000:.2f} ms"
    )
    print(f"speech: {seconds / n:.1f} s and {size / n / 1024:.0f} kB per sentence")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, help="WMT21 docs.jsonl; default: the seed article")
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument("--audio", action="store_true", help="time cards.deck.audio instead")
    parser.add_argument("--gold", type=Path, nargs="?", const=GOLD, help="score against a hand-stressed gold")
    parser.add_argument("--errors", action="store_true", help="with --gold: list the wrong marks")
    parser.add_argument("--rules", action="store_true", help="the fixed-stress endings against stress-forms")
    parser.add_argument("--names", action="store_true", help="the Wiktionary name list against OpenRussian's names")
    args = parser.parse_args()
    if args.names:
        return bench_names()
    if args.rules:
        return bench_rules()
    if args.gold:
        return bench_gold(args.gold, args.dev or DEV, args.errors)
    if args.audio:
        texts = dev_sentences(args.dev, args.sentences) if args.dev else seed_sentences(args.sentences)
        return bench_audio(texts)
    if not stress.silero_available():
        sys.exit(f"stress extra not installed: {stress.INSTALL}")
    texts = dev_sentences(args.dev, args.sentences) if args.dev else seed_sentences(args.sentences)
    chars = sum(map(len, texts))
    started = time.perf_counter()
    stress._model()
    load = time.perf_counter() - started
    started = time.perf_counter()
    single = [stress.accentuate(t, lexicon=False, silero=True) for t in texts]
    one_by_one = time.perf_counter() - started
    started = time.perf_counter()
    batched = joined_call(texts)
    many = time.perf_counter() - started
    words = sorted({w for t in texts for w in WORD.findall(t)})[:500]
    stress.stress_word.cache_clear()
    started = time.perf_counter()
    for w in words:
        stress.stress_word(w)
    per_word = time.perf_counter() - started
    missing, total = unmarked_share(single)
    changed = sum(a != b for a, b in zip(single, batched, strict=False))
    print(f"sentences: {len(texts)} ({chars} characters, {chars / len(texts):.0f} per sentence)")
    print(f"model load: {load:.2f} s")
    print(f"one call per sentence: {one_by_one / len(texts) * 1000:.1f} ms/sentence")
    print(f"joined, 20 sentences per call: {many / len(texts) * 1000:.1f} ms/sentence ({one_by_one / many:.2f}x)")
    print(f"stress_word: {per_word / len(words) * 1000:.1f} ms/word over {len(words)} words")
    print(f"sentences that differ batched vs alone: {changed}")
    print(f"words of >= 2 syllables left unmarked: {missing}/{total} ({missing / max(total, 1):.1%})")


if __name__ == "__main__":
    main()
