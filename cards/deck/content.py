"""Card content: what a card says about each target word, from the stages' facts.

`card_targets` assembles a chosen pair's Targets (cards.model): for each target word the meaning in
this sentence (`meaning_for`: the counterpart and the dictionary sense it picks, or a marked
dictionary sense, a base word, a loanword), the grammar the lexicon knows (`with_grammar`), and
the collocation it stands in (`collocation_units`). Pure functions over the lexicon, the morphology
and a Dictionary; the counterparts come from word alignment (cards.align.words), which build.py runs
(and keeps) per article.
"""

from __future__ import annotations

import re
from itertools import takewhile
from collections.abc import Sequence

from cards.deck.senses import ArticleText
from cards.model import Pair, Target, Token


def card_targets(pair: Pair, targets: Sequence[Token], spans: Sequence[tuple[int, int] | None],
                 analysis: Sequence[Token], dictionary,
                 meanings: Sequence[tuple[str, str]] | None = None) -> tuple[Target, ...]:
    """The Targets of one card: each target token of `pair` with its English counterpart span (from
    `spans`, one per target, None where none was found), its meaning, grammar and collocation.
    `meanings`: the `card_meanings` of these targets, when a build kept them."""
    units = collocation_units(pair.ru, analysis)
    meanings = meanings if meanings is not None else card_meanings(pair, targets, spans, analysis, dictionary)
    out = []
    for token, span, (meaning, source) in zip(targets, spans, meanings, strict=True):
        if token.lemma.pos == "phrase":  # a phrase taught whole (cards.lexicon.units)
            out.append(phrase_target(pair, token, span))
            continue
        out.append(Target(lemma=with_grammar(token.lemma), ru_span=(token.start, token.stop), en_span=span,
                          gloss=meaning, gloss_from=source, unit=units.get(token.start, "")))
    return tuple(out)


def card_meanings(pair: Pair, targets: Sequence[Token], spans: Sequence[tuple[int, int] | None],
                  analysis: Sequence[Token], dictionary, article: ArticleText | None = None,
                  at: int = -1) -> list[tuple[str, str]]:
    """(meaning, where it comes from) of each target of a card (`target_meaning`); ("", "") for a
    phrase, whose meaning `phrase_target` gives. `article`: the card's article (cards.deck.senses),
    the card's pair being its sentence pair `at`."""
    return [("", "") if token.lemma.pos == "phrase"
            else target_meaning(pair.ru, pair.en, analysis, token, span, dictionary, article, at)
            for token, span in zip(targets, spans, strict=True)]


def in_dictionary_case(counterpart: str, gloss: str) -> str:
    """The counterpart as a gloss: capitalised only where the English sentence's place made it so
    ("Governor Ivanov", a sentence's first word, a title): lower case when the dictionary gloss it
    matched is (губернатор: governor), kept otherwise (воскресенье: Sunday; TV)."""
    first = counterpart[:1]
    if first.isupper() and counterpart[1:2].islower() and gloss[:1].islower():
        return first.lower() + counterpart[1:]
    return counterpart


def dictionary_form(counterpart: str, gloss: str, pos: str = "") -> str:
    """The counterpart as the gloss of the sense it matched writes it, when it is that gloss inflected
    (helicopters: helicopter, conquered: conquer, took part: take part; not combat: combative); else the
    counterpart in the dictionary's case (`in_dictionary_case`). A Russian noun's or adjective's
    counterpart loses only a plural ending (жилище / "housing" is not "house"; подводных лодок /
    "submarines": submarine, as an adjective), and not one that English needs (помещение / "premises"
    is not "premise", оружие / "arms" not "arm")."""
    from cards.align.evidence import is_inflection, is_plural
    from cards.lexicon.cognates import american

    def inflected(word: str, head: str) -> bool:
        if pos in ("noun", "adj"):  # social networks: social network
            return word == head or word not in NOT_PLURALS and is_plural(word, head)
        return is_inflection(word, head)

    words, heads = ([american(w) for w in text.lower().split()] for text in (counterpart, gloss))  # millimeters: millimetre
    if pos == "noun" and len(words) == len(heads) == 1 and _noun_of(heads[0], words[0]):
        return gloss  # a noun's verb or adjective counterpart: прибытие / "arrived" is arrival, участие / "participate" participation
    if len(words) == len(heads) == 1 and _adverb_of(*(heads + words if pos == "adv" else words + heads)):
        return gloss  # регулярно / "regular": regularly; официальный / "officially": official (the target's own part of speech)
    if pos in ("verb", "") and heads[:1] == ["be"] and words[:1] != ["be"] and len(heads) == len(words) + 1:
        heads = heads[1:]  # строиться / "built": be built, пострадать / "injured": be injured
        if words == heads or all(map(inflected, words, heads)):
            return gloss
    if len(words) != len(heads) or words == heads or not all(map(inflected, words, heads)):
        return in_dictionary_case(counterpart, gloss)
    return gloss if counterpart[:1].isupper() or not gloss[:1].isupper() else gloss[:1].lower() + gloss[1:]


def _adverb_of(adverb: str, adjective: str) -> bool:
    """Is `adverb` an English adverb in -ly of `adjective` (regularly: regular, publicly: public)?"""
    return adverb in (ly_adverb(adjective), adjective + "ly")


def _noun_of(noun: str, word: str) -> bool:
    """Is `noun` (a gloss matched by stem) the English noun of `word`, another part of speech of it: a past
    form or adjective (arrived: arrival, climatic: climate) or a verb or gerund (participate: participation,
    restoring: restoration, `NOUN_ENDINGS`)?"""
    return (_not_a_noun(word) and not _not_a_noun(noun)) or (noun.endswith(NOUN_ENDINGS) and not word.endswith(NOUN_ENDINGS))


def _not_a_noun(word: str) -> bool:
    """An English word whose ending makes it a past form or an adjective, not a noun (arrived, climatic,
    numerous, decisive; not housing, a gerund, nor arrival)."""
    return word.endswith(("ed", "ic", "ical", "ous", "ive"))


# Endings of English nouns made from verbs (participate: participation, developing: development, fail: failure)
NOUN_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "al", "ure")
NOT_PLURALS = frozenset("news means series species headquarters goods arms clothes thanks savings earnings "
                        "proceeds premises outskirts whereabouts barracks crossroads politics".split())
SINGULAR_MIN_ZIPF = 2.0  # an English singular must be a word this common (embankment 2.4, not "new" of news)


