"""The README, as sqlite-utils' docs tests do it: every command and option of `--help` is documented,
and the command lines of its "Command line" section run."""

import re
import shlex
import shutil
from pathlib import Path

from click.testing import CliRunner

from cards.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_in_the_readme():
    missing = []
    for name, command in main.commands.items():
        if f"cards {name}" not in README:
            missing.append(f"cards {name}")
        for param in command.params:
            missing += [f"cards {name} {opt}" for opt in (*param.opts, *param.secondary_opts)
                        if opt.startswith("--") and opt not in README]
    assert missing == []


def readme_commands() -> list[str]:
    """The runnable lines of the README's "Command line" block: no placeholders, no files a reader
    must bring (their word lists, their Anki collection), no speech tools."""
    block = README.split("## Command line", 1)[1].split("\n\n", 2)[1]
    lines = [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip().startswith("cards ")]
    return [line for line in lines
            if not re.search(r"\b(RU|EN|FILE|SOURCE)\b|\[|my-words|collection\.anki2|--audio|ru\.txt en\.txt", line)]


def test_the_readme_command_lines_run(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    commands = readme_commands()
    assert len(commands) >= 6
    for line in commands:
        args = shlex.split(line)[1:]
        if args[0] == "build" and "--no-stress" not in args:
            args.append("--no-stress")  # the same build, without loading the optional stress model
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, f"{line}\n{result.output}"
    assert (tmp_path / "decks" / "minsk-washington.apkg").exists()
