"""Optional audio: a Russian sentence spoken by espeak-ng (`-v ru`) and encoded to MP3 by lame.

Media files are named by a hash of what is spoken and how (`cards-<sha1[:16]>.mp3`, lower case), so
the same sentence always gets the same file and a rebuild neither duplicates media nor speaks again.
Stress marks are stripped before speaking: espeak-ng 1.51 ignores U+0301 in Russian (за́мок and
замо́к both come out as zam'ok); ё is kept, and it matters (елка is read j'elka, ёлка j'8lka), so
pass the text through `cards.lexicon.stress.accentuate` first when stress is on.

Public: synthesize, media_name, speakable, tools_missing, AudioError, INSTALL.

Example:
    >>> synthesize("Минск и Вашингтон на пути к большой сделке.", Path("media"))  # doctest: +SKIP
    PosixPath('media/cards-….mp3')
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from cards.errors import CardsError

TOOLS = ("espeak-ng", "lame")
INSTALL = "apt-get install espeak-ng lame"
VOICE = "ru"
SPEED = 140  # words per minute; espeak's default 175 is fast for a learner
ESPEAK = ("espeak-ng", "-v", VOICE, "-s", str(SPEED), "--stdin", "-w")
LAME = ("lame", "--quiet", "-m", "m", "-b", "48")  # mono speech at 48 kbit/s: ~6 kB a second
TIMEOUT = 120
_MARKS = re.compile("[\u0300\u0301]")
_SPACE = re.compile(r"\s+")


class AudioError(CardsError):
    """Audio was asked for but could not be made (tools missing, nothing to speak, a tool failed)."""


def tools_missing() -> list[str]:
    """The command-line tools audio needs that are not on PATH (empty when audio can be made)."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def speakable(text: str) -> str:
    """What espeak-ng is given: `text` without stress marks (ё kept), its spacing folded."""
    decomposed = unicodedata.normalize("NFD", text)
    return _SPACE.sub(" ", unicodedata.normalize("NFC", _MARKS.sub("", decomposed))).strip()


def media_name(text: str) -> str:
    """The file name for `text`: lower case, from a hash of what is spoken and the voice settings."""
    key = "\n".join([VOICE, str(SPEED), " ".join(LAME), speakable(text)])
    return f"cards-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}.mp3"


def _run(command: list[str], stdin: str | None = None) -> None:
    try:
        subprocess.run(command, input=stdin, capture_output=True, text=True, check=True, timeout=TIMEOUT)
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or "").strip().splitlines()[-1:] or [f"exit status {exc.returncode}"]
        raise AudioError(f"{command[0]} failed: {detail[0]}") from exc
    except subprocess.TimeoutExpired as exc:
        raise AudioError(f"{command[0]} took more than {TIMEOUT} s") from exc
    except OSError as exc:
        raise AudioError(f"{command[0]} could not run ({exc}). Install it: {INSTALL}") from exc


def synthesize(text: str, folder: Path) -> Path:
    """The MP3 of `text` spoken in Russian, in `folder` (created if needed); made only if not there yet.

    Written atomically (a temporary file in the same folder, then renamed). Raises AudioError when
    espeak-ng or lame is missing, when the text has nothing to speak, or when a tool fails.
    """
    missing = tools_missing()
    if missing:
        raise AudioError(
            f"audio needs espeak-ng and lame ({', '.join(missing)} not found): {INSTALL}, or build without audio"
        )
    spoken = speakable(text)
    if not any(ch.isalnum() for ch in spoken):
        raise AudioError(f"nothing to speak in {text!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / media_name(text)
    if target.is_file() and target.stat().st_size > 0:
        return target
    with tempfile.TemporaryDirectory(dir=folder, prefix=".cards-audio-") as tmp:
        wav, mp3 = Path(tmp) / "speech.wav", Path(tmp) / "speech.mp3"
        _run([*ESPEAK, str(wav)], stdin=spoken)
        _run([*LAME, str(wav), str(mp3)])
        os.replace(mp3, target)
    return target
