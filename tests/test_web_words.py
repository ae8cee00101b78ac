"""The page's own words and files, without a browser: lengths as people say them, messages
without the command line's flags, the voice list a person picks from, the app's manifest
and icons, and the set-up line `serve` gives without its extra."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed")

from voiceguide.web.voice_menu import voice_menu
from voiceguide.web.wording import at, for_page, instruction, length, rough_length

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(0.4, "0 s"), (45, "45 s"), (59.6, "1 min"), (60, "1 min"), (185.2, "3 min 5 s"),
     (604, "10 min 4 s"), (3600, "1 h"), (3725, "1 h 2 min")],
)  # fmt: skip
def test_a_length_is_said_to_the_second_without_decimals(seconds: float, said: str) -> None:
    assert length(seconds) == said
    assert length(seconds, about=True) == f"about {said}"


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(45, "45 s"), (44.2, "45 s"), (394.6, "about 7 min"), (600, "about 10 min"),
     (3900, "about 1 h 5 min")],
)  # fmt: skip
def test_a_track_in_a_list_is_about_so_many_minutes(seconds: float, said: str) -> None:
    assert rough_length(seconds) == said


def test_a_place_in_a_track_is_a_players_clock() -> None:
    assert [at(s) for s in (0, 22.2, 154.9, 3725)] == ["0:00", "0:22", "2:34", "1:02:05"]


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("--set seated-posture-reset.hold=abc: hold 'abc' is not a duration; write seconds",
         "hold 'abc' is not a duration; write seconds"),
        ("--rest 20: 20 is too long", "20 is too long"),
        ("--language: short (English) keeps its own lines as written",
         "short (English) keeps its own lines as written"),
        ("--week '9': quick has weeks 1 to 4", "quick has weeks 1 to 4"),
        ("voice 'x' is not a voice name; see voiceguide voices",
         "voice 'x' is not a voice name; pick one from the voice list"),
        ("left out: me.yaml does not validate (2 problems); `voiceguide validate me.yaml` shows them",
         "left out: me.yaml does not validate (2 problems); check me.yaml on the Your own article page"),
        ("hold must be positive", "hold must be positive"),
    ],
)  # fmt: skip
def test_a_message_on_the_page_names_no_flag_and_no_command(message: str, shown: str) -> None:
    assert for_page(message) == shown
    assert not re.search(r"(?<![\w-])--[a-z]|voiceguide (?:voices|validate)", for_page(message))


def test_an_instruction_reads_a_routines_side_as_the_first_side() -> None:
    said = instruction(
        ("Sit with your {side} leg out.",), ("Arms up.", "Arms down."), left="izquierda"
    )
    assert said == "Sit with your izquierda leg out. Arms up. Arms down."


def test_the_voice_list_names_a_few_voices_and_keeps_the_rest_behind_all_voices() -> None:
    installed = [
        ("en+m3", "the default voice"),
        ("gmw/en-029", "English (Caribbean) (espeak)"),
        ("natural", "Piper, US English (male); also --voice en_US-joe-medium (natural)"),
        ("de+m1", "the default voice for German routines"),
    ]
    # English's default is the natural voice where it is installed; espeak-ng's English
    # is still offered, as the clear, robotic one.
    languages = [("en", "English", "natural"), ("de", "Deutsch", "de+m1")]
    menu = voice_menu(installed, languages)
    assert [(c.ident, c.label) for c in menu.named] == [
        ("natural", "Natural (US English)"),
        ("en+m3", "Clear, robotic (English)"),
        ("de+m1", "Clear, robotic (Deutsch)"),
    ]
    assert [(c.ident, c.label) for c in menu.others] == [
        ("gmw/en-029", "English (Caribbean) (espeak)")
    ]
    without_natural = voice_menu(installed[:2], [("en", "English", "en+m3"), *languages[1:]])
    assert [c.ident for c in without_natural.named] == ["en+m3", "de+m1"]


def test_the_icons_are_the_covers_and_the_script_makes_the_same_bytes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "scripts" / "make_icons.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    made = script.icons()
    shipped = ROOT / "voiceguide" / "web" / "static" / "icons"
    assert sorted(made) == sorted(p.name for p in shipped.glob("*.png"))
    for name, data in made.items():
        assert (shipped / name).read_bytes() == data, f"{name}: run scripts/make_icons.py"
    cover = (ROOT / "audio_assets" / "cover.png").read_bytes()
    assert script.read_png(made["icon-512.png"]) == script.read_png(cover)
    small = script.read_png(made["icon-192.png"])
    assert (len(small), len(small[0])) == (192, 192 * 3)


def test_the_manifest_makes_an_installable_app_with_both_icons() -> None:
    from voiceguide.web.track import manifest

    made = manifest()
    json.dumps(made)
    assert made["display"] == "standalone" and made["start_url"] == "/"
    sizes = {icon["sizes"] for icon in made["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in made["icons"]:
        assert (ROOT / "voiceguide" / "web" / icon["src"].lstrip("/")).is_file()


def test_serve_without_its_extra_says_what_the_readmes_set_up_says(monkeypatch) -> None:
    import importlib.util as finder

    import voiceguide.web

    real = finder.find_spec
    monkeypatch.setattr(finder, "find_spec", lambda name: None if name == "uvicorn" else real(name))
    message = voiceguide.web.missing_extra()
    assert message is not None
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme[readme.index("## The web page") :].split("```")[1]
    for command in re.findall(
        r"scripts/run|\.venv/bin/pip install -e '\.\[web\]'|pip install 'voiceguide\[web\]'",
        message,
    ):
        assert command in setup, command
    assert "scripts/run" in message and "scripts/run" in setup
    run = (ROOT / "scripts" / "run").read_text(encoding="utf-8")
    assert re.search(r'VG_EXTRAS="\$\{VG_EXTRAS:-[^}]*\bweb\b', run)
