"""Every `voiceguide` command the README shows, run as a newcomer would run it.

The README's fenced code blocks are read; each command in them (a `$ voiceguide ...` line, or a
`voiceguide ...` line in a shell block) must have a row in HOW_EACH_IS_RUN below, and each
row's command must still be in the README. Commands run in order, each block in its own
temporary folder (a block's commands share it, as a person's terminal would), in this process
through click's CliRunner, except `serve`, which runs as a program and is stopped with Ctrl-C.

What is checked:
- the exit status: 0, or 2 where the README shows `voiceguide: error:` lines;
- the output, where the README shows some under a `$` command: line for line, after the
  normalising in NORMALISE (what must vary: the port and LAN address `serve` gets, its
  token). A line `...`, or a line in square brackets (`[a QR code]`), stands for any lines;
- `ls FOLDER`: the names shown are there, and no others unless `...` is shown;
- a comment `#   -> PATH` under a command: the command made PATH.
- the synopsis under "## Commands": each command's `--help` works and names every option shown.

Speech goes through the fake engine (conftest.py) unless a row says otherwise: the README's
commands are about what is built, not how the voice sounds. Where running a command as shown
would take minutes (a whole 11-minute routine), its row adds `--only` and says why: the
command's own arguments are always passed as shown.
"""

from __future__ import annotations

import os
import queue
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import FIXTURES

from voiceguide.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
ARTICLES = ROOT / "tests" / "articles"
FROM_README = "from the README"  # a file whose text is a code block of the README itself


@dataclass(frozen=True)
class Run:
    """How one README command runs here, and why it differs from the README, if it does."""

    files: dict[str, Path | str] = field(default_factory=dict)  # put in the folder first
    add: tuple[str, ...] = ()  # arguments added after the command's own
    replace: dict[str, str] = field(default_factory=dict)  # text replaced in the command
    real_speech: bool = False  # the command's own program speaks, not the fake engine
    why: str = ""


SHORTER = "the first exercise only: the whole routine takes minutes to encode"
# Every command the README shows, and how it runs here. A new command in the README fails
# the test until it has a row; a row whose command left the README fails too.
HOW_EACH_IS_RUN: dict[str, Run] = {
    "voiceguide build chair-mobility five-moves": Run(
        add=("--only", "chair-mobility:1", "--only", "five-moves:1"), why=SHORTER
    ),
    "voiceguide build circuit.yaml --split": Run(
        files={"circuit.yaml": FIXTURES / "rounds" / "circuit.yaml"},
        why="the README's circuit (under 'Rounds') is shown in part; the tests' circuit has "
        "the same exercises with short holds",
    ),
    "voiceguide build stretch-and-strengthen --hold 45 --suffix -45s": Run(
        add=("--only", "1"), why=SHORTER
    ),
    "voiceguide plan five-moves --set shoulder-blade-squeeze.reps=8 --set door.hold=40 --rest 30": Run(),
    "voiceguide build --profile ~/my-back.yaml --sets 1": Run(
        files={"~/my-back.yaml": FROM_README},
        add=("five-moves", "--only", "1"),
        why="the README's profile, in a home folder of its own; one bundled routine's first "
        "exercise, not all nine routines",
    ),
    "voiceguide validate my-routine.yaml": Run(
        files={"my-routine.yaml": FIXTURES / "readme" / "my-routine.yaml"}
    ),
    "voiceguide compile handout.txt -o back.yaml": Run(
        files={"handout.txt": ARTICLES / "01-numbered-steps.md"},
        why="the handout is one of the tests' articles",
    ),
    "voiceguide build back.yaml": Run(add=("--only", "1"), why=SHORTER),
    "voiceguide plan relief-sitting --language de": Run(),
    "voiceguide voices": Run(),
    "voiceguide build five-moves --voice natural": Run(
        add=("--only", "1"),
        why=SHORTER + "; without the natural extra the README's own claim is checked instead "
        "(exit 2 and the install line)",
    ),
    "voiceguide build five-moves --voice-command '.venv/bin/python examples/say_with_espeak.py --voice en+f3 --rate {rate} {out} -- {text}'": Run(
        add=("--only", "1"),
        replace={".venv/bin/python": sys.executable, "examples/": f"{ROOT}/examples/"},
        real_speech=True,
        why=SHORTER + "; the checkout's paths, as the README's set-up makes them",
    ),
    "VOICEGUIDE_SPEECH=fake voiceguide build five-moves -o /tmp/out": Run(
        add=("--only", "1"), replace={"/tmp/out": "out"}, why=SHORTER + "; a private folder"
    ),
    "voiceguide serve --open": Run(
        add=("--port", "0"),
        why="any free port (8765 may be taken on a shared machine); BROWSER=true opens nothing",
    ),
    "voiceguide serve --lan": Run(add=("--port", "0"), why="any free port"),
}