def english_singular(counterpart: str, dictionary) -> str:
    """The counterpart of a Russian noun with its last word made singular when it is an English
    plural (embankments: embankment, parking lots: parking lot, infections: infection, allies: ally);
    as it is otherwise (news, crisis, status, press, physics)."""
    from cards.align.evidence import plural_bases

    *head, last = counterpart.split(" ")
    word = last.lower()
    candidates = list(plural_bases(last))  # infections; taxes, buses (not "buse"); allies
    if not candidates or word in NOT_PLURALS or word.endswith("ics") or len(word) < 4:
        return counterpart
    if word.endswith("ses"):
        candidates.append(last[:-2] + "is")  # crises, analyses
    zipf, singular = max((dictionary.common(c.lower()), c) for c in candidates)
    return " ".join([*head, singular]) if zipf >= SINGULAR_MIN_ZIPF else counterpart


def verb_bases(word: str) -> tuple[str, ...]:
    """The base forms an English -ed, -s or -ing word may be an inflection of (expressed: express,
    stated: state, stopped: stop, carried: carry, took: take, risen: rise; heading: head, moving:
    move, vying: vie)."""
    from cards.align.english_words import IRREGULAR
    from cards.align.evidence import is_inflection, plural_bases

    w = word.lower()
    if w in IRREGULAR:
        return (IRREGULAR[w],)
    if w in NOT_PLURALS:
        return ()
    ie = [w[:-4] + "ie"] if w.endswith("ying") else []  # vying, dying, lying (not trying, playing: by Zipf)
    stems = [w[:-3] + "y" if w.endswith("ied") else ""]
    if w.endswith("ed") and len(w) > 4:
        stems += [w[:-2], w[:-1], w[:-3]]
    if w.endswith("ing") and len(w) > 4:
        stems += [w[:-3], w[:-3] + "e", w[:-4]]
    stems += [b.lower() for b in plural_bases(word)]
    return tuple(dict.fromkeys([*ie, *(b for b in stems if len(b) > 2 and is_inflection(w, b))]))


AUXILIARIES = frozenset("be am is are was were been being have has had do does did will would shall should "
                        "can could may might must".split())


def english_verb_base(counterpart: str, dictionary) -> str:
    """A Russian verb's free counterpart in its base form when it is an English verb inflected
    (expressed: express, stated: state, took: take, risen: rise), also before its particle or object
    (fell behind: fall behind, caught fire: catch fire); as it is otherwise, and so is an -ing word
    commoner than its verb (according, meeting, including) or a verb after an auxiliary (was told)."""
    first, *rest = counterpart.split(" ")
    if dictionary is None or first.lower() in AUXILIARIES or not all(w.isalpha() and w.islower() for w in rest):
        return counterpart
    found = [(dictionary.common(b), b) for b in verb_bases(first)]
    zipf, base = max(found, default=(0.0, first))
    if zipf < SINGULAR_MIN_ZIPF or first.lower().endswith("ing") and zipf < dictionary.common(first.lower()):
        return counterpart
    return " ".join([base, *rest])


def _plural_only(lemma: str) -> bool:
    from cards.lexicon.lexicon import shipped

    entry = shipped().entry(lemma, "noun")
    return entry is not None and entry.plural_only


def phrase_target(pair: Pair, token: Token, span: tuple[int, int] | None) -> Target:
    """A dictionary phrase as a target: its meaning is its counterpart in the English, else the
    dictionary's commonest English for it (marked as a dictionary gloss)."""
    from cards.lexicon.units import phrase_glosses

    every = phrase_glosses(token.lemma.lemma)
    glosses = every[:2]
    if span is not None:
        counterpart = pair.en[span[0] : span[1]]
        inflected = (g for g in every if dictionary_form(counterpart, g, "verb") == g)  # took part: take part
        return Target(lemma=token.lemma, ru_span=(token.start, token.stop), en_span=span,
                      gloss=next(inflected, in_dictionary_case(counterpart, glosses[0]) if glosses else counterpart),
                      gloss_from="sentence")
    return Target(lemma=token.lemma, ru_span=(token.start, token.stop), gloss="; ".join(glosses),
                  gloss_from="dictionary" if glosses else "")


def collocation_units(text: str, tokens) -> dict[int, str]:
    """Start offset of each word that stands in a collocation worth learning whole (снять санкции,
    политические заключённые) → the collocation as it stands in the sentence. Units holding a name or
    a word made from a place name (белорусское посольство) are free combinations, not vocabulary."""
    from cards.lexicon.collocations import collocations
    from cards.deck.select import not_target

    places = frozenset(t.lemma.lemma for t in tokens if t.lemma.proper)
    units: dict[int, str] = {}
    for a, b in collocations(tokens):
        words = tokens[a:b]
        if any(t.lemma.proper or not_target(t.lemma, places) for t in words):
            continue
        phrase = text[words[0].start : words[-1].stop]
        units.update({t.start: phrase for t in words})
    return units


def with_grammar(lemma):
    """A lemma with the grammar the lexicon knows filled in (the Vocabulary field shows it): a verb's
    aspect partner; a noun's gender, plural-only and indeclinable marks (pymorphy3 guesses a gender
    for выборы; OpenRussian says it has no singular)."""
    from dataclasses import replace

    from cards.lexicon.lexicon import dictionary_partner, shipped

    if lemma.pos == "verb":
        partner = dictionary_partner(lemma.lemma, lemma.aspect) if lemma.aspect != "both" else None
        return replace(lemma, aspect_partner=partner)
    entry = shipped().entry(lemma.lemma, "noun") if lemma.pos == "noun" else None
    if entry is None:
        return lemma
    plural_only = entry.plural_only or (not entry.gender and _plurale_tantum(lemma.lemma))
    gender = None if plural_only else (entry.gender if entry.gender in ("m", "f", "n", "both") else lemma.gender)
    return replace(lemma, gender=gender, plural_only=plural_only, indeclinable=entry.indeclinable)


def _plurale_tantum(lemma: str) -> bool:
    """pymorphy3 has the noun as its own dictionary form with no singular (Pltm: переговоры, финансы),
    where OpenRussian gives it no gender and no plural-only mark."""
    from cards.lexicon.analyser import parses

    return any(p.tag.POS == "NOUN" and "Pltm" in p.tag and p.normal_form == lemma for p in parses(lemma))


