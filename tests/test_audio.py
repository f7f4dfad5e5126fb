"""Audio: naming and messages always; real espeak-ng + lame output when both are installed."""

import os
import re
import subprocess
import wave

import pytest

from cards.deck import audio
from cards.errors import CardsError

A = "\u0301"
SENTENCE = "Минск и Вашингтон на пути к большой сделке."
tools = pytest.mark.skipif(bool(audio.tools_missing()), reason="espeak-ng or lame not installed")


def test_speakable_strips_marks_keeps_yo_and_folds_space():
    assert (
        audio.speakable(f"  Замо{A}к\u00a0и\n ёлка, и е\u0308лка, мои\u0306 сде\u0300лка ")
        == "Замок и ёлка, и ёлка, мой сделка"
    )


def test_media_name_is_lower_case_hashed_and_ignores_stress_marks():
    name = audio.media_name(SENTENCE)
    assert re.fullmatch(r"cards-[0-9a-f]{16}\.mp3", name)
    assert audio.media_name(f"Минск и Вашингто{A}н на пути{A} к большо{A}й сде{A}лке.") == name
    assert audio.media_name("  Минск и  Вашингтон на пути к большой сделке.\n") == name
    assert audio.media_name("Минск и Вашингтон на пути к большой сделке!") != name
    assert audio.media_name("ёлка") != audio.media_name("елка")  # spoken differently


def test_missing_tools_are_named_with_the_install_line(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert audio.tools_missing() == ["espeak-ng", "lame"]
    with pytest.raises(
        audio.AudioError,
        match=r"^audio needs espeak-ng and lame \(espeak-ng, lame not found\): apt-get install espeak-ng lame",
    ):
        audio.synthesize(SENTENCE, tmp_path / "media")
    assert issubclass(audio.AudioError, CardsError)
    assert not (tmp_path / "media").exists()


def _fake_tool(folder, name, body):
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


def test_a_failing_tool_gives_its_message_and_leaves_nothing(monkeypatch, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_tool(bin_dir, "espeak-ng", "echo 'voice ru not found' >&2; exit 1")
    _fake_tool(bin_dir, "lame", "exit 0")
    monkeypatch.setenv("PATH", str(bin_dir))
    assert audio.tools_missing() == []
    media = tmp_path / "media"
    with pytest.raises(audio.AudioError, match=r"^espeak-ng failed: voice ru not found$"):
        audio.synthesize(SENTENCE, media)
    assert list(media.iterdir()) == []


def test_nothing_to_speak(tmp_path):
    if audio.tools_missing():
        pytest.skip("espeak-ng or lame not installed")
    with pytest.raises(audio.AudioError, match="nothing to speak"):
        audio.synthesize(" … — ", tmp_path)


def _duration(mp3, tmp_path):
    wav = tmp_path / (mp3.name + ".wav")
    subprocess.run(["lame", "--quiet", "--decode", str(mp3), str(wav)], check=True)
    with wave.open(str(wav)) as w:
        return w.getnframes() / w.getframerate()


@tools
def test_real_mp3_named_by_content_and_not_made_twice(tmp_path):
    media = tmp_path / "media"
    path = audio.synthesize(SENTENCE, media)
    assert path == media / audio.media_name(SENTENCE)
    head = path.read_bytes()[:3]
    assert head == b"ID3" or (head[0] == 0xFF and head[1] & 0xE0 == 0xE0)  # MP3 frame sync
    assert sorted(p.name for p in media.iterdir()) == [path.name]  # no temporary files left
    stamp = path.stat().st_mtime_ns
    os.utime(path, ns=(stamp - 10**9, stamp - 10**9))
    again = audio.synthesize(f"Минск и Вашингто{A}н на пути{A} к большо{A}й сде{A}лке.", media)
    assert again == path and path.stat().st_mtime_ns == stamp - 10**9  # reused, not spoken again


@tools
def test_real_duration_fits_the_text(tmp_path):
    short = audio.synthesize("Да.", tmp_path)
    long_text = (
        "Во Дворце независимости президент Беларуси Александр Лукашенко принимал делегацию "
        "во главе со спецпосланником США Джоном Коулом."
    )
    long = audio.synthesize(long_text, tmp_path)
    words = len(long_text.split())
    seconds = _duration(long, tmp_path)
    assert words / 3.5 < seconds < words / 1.0  # espeak-ng at 140 wpm says about two words a second
    assert _duration(short, tmp_path) < 1.5
    assert short != long
