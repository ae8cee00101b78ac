"""Every bundled routine builds into a decodable MP3 as long as `plan` says."""

from __future__ import annotations

import numpy as np
from audio_probe import RATE, decode, tone_onsets
from click.testing import CliRunner

from voiceguide.cli import cli
from voiceguide.library import all_bundled
from voiceguide.pipeline.estimate import timeline_for
from voiceguide.planning.planner import plan
from voiceguide.settings.options import Options
from voiceguide.speech import Voice


def test_building_everything_gives_an_mp3_each_of_the_planned_length(tmp_path):
    result = CliRunner().invoke(cli, ["build", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    files = sorted(tmp_path.glob("*.mp3"))
    assert len(files) == len(all_bundled()) == 9  # six in English, one in three more languages
    expected = {f"{p.stem}{ext}" for p in files for ext in (".mp3", ".vtt", ".json", ".html")} | {
        "playlist.m3u8"
    }
    assert {p.name for p in tmp_path.iterdir()} == expected  # and no half-written leftovers
    for page in tmp_path.glob("*.html"):  # lines that say {side} are printed filled in
        assert "{side}" not in page.read_text() and "{other side}" not in page.read_text()
    for routine in all_bundled():
        audio = decode(tmp_path / f"{routine.slug}.mp3")
        timeline, guessed = timeline_for(plan(routine, Options()), voice=Voice())
        assert guessed == 0
        assert abs(len(audio) / RATE - timeline.seconds) < 0.03, routine.slug
        starts, ends = tone_onsets(audio, "start"), tone_onsets(audio, "end")
        timed = [e.length / RATE for e in timeline.events if e.kind in ("hold", "rep", "reps")]
        assert len(starts) == len(ends) == len(timed), routine.slug
        assert np.allclose(np.subtract(ends, starts), timed, atol=0.010), routine.slug
        assert not timeline.warnings, (routine.slug, timeline.warnings)
    # How close the plan-only estimate comes to real speech is checked where every phrase
    # of every bundled routine is spoken for real: test_voice.py's rate band.
