"""Command line: parse → call the library → print. Data to stdout, progress and warnings to stderr."""

from __future__ import annotations

import functools
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

import click

from cards.errors import CardsError


def reports_errors(command):
    """Turn library errors into a one-line message and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except CardsError as err:
            raise click.ClickException(str(err)) from None

    return wrapper


def _level(ctx, param, value):
    from cards.lexicon.levels import LevelError, resolve_level

    try:
        resolve_level(value)
    except LevelError as err:
        raise click.BadParameter(str(err).split(": ", 1)[1]) from None
    return value


def learner_options(command):
    """The options that say what the learner knows and how much a card may teach (build and inspect)."""
    for option in reversed((
        click.option("--known", "known_sources", multiple=True, type=click.Path(path_type=Path),
                     help="Words you know (repeatable): a list, a text, or an Anki .apkg/.colpkg/collection.anki2."),
        click.option("--known-field", metavar="NAME", help="Anki field to read from --known decks [first Russian field]."),
        click.option("--level", default="B1", show_default=True, metavar="A2|B1|B2|C1|ZIPF", callback=_level,
                     help="What you know: a CEFR level, or a Zipf cut (lemmas this frequent count as known)."),
        click.option("--max-new", type=click.IntRange(min=1), default=6, show_default=True,
                     help="New words per card, plus a third more when no other sentence has them (words neither "
                          "worth a card of their own nor the topic's fill a card only up to 4)."),
    )):
        command = option(command)
    return command


def sentence_options(command):
    """Which sentences may be cards (build and inspect)."""
    for option in reversed((
        click.option("--min-words", type=click.IntRange(min=1), default=4, show_default=True,
                     help="Shortest sentence (words)."),
        click.option("--max-words", type=click.IntRange(min=1), default=None,
                     help="Longest sentence (words)  [default: 40, or 60 for a sentence that is the only one "
                          "with a word worth a card]"),
        click.option("--min-score", type=click.FloatRange(0, 1), default=0.5, show_default=True,
                     help="Alignment confidence floor."),
    )):
        command = option(command)
    return command


def dictionary_options(command):
    """Where meanings come from (build and inspect): the built-in lexicon, plus what the machine has."""
    for option in reversed((
        click.option("--dictionary", type=click.Path(path_type=Path),
                     help="An extra dictionary: a dictd base or a lemma<TAB>gloss TSV."),
        click.option("--no-system-dictionaries", is_flag=True,
                     help="Ignore dictionaries installed on this machine (Debian's mueller7): "
                          "what a plain pip install gets."),
        click.option("--no-dictionary", is_flag=True, help="No meanings at all, not even the built-in lexicon."),
    )):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cards")
def main() -> None:
    """Turn Russian news articles and their English translations into Anki decks."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Deck file [decks/<slug>.apkg].")
@click.option("--deck", "deck_name", help="Deck name [Political Russian::<article title>].")
@click.option("--max-cards", type=click.IntRange(min=1), help="At most this many cards.")
@learner_options
@sentence_options
@click.option("--reverse", is_flag=True, help="Add an English → Russian card to every note.")
@click.option("--topic", default="politics", show_default=True, help="Tag every note topic::TOPIC ('' for none).")
@click.option("--cloze", is_flag=True, help="Also make 'Russian cloze' notes: one cloze per target word.")
@click.option("--format", "fmt", type=click.Choice(["apkg", "csv"]), default="apkg", show_default=True,
              help="csv: a file for Anki's own importer (its note types come with any .apkg of ours).")
@dictionary_options
@click.option("--stress/--no-stress", default=None,
              help="Stress marks on the Russian and the lemmas [on: the shipped lexicon; silero-stress fills gaps when installed].")