def target_meaning(ru: str, en: str, tokens: Sequence[Token], target: Token, span: tuple[int, int] | None,
                   dictionary, article: ArticleText | None = None, at: int = -1) -> tuple[str, str]:
    """`meaning_for` a target word with all its sentence says: its counterpart (`span` of the English
    `en`, or None), the dictionary phrase it stands in (`sentence_phrase`), the gloss its Russian
    neighbours call for (`context_gloss`) and its part of speech; without a counterpart, also the
    sense the rest of its `article` gives it (cards.deck.senses.article_sense; `at`: this sentence)."""
    from cards.deck.senses import article_sense
    from cards.lexicon.short_forms import short_sense

    lemma, pos = target.lemma.lemma, target.lemma.pos
    counterpart = _uncapitalised(en, span[0], en[span[0] : span[1]], lemma, dictionary) if span else None
    short = short_sense(target.text, lemma, target.lemma.proper) if dictionary is not None else None
    if short is not None:
        return short_form_meaning(short, lemma, counterpart, dictionary)
    sense = () if span else article_sense(lemma, at, article, dictionary, besides=other_pos_glosses(lemma, pos))
    phrase = sentence_phrase(ru, tokens, target, dictionary, said=counterpart or "")
    return meaning_for(lemma, counterpart, dictionary, phrase, pos=pos,
                       prefer=context_gloss(ru, tokens, target, dictionary), plural_form=_plural_form(target, tokens),
                       sense=sense)


LIGHT_ENGLISH = frozenset("be is are was were been to of a the do does did not".split())  # say nothing of a sense


def short_form_meaning(short, lemma: str, counterpart: str | None, dictionary) -> tuple[str, str]:
    """(meaning, where it comes from) of a short adjective with a predicative sense of its own
    (cards.lexicon.short_forms: намерена / "intends": "intend to", not наме́ренный "intentional"):
    the short form's gloss the counterpart says; else, where the long form's senses fit the short
    form too (готов: ready), the long form's meaning of the counterpart; else the counterpart (a free
    translation) and the short form's first gloss marked "dict."; with no counterpart, the short form's
    glosses, and the long form's first gloss after them where it fits."""
    if counterpart:
        said = _content_stems(counterpart) | _content_stems(english_verb_base(counterpart, dictionary))
        hit = next((g for g in short.glosses if said & _content_stems(g)), None)
        if hit:
            return hit, "sentence"
        if short.long_fits and dictionary.sense_of(lemma, counterpart):
            return meaning_for(lemma, counterpart, dictionary, pos="adj")
        return f"{counterpart}; dict. {short.glosses[0]}", "sentence"
    own = dictionary.card_glosses(lemma, limit=1) if short.long_fits else ()
    return "; ".join(dict.fromkeys((*short.glosses, *own))), "dictionary"


def _content_stems(english: str) -> set[str]:
    return {_stem(w) for w in english.lower().split() if w not in LIGHT_ENGLISH}


PAUCAL = frozenset("два две три четыре оба обе полтора полторы".split())  # две автотрассы: a plural meant


def _plural_form(target: Token, tokens: Sequence[Token] = ()) -> bool:
    """A noun whose every reading under its lemma is plural (набережных, инфекций; not армии), or that
    a number or a plural word before it makes plural (две автотрассы, эти трассы, 2 километра)."""
    from cards.lexicon.analyser import parses

    if target.lemma.pos != "noun":
        return False
    readings = [p for p in parses(target.text.lower()) if p.tag.POS == "NOUN"
                and p.normal_form.replace("ё", "е") == target.lemma.lemma.lower().replace("ё", "е")]
    if bool(readings) and all(p.tag.number == "plur" for p in readings):
        return True
    before = next((t for t in reversed(tokens) if t.stop <= target.start), None)
    if before is None or before.stop + 1 < target.start:
        return False  # nothing right before it (a space at most)
    if before.text.lower() in PAUCAL or before.lemma.pos == "num" and before.text.isdigit():
        return True
    modifiers = [p for p in parses(before.text.lower()) if p.tag.POS in ("ADJF", "PRTF")]
    return bool(modifiers) and all(p.tag.number == "plur" for p in modifiers)


def _uncapitalised(en: str, at: int, counterpart: str, lemma: str, dictionary) -> str:
    """The counterpart with its first letter lowered when only its place made it a capital: it opens
    the English sentence ("According", "Warships") and no gloss of the word is written with that capital
    (воскресенье: "Sunday", американский: "American" keep theirs)."""
    from cards.deck.render import opens_sentence

    first = counterpart.split(" ")[0]
    if not (first[:1].isupper() and first[1:].islower() and opens_sentence(en, at)):
        return counterpart
    glosses = [g for g, _ in dictionary.ranked(lemma)] if dictionary is not None else []
    if any(w == first for g in glosses for w in g.split()):
        return counterpart
    return counterpart[:1].lower() + counterpart[1:]


ACTION_NOUN_ENDINGS = ("ние", "тие")  # nouns of action (ведение, недопущение, прекращение, взятие)
STATE_PREPOSITIONS = frozenset({"в", "во", "под"})  # в ведении, под управлением: a state, not an action


# English verbs that take a that-clause: the senses a Russian verb has before ", что"
CLAUSE_VERBS = frozenset(
    "say tell state declare announce report note mention remark observe notice add stress emphasize emphasise "
    "underline explain clarify specify claim assert allege argue insist admit acknowledge confess concede recall "
    "remind warn promise agree deny believe think consider suppose assume expect hope fear know learn find "
    "establish determine confirm show indicate prove suggest propose decide realize realise understand write "
    "answer reply respond complain appear seem ensure".split()) | {"point out", "find out", "turn out", "make sure"}