# Commands shown that are not voiceguide's, and why they do not run here.
NOT_RUN = {
    "scripts/run": "the set-up itself, then all nine bundled routines whole (minutes); "
    "what it runs after set-up is `voiceguide build`, run above",
}

# What must vary from run to run, the same in the README's output and in the real one.
NORMALISE = [
    (re.compile(r"http://127\.0\.0\.1:\d+"), "http://127.0.0.1:PORT"),
    (re.compile(r"http://[\d.]+:\d+/\?token=\S+"), "http://ADDRESS:PORT/?token=TOKEN"),
    (re.compile(r"(your routines: ).*(; built files: ).*"), r"\1FOLDER\2FOLDER"),
]
ANY_LINES = re.compile(r"\.\.\.|\[.*\]")


@dataclass
class Shown:
    """A command as the README shows it, with its output and the files it says it makes."""

    command: str
    line: int  # in README.md
    block: int  # which code block: a block's commands share a folder
    output: list[str] | None = None  # None: no output shown
    makes: list[str] = field(default_factory=list)


def code_blocks(text: str) -> Iterator[tuple[int, str, list[str]]]:
    """(first line's number, language, lines) of each fenced block."""
    for match in re.finditer(r"^```(\w*)\n(.*?)^```", text, re.S | re.M):
        yield text[: match.start()].count("\n") + 2, match.group(1), match.group(2).splitlines()


def shown_commands(text: str) -> tuple[list[Shown], list[str]]:
    """The commands of the README's code blocks, and the synopsis lines under "## Commands"."""
    shown: list[Shown] = []
    synopsis: list[str] = []
    for number, (first, language, lines) in enumerate(code_blocks(text)):
        if any(line.startswith("voiceguide ") and "  " in line for line in lines[:1]) and all(
            line.startswith("voiceguide ") for line in lines
        ):
            synopsis = lines
            continue
        if any(line.startswith("$ ") for line in lines):
            for offset, line in enumerate(lines):
                if line.startswith("$ "):
                    shown.append(Shown(line[2:], first + offset, number, output=[]))
                elif shown and shown[-1].block == number:
                    assert shown[-1].output is not None
                    shown[-1].output.append(line)
        elif language in ("sh", ""):
            for offset, line in enumerate(lines):
                command = line.split("  #")[0].strip()
                if re.match(r"([A-Z_]+=\S+ )*voiceguide ", command):
                    shown.append(Shown(command, first + offset, number))
                elif (arrow := re.match(r"#\s+-> (\S+)", line)) and shown:
                    shown[-1].makes.append(arrow.group(1))
    for each in shown:
        if each.output == []:
            each.output = None  # followed directly by the next command: no output shown
    return shown, synopsis


def readme_profile(text: str) -> str:
    """The README's example profile: the YAML block that starts with `level:`."""
    for _first, language, lines in code_blocks(text):
        if language == "yaml" and lines[0].startswith("level:"):
            return "\n".join(lines) + "\n"
    raise AssertionError("the README shows no profile (a yaml block starting with level:)")


TEXT = README.read_text(encoding="utf-8")
SHOWN, SYNOPSIS = shown_commands(TEXT)


def test_every_command_shown_has_a_row_and_every_row_a_command():
    commands = [each.command for each in SHOWN if not each.command.startswith("ls ")]
    rowless = [c for c in commands if c not in HOW_EACH_IS_RUN and c not in NOT_RUN]
    assert rowless == [], "add a row to HOW_EACH_IS_RUN"
    assert [c for c in HOW_EACH_IS_RUN if c not in commands] == [], "the README no longer shows"


def test_the_synopsis_names_real_commands_and_options():
    assert len(SYNOPSIS) >= 10
    for line in SYNOPSIS:
        usage = line.split("   ")[0]
        name = usage.split()[1]
        helped = CliRunner().invoke(cli, [name, "--help"])
        assert helped.exit_code == 0, line
        for option in re.findall(r"--[a-z-]+|-o\b", usage):
            assert option in helped.output, f"{line}: `voiceguide {name}` has no {option}"


def normalised(lines: list[str]) -> list[str]:
    result = []
    for line in lines:
        for pattern, replacement in NORMALISE:
            line = pattern.sub(replacement, line)
        result.append(line.rstrip())
    return result