@click.option("--audio", is_flag=True, help="Speak each Russian sentence (needs espeak-ng and lame).")
@click.option("--max-input-mb", type=click.FloatRange(min=0.001), help="Largest article file to read [10].")
@click.option("--dry-run", is_flag=True, help="Print the cards that would be built; write nothing.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Work on up to N articles at once, in N processes [one per core].")
@click.option("--no-cache", is_flag=True, help="Work out every article afresh: neither read nor keep per-article results.")
@reports_errors
def build(inputs, out, deck_name, max_cards, known_sources, known_field, level, max_new, min_words, max_words,
          min_score, reverse, topic, cloze, fmt, dictionary, no_system_dictionaries, no_dictionary, stress, audio,
          max_input_mb, dry_run, jobs, no_cache):
    """Build an Anki deck from article pairs.

    INPUTS are two files RU EN, or folders holding ru.* and en.*, or folders of such folders.

    Example:

        cards build seeds/minsk-washington
    """
    from cards.build import BuildOptions, build_deck, no_progress

    if max_words is not None and max_words < min_words:
        raise click.BadParameter(f"must be at least --min-words ({min_words})", param_hint="--max-words")
    options = BuildOptions(
        out=out, deck_name=deck_name, max_cards=max_cards, level=level, max_new=max_new,
        min_words=min_words, max_words=max_words, min_score=min_score, reverse=reverse, topic=topic, known_sources=tuple(known_sources), known_field=known_field,
        cloze=cloze, format=fmt, dictionary=dictionary, use_dictionary=not no_dictionary,
        system_dictionaries=not no_system_dictionaries, stress=stress, audio=audio, max_input_mb=max_input_mb,
        jobs=jobs, cache=not no_cache,
    )
    result = build_deck(inputs, options, dry_run=dry_run,
                        progress=TerminalProgress() if sys.stderr.isatty() else no_progress)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if dry_run:
        for card in result.cards:
            words = ", ".join(t.lemma.lemma for t in card.targets)
            click.echo(f"{card.order + 1:3d}. [{words}] {card.pair.ru}\n     {card.pair.en}")
    click.echo(result.summary(), err=True)


STAGES = {"align": "loading and aligning", "choose": "choosing cards", "render": "making notes", "write": "writing"}


class TerminalProgress:
    """Stages of a build on stderr, a bar for the long ones; used only when stderr is a terminal."""

    def __init__(self) -> None:
        self.stage, self.bar = "", None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage = stage
            label = STAGES.get(stage, stage)
            if total > 1:
                self.bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)
                self.bar.__enter__()
            else:
                click.echo(f"{label}…", err=True)
        if self.bar is not None:
            self.bar.update(done - self.bar.pos)
            if done >= total:
                self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _read_lines(path: Path) -> list[str]:
    from cards.text.read import read_text  # not cards.text.load: no cleaning to import

    return read_text(path).splitlines()


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--presegmented", is_flag=True, help="Each input line is one segment: no cleaning, no splitting.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "tsv", "text"]), default="jsonl", show_default=True)
@reports_errors
def align(inputs, presegmented, fmt):
    """Align the sentences of a Russian text and its English translation.

    INPUTS are two files RU EN, or a pair folder holding ru.* and en.* (as for build).
    Prints one bead per line: {"ru": [i…], "en": [j…], "ru_text", "en_text", "score"}.
    Every segment of both sides is in exactly one bead, in order.

    Example:

        cards align seeds/minsk-washington --format text
    """
    from cards.text.pairs import find_pairs  # not cards.build: align needs no deck

    pairs = find_pairs(inputs)
    if len(pairs) != 1:
        raise click.UsageError(f"align takes one article pair; {len(pairs)} found in {' '.join(map(str, inputs))}")
    ru, en = pairs[0].ru, pairs[0].en
    if "numpy" not in sys.modules:  # numpy starts OpenBLAS's pool of threads, one per core, when it loads;
        # the aligner does no linear algebra, so one thread does (about 20 ms less CPU on two cores,
        # more with more). A user's own setting stands.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from cards.align import align as run_align

    if presegmented:
        ru_s, en_s = _read_lines(ru), _read_lines(en)
        ru_text, en_text = ru_s, en_s
    else:
        from cards.text.load import load_document
        from cards.text.segment import segment

        ru_s, en_s = segment(load_document(ru, "ru")), segment(load_document(en, "en"))
        ru_text, en_text = [s.text for s in ru_s], [s.text for s in en_s]
    lines = []  # written at once: click.echo flushes each time, a system call a bead
    for bead in run_align(ru_s, en_s):
        r = " ".join(ru_text[i] for i in bead.ru)
        e = " ".join(en_text[j] for j in bead.en)
        if fmt == "jsonl":
            row = {"ru": list(bead.ru), "en": list(bead.en), "ru_text": r, "en_text": e, "score": round(bead.score, 4)}
            lines.append(json.dumps(row, ensure_ascii=False))
        elif fmt == "tsv":
            ids = lambda xs: ",".join(map(str, xs))  # noqa: E731
            lines.append(f"{ids(bead.ru)}\t{ids(bead.en)}\t{bead.score:.4f}\t{r}\t{e}")
        else:
            lines.append(f"[{bead.score:.2f}] {list(bead.ru)} ↔ {list(bead.en)}\n  ru: {r}\n  en: {e}")
    if lines:
        click.echo("\n".join(lines))


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["ru", "en"]), help="The text's language [from its letters].")
@click.option("--explain", is_flag=True, help="Show the rule that decided each boundary.")
@reports_errors
def segment(file, lang, explain):
    """Split a text into sentences, one per line (headings, datelines, bylines are their own).

    Example:

        cards segment seeds/minsk-washington/ru.txt --explain
    """
    from cards.text.load import load_document, read_text
    from cards.text.segment import segment_explained

    if lang is None:
        text = read_text(file)
        cyrillic = sum(1 for ch in text if "а" <= ch.lower() <= "я" or ch in "ёЁ")
        latin = sum(1 for ch in text if "a" <= ch.lower() <= "z")
        lang = "ru" if cyrillic > latin else "en"
    warnings: list[str] = []
    document = load_document(file, lang, warnings)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    for sentence, rule in segment_explained(document):
        if explain:
            click.echo(f"{sentence.text}\t[{sentence.kind}; {rule}]")
        else:
            click.echo(sentence.text)


