"""The house: no import cycles in cards/ (imports inside functions count too), and no stage imports the CLI."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cards"


def module_name(path: Path) -> str:
    return ".".join(("cards", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")


def import_graph() -> dict[str, set[str]]:
    """Module → the cards modules it imports anywhere in its source (`from cards import x` of a
    submodule x is an edge to cards.x, not to the package)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "cards":
                subs = {f"{node.module}.{a.name}" for a in node.names} & set(modules)
                graph[name] |= subs
                if len(subs) < len(node.names) and node.module in modules:
                    graph[name].add(node.module)
            elif isinstance(node, ast.Import):
                graph[name] |= {a.name for a in node.names if a.name in modules}
        graph[name].discard(name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_import_graph_has_no_cycles():
    graph = import_graph()
    assert {"cards.align.words", "cards.lexicon.lexicon", "cards.lexicon.dictionary"} <= set(graph)
    assert "cards.lexicon.cognates" in graph["cards.lexicon.dictionary"]  # the graph sees imports inside functions
    assert cycles(graph) == []


def test_the_cycle_finder_finds_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_stage_imports_the_command_line():
    graph = import_graph()
    assert [m for m, imports in graph.items() if "cards.cli" in imports and m != "cards.__main__"] == []


# What `cards align --presegmented` may import of cards: the aligner and what reads its two files, the
# command line, and the dictionary table's home. Not the text clean-up and segmenter, the lexicon, the
# deck stages, nor any heavy library: a whole run of 1,000 lines a side takes well under a second, so
# an import of a few milliseconds shows (issue #13: at least 20× faster than nltk's Gale–Church).
ALIGN_MAY_IMPORT = {"cards", "cards.cli", "cards.errors", "cards.model", "cards.text", "cards.text.pairs",
                    "cards.text.read", "cards.deck", "cards.deck.files", "cards.lexicon", "cards.lexicon.tables",
                    "cards.lexicon.cognates"}
ALIGN_NEEDS_NOT = ("nltk", "scipy", "torch", "pymorphy3", "wordfreq", "platformdirs", "html.parser")


def test_align_presegmented_imports_only_what_it_needs(tmp_path):
    import json
    import os
    import subprocess
    import sys

    ru, en = tmp_path / "ru.txt", tmp_path / "en.txt"
    ru.write_text("Президент подписал указ.\nЗакон вступит в силу в мае.\n", encoding="utf-8")
    en.write_text("The president signed a decree.\nThe law takes effect in May.\n", encoding="utf-8")
    code = ("import json, sys\nfrom click.testing import CliRunner\nfrom cards.cli import main\n"
            f"result = CliRunner().invoke(main, ['align', '--presegmented', {str(ru)!r}, {str(en)!r}])\n"
            "assert result.exit_code == 0, result.output\nprint(json.dumps(sorted(sys.modules)))\n")
    env = {**os.environ, "PYTHONPATH": str(PACKAGE.parent)}
    for _ in range(2):  # the first run may make the dictionary's table (that imports the lexicon)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    modules = set(json.loads(out.stdout.splitlines()[-1]))
    ours = {m for m in modules if m.startswith("cards") and not m.startswith("cards.align")}
    assert ours <= ALIGN_MAY_IMPORT, sorted(ours - ALIGN_MAY_IMPORT)
    assert "cards.align.features" in modules  # the run did align
    assert [m for m in ALIGN_NEEDS_NOT if m in modules] == []


def test_align_dictionary_reads_the_lexicon_data_folder():
    from cards.align import dictionary
    from cards.lexicon import lexicon

    assert dictionary.DATA_DIR == lexicon.DATA_DIR