def check_output(shown: Shown, got: str) -> None:
    assert shown.output is not None
    expected = normalised(shown.output)
    pattern = "".join(
        r"(?:.*\n)*?" if ANY_LINES.fullmatch(line) else re.escape(line) + r"\n" for line in expected
    )
    actual = "".join(line + "\n" for line in normalised(got.splitlines()))
    assert re.fullmatch(pattern, actual), (
        f"README.md:{shown.line}: `{shown.command}` no longer prints what the README shows:\n"
        + "\n".join(expected)
        + "\n--- it prints ---\n"
        + actual
    )


def check_listing(shown: Shown, folder: Path) -> None:
    assert shown.output is not None
    names = {word for line in shown.output for word in line.split() if word != "..."}
    there = {path.name for path in folder.iterdir()}
    assert names <= there, f"README.md:{shown.line}: not made: {sorted(names - there)}"
    if not any(ANY_LINES.fullmatch(line.strip()) or "..." in line for line in shown.output):
        assert there == names, f"README.md:{shown.line}: also made: {sorted(there - names)}"


def put_files(run: Run, folder: Path, home: Path) -> None:
    for name, source in run.files.items():
        target = home / name[2:] if name.startswith("~/") else folder / name
        if source == FROM_README:
            target.write_text(readme_profile(TEXT), encoding="utf-8")
        else:
            shutil.copyfile(source, target)


def arguments(shown: Shown, run: Run, home: Path) -> tuple[dict[str, str], list[str]]:
    """The environment the command sets and its arguments, as a shell would split them."""
    command = shown.command
    for old, new in run.replace.items():
        command = command.replace(old, new)
    words = shlex.split(command)
    env = {}
    while "=" in words[0]:
        key, value = words.pop(0).split("=", 1)
        env[key] = value
    assert words.pop(0) == "voiceguide"
    words = [str(home / w[2:]) if w.startswith("~/") else w for w in words]
    return env, [*words, *run.add]


def natural_installed() -> bool:
    try:
        import piper  # noqa: F401
    except ImportError:
        return False
    return True


