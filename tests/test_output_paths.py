"""Where outputs go: a folder voiceguide names itself (a split routine's, a programme's) is
never written through a symbolic link, and a path the system refuses as too long is the
person's to shorten (exit 2, what to change), not a machine fault."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import FIXTURES, one_error
from helpers import run_cli as run

SHORT = FIXTURES / "short.yaml"


# --- links where voiceguide makes a folder -------------------------------------------------


@pytest.mark.parametrize("target", ["folder", "missing", "file"])
def test_a_split_build_never_writes_through_a_link_to_elsewhere(tmp_path, target):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    if target == "folder":
        elsewhere.mkdir()
        (elsewhere / "01-old.mp3").write_text("someone else's")  # named like a split track
    elif target == "file":
        elsewhere.write_text("someone else's")
    (out / "short").symlink_to(elsewhere)
    message = one_error(run("build", SHORT, "-o", out, "--split", "--no-cache"))
    assert message.startswith(f"{out / 'short'} is a symbolic link") and "-o" in message
    assert (out / "short").is_symlink()
    if target == "folder":
        assert [p.name for p in elsewhere.iterdir()] == ["01-old.mp3"]
    elif target == "file":
        assert elsewhere.read_text() == "someone else's"
    else:
        assert not elsewhere.exists()


def test_a_programmes_own_folder_is_never_a_link(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "voiceguide-out").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "voiceguide-out" / "relief-four-weeks").symlink_to(tmp_path / "elsewhere")
    message = one_error(run("program", "relief-four-weeks"))
    assert message.startswith("voiceguide-out/relief-four-weeks is a symbolic link")
    assert list((tmp_path / "elsewhere").iterdir()) == []


# --- paths too long ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shape",
    [
        "one name of 300 characters",
        "a name of 256",
        "a path of 4,400 characters",
        "a name of 200 two-byte letters",
    ],
)
def test_an_output_folder_too_long_is_the_persons_to_shorten(tmp_path, shape):
    folder = {
        "one name of 300 characters": tmp_path / ("a" * 300),
        "a name of 256": tmp_path / ("b" * 256),
        "a path of 4,400 characters": tmp_path.joinpath(*["c" * 200] * 22),
        "a name of 200 two-byte letters": tmp_path / ("\u00e9" * 200),
    }[shape]
    for args in (["build", SHORT, "-o", folder], ["program", "relief-four-weeks", "-o", folder]):
        message = one_error(run(*args))
        assert "the path is too long" in message and "choose a shorter" in message
        assert len(message) < 300  # the path is shortened in the message, not printed whole
    assert list(tmp_path.iterdir()) == []


def test_a_folder_just_short_enough_for_the_name_but_not_the_file_is_refused_cleanly(tmp_path):
    """The folder passes; the track's name inside it takes the path over the limit."""
    depth = (4096 - len(str(tmp_path)) - 10) // 201
    folder = tmp_path.joinpath(*["d" * 200] * depth)
    os.makedirs(folder, exist_ok=True)
    done = run("build", SHORT, "-o", folder, "--no-cache")
    if done.exit_code == 0:
        pytest.skip("this system takes the whole path")
    assert "the path is too long" in one_error(done)


@pytest.mark.parametrize("what", ["routine", "profile", "music", "cache"])
def test_an_input_path_too_long_is_the_persons_to_shorten(tmp_path, what):
    long = tmp_path / ("x" * 300 + ".yaml")
    args = {
        "routine": ["validate", long],
        "profile": ["plan", SHORT, "--profile", long],
        "music": ["build", SHORT, "-o", tmp_path / "out", "--music", long],
        "cache": ["build", SHORT, "-o", tmp_path / "out", "--cache-dir", Path(str(long) + "d")],
    }[what]
    message = one_error(run(*args))
    assert "the path is too long" in message and "choose a shorter" in message


def test_a_file_name_the_system_takes_is_written_whatever_its_length(tmp_path):
    """A routine named at 250 characters validates, so it builds: each file's temporary
    twin beside it cuts the name short rather than passing the system's 255."""
    routine = tmp_path / ("r" * 250 + ".yaml")
    routine.write_bytes((FIXTURES / "short.yaml").read_bytes())
    result = run("build", routine, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / ("r" * 250 + ".mp3")).stat().st_size > 0
    assert not [p for p in (tmp_path / "out").iterdir() if ".part" in p.name]
