"""Word lists of the sentence segmenter (cards.text.segment): abbreviations by the way they
behave before a full stop, and the words that open an English sentence. Data only; the rules are in segment.py."""

# Abbreviations that stand before a name or a number: never a sentence end.
PREFIX = {
    "ru": {
        "г-н", "г-жа", "гн", "им", "ул", "пр", "просп", "пер", "пл", "наб", "кв", "корп", "стр", "см", "ср",
        "рис", "табл", "гл", "ст", "п", "пп", "ч", "проф", "акад", "доц", "ген", "полк", "подполк",
        "генерал-л", "пос", "дер", "с", "о", "оз", "тов", "св", "тт", "напр", "мин", "зам", "нач",
        "рук", "ред", "изд", "вып", "гос", "пгт", "д-р", "т.е", "т.к", "т.н", "и.о", "с.г", "в.о",
    },
    "en": {
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt",
        "gov", "sen", "rep", "rev", "prof", "pres", "hon", "st", "mt", "ft",
        "vs", "v", "approx", "dept", "messrs", "mme", "mlle", "e.g", "i.e", "cf", "viz", "gens", "incl",
        "assoc", "univ", "est", "fr", "supt", "insp", "det", "cllr", "amb",
    },
}
# Abbreviations that stand before a number (`No. 5`, `Fig. 2`, `Sept. 11`): join only then.
NUMBER_PREFIX = {
    "ru": {"№"},
    "en": {"no", "nos", "fig", "figs", "vol", "pp", "p", "art", "para", "sec", "ch", "op", "b", "c", "ca", "jan", "feb", "mar",
           "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"},
}
# Abbreviations that often end a sentence too: split only when the next word clearly starts one.
ENDING = {
    "ru": {
        "г", "гг", "в", "вв", "млн", "млрд", "трлн", "тыс", "руб", "коп", "долл", "евро", "т.д", "т.п",
        "др", "пр", "обл", "р-н", "англ", "нем", "франц", "лат", "греч", "рус", "белор", "укр", "кг",
        "км", "мин", "сек", "ч", "м", "л", "га", "проц", "ок", "дол", "т",
    },
    "en": {
        "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "inc", "ltd", "co", "corp", "jr", "sr", "etc",
        "a.m", "p.m", "bros", "llc", "plc", "ave", "blvd", "rd", "u.s.s.r", "n.y", "l.a", "s.a",
        "ph.d", "b.a", "m.a", "m.p", "r.i.p",
    },
}
# Words that open an English sentence, so a capital after an ambiguous abbreviation is a new one.
EN_STARTERS = set(
    """the a an he she it they we i you this that these those there here his her its their our my
    but and or so yet however meanwhile moreover still then now in on at for from by with as if when
    while after before since although though because what who which where why how no not all some
    many most one both each every such another other only even also mr mrs ms dr later earlier today
    yesterday tomorrow last next finally instead nevertheless nonetheless therefore thus hence indeed
    besides furthermore again afterwards soon recently currently perhaps maybe neither either few
    several none nobody everyone someone according""".split()
)