def context_gloss(text: str, tokens: Sequence[Token], target: Token, dictionary) -> str:
    """The dictionary gloss that the target's Russian neighbours call for, or "":

    - a noun of action with an object in the genitive after it is the action, so its gloss in -ing
      comes first when the dictionary gives one among the card's glosses (ведение огня: "conducting",
      not "authority"; скопление зрителей: "gathering"). After в or под it is a state, and the genitive
      its owner (в ведении министерства: under its authority);
    - a verb before ", что" (a clause) is a verb of saying or knowing: its first gloss that takes a
      that-clause in English (отметил, что: "note", not "mark"; установил, что: "establish", not
      "install"); an impersonal -ся verb there with no such gloss of its own is the passive of its
      base verb (отмечается, что: "отмечать: note", not отмечаться "register");
    - a participle taught as its verb takes the gloss of the adjective it also is, when the lexicon
      glosses that (населённых пунктах: "populated", not населить "people");
    - a verb whose dictionary names a noun of the sentence as its object in one of its glosses takes
      that gloss's sense (забил 10 голов: "score", of "score; make a goal", not "beat");
    - a noun before a genitive plural takes its gloss of quantity in "… of" (ряд стран: "a number
      of", not "row")."""
    from cards.lexicon.dictionary import normalize

    lemma = target.lemma
    if dictionary is None:
        return ""
    if lemma.pos == "verb" and CLAUSE_AFTER.match(text, target.stop):
        return _clause_gloss(lemma.lemma, dictionary)
    if lemma.pos == "verb":
        return _participle_gloss(target, dictionary) or _object_gloss(tokens, target, dictionary)
    if lemma.pos == "noun" and not normalize(lemma.lemma).endswith(ACTION_NOUN_ENDINGS):
        return _quantity_gloss(text, tokens, target, dictionary)
    if lemma.pos != "noun" or not normalize(lemma.lemma).endswith(ACTION_NOUN_ENDINGS):
        return ""
    if not _object_follows(text, tokens, target):
        return ""
    glosses = dictionary.card_glosses(lemma.lemma)
    return next((g for g in glosses[1:] if g.endswith("ing") and " " not in g), "")


CLAUSE_AFTER = re.compile(r"\s*,\s*(?:что|чтобы)\b", re.IGNORECASE)


def _clause_gloss(verb: str, dictionary, base: bool = False) -> str:
    """The first gloss of `verb` that takes a that-clause, unless the card's first gloss does already
    (or is a passive: "be expected"); for a -ся verb without one, its base verb's, named ("отмечать:
    note"); "" when there is none."""
    shown = dictionary.card_glosses(verb)
    if shown and (_takes_clause(shown[0]) or (shown[0].startswith("be ") and not base)):
        return shown[0] if base else ""
    found = next((g for g, _ in dictionary.ranked(verb) if _takes_clause(g)), "")
    if found or base or not verb.endswith(("ся", "сь")):
        return found
    found = _clause_gloss(verb[:-2], dictionary, base=True)
    return f"{verb[:-2]}: {found}" if found else ""


def _participle_gloss(target: Token, dictionary) -> str:
    """The first gloss of the adjective a full participle also is (населённый), or ""."""
    from cards.lexicon.analyser import parses
    from cards.lexicon.dictionary import normalize
    from cards.lexicon.lexicon import shipped

    readings = parses(target.text.lower())
    if not readings or readings[0].tag.POS != "PRTF":
        return ""
    adjective = readings[0].inflect({"masc", "sing", "nomn"})
    key = normalize(adjective.word) if adjective else ""
    if not key or key == normalize(target.lemma.lemma) or not shipped().entry(key, "adj"):
        return ""
    return next(iter(dictionary.card_glosses(key, limit=1)), "")


def _object_gloss(tokens: Sequence[Token], target: Token, dictionary) -> str:
    """The first gloss of the verb's sense one of whose glosses ends in the English of a noun near it (its
    object: the next four words or the three before, as a passive has it): забил 10 голов → "score" (the
    sense "score; make a goal", гол: goal), было вызвано повышением → "give rise" (повышение: rise); ""
    when none does."""
    from cards.lexicon.dictionary import normalize

    at = next((k for k, t in enumerate(tokens) if t.start == target.start), None)
    if at is None:
        return ""
    near = [t for t in (*tokens[at + 1 : at + 5], *tokens[max(0, at - 3) : at]) if t.lemma.pos == "noun"]
    objects = {_stem(g.split()[-1]) for t in near for g in dictionary.card_glosses(t.lemma.lemma)[:2]}
    if not objects:
        return ""
    groups = dictionary.senses.get(normalize(target.lemma.lemma), ())
    for gloss, _ in dictionary.ranked(target.lemma.lemma):
        words = gloss.split()
        if len(words) >= 2 and words[0] != "be" and _stem(words[-1]) in objects:
            return next((group[0] for group in groups if gloss in group), gloss)
    return ""


def _quantity_gloss(text: str, tokens: Sequence[Token], target: Token, dictionary) -> str:
    """A noun's gloss of quantity ("a number of", "a lot of": ending in "of", three words at most) when a
    genitive plural follows it, maybe after adjectives, with only spaces between (ряд неисправностей, ряда
    других стран); "" otherwise."""
    from cards.lexicon.analyser import parses

    at = next((k for k, t in enumerate(tokens) if t.start == target.start), None)
    before = target
    for token in tokens[at + 1 : at + 4] if at is not None else ():
        readings = parses(token.text.lower())
        if text[before.stop : token.start].strip() or not readings or readings[0].tag.POS not in ("NOUN", "ADJF", "PRTF"):
            return ""
        tag = readings[0].tag
        if "gent" in tag and "plur" in tag:
            return next((g for g, _ in dictionary.ranked(target.lemma.lemma) if g.endswith(" of") and len(g.split()) <= 3), "")
        if tag.POS == "NOUN":
            return ""
        before = token
    return ""


def _takes_clause(gloss: str) -> bool:
    return gloss.lower().removeprefix("to ") in CLAUSE_VERBS


def _object_follows(text: str, tokens: Sequence[Token], target: Token) -> bool:
    """A noun in the genitive follows the target, maybe after adjectives, with only spaces between
    (ведение огня, недопущению распространения, прекращение боевых действий)."""
    from cards.lexicon.analyser import parses

    at = next((k for k, t in enumerate(tokens) if t.start == target.start), None)
    if at is None or (at and tokens[at - 1].text.lower() in STATE_PREPOSITIONS):
        return False
    before = target
    for token in tokens[at + 1 : at + 4]:
        if text[before.stop : token.start].strip():
            return False
        readings = parses(token.text.lower())
        if not readings:
            return False
        tag = readings[0].tag
        if tag.POS == "NOUN":
            return "gent" in tag
        if tag.POS not in ("ADJF", "PRTF"):
            return False
        before = token
    return False


SENSE_GLOSSES = 1  # dictionary glosses shown beside the counterpart, from the sense it picks


HYPHEN_PENALTY = 0.25  # ranks added per hyphen of a phrase's English gloss (warship, not man-of-war)


