"""Selection on hand-made analyses: filters, greedy cover, study order, earlier builds."""

from cards.model import Lemma, Pair, Token
from cards.select import SelectOptions, domain_weights, lemma_key, select

# word → (lemma, pos, zipf, proper)
LEXICON = {
    "стороны": ("сторона", "noun", 5.6, False),
    "обсудили": ("обсудить", "verb", 4.4, False),
    "сделку": ("сделка", "noun", 4.3, False),
    "сделка": ("сделка", "noun", 4.3, False),
    "санкции": ("санкция", "noun", 3.9, False),
    "сняли": ("снять", "verb", 5.1, False),
    "минск": ("Минск", "noun", 4.5, True),
    "сша": ("США", "noun", 5.2, True),
    "в": ("в", "prep", 7.5, False),
    "и": ("и", "conj", 7.6, False),
    "с": ("с", "prep", 7.2, False),
    "заключили": ("заключить", "verb", 4.2, False),
    "важную": ("важный", "adj", 5.3, False),
    "делегация": ("делегация", "noun", 3.8, False),
    "прибыла": ("прибыть", "verb", 4.0, False),
    "посольство": ("посольство", "noun", 3.7, False),
    "экстерналии": ("экстерналия", "noun", 0.0, False),
    "2022": ("2022", "num", 0.0, False),
    "году": ("год", "noun", 6.4, False),
}


def analyse(text: str) -> tuple[Token, ...]:
    tokens, pos = [], 0
    for word in text.rstrip(".").split():
        start = text.index(word, pos)
        pos = start + len(word)
        lemma, tag, zipf, proper = LEXICON[word.lower()]
        tokens.append(Token(start, pos, word, Lemma(lemma, tag, zipf=zipf, proper=proper)))
    return tuple(tokens)


def pair(ru: str, score: float = 0.95, kind: str = "text") -> Pair:
    return Pair(ru, "english", score, kind=kind)


OPTIONS = SelectOptions(min_words=3, max_new=2, extra_unknown=0)


def run(texts, known=frozenset(), options=OPTIONS, **kw):
    pairs = [p if isinstance(p, Pair) else pair(p) for p in texts]
    return select(pairs, [analyse(p.ru) for p in pairs], known, options, **kw)


def test_filters_name_the_rule_that_fired():
    decisions = run(
        [
            pair("Стороны обсудили сделку", kind="heading"),
            pair("Стороны обсудили сделку", score=0.2),
            "Минск и США",
            "Стороны обсудили",
        ]
    )
    assert [d.rule for d in decisions] == ["heading_or_byline", "low_confidence", "mostly_names_or_numbers", "too_short"]
    assert not any(d.chosen for d in decisions)


def test_cover_teaches_each_lemma_once_and_counts_taught_words_as_known():
    decisions = run(
        [
            "Стороны обсудили сделку",  # обсудить, сделка
            "Стороны заключили сделку",  # заключить (+ сделка, taught by the first)
            "Стороны обсудили сделку и санкции",  # nothing beyond санкция, сделка, обсудить
            "Делегация прибыла в Минск",  # делегация, прибыть
        ]
    )
    taught = [lemma_key(t.lemma.lemma) for d in decisions for t in d.targets]
    assert sorted(taught) == sorted(set(taught))
    assert set(taught) == {"обсудить", "сделка", "заключить", "санкция", "делегация", "прибыть"}
    # Three cards cover all six lemmas: the first sentence adds nothing once the others are chosen.
    assert [d.rule for d in decisions] == ["nothing_new", "teaches_new_words", "teaches_new_words", "teaches_new_words"]
    assert [[t.lemma.lemma for t in d.targets] for d in decisions[1:]] == [
        ["заключить", "сделка"], ["обсудить", "санкция"], ["делегация", "прибыть"]]


def test_known_lemmas_and_level_remove_targets():
    decisions = run(["Стороны обсудили сделку", "Стороны заключили сделку"], known=frozenset({"сделка", "Обсудить"}))
    assert [d.rule for d in decisions] == ["nothing_new", "teaches_one_new_word"]
    assert [t.lemma.lemma for t in decisions[1].targets] == ["заключить"]
    # "сторона" (Zipf 5.6) is above the default level and never a target; with a higher level it is.
    high = run(["Стороны обсудили сделку"], options=SelectOptions(min_words=3, max_new=3, extra_unknown=0, level=6.0))
    assert [t.lemma.lemma for t in high[0].targets] == ["сторона", "обсудить", "сделка"]


def test_too_many_new_words_for_one_card():
    decisions = run(["Делегация прибыла и обсудили санкции"], options=SelectOptions(min_words=3, max_new=2, extra_unknown=1))
    assert decisions[0].rule == "too_many_new_words" and not decisions[0].chosen
    assert set(decisions[0].unknown) == {"делегация", "прибыть", "обсудить", "санкция"}


def test_a_card_may_leave_a_few_unknown_words_for_later_cards():
    options = SelectOptions(min_words=3, max_new=2, extra_unknown=2)
    decisions = run(["Делегация прибыла и обсудили санкции", "Делегация прибыла в Минск"], options=options)
    first, second = decisions
    assert first.chosen and len(first.targets) == 2
    taught = {t.lemma.lemma for d in decisions for t in d.targets}
    assert taught == {"делегация", "прибыть", "обсудить", "санкция"}


def test_rare_words_are_not_targets():
    decisions = run(["Стороны обсудили экстерналии"])
    assert [t.lemma.lemma for t in decisions[0].targets] == ["обсудить"]


def test_study_order_puts_fewest_new_words_first():
    decisions = run(["Делегация прибыла в Минск", "Стороны заключили сделку", "Стороны обсудили санкции"],
                    options=OPTIONS)
    order = sorted((d for d in decisions if d.chosen), key=lambda d: d.order)
    assert [d.order for d in order] == [0, 1, 2]
    # each of these teaches two new words; ties go to the more frequent (easier) words first
    assert [d.index for d in order] == [1, 2, 0]


def test_max_cards_stops_the_cover():
    decisions = run(["Стороны обсудили сделку", "Делегация прибыла в Минск", "Стороны заключили сделку"],
                    options=SelectOptions(min_words=3, max_new=2, extra_unknown=0, max_cards=1))
    assert sum(d.chosen for d in decisions) == 1
    assert sorted(d.rule for d in decisions if not d.chosen) == ["max_cards_reached", "max_cards_reached"]


def test_earlier_build_keeps_its_cards_and_their_words_count_as_taught():
    texts = ["Стороны обсудили сделку", "Стороны заключили сделку"]
    decisions = run(texts, earlier={1: ("заключить", "сделка")})
    assert decisions[1].rule == "kept_from_earlier_build"
    assert [t.lemma.lemma for t in decisions[1].targets] == ["заключить", "сделка"]
    assert [t.lemma.lemma for t in decisions[0].targets] == ["обсудить"]


def test_domain_weight_prefers_repeated_words():
    analyses = [analyse("Стороны обсудили сделку"), analyse("Стороны заключили сделку")]
    weights = domain_weights(analyses, OPTIONS)
    assert weights["сделка"] > weights["заключить"] > 0
