"""Text as it enters (a routine, a profile, the page's JSON, the command line) and what the
voice can say of it: half a character is refused where it is read; text the voice would
read out letter by letter or by a symbol's name is refused by `validate` as by `build`;
and what validates builds, with every voice variant `voiceguide voices` advertises."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import FIXTURES, one_error
from helpers import run_cli as run

from voiceguide.routine.reader import parse_routine
from voiceguide.speech import Voice
from voiceguide.speech.cache import read_clip
from voiceguide.speech.checks import problem_with
from voiceguide.speech.engines import make_engine


def routine(title: str = "Test", name: str = "Wall lean", say: str = "Lean on the wall.") -> str:
    """A one-exercise routine whose title, name and line are given as YAML scalars."""
    return (
        f"title: {title}\nexercises:\n  - name: {name}\n    position: standing\n"
        f"    say: {say}\n    hold: 3\n"
    )


# --- half a character (lone surrogates) ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        (routine(title='"Test \\ud83d"'), 1, 8),  # an escape in a double-quoted YAML string
        (routine(name='"Wall \\udcaa lean"'), 3, 11),  # the second half alone
        (routine(say='["Lean.", "Relax \\ud800"]'), 5, 20),  # inside a list
        (routine() + '"\\udfff": 1\n', 7, 1),  # a key
    ],
)
def test_half_a_character_is_refused_where_the_yaml_is_read(tmp_path, text, line, column):
    path = tmp_path / "half.yaml"
    path.write_text(text, encoding="utf-8")
    for command in ("validate", "plan"):
        message = one_error(run(command, path))
        assert message.startswith(f"{path}:{line}:{column}: "), message
        assert "is half of a character" in message and "write the character itself" in message


def test_an_emoji_written_as_two_escapes_is_one_character():
    """json.dumps writes "💪" as "\\ud83d\\udcaa"; YAML reads the file as JSON, and the two
    halves are joined as JSON joins them (here in `source:`, which is never spoken)."""
    text = json.dumps(
        {
            "title": "Test",
            "source": "notes \U0001f4aa.txt",
            "exercises": [{"name": "Lean", "position": "standing", "say": "Lean.", "hold": 3}],
        }
    )
    assert "\\ud83d\\udcaa" in text
    assert parse_routine(text, "r.json").source == "notes \U0001f4aa.txt"


def test_half_a_character_in_a_profile_is_refused_at_its_place(tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text('level: gentle\nvoice: "en\\ud83d"\n', encoding="utf-8")
    message = one_error(run("plan", FIXTURES / "short.yaml", "--profile", profile))
    assert message.startswith(f"{profile}:2:8: ") and "half of a character" in message


@pytest.mark.parametrize(
    "option",
    [
        ["--together", "--name", b"Morning\xed\xa0\xbd"],  # a surrogate's own bytes
        ["--rest", b"5\xff"],
        ["--set", b"wall-lean.hold=\xe9"],  # Latin-1, not UTF-8
        ["--only", b"\xc3"],
        ["--voice-command", b"/bin/ech\xffo {text} {out}"],
    ],
)
def test_bytes_that_are_not_utf8_on_the_command_line_are_refused(option):
    """Arguments arrive as bytes; Python keeps the ones that are not UTF-8 as surrogates."""
    routines = [str(FIXTURES / "short.yaml")] * (2 if "--together" in option else 1)
    done = subprocess.run(
        [sys.executable, "-m", "voiceguide.cli", "plan", *routines, *option],
        capture_output=True,
        check=False,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert len(stderr.splitlines()) == 1 and "not UTF-8 text" in stderr, stderr


# --- text the voice cannot say as words ----------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "found"),
    [
        ({"title": '"שלום עולם"'}, "Hebrew letters ('שלום')"),
        ({"name": "تمرين الجدار"}, "Arabic letters"),
        ({"say": "靠墙站立。"}, "Chinese letters"),
        ({"title": "Растяжка"}, "Cyrillic letters"),
        ({"name": "Κάμψη"}, "Greek letters"),
        ({"say": "壁に寄りかかる"}, "Chinese letters"),  # kanji first
        ({"title": "ストレッチ"}, "Japanese letters"),
        ({"title": '"Stretch \U0001f4aa"'}, "'\U0001f4aa', which the voice says by its name"),
        ({"say": '"Lean in \U0001f642 and breathe."'}, "slightly smiling face"),
        ({"name": '"Done \u2713"'}, "check mark"),
        ({"title": '"Stretch \U0001f9d8\u200d\u2640\ufe0f"'}, "person in lotus position"),
        ({"title": '"<b>Bold</b> & co"'}, "markup ('<b>')"),
        ({"say": "Lean &amp; breathe."}, "markup ('&amp;')"),
        ({"name": '"<br/>Lean"'}, "markup"),
        ({"title": '"!!!"'}, "nothing the voice can say ('!!!')"),
        ({"title": '"\\u0301\\u0302\\u0303"'}, "nothing the voice can say"),
        ({"name": '"..."'}, "nothing the voice can say"),
        ({"title": '"Stretch \u0663"'}, "Arabic Indic digits ('\u0663')"),
    ],
)
def test_text_the_voice_cannot_say_is_refused_by_validate_and_build(tmp_path, fields, found):
    path = tmp_path / "odd.yaml"
    path.write_text(routine(**fields), encoding="utf-8")
    refused = one_error(run("validate", path))
    assert found in refused, refused
    assert refused.startswith(f"{path}:") and refused.count(":") >= 3
    fixes = ("in Latin letters", "as 0-9", "plain text", "in words", "the word you mean")
    assert refused.endswith(fixes), refused
    # build refuses it the same way, before anything is spoken
    assert one_error(run("build", path, "-o", tmp_path / "out")) == refused
    assert not (tmp_path / "out").exists()


def test_a_together_title_the_voice_cannot_say_is_refused():
    short = FIXTURES / "short.yaml"
    message = one_error(run("plan", short, short, "--together", "--name", "\U0001f4aa"))
    # The name is a file's name too: refused as one, before a title the voice cannot say.
    assert message.startswith("--name \U0001f4aa: use letters, digits"), message


@pytest.mark.slow
def test_odd_latin_text_that_validates_builds(tmp_path):
    """Letters and symbols a voice reads out by name (Shhh: ess aitch aitch aitch; *:
    asterisk; C++: see plus plus) are said, not refused: the clip check allows for them."""
    path = tmp_path / "odd.yaml"
    path.write_text(
        "title: 'Shhh: C++ & Tom*'\n"
        "intro: 'Up/down, ~relax~, 50% effort; A+B.'\n"
        "exercises:\n"
        "  - {name: ABC stretch, position: standing, say: 'Brr, Hmm... Psst!', hold: 3}\n"
        "  - {name: 'Caf\u00e9 \u0141\u00f3d\u017a', position: standing, say: 'e\u0301 \u0126 D\u017e', hold: 3}\n"
        "  - {name: 'W #tag @home', position: standing, say: 'x\u00b2 \u00bd $ \u20ac', hold: 3}\n",
        encoding="utf-8",
    )
    checked = run("validate", path)
    assert checked.exit_code == 0, checked.output
    built = run("build", path, "-o", tmp_path / "out", "--cache-dir", tmp_path / "cache")
    assert built.exit_code == 0, built.output


# Every variant `voiceguide voices` advertises ("VOICE+m1 to +m8, +f1 to +f5").
VARIANTS = [f"m{n}" for n in range(1, 9)] + [f"f{n}" for n in range(1, 6)]


@pytest.mark.parametrize("voice", ["en-us+f3", *(f"en+{v}" for v in VARIANTS)])
def test_every_advertised_variant_passes_the_checks_on_short_phrases(tmp_path, voice):
    """ "6", "Six." and "Yes." are mostly hiss: the female variants once failed the noise
    check on them every time. Numbers said fast are too short for a ratio to judge."""
    for rate, texts in ((160, ["6", "Six.", "Yes.", "Rest.", "16", "Hiss."]), (350, ["2"])):
        engine = make_engine(Voice(voice, rate))
        try:
            for number, text in enumerate(texts):
                path = tmp_path / f"{rate}-{number}.wav"
                engine.synthesize(text, path)
                pcm = read_clip(path, engine.sample_rate)
                problem = problem_with(
                    pcm, engine.sample_rate, text, words_per_minute=rate, pace=engine.pace
                )
                assert problem is None, (voice, rate, text, problem)
        finally:
            engine.close()


@pytest.mark.parametrize(
    ("voice", "rate", "text"),
    [("de+f2", 300, "22"), ("de+f5", 300, "22"), ("fr+f5", 300, "23"), ("fr+f4", 100, "13")],
)
def test_the_other_languages_variants_count_in_their_own_words(tmp_path, voice, rate, text):
    """German "zweiundzwanzig" has four syllables, not three; the female French variants
    draw "vingt-trois" and "treize" out to twice the default voice's length."""
    engine = make_engine(Voice(voice, rate))
    try:
        engine.synthesize(text, tmp_path / "clip.wav")
        pcm = read_clip(tmp_path / "clip.wav", engine.sample_rate)
    finally:
        engine.close()
    assert (
        problem_with(pcm, engine.sample_rate, text, words_per_minute=rate, pace=engine.pace) is None
    )