def sentence_phrase(text: str, tokens: Sequence[Token], target: Token, dictionary, said: str = "") -> str:
    """The dictionary phrase `target` stands in, as the sentence has it, with its gloss: "на душу
    населения: per capita", "в эфире: on air", "вступает в силу: come into force"; "" when none.
    Its words must follow each other with nothing but spaces between (any reading of each word may
    match the phrase's lemma); the longest phrase wins, then the best ranked, common English gloss,
    but a gloss with every word of the English counterpart `said` (reached a deadlock: "reach a
    deadlock", not "stall") comes first."""
    from cards.deck.render import opens_sentence
    from cards.lexicon.collocations import COPULAS
    from cards.lexicon.dictionary import normalize

    found = dictionary.phrases.get(normalize(target.lemma.lemma), ()) if dictionary is not None else ()
    at = next((k for k, t in enumerate(tokens) if t.start == target.start), None)
    fixed = fixed_forms(target.lemma.lemma) if found and at is not None else {}
    best: tuple = ()
    for lemmas, heads in found if at is not None else ():
        if COPULAS.intersection(lemmas):
            continue  # будет принято is not "fly" (быть принятым)
        for first in range(max(0, at - len(lemmas) + 1), min(at + 1, len(tokens) - len(lemmas) + 1)):
            words = tokens[first : first + len(lemmas)]
            spaced = not any(text[a.stop : b.start].strip() for a, b in zip(words, words[1:], strict=False))
            as_written = lemmas not in fixed or normalize(text[words[1].start : words[-1].stop]) in fixed[lemmas]
            if spaced and as_written and all(map(_reads_as, words, lemmas)):
                gloss, rank = min(heads, key=lambda head: (not _says(head[0], said), _phrase_rank(head, dictionary)))
                if not best or (len(lemmas), -rank) > best[0]:
                    shown = text[words[0].start : words[-1].stop]
                    first = shown.split(" ")[0]
                    if opens_sentence(text, words[0].start) and not (first.isupper() and len(first) > 1):
                        shown = shown[:1].lower() + shown[1:]  # По данным → по данным, В целом → в целом; not США
                    best = ((len(lemmas), -rank), f"{shown}: {gloss}")
    return best[1] if best else ""


def _says(gloss: str, said: str) -> bool:
    """Has the English `gloss` every word of the counterpart `said` (of two or more words), by stems?"""
    words = {_stem(w) for w in said.lower().split()}
    return len(words) > 1 and words <= {_stem(w) for w in gloss.lower().split()}


def fixed_forms(lemma: str) -> dict[tuple[str, ...], frozenset[str]]:
    """The set prepositional phrases of the shipped table with `lemma` among their words: their lemmas →
    the words after the preposition as the table writes them (в рамках: {"рамках"}). Such a phrase stands
    only in its own form, its noun's case being part of it: вернуться в рамки is not "as part of", пустить
    в ход not "during", остаться в силе not "due to" (`sentence_phrase`)."""
    from cards.lexicon.dictionary import PREPOSITIONS, normalize
    from cards.lexicon.lexicon import phrase_entries

    out: dict[tuple[str, ...], set[str]] = {}
    for lemmas, form, _ in phrase_entries(lemma):
        words = form.split()
        if len(lemmas) > 1 and len(words) == len(lemmas) and words[0].lower() in PREPOSITIONS:
            out.setdefault(lemmas, set()).add(normalize(" ".join(words[1:])))
    return {lemmas: frozenset(forms) for lemmas, forms in out.items()}


def _phrase_rank(head: tuple[str, float], dictionary) -> float:
    """A phrase's English gloss ranked as card glosses are: rare English words lower (принять участие:
    take part, not partake), and hyphenated compounds (военный корабль: warship, not man-of-war)."""
    from cards.lexicon.dictionary import RARITY_FROM, RARITY_WEIGHT

    gloss, rank = head
    return rank + RARITY_WEIGHT * max(0.0, RARITY_FROM - dictionary.common(gloss)) + HYPHEN_PENALTY * gloss.count("-")


def _reads_as(token: Token, lemma: str) -> bool:
    from cards.lexicon.analyser import parses
    from cards.lexicon.dictionary import normalize

    return normalize(token.lemma.lemma) == lemma or any(
        normalize(p.normal_form) == lemma for p in parses(token.text.lower()))


