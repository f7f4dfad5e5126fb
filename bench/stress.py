"""Stress marks: load time and time per sentence of cards.stress (silero-stress on CPU), one call per
sentence against one call per batch, on Russian sentences of the WMT21 dev set (read from /work/shared
only) or of the seed. Also reports how often batching changes a sentence (homograph context) and the
share of words of two or more syllables left without a mark.

With --audio, times cards.audio instead (espeak-ng + lame): ms per sentence, seconds of speech and
kB per sentence, and a second call (the file is reused).

Usage:
    python bench/stress.py [--dev /work/shared/dev/wmt21-ruen/docs.jsonl] [--sentences 300] [--audio]
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/ holds select.py, which would shadow the standard library's `select` (used by subprocess).
ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import json
import re
import subprocess
import time

from cards import stress

SEED = ROOT / "seeds" / "minsk-washington" / "ru.txt"
WORD = re.compile("[а-яёА-ЯЁ\u0301]+")


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
    from cards.load import load_document
    from cards.segment import segment

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
        stressed, moved = stress.accentuate_spans("\n".join(group), spans)
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

    from cards import audio

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
    parser.add_argument("--audio", action="store_true", help="time cards.audio instead")
    args = parser.parse_args()
    if args.audio:
        texts = dev_sentences(args.dev, args.sentences) if args.dev else seed_sentences(args.sentences)
        return bench_audio(texts)
    if not stress.available():
        sys.exit(f"stress extra not installed: {stress.INSTALL}")
    texts = dev_sentences(args.dev, args.sentences) if args.dev else seed_sentences(args.sentences)
    chars = sum(map(len, texts))
    started = time.perf_counter()
    stress._model()
    load = time.perf_counter() - started
    started = time.perf_counter()
    single = [stress.accentuate(t) for t in texts]
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
    changed = sum(a != b for a, b in zip(single, batched))
    print(f"sentences: {len(texts)} ({chars} characters, {chars / len(texts):.0f} per sentence)")
    print(f"model load: {load:.2f} s")
    print(f"one call per sentence: {one_by_one / len(texts) * 1000:.1f} ms/sentence")
    print(f"joined, 20 sentences per call: {many / len(texts) * 1000:.1f} ms/sentence ({one_by_one / many:.2f}x)")
    print(f"stress_word: {per_word / len(words) * 1000:.1f} ms/word over {len(words)} words")
    print(f"sentences that differ batched vs alone: {changed}")
    print(f"words of >= 2 syllables left unmarked: {missing}/{total} ({missing / max(total, 1):.1%})")


if __name__ == "__main__":
    main()