def test_compile_leaves_out_what_the_voice_would_read_by_name(tmp_path):
    article = tmp_path / "blog.md"
    article.write_text(
        "# \U0001f4aa Upper back routine \U0001f600\n\n"
        "## 1. Wall lean \U0001f4aa\n\nStand facing a wall. Lean in gently \U0001f642. "
        "Hold for 30 seconds.\n\n"
        "## 2. Shoulder <b>squeeze</b>\n\nSit tall. Squeeze your shoulder blades \u2713. "
        "Repeat 10 times.\n\n"
        "## 3. \u05e9\u05dc\u05d5\u05dd stretch\n\nStand tall and reach up. Hold for 20 seconds.\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft.yaml"
    done = run("compile", article, "-o", out)
    assert done.exit_code == 0, done.output
    draft = out.read_text(encoding="utf-8")
    for gone in ("\U0001f4aa", "\U0001f600", "\U0001f642", "\u2713", "<b>", "\u05e9"):
        assert gone not in draft
    assert "title: Upper back routine" in draft
    assert run("validate", out).exit_code == 0


def test_the_page_answers_half_a_character_beside_its_field(tmp_path):
    pytest.importorskip("starlette")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from voiceguide.web.app import Config, make_app

    client = TestClient(
        make_app(Config(output=tmp_path, routines=FIXTURES, hosts=("testserver",), port=80)),
        raise_server_exceptions=False,
    )
    # JSON as json.dumps writes it: the escape stays an escape until the server reads it
    for field, value in (("rest", "5\\ud83d"), ("voice", "en\\udcaa"), ("level", "\\ud800")):
        body = f'{{"slug": "short", "{field}": "{value}"}}'.encode()
        for route in ("/api/plan", "/api/build"):
            answer = client.post(route, content=body, headers={"content-type": "application/json"})
            assert answer.status_code == 400, (route, answer.text)
            errors = answer.json()["errors"]
            assert list(errors) == [field] and "half of a character" in errors[field]
    draft = routine(title='"Test \\ud83d"')  # the escape inside the YAML text itself
    answer = client.post(
        "/api/validate",
        content=json.dumps({"yaml": draft}).encode(),
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 200 and answer.json()["ok"] is False
    assert "half of a character" in answer.json()["problems"][0]
    lone = b'{"yaml": "title: Test \\ud83d"}'  # a lone half in the JSON itself
    answer = client.post(
        "/api/validate", content=lone, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 400 and "half of a character" in answer.json()["errors"]["yaml"]


@pytest.mark.real_speech
@pytest.mark.parametrize(("voice", "language"), [("ar", "Arabic"), ("ja", "Japanese")])
def test_a_voice_of_another_language_that_cannot_say_the_phrases_is_the_persons_to_change(
    tmp_path, voice, language
):
    """Most voices read Latin letters as English does (he, ru, hi...); these say the
    phrases in a way no English pace allows: not a machine fault, but the wrong voice."""
    message = one_error(
        run("build", FIXTURES / "short.yaml", "-o", tmp_path / "out", "--voice", voice,
            "--cache-dir", tmp_path / "cache")
    )  # fmt: skip
    assert message.startswith(f"voice '{voice}' speaks {language}, and cannot say ")
    assert message.endswith("choose an English voice, like en+m3 (leave --voice out for it)")


def test_an_angle_is_said_as_meant():
    """ "90°" is "ninety degrees" in every routine language: a sign said as the word meant."""
    parse_routine(routine(title='"Neck tilt 45°"', say='"Bend your elbows to 90°."'), "r.yaml")


def test_compile_names_a_heading_of_nothing_but_marks(tmp_path):
    article = tmp_path / "page.md"
    article.write_text(
        "# ·\n\n## ***\n\nStand tall and reach up. Hold for 20 seconds.\n\n"
        "## 2. Wall lean\n\nLean on the wall. Hold for 30 seconds.\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft.yaml"
    done = run("compile", article, "-o", out)
    assert done.exit_code == 0, done.output
    assert run("validate", out).exit_code == 0