def serve(args: list[str], env: dict[str, str], folder: Path, lines: int) -> str:
    """Start `voiceguide serve`, read its first lines, stop it with Ctrl-C: what it printed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "voiceguide.cli", *args],
        cwd=folder,
        env={**os.environ, **env, "BROWSER": "true"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    printed: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(
        target=lambda: [printed.put(line) for line in iter(process.stdout.readline, "")],  # type: ignore[union-attr]
        daemon=True,
    )
    reader.start()
    try:
        first = [printed.get(timeout=60) for _ in range(lines)]
        process.send_signal(signal.SIGINT)
        _out, errors = process.communicate(timeout=30)
        reader.join(timeout=5)
        first.extend(iter(lambda: printed.get_nowait() if not printed.empty() else "", ""))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode in (0, -signal.SIGINT, 130), errors
    return "".join(first)


def run_shown(shown: Shown, folder: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shown.command.startswith("ls "):
        check_listing(shown, folder / shown.command.split()[1])
        return
    run = HOW_EACH_IS_RUN[shown.command]
    put_files(run, folder, home)
    env, args = arguments(shown, run, home)
    if args[0] == "serve":
        got = serve(args, env, folder, lines=len(shown.output or []) + 2)
        if shown.output is not None:
            check_output(shown, got)
        return
    without_natural = "natural" in args and not natural_installed()
    if run.real_speech or without_natural:  # the fake voice stands in even for a missing one
        monkeypatch.delenv("VOICEGUIDE_SPEECH", raising=False)
    result = CliRunner().invoke(cli, args, env=env)
    errors = shown.output is not None and any("voiceguide: error:" in x for x in shown.output)
    if without_natural:
        # The README: "without the extra, `--voice natural` exits 2 with the install line".
        assert result.exit_code == 2 and "pip install 'voiceguide[natural]'" in result.stderr
        return
    assert result.exit_code == (2 if errors else 0), (
        f"README.md:{shown.line}: `{shown.command}` exits {result.exit_code}:\n{result.output}"
    )
    if shown.output is not None:
        check_output(shown, result.output)
    for made in shown.makes:
        assert (folder / made).is_file(), f"README.md:{shown.line}: did not make {made}"


BLOCKS = sorted({each.block for each in SHOWN if each.command not in NOT_RUN})


@pytest.mark.parametrize(
    "block",
    BLOCKS,
    ids=[next(s.command for s in SHOWN if s.block == b)[:60] for b in BLOCKS],
)
def test_the_commands_of_a_code_block_do_what_the_readme_shows(
    block: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    folder, home = tmp_path / "work", tmp_path / "home"
    folder.mkdir()
    home.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("HOME", str(home))
    for shown in [each for each in SHOWN if each.block == block and each.command not in NOT_RUN]:
        run_shown(shown, folder, home, monkeypatch)


def test_the_install_lines_the_readme_gives_are_the_ones_printed(monkeypatch):
    """`serve` without the web extra, and `--voice natural` without the natural extra, print
    the same install lines as the README."""
    import importlib.util

    from voiceguide.speech import piper_worker
    from voiceguide.web import missing_extra

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *rest: None if name == "segno" else real_find_spec(name, *rest),
    )
    web = missing_extra()
    assert web is not None
    for line in re.findall(r"(?:\.venv/bin/)?pip install[^;)]*?'[^']+'", web):
        assert line in TEXT, f"the README does not give `{line}`"
    assert "in a checkout, run scripts/run" in web and "`scripts/run` (or" in TEXT
    natural = re.findall(r"(?:\.venv/bin/)?pip install[^;)]*?'[^']+'", piper_worker.INSTALL)
    assert len(natural) == 2 and all(line in TEXT for line in natural), natural


def test_a_wav_carries_a_riff_info_list_and_no_id3_tags(tmp_path):
    """The README: `wav` carries a RIFF INFO list (title, artist, album, track, genre,
    comment) but no ID3 tags, no cover and no chapters."""
    import struct

    import mutagen

    result = CliRunner().invoke(
        cli,
        [
            "build",
            str(FIXTURES / "short.yaml"),
            "--only",
            "1",
            "--format",
            "wav",
            "-o",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    (wav,) = tmp_path.glob("*.wav")
    assert mutagen.File(wav).tags is None
    data = wav.read_bytes()
    chunks, at = {}, 12
    while at < len(data):
        name, size = data[at : at + 4], struct.unpack("<I", data[at + 4 : at + 8])[0]
        chunks[name] = data[at + 8 : at + 8 + size]
        at += 8 + size + (size & 1)
    info = chunks[b"LIST"]
    assert info.startswith(b"INFO")
    fields, at = set(), 4
    while at < len(info):
        fields.add(info[at : at + 4].decode())
        at += 8 + struct.unpack("<I", info[at + 4 : at + 8])[0]
        at += at & 1
    assert fields == {"INAM", "IART", "IPRD", "IPRT", "IGNR", "ICMT"}, fields
    assert "`wav` carries a RIFF INFO list (title, artist, album, track" in TEXT


# The README's Python blocks, by first line: what a fragment leaves to its reader is given
# here (a routine, a folder), and each runs whole through the fake voice.
PYTHON_GIVEN = {
    "from pathlib import Path": "nothing: the block is a whole program",
    "speech = voiceguide.SpeechSettings(fake=True)     # this build only": (
        "voiceguide imported, `routine` (the tests' short routine) and `out` (a folder)"
    ),
}
PYTHON_BLOCKS = [
    (first, lines) for first, language, lines in code_blocks(TEXT) if language == "python"
]


@pytest.mark.parametrize(
    "first, lines",
    [
        pytest.param(
            first,
            lines,
            id=lines[0][:40],
            # A whole bundled routine: about 20 s even through the fake voice.
            marks=[pytest.mark.slow] if "five-moves" in "\n".join(lines) else [],
        )
        for first, lines in PYTHON_BLOCKS
    ],
)
def test_the_python_blocks_run(first: int, lines: list[str], tmp_path, monkeypatch):
    import voiceguide

    assert lines[0] in PYTHON_GIVEN, f"README.md:{first}: add the block to PYTHON_GIVEN"
    monkeypatch.chdir(tmp_path)
    given = {
        "voiceguide": voiceguide,
        "routine": voiceguide.load(str(FIXTURES / "short.yaml")),
        "out": tmp_path / "fragment",
    }
    exec(compile("\n".join(lines), f"README.md:{first}", "exec"), given)
    assert given["result"].path.is_file()


def test_the_set_up_lines_shown_are_the_ones_scripts_setup_says():
    """`scripts/run`'s first-run lines in the README: each `set-up:` line is one that
    scripts/_setup.sh says (its variables standing for any text)."""
    script = (ROOT / "scripts" / "_setup.sh").read_text(encoding="utf-8")
    said = [
        re.compile(re.sub(r"\\\$\w+", ".*", re.escape(line)) + r"\Z")
        for line in re.findall(r'^\s*step "([^"]+)"', script, re.M)
    ]
    shown = [line[len("set-up: ") :] for line in TEXT.splitlines() if line.startswith("set-up: ")]
    assert len(shown) >= 4
    for line in shown:
        assert any(pattern.match(line) for pattern in said), f"scripts/_setup.sh never says: {line}"
