"""Every bundled routine builds into a decodable MP3 as long as `plan` says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
from audio_probe import RATE, decode, tone_onsets
from click.testing import CliRunner

from voiceguide.build import rough_seconds, timeline_for
from voiceguide.cli import cli
from voiceguide.library import all_bundled
from voiceguide.options import Options
from voiceguide.speech import Voice

ROOT = Path(__file__).resolve().parents[1]


def test_building_everything_gives_six_mp3s_of_the_planned_length(tmp_path):
    result = CliRunner().invoke(cli, ["build", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    files = sorted(tmp_path.glob("*.mp3"))
    assert len(files) == 6
    expected = {f"{p.stem}{ext}" for p in files for ext in (".mp3", ".vtt", ".json")} | {
        "playlist.m3u8"
    }
    assert {p.name for p in tmp_path.iterdir()} == expected  # and no half-written leftovers
    for routine in all_bundled():
        audio = decode(tmp_path / f"{routine.slug}.mp3")
        timeline, guessed = timeline_for(routine, options=Options(), voice=Voice())
        assert guessed == 0
        assert abs(len(audio) / RATE - timeline.seconds) < 0.03, routine.slug
        starts, ends = tone_onsets(audio, "start"), tone_onsets(audio, "end")
        timed = [e.length / RATE for e in timeline.events if e.kind in ("hold", "rep", "reps")]
        assert len(starts) == len(ends) == len(timed), routine.slug
        assert np.allclose(np.subtract(ends, starts), timed, atol=0.010), routine.slug
        assert not timeline.warnings, (routine.slug, timeline.warnings)
        # The plan-only estimate that orders --jobs builds, longest first, is close.
        rough = rough_seconds(routine, options=Options(), voice=Voice())
        assert abs(rough - timeline.seconds) < 0.06 * timeline.seconds, routine.slug


def test_a_plain_install_ships_the_routines_and_the_cue_sounds(tmp_path):
    """Not editable: the installed package alone must find audio_assets and routines."""
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    probe = (
        "import voiceguide, voiceguide.mix as m, voiceguide.library as l;"
        "print(voiceguide.__file__); print(sorted(m.load_tones())); print(len(l.bundled_paths()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )
    where, tones, count = done.stdout.splitlines()
    assert where.startswith(str(target))
    assert tones == "['complete', 'end', 'pip', 'start']"
    assert count == "6"
