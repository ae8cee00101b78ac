"""`build --split`: one track per exercise, cut from the same plan as the whole session."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from audio_probe import RATE, decode, tone_onsets
from helpers import FIXTURES

from voiceguide.pipeline.batch import build_all
from voiceguide.pipeline.build import OutputSettings, build
from voiceguide.routine.reader import load_routine

TOLERANCE = 0.010  # seconds: DESIGN.md's promise for hold timing
NAMES = ["Wall lean", "Squeeze", "Reach", "Arm press", "Chin tuck"]
STEMS = ["01-wall-lean", "02-squeeze", "03-reach", "04-arm-press", "05-chin-tuck"]


@pytest.fixture(scope="module")
def short():
    return load_routine(FIXTURES / "short.yaml")


@pytest.fixture(scope="module")
def whole(tmp_path_factory, short):
    result = build(short, output=OutputSettings(tmp_path_factory.mktemp("whole")))
    return result, decode(result.path)


@pytest.fixture(scope="module")
def split(tmp_path_factory, short):
    out = tmp_path_factory.mktemp("split")
    (result,) = build_all([short], output=OutputSettings(out, split=True))
    return result, [decode(track.path) for track in result.tracks]


def test_one_numbered_track_per_exercise_in_a_folder_named_for_the_routine(split):
    result, _ = split
    folder = result.path.parent
    assert result.path == folder / "short.m3u8" and folder.name == "short"
    assert [t.path.name for t in result.tracks] == [f"{s}.mp3" for s in STEMS]
    assert [t.title for t in result.tracks] == NAMES
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{s}{x}" for s in STEMS for x in (".mp3", ".vtt", ".json")] + ["short.html", "short.m3u8"]
    )


def test_each_track_is_tagged_as_one_of_the_routine_in_order(split):
    from mutagen.id3 import ID3

    result, _ = split
    tags = [ID3(t.path) for t in result.tracks]
    assert [str(t["TIT2"]) for t in tags] == NAMES
    assert {str(t["TALB"]) for t in tags} == {"Timing check"}
    assert [str(t["TRCK"]) for t in tags] == [f"{n}/5" for n in range(1, 6)]


def test_the_playlist_lists_the_tracks_in_order_with_their_lengths(split):
    result, audio = split
    lines = result.path.read_text().splitlines()
    assert lines[0] == "#EXTM3U"
    assert lines[2::2] == [f"{s}.mp3" for s in STEMS]
    info = [line.split(",", 1) for line in lines[1::2]]
    assert [title for _, title in info] == NAMES
    assert [int(head.removeprefix("#EXTINF:")) for head, _ in info] == [
        round(len(a) / RATE) for a in audio
    ]
    top = (result.path.parent.parent / "playlist.m3u8").read_text().splitlines()
    assert top[2::2] == [f"short/{s}.mp3" for s in STEMS]


def test_every_hold_in_every_track_is_exact(split):
    result, audio = split
    measured_all = []
    for track, samples in zip(result.tracks, audio, strict=True):
        events = json.loads(track.path.with_suffix(".json").read_text())["events"]
        holds = [e["end"] - e["start"] for e in events if e["kind"] in ("hold", "rep", "reps")]
        starts, ends = tone_onsets(samples, "start"), tone_onsets(samples, "end")
        assert len(starts) == len(ends) == len(holds), track.title
        measured = [end - start for start, end in zip(starts, ends, strict=True)]
        assert np.allclose(measured, holds, atol=TOLERANCE), (track.title, measured, holds)
        measured_all += measured
    assert np.allclose(measured_all, [7, 7, 2.5, 2.5, 2.5, 8, 4, 3, 5, 5], atol=TOLERANCE)


def test_the_tracks_add_up_to_the_whole_session(split, whole, short):
    from helpers import REPORT

    result, audio = split
    whole_result, whole_audio = whole
    planned = [round(t.seconds * RATE) for t in result.tracks]
    assert sum(planned) == whole_result.timeline.length  # cut from the same timeline
    decoded = [len(a) for a in audio]
    gap_ms = (sum(decoded) - len(whole_audio)) * 1000 / RATE
    REPORT.append(
        f"split {short.slug}: {len(audio)} tracks decode to {sum(decoded) / RATE:.3f} s, "
        f"the whole track to {len(whole_audio) / RATE:.3f} s ({gap_ms:+.1f} ms); "
        f"largest track off its plan by {max(abs(d - p) for d, p in zip(decoded, planned, strict=True)) * 1000 / RATE:.1f} ms"
    )
    assert abs(gap_ms) <= 5
    for got, want in zip(decoded, planned, strict=True):
        assert abs(got - want) * 1000 / RATE <= 2


def test_intro_opens_the_first_track_the_close_ends_the_last_and_each_rest_names_the_next(split):
    result, _ = split
    spoken = []
    for track in result.tracks:
        events = json.loads(track.path.with_suffix(".json").read_text())["events"]
        spoken.append([e["text"] for e in events if e["kind"] == "speech"])
    assert spoken[0][0] == "Timing check."
    assert spoken[0][1:3] != [] and "First, Wall lean." in spoken[0]
    assert all("Timing check." not in lines for lines in spoken[1:])
    assert spoken[-1][-1] == "That's the end of the routine. Well done."
    for lines, following in zip(spoken, NAMES[1:], strict=False):
        assert following in lines[-1] and lines[-1].startswith(("Rest", "Next")), lines[-1]


def test_a_failed_split_build_leaves_the_earlier_one_whole(tmp_path, short, monkeypatch):
    from voiceguide.pipeline import build as building

    out = tmp_path / "out"
    first = build(short, output=OutputSettings(out, split=True))
    folder = first.path.parent
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    real, calls = building.write_audio, []

    def third_fails(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(*args, **kwargs)

    monkeypatch.setattr(building, "write_audio", third_fails)
    with pytest.raises(Exception, match="full"):
        build(short, output=OutputSettings(out, split=True), options=_longer_holds())
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def _longer_holds():
    from voiceguide.settings.session import Settings

    return Settings.from_mapping({"hold": "8"}).options


def test_a_rebuild_removes_tracks_the_routine_no_longer_has(tmp_path, short):
    out = tmp_path / "out"
    build(short, output=OutputSettings(out, split=True))
    text = (FIXTURES / "short.yaml").read_text().replace("name: Reach", "name: Reach forward")
    renamed = tmp_path / "short.yaml"
    renamed.write_text(text)
    result = build(load_routine(renamed), output=OutputSettings(out, split=True))
    names = sorted(p.name for p in result.path.parent.iterdir())
    assert "03-reach.mp3" not in names and "03-reach.json" not in names
    assert "03-reach-forward.mp3" in names and len(names) == 17


def test_split_from_the_command_line(tmp_path):
    from click.testing import CliRunner

    from voiceguide.cli import cli

    done = CliRunner().invoke(
        cli, ["build", str(FIXTURES / "short.yaml"), "--split", "-o", str(tmp_path), "-j", "1"]
    )
    assert done.exit_code == 0, done.output
    shown = done.stdout.splitlines()
    assert [line.split()[0] for line in shown] == [
        str(tmp_path / "short" / f"{s}.mp3") for s in STEMS
    ] + [str(tmp_path / "short" / "short.m3u8")]


def test_a_circuit_splits_into_a_track_per_exercise_and_round_and_no_sound_straddles_a_cut():
    from voiceguide.export.split import parts
    from voiceguide.pipeline.estimate import timeline_for
    from voiceguide.planning.planner import plan
    from voiceguide.speech import Voice

    routine = load_routine(FIXTURES / "rounds" / "circuit.yaml")
    timeline, _ = timeline_for(plan(routine), voice=Voice())
    pieces = parts(timeline)
    assert [p.stem for p in pieces] == [
        "01-wall-angel",
        "02-squat-round-1", "03-band-pull-apart-round-1",
        "04-squat-round-2", "05-band-pull-apart-round-2",
        "06-squat-round-3", "07-band-pull-apart-round-3",
        "08-child-s-pose",
    ]  # fmt: skip
    assert pieces[0].start == 0 and pieces[-1].end == timeline.length
    assert all(a.end == b.start for a, b in itertools.pairwise(pieces))
    for piece in pieces:
        own = piece.timeline(timeline)
        assert own.length == piece.end - piece.start
        assert all(e.start >= 0 and e.end <= own.length for e in own.events), piece.title
    # every event of the whole lands in exactly one track
    assert sum(len(p.timeline(timeline).events) for p in pieces) == len(timeline.events)
    # the rest that ends a round's last exercise names what starts the next round
    last_of_round_one = pieces[2].timeline(timeline)
    said = [e.text for e in last_of_round_one.events if e.kind == "speech"]
    assert said[-1] == "Rest, 8 seconds. Next, round 2: Squat."