def meaning_for(lemma: str, counterpart: str | None, dictionary, phrase: str = "", *, pos: str = "",
                prefer: str = "", plural_form: bool = False, sense: Sequence[str] = ()) -> tuple[str, str]:
    """(meaning, where it comes from) for a target word.

    - "sentence": the counterpart in the English sentence, then a gloss of the dictionary sense it
      picks (бюллетень / "ballots": the ballot sense, never "bulletin"); a counterpart in no sense
      the dictionary knows (a free translation) comes first, then the `phrase` the word stands in or
      the word's commonest gloss marked "dict." (коллега / "president": "president; dict. colleague");
    - "dictionary": no counterpart: the `phrase` the word stands in (`sentence_phrase`: "на душу
      населения: per capita"), else the glosses of the sense its article gives it (`sense`,
      cards.deck.senses.article_sense), else the dictionary's commonest sense; the card marks either
      as a dictionary gloss;
    - "base": the word is not in the dictionary, its base word is, named (санкционный →
      "of санкция: sanction", обсуждаться → "обсуждать: discuss", спецпосланник → "special + посланник: envoy");
    - "loanword": no dictionary has it nor its base, and it is spelled like an English word
      (коронавирус → coronavirus), or its base is (агитационный → "of агитация: agitation"), which the
      card marks as a guess;
    - "": no meaning at all.

    `pos` (the word's part of speech in the sentence) keeps out the glosses of a homonym of another
    part of speech (пропал: "disappear", not the noun пропасть "abyss"); `prefer` is a gloss of the
    word's that the sentence calls for (`context_gloss`), shown first when no counterpart is found.
    `plural_form`: the word stands in the plural (a noun's free counterpart is then shown singular).
    """
    if counterpart:
        group = dictionary.sense_of(lemma, counterpart) if dictionary is not None else ()
        if not group and pos == "verb" and dictionary is not None:  # risen: the sense of "rise"
            base = english_verb_base(counterpart, dictionary)
            group = dictionary.sense_of(lemma, base) if base != counterpart else ()
            counterpart = base if group else counterpart
        stems = {_stem(w) for w in counterpart.split()}
        if phrase and _says(phrase.partition(": ")[2], counterpart):
            return phrase, "sentence"  # тупик / "reached a deadlock": зашли в тупик: reach a deadlock
        matched = next((k for k, g in enumerate(group) if _stem(g) in stems or stems & {_stem(w) for w in g.split()}), -1)
        # only glosses listed after the one the sentence gave: a sense group of the lexicon may begin
        # with another meaning (санкция: "approval; sanction", переписка: "copying; …; correspondence")
        later = list(takewhile(lambda g: dictionary.common(g) >= RARE_GLOSS, group[matched + 1 :]))  # not past a rare one
        extra = [g for g in later if _stem(g) not in stems and not stems & {_stem(w) for w in g.split()}
                 and _synonyms(group[matched], g)][:SENSE_GLOSSES] if matched >= 0 else []
        if not group and dictionary is not None:  # a free translation: the phrase or the word's own meaning
            if phrase and stems <= {_stem(w) for w in phrase.partition(": ")[2].lower().split()}:
                return phrase, "sentence"  # the phrase's own English: "результативных передач: assist" once
            extra = [phrase] if phrase else [f"dict. {g}" for g in dictionary.card_glosses(
                lemma, limit=1, besides=[counterpart, *other_pos_glosses(lemma, pos)]) if ":" not in g]
        shown = counterpart
        if matched < 0 and plural_form and dictionary is not None and not _plural_only(lemma):
            shown = english_singular(counterpart, dictionary)  # набережных / "embankments": embankment
        if matched < 0 and pos == "verb":
            shown = english_verb_base(counterpart, dictionary)  # объявлена / "expressed": express
        if matched >= 0:  # its dictionary form, but выборы / "elections" stays plural
            shown = (in_dictionary_case(counterpart, group[matched]) if _plural_only(lemma)
                     else dictionary_form(counterpart, group[matched], pos))
        return "; ".join([shown, *extra]), "sentence"
    from cards.lexicon.lexicon import (COMBINING_FORMS, base_words, loanword, made_from, noun_of_adjective, origin_of,
                                       place_of, spelled_as)

    if dictionary is None:
        return "", ""
    if phrase:
        return phrase, "dictionary"
    reflexive = lemma.lower().endswith(("ться", "тись"))  # its own verb before a compound's parts (противопоставляться:
    if lemma.lower() in dictionary or not base_words(lemma) or reflexive:  # противопоставлять, not противо- + поставлять)
        glosses = dictionary.card_glosses(lemma, besides=other_pos_glosses(lemma, pos))
        if prefer:  # one of the word's glosses first, or the sentence's form's own (populated) alone
            glosses = (prefer, *(g for g in glosses if g != prefer))[: len(glosses)] if prefer in glosses else (prefer,)
        elif sense and glosses:
            glosses = tuple(sense)  # the sense the article gives the word (гроза: storm, not thunderstorm)
        if glosses:
            return "; ".join(glosses), "base" if ":" in glosses[0] else "dictionary"
    if lemma.isupper():
        return "", ""  # an abbreviation: ИГ is not of иго, nor ЦИК a word spelled like it
    place = place_of(lemma) or origin_of(lemma)
    if place:
        return f"of {place}", "base"  # минский: of Минск, not of мина; тюменец: of Тюмень
    noun = noun_of_adjective(lemma)
    glosses = dictionary.card_glosses(noun, limit=1) if noun else ()
    if glosses:
        return f"{noun}: {glosses[0]}", "base"  # набережных (пунктах): набережная: embankment
    bases = base_words(lemma) or (made_from(lemma) if lemma.lower() in dictionary else ())  # крестьянский: "peasantish"
    others = tuple(("", other) for other in other_lemmas(lemma))
    for prefix, base in bases + others:
        glosses = dictionary.card_glosses(base, limit=1)
        if not glosses or ":" in glosses[0] or (prefix not in ("", "не-") and _odd_sense(base, glosses[0], dictionary)):
            continue  # a compound is not its part's rare sense (правоохранитель is not "tutelary")
        return _made_of(lemma, prefix, base, glosses[0], dictionary), "base"
    spelled = spelled_as(lemma) if pos in ("noun", "") else ""
    glosses = dictionary.card_glosses(spelled, limit=1) if spelled else ()
    if glosses:  # the same word as the lexicon spells it: ущелие: "ущелье: gorge", доспех: "доспехи: armour"
        return f"{spelled}: {glosses[0]}", "base"
    parts = (_hyphenated(lemma, dictionary) or _numbered(lemma, dictionary) or _clipped(lemma)
             or _first_part_alone(lemma, dictionary))
    if parts:
        return parts, "base"
    rare = next((g for g, _ in dictionary.ranked(lemma) if ENGLISH_GLOSS.fullmatch(g)), "")
    if rare:  # only glosses too rare for wordfreq (нефтехимия: petrochemistry): a rare right word beats none
        return rare, "dictionary"
    phrase = _phrase_with(lemma, dictionary)
    if phrase:
        return phrase, "dictionary"  # a word glossed only in phrases: "огнестрельное оружие: firearm"
    english = loanword(lemma)
    if english:
        return english, "loanword"
    for prefix, base in bases:  # a base no dictionary glosses, spelled like an
        english = loanword(base)  # English word: агитационный → "of агитация: agitation", a guess
        if english:
            return _made_of(lemma, prefix, base, english, dictionary), "loanword"
    for prefix, english_prefix in COMBINING_FORMS.items():  # a first part and a loanword, a guess too:
        rest = lemma.lower()[len(prefix):]  # антиковидный → "anti- + ковидный: covid"
        if english_prefix and lemma.lower().startswith(prefix) and len(rest) >= 5 and (english := loanword(rest)):
            return _made_of(lemma, prefix + "-", rest, english, dictionary), "loanword"
    return "", ""


def _phrase_with(lemma: str, dictionary) -> str:
    """The shipped phrase a word without a gloss of its own stands in, with its English, as the
    dictionary writes it ("прожиточный минимум: cost of living", "в одночасье: overnight"): the
    shortest, then the one whose English is the commonest; "" when it is in none."""
    from cards.lexicon.lexicon import phrase_entries

    found = [(len(lemmas), -dictionary.common(heads[0]), form, heads[0]) for lemmas, form, heads in phrase_entries(lemma)
             if heads and ENGLISH_GLOSS.fullmatch(heads[0]) and dictionary.common(heads[0]) >= RARE_PHRASE_GLOSS]
    return "{2}: {3}".format(*min(found)) if found else ""