class WithRulesLegend(click.Command):
    """A command whose help ends with the rules' legend, made only when the help is shown (it
    imports selection, which no other command's start-up should pay for)."""

    def format_epilog(self, ctx, formatter) -> None:
        from cards.deck.select import RULE_MEANINGS

        self.epilog = "\b\nRules:\n" + "\n".join(f"  {rule:<24} {meaning}" for rule, meaning in RULE_MEANINGS.items())
        super().format_epilog(ctx, formatter)


@main.command(cls=WithRulesLegend)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--words", is_flag=True, help="One line per content word instead: taught, known, or left out, and why.")
@learner_options
@sentence_options
@dictionary_options
@reports_errors
def inspect(inputs, fmt, words, known_sources, known_field, level, max_new, min_words, max_words, min_score,
            dictionary, no_system_dictionaries, no_dictionary):
    """Show every aligned pair, whether it became a card, the rule that decided, and its targets;
    or, with --words, every content word: taught, known, or left out, and why.

    INPUTS are two files RU EN, a pair folder, or a folder of pair folders (as for build).

    Example:

    \b
        cards inspect seeds/minsk-washington
        cards inspect seeds/minsk-washington --words --level B2
    """
    from cards.build import BuildOptions
    from cards.report import inspect_pairs

    if max_words is not None and max_words < min_words:
        raise click.BadParameter(f"must be at least --min-words ({min_words})", param_hint="--max-words")
    options = BuildOptions(level=level, max_new=max_new, known_sources=tuple(known_sources), known_field=known_field,
                           min_words=min_words, max_words=max_words, min_score=min_score,
                           dictionary=dictionary, use_dictionary=not no_dictionary,
                           system_dictionaries=not no_system_dictionaries)
    if words:
        from cards.report import inspect_words

        report, warnings = inspect_words(inputs, options)
        for warning in warnings:
            click.echo(f"warning: {warning}", err=True)
        for w in report:
            if fmt == "jsonl":
                click.echo(json.dumps({"lemma": w.lemma, "status": w.status, "reason": w.reason}, ensure_ascii=False))
            else:
                click.echo(f"{w.lemma:<24} {w.status:<13} {w.reason}")
        return
    rows, warnings = inspect_pairs(inputs, options)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if fmt == "table":
        click.echo(f"{'card':<4} {'score':>5} {'rule':<24} [targets] Russian  (rules: cards inspect --help)")
    for row in rows:
        if fmt == "jsonl":
            click.echo(json.dumps(asdict(row), ensure_ascii=False))
        else:
            mark = "✓" if row.chosen else " "
            words = ", ".join(t.lemma for t in row.targets)
            click.echo(f"{mark} {row.score:.2f} {row.rule:<24} [{words}] {row.ru[:90]}")


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the lemmas here [stdout].")
@click.option("--known-field", metavar="NAME", help="Anki field to read [per note type, the first Russian field].")
@reports_errors
def known(sources, out, known_field):
    """Write the lemmas of the words you know, one per line, sorted.

    SOURCES are word lists or texts (any forms), Anki decks (.apkg), collection backups (.colpkg) or
    collections (collection.anki2). From Anki, only notes you have studied count, unless none has been.

    Example:

        cards known words.txt my-deck.apkg --known-field Russian -o known.txt
    """
    from cards.deck.known import read_source, sort_key, write_known

    if out is not None and any(Path(s).exists() and out.exists() and out.samefile(s) for s in sources):
        raise click.BadParameter(f"{out} is one of the sources; writing there would replace it", param_hint="--out")
    lemmas = frozenset().union(*(read_source(s, known_field) for s in sources))
    if out is None:
        for lemma in sorted(lemmas, key=sort_key):
            click.echo(lemma)
    else:
        write_known(lemmas, out)
    where = f" to {out}" if out else ""
    click.echo(f"{len(lemmas)} known lemmas from {len(sources)} source(s){where}", err=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
