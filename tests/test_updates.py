"""A learner's deck over time: build, import, review, edit, add an article, rebuild, import again."""

from anki_client import import_apkg
from cards.build import BuildOptions, build_deck
from cards.select import lemma_key
from conftest import DATA, ROOT

SEED = ROOT / "seeds" / "minsk-washington"
SECOND = DATA / "pairs" / "yerevan-brussels"
MY_NOTE = " <i>(my own note)</i>"


def review_some(col, n: int) -> list[int]:
    """Answer the first n cards of the queue 'Good', like a learner would."""
    col.decks.select(col.decks.id_for_name("Political Russian"))
    answered = []
    for _ in range(n):
        card = col.sched.getCard()
        col.sched.answerCard(card, 3)
        answered.append(card.id)
    return answered


def test_rebuild_with_a_new_article_keeps_history_and_edits(tmp_path, collection):
    out = tmp_path / "deck.apkg"
    first = build_deck([SEED], BuildOptions(out=out), timestamp=1_700_000_000)
    first_counts = import_apkg(collection, out)
    assert (first_counts.new, first_counts.conflicting) == (len(first.cards), 0)

    reviewed = review_some(collection, 5)
    history = {cid: (collection.get_card(cid).reps, collection.get_card(cid).ivl) for cid in reviewed}
    assert all(reps == 1 for reps, _ in history.values())
    edited_id = collection.get_card(reviewed[0]).nid
    note = collection.get_note(edited_id)
    note["English"] = note["English"] + MY_NOTE
    collection.update_note(note)

    second = build_deck([SEED, SECOND], BuildOptions(out=out), timestamp=1_800_000_000)
    counts = import_apkg(collection, out)
    new_cards = [c for c in second.cards if "source::yerevan-brussels" in c.tags]
    assert new_cards, "the second article brings new cards"
    assert counts.new == len(new_cards)
    assert counts.conflicting == 0 and counts.updated == 0
    assert counts.duplicate == len(second.cards) - len(new_cards)
    assert collection.note_count() == len(first.cards) + len(new_cards)

    assert collection.get_note(edited_id)["English"].endswith(MY_NOTE)
    for cid, (reps, ivl) in history.items():
        card = collection.get_card(cid)
        assert (card.reps, card.ivl) == (reps, ivl)
    assert collection.db.scalar("select count() from revlog") == 5


def test_rebuild_teaches_only_lemmas_the_first_build_did_not(tmp_path):
    out = tmp_path / "deck.apkg"
    first = build_deck([SEED], BuildOptions(out=out), timestamp=1_700_000_000)
    first_lemmas = {lemma_key(t.lemma.lemma) for c in first.cards for t in c.targets}
    # The second article alone, into the same deck: the first build's words count as known.
    second = build_deck([SECOND], BuildOptions(out=out), timestamp=1_800_000_000)
    second_lemmas = [lemma_key(t.lemma.lemma) for c in second.cards for t in c.targets]
    assert second_lemmas and not set(second_lemmas) & first_lemmas
    assert len(second_lemmas) == len(set(second_lemmas))
    # Words of the second article the first build taught are really there: the test would catch a leak.
    second_article_unknown = {k for d in second.decisions for k in d.unknown}
    assert second_article_unknown & first_lemmas == set()
    shared = {"переговоры", "делегация", "раунд", "дипломат"} & first_lemmas
    assert shared, "the two articles share political words the first build taught"


def test_unchanged_rebuild_updates_nothing(tmp_path, collection):
    out = tmp_path / "deck.apkg"
    build_deck([SEED], BuildOptions(out=out), timestamp=1_700_000_000)
    import_apkg(collection, out)
    again = build_deck([SEED], BuildOptions(out=out), timestamp=1_800_000_000)
    assert again.changed == 0
    counts = import_apkg(collection, out)
    assert (counts.new, counts.updated, counts.conflicting) == (0, 0, 0)