def _made_of(lemma: str, prefix: str, base: str, gloss: str, dictionary) -> str:
    """A word's meaning through the word it is made of, named: "of армия: army", "self- + изоляция:
    isolation" (a compound's first part in English where `combining_form` knows it), "не- + газированный:
    not aerated", an adverb as the English adverb of its adjective's gloss (комфортно: "of комфортный:
    comfortably")."""
    from cards.lexicon.lexicon import combining_form

    if prefix == "не-":
        return f"{prefix} + {base}: not {gloss}"  # негазированный: not aerated
    if prefix:
        return f"{combining_form(prefix, lemma)} + {base}: {gloss}"
    if is_adverb_of(lemma, base):
        gloss = english_adverb(gloss, dictionary) or gloss
    return f"of {base}: {gloss}"


def is_adverb_of(word: str, adjective: str) -> bool:
    """`word` is the adverb in -о/-е/-и of `adjective` (комфортно, искренне, экономически)."""
    word, adjective = word.lower(), adjective.lower()
    return adjective.endswith(("ый", "ий", "ой")) and any(
        word == adjective[:-2] + end for end in ("о", "е", "и"))


ADVERB_MIN_ZIPF = 2.5  # an English adverb made by rule must be this common a word (comfortably 3.3; not "dailily")
ADVERB_MAX_RELATED = 3  # WordNet words related to it: more, and it has senses of its own (simply: merely, just …)


def english_adverb(adjective: str, dictionary) -> str:
    """The English adverb of a one-word English adjective, when English makes it by rule and it is a word
    in use (comfortable → comfortably, ideal → ideally, economic → economically, happy → happily); ""
    otherwise (relaxed → "relaxedly" is too rare, a gloss of several words has no adverb), and unless WordNet
    relates the adverb to the adjective and to few other words: largely is not "in a large way", simply
    is "merely", plainly "obviously"."""
    from cards.lexicon.lexicon import english_related

    word = adjective.lower()
    adverb = ly_adverb(word)
    if not adverb:
        return ""
    related = english_related(adverb)
    if word not in related or len(related) > ADVERB_MAX_RELATED or dictionary.common(adverb) < ADVERB_MIN_ZIPF:
        return ""
    return adverb


def ly_adverb(adjective: str) -> str:
    """The adverb English makes of a one-word adjective by rule (regular → regularly, economic → economically,
    possible → possibly, happy → happily, full → fully, true → truly); "" for a word it makes none of."""
    word = adjective.lower()
    if not re.fullmatch(r"[a-z]{3,}", word) or word.endswith("ly"):
        return ""
    if word.endswith("ic"):
        return word + "ally"
    if word.endswith("le") and word[-3] not in "aeiou":
        return word[:-1] + "y"
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ily"
    if word.endswith("ll"):
        return word + "y"
    if word.endswith("ue"):
        return word[:-1] + "ly"
    return word + "ly"


WEAK_PART_GLOSS = 3.0  # Zipf below which a compound's part glosses it only by a rare sense (tutelary, lingual)


def _odd_sense(part: str, gloss: str, dictionary) -> bool:
    """A compound's part glossed by a rare English word that is not its cognate (охранитель: "tutelary",
    язычный: "lingual"; not прокурор: "procurator"): a sense too odd to say what the compound means."""
    from cards.lexicon.cognates import cognate_score
    from cards.lexicon.dictionary import COGNATE_SHOWN_ANYWAY

    return dictionary.common(gloss) < WEAK_PART_GLOSS and cognate_score(part, gloss) < COGNATE_SHOWN_ANYWAY


ENGLISH_GLOSS = re.compile(r"[A-Za-z][a-z' -]*[a-z]")  # a gloss in English words (not a note with digits or brackets)
# A number and a word of measure (10-летний: 10-year, 14-дневный: 14-day): the measure words whose
# adjective is no regular derivative of their noun (лет is год's genitive plural; день loses its е).
MEASURES = {"летний": "year", "дневный": "day", "дневной": "day", "суточный": "day", "недельный": "week",
            "месячный": "month", "часовой": "hour", "минутный": "minute", "кратный": "fold", "процентный": "percent",
            "этажный": "storey", "тысячный": "thousand", "миллионный": "million", "местный": "seat"}


# The first part of a compound adjective that is a number in words (трёхкратный, двухпалатный, пятиэтажный)
NUMBER_STEMS = {"одно": "one", "двух": "two", "трех": "three", "четырех": "four", "пяти": "five", "шести": "six",
                "семи": "seven", "восьми": "eight", "девяти": "nine", "десяти": "ten", "двенадцати": "twelve",
                "двадцати": "twenty", "тридцати": "thirty", "сорока": "forty", "пятидесяти": "fifty", "сто": "hundred",
                "двухсот": "two-hundred", "трехсот": "three-hundred", "тысяче": "thousand", "полутора": "one-and-a-half"}


def _numbered(lemma: str, dictionary) -> str:
    """A number, in digits or in words, joined to a word of measure (10-летний → "10-летний: 10-year",
    54-пушечный → "54-gun" from пушка: gun, трёхкратный → "трёхкратный: three-fold", двухпалатный →
    "two-chamber"); "" for other words."""
    from cards.lexicon.lexicon import adjective_bases

    word = lemma.lower().replace("ё", "е")
    number, _, rest = word.partition("-")
    if not (number.isdigit() and rest):
        number = next((n for n in sorted(NUMBER_STEMS, key=len, reverse=True)
                       if word.startswith(n) and len(word) - len(n) >= 5 and word.endswith(("ый", "ий", "ой"))), "")
        rest = word[len(number):]
        if not number:
            return ""
    measure = MEASURES.get(rest) or next((g[0] for base in (*adjective_bases(rest), rest)  # пушечный: gun
                                          if (g := dictionary.card_glosses(base, limit=1)) and ":" not in g[0]
                                          and " " not in g[0]), "")
    return f"{lemma}: {NUMBER_STEMS.get(number, number)}-{measure}" if measure else ""


