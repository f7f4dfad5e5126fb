"""Aspect partners of Russian verbs: заключить ↔ заключать, обсудить → обсуждать.

Regular suffix and prefix rules propose candidates (`aspect_variants`); the dictionary decides
(`aspect_partner`: the first candidate pymorphy3 knows as an infinitive of the other aspect).

Example:
    >>> aspect_partner("заключить", "perf")
    'заключать'
"""

from __future__ import annotations

import functools

from cards.lexicon.analyser import analyzer, parses


_ALTERNATIONS = (
    ("ст", "щ"),
    ("д", "жд"),
    ("т", "щ"),
    ("т", "ч"),
    ("з", "ж"),
    ("с", "ш"),
    ("б", "бл"),
    ("в", "вл"),
    ("п", "пл"),
    ("м", "мл"),
)


_SUFFIX_PAIRS = (
    ("ожить", "агать"),
    ("януть", "инать"),
    ("нять", "нимать"),
    ("ойти", "ходить"),
    ("йти", "ходить"),
    ("ести", "осить"),
    ("ести", "одить"),
    ("дать", "давать"),
    ("ыть", "ывать"),
    ("ать", "инать"),
    ("нуть", "ать"),
    ("овить", "овлять"),
    ("овить", "авливать"),
    ("слать", "сылать"),
    ("нуть", "ивать"),  # подчеркнуть → подчёркивать
    ("езти", "озить"),  # вывезти → вывозить
    ("ехать", "езжать"),  # выехать → выезжать
    ("отать", "атывать"),  # разработать → разрабатывать
    ("отреть", "атривать"),  # пересмотреть → пересматривать
    ("осить", "ашивать"),  # опросить → опрашивать
    ("ложить", "кладывать"),  # вложить → вкладывать
    ("знать", "знавать"),  # признать → признавать
    ("стать", "ставать"),  # перестать → переставать
)
_PERFECTIVE_PREFIXES = ("по", "на", "с")
_LOAN_VERB_PREFIXES = ("про", "от")  # проанализировать, отреагировать: perfectives of -(и)ровать verbs


def aspect_variants(verb: str) -> tuple[str, ...]:
    """Likely aspect partners of a Russian infinitive, by regular suffix rules; () if not a verb.

    Perfective → imperfective (заключить → заключать, освободить → освобождать, снять →
    снимать, предложить → предлагать, войти → входить) and back, plus the verb without a
    purely perfective prefix (пообещать → обещать, сделать → делать). Candidates, not facts:
    callers keep only those that are dictionary keys.
    """
    if verb.endswith("ться") or verb.endswith("тись"):
        return tuple(v + "ся" for v in aspect_variants(verb[:-2]))
    if not (verb.endswith("ть") or verb.endswith("ти")) or len(verb) < 4:
        return ()
    out = [verb[: -len(a)] + b for a, b in _SUFFIX_PAIRS if verb.endswith(a)]
    if verb.endswith("ить"):
        stem = verb[:-3]
        stems = [stem] + [stem[: -len(a)] + b for a, b in _ALTERNATIONS if stem.endswith(a)]
        out += [s + end for s in stems for end in ("ать", "ять", "ивать", "ывать")]
    elif verb.endswith("ивать") or verb.endswith("ывать"):
        out += [verb[:-5] + "ать", verb[:-5] + "ить"]
    elif verb.endswith("ать") or verb.endswith("ять"):
        out += [verb[:-3] + "ывать", verb[:-3] + "ивать"]
    for prefix in _PERFECTIVE_PREFIXES + (_LOAN_VERB_PREFIXES if verb.endswith("овать") else ()):
        if verb.startswith(prefix) and len(verb) - len(prefix) >= 5:
            out.append(verb[len(prefix) :])
    return tuple(dict.fromkeys(v for v in out if v != verb))


@functools.lru_cache(maxsize=20_000)
def aspect_partner(verb: str, aspect: str | None) -> str | None:
    """The verb's partner of the other aspect (заключить → заключать, обсудить → обсуждать), or None.

    Candidates come from regular suffix and prefix rules (aspect_variants); the first
    that pymorphy3's dictionary knows as an infinitive of the other aspect wins."""
    other = {"perf": "impf", "impf": "perf"}.get(aspect or "")
    if other is None:
        return None
    for candidate in aspect_variants(verb):
        if not analyzer().word_is_known(candidate):
            continue
        if any(p.tag.POS == "INFN" and p.normal_form == candidate and p.tag.aspect == other for p in parses(candidate)):
            return candidate
    return None