def other_pos_glosses(lemma: str, pos: str) -> tuple[str, ...]:
    """The glosses of the word's homonyms of another part of speech than `pos`, when the lexicon has the
    word as `pos` with glosses of its own: the verb пропасть is not the noun "abyss", the adjective
    пожарный is not the noun "firefighter"; () otherwise."""
    from cards.lexicon.lexicon import shipped

    entries = [e for e in shipped().entries(lemma) if e.shown_senses]
    own = {g for e in entries if e.pos == pos for sense in e.shown_senses for g in sense}
    if not own:
        return ()
    return tuple(dict.fromkeys(g for e in entries if e.pos != pos for sense in e.shown_senses for g in sense if g not in own))


def _hyphenated(lemma: str, dictionary) -> str:
    """A hyphenated word the dictionary lacks, glossed part by part (государство-учредитель →
    "государство-учредитель: state-founder"; военно-морской → naval is in the dictionary itself); ""
    unless every part has a gloss. A part in -о is its adjective's stem (банковско- → банковский)."""
    parts = [p for p in lemma.lower().split("-") if p]
    if len(parts) < 2:
        return ""
    glosses = []
    for part in parts:
        candidates = [part] + ([part[:-1] + end for end in ("ий", "ый", "ой")] if part.endswith(("о", "е")) else [])
        found = next((g[0] for c in candidates if (g := dictionary.card_glosses(c, limit=1)) and ":" not in g[0]), "")
        if not found:
            return ""
        glosses.append(found)
    return f"{lemma}: {'-'.join(glosses)}"


def _first_part_alone(lemma: str, dictionary) -> str:
    """A compound's first part standing alone ("микро- и малый бизнес", "эколого-экономический" split):
    its English from the table of combining forms (микро → "микро-: micro-") or, for a linking form in -ико,
    -ого, -но, -ско, its adjective's (историко → "историко-: historical", эколого → "эколого-: ecological",
    военно → "военно-: military"); "" otherwise (факто is no linking form of фактический)."""
    from cards.lexicon.lexicon import COMBINING_FORMS, loanword

    word = lemma.lower().replace("ё", "е")
    english = COMBINING_FORMS.get(word, "")
    if english.endswith("-") and not loanword(word):  # супер is "super" on its own
        return f"{word}-: {english}"
    if len(word) < 5:
        return ""
    adjectives = ([word[:-3] + "ический"] if word.endswith("ико") else [word[:-1] + "ический"] if word.endswith("ого")
                  else [word[:-1] + "ый", word[:-1] + "ий"] if word.endswith(("но", "ско", "цко")) else [])
    found = next((g[0] for a in adjectives if (g := dictionary.card_glosses(a, limit=1)) and ":" not in g[0]), "")
    return f"{word}-: {found}" if found else ""


# The clipped parts of officialese compounds (сложносокращённые слова: генсек, кабмин, госдеп): the word each
# is clipped from and its English in such compounds (совет: "council", not "advice"); first parts, then last
# parts. Only a word made of exactly one of each is read so.
CLIPPED_FIRST = {"ген": ("генеральный", "general"), "гос": ("государственный", "state"), "каб": ("кабинет", "cabinet"),
                 "мин": ("министерство", "ministry"), "сов": ("совет", "council"), "зам": ("заместитель", "deputy"),
                 "пред": ("председатель", "chairman"), "обл": ("областной", "regional"), "гор": ("городской", "city"),
                 "рай": ("районный", "district"), "спец": ("специальный", "special"), "нац": ("национальный", "national"),
                 "центр": ("центральный", "central"), "нефте": ("нефть", "oil"), "воен": ("военный", "military"),
                 "соб": ("собственный", "own")}
CLIPPED_LAST = {"сек": ("секретарь", "secretary"), "деп": ("департамент", "department"), "мин": ("министр", "ministers"),
                "без": ("безопасность", "security"), "здрав": ("здравоохранение", "health"), "фин": ("финансы", "finance"),
                "юст": ("юстиция", "justice"), "пред": ("председатель", "chairman"), "ком": ("комитет", "committee"),
                "торг": ("торговля", "trade"), "пром": ("промышленность", "industry"), "обр": ("образование", "education"),
                "нач": ("начальник", "chief"), "фед": ("федерация", "federation"), "суд": ("суд", "court"),
                "газ": ("газ", "gas"), "избирком": ("избирательная комиссия", "electoral commission"),
                "кор": ("корреспондент", "correspondent")}


def _clipped(lemma: str) -> str:
    """A clipped compound shown as the two words it is clipped from, with their English in such
    compounds: кабмин → "кабинет + министр: cabinet + ministers", генсек → "генеральный + секретарь:
    general + secretary", облсуд → "областной + суд: regional + court", облизбирком; a last part alone when it
    is a word (избирком → "избирательная комиссия: electoral commission"); "" unless the word is exactly one
    first part and one last part."""
    word = lemma.lower()
    if len(word) > 6 and word in CLIPPED_LAST:  # a clipped compound of its own: избирком
        return "{}: {}".format(*CLIPPED_LAST[word])
    for k in range(3, len(word) - 2):
        head, tail = CLIPPED_FIRST.get(word[:k]), CLIPPED_LAST.get(word[k:])
        if head and tail:
            return f"{head[0]} + {tail[0]}: {head[1]} + {tail[1]}"
    return ""


def other_lemmas(lemma: str) -> tuple[str, ...]:
    """The other dictionary forms pymorphy3 reads the word as (прошедшее: пройти), the word itself
    left out: a last resort for a meaning when neither the word nor its base is in the dictionary."""
    from cards.lexicon.analyser import parses

    key = lemma.lower().replace("ё", "е")
    return tuple(dict.fromkeys(n for p in parses(lemma) if (n := p.normal_form.replace("ё", "е")) != key))


RARE_GLOSS = 3.0  # Zipf of a rare or dated synonym (tidings, gaol, acme): no sense gloss from it on is shown beside the counterpart
RARE_PHRASE_GLOSS = 2.5  # Zipf below which a phrase's English is no meaning for a word without one (bosom friend 2.6)


def _synonyms(a: str, b: str) -> bool:
    """Whether WordNet relates two English glosses (either way): a lexicon's sense group may run two
    meanings together (марка: "brand, stamp"; обстоятельство: "circumstance, adverb")."""
    from cards.lexicon.lexicon import english_related

    a, b = a.lower(), b.lower()
    return b in english_related(a) or a in english_related(b)


def _stem(word: str) -> str:
    from cards.lexicon.dictionary import _english_stem

    return _english_stem(word)

