"""Finished files (issues 4 and 14): loudness, tags, cover, chapters in time order,
captions of speech and tones, timeline, playlist, formats."""

from __future__ import annotations

import json
import re
import subprocess

import numpy as np
import pytest
import webvtt
from audio_probe import RATE, decode, file_chapters, tone_onsets
from click.testing import CliRunner
from helpers import FIXTURES

from voiceguide.audio.loudness import LoudnessTarget
from voiceguide.cli import cli
from voiceguide.ffmpeg import ffmpeg_exe
from voiceguide.pipeline.build import OutputSettings, build
from voiceguide.speech.engine import DEFAULT_VOICE

FORMATS = ("mp3", "m4a", "ogg", "wav")


def r128(path) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) as ffmpeg's EBU R128 meter reads the file."""
    report = subprocess.run(
        [
            ffmpeg_exe(),
            "-hide_banner",
            "-nostats",
            "-i",
            str(path),
            "-af",
            "ebur128=peak=true:framelog=quiet",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    return float(re.findall(r"I:\s+(-?[\d.]+) LUFS", report)[-1]), float(
        re.findall(r"Peak:\s+(-?[\d.]+) dBFS", report)[-1]
    )


def vtt_seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


TONE_CAPTIONS = ("[three pips]", "[start tone]", "[end tone]", "[closing chime]")


@pytest.fixture(scope="module")
def builds(tmp_path_factory, request):
    from voiceguide.routine.reader import load_routine

    routine = load_routine(FIXTURES / "short.yaml")
    out = tmp_path_factory.mktemp("finished")
    return {fmt: build(routine, output=OutputSettings(out, format=fmt)) for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_at_the_loudness_target_and_the_planned_length(builds, fmt):
    result = builds[fmt]
    lufs, peak = r128(result.path)
    assert abs(lufs - -16) <= 0.5, lufs
    assert peak <= -1.0, peak
    audio = decode(result.path)
    assert abs(len(audio) / RATE - result.timeline.seconds) <= 0.030


@pytest.mark.parametrize("fmt", FORMATS)
def test_holds_stay_exact_after_the_limiter_and_every_codec(builds, fmt):
    result = builds[fmt]
    audio = decode(result.path)
    planned = [
        e.start / RATE for e in result.timeline.events if e.kind == "tone" and e.text == "start"
    ]
    assert np.allclose(tone_onsets(audio, "start"), planned, atol=0.010)
    ends = [e.start / RATE for e in result.timeline.events if e.kind == "tone" and e.text == "end"]
    assert np.allclose(tone_onsets(audio, "end"), ends, atol=0.010)


def test_a_different_loudness_target(tmp_path, short_routine):
    result = build(short_routine, output=OutputSettings(tmp_path, loudness=LoudnessTarget(-20, -3)))
    lufs, peak = r128(result.path)
    assert abs(lufs - -20) <= 0.5 and peak <= -3.0


@pytest.mark.real_speech
def test_tones_are_audible_but_never_louder_than_the_voice(tmp_path, short_routine):
    """Measured against a real voice: the fake engine's tone-like speech says nothing
    about how the tones sit under a voice."""
    result = build(short_routine, output=OutputSettings(tmp_path, format="wav"))
    audio = decode(result.path)

    def peak_of(kind: str, text: str | None = None) -> float:
        spans = [
            e for e in result.timeline.events if e.kind == kind and (text is None or e.text == text)
        ]
        return max(float(np.abs(audio[e.start : e.end]).max()) for e in spans)

    voice = peak_of("speech")
    for tone in ("pip", "start", "end", "complete"):
        level = 20 * np.log10(peak_of("tone", tone) / voice)
        assert -12 < level < 0, (tone, level)


def test_mp3_tags_read_back_through_mutagen(builds):
    from mutagen.id3 import ID3
    from mutagen.mp3 import MP3

    result = builds["mp3"]
    tags = ID3(result.path)
    assert str(tags["TIT2"]) == "Timing check"
    assert str(tags["TPE1"]) == "voiceguide"
    assert str(tags["TALB"]) == "Timing check"
    assert str(tags["TRCK"]) == "1/1"
    assert str(tags["TCON"]) == "Fitness"
    assert int(str(tags["TLEN"])) == round(result.timeline.seconds * 1000)
    assert str(tags["COMM:settings:eng"]).startswith(
        f"level standard; voice {DEFAULT_VOICE} at 160 words a minute"
    )
    assert MP3(result.path).info.sample_rate == RATE


def test_mp3_carries_the_encoder_delay_header(builds):
    """The Info/LAME header states delay and padding, so decoders can trim them exactly."""
    result = builds["mp3"]
    data = result.path.read_bytes()
    info = data.index(b"Info")
    frames = int.from_bytes(data[info + 8 : info + 12], "big")
    b0, b1, b2 = data[info + 141 : info + 144]
    delay, padding = (b0 << 4) | (b1 >> 4), ((b1 & 0x0F) << 8) | b2
    assert delay > 0 and padding > 0
    assert frames * 1152 - delay - padding == result.timeline.length  # exactly the planned samples
    assert len(decode(result.path)) == result.timeline.length


@pytest.mark.parametrize("fmt", ["m4a", "ogg"])
def test_other_formats_are_tagged_too(builds, fmt):
    import mutagen

    tags = mutagen.File(builds[fmt].path)
    title = tags.tags["\xa9nam"] if fmt == "m4a" else tags.tags["title"]
    assert title == ["Timing check"]


@pytest.mark.parametrize("fmt", ["mp3", "m4a", "ogg"])
def test_chapters_read_back_through_ffmpeg_in_time_order(builds, fmt):
    """ffmpeg lists chapters in the order the file holds them: MP3's CHAP frames used to
    come by size (mutagen's order), so "Close" and "Reach" came first."""
    result = builds[fmt]
    chapters = file_chapters(result.path)
    names = ["Introduction", "Wall lean", "Squeeze", "Reach", "Arm press", "Chin tuck", "Close"]
    assert [title for title, _ in chapters] == names
    starts = [start for _, start in chapters]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    firsts = {}
    for event in result.timeline.events:
        firsts.setdefault(event.exercise, event.start / RATE)
    for title, start in chapters[1:-1]:
        assert abs(start - firsts[title]) <= 0.050, title
    events = result.timeline.events
    last = max(i for i, e in enumerate(events) if e.exercise is not None)
    closing = next(e for e in events[last + 1 :] if e.kind == "speech")
    assert abs(chapters[-1][1] - closing.start / RATE) <= 0.050


@pytest.mark.parametrize("fmt", ["mp3", "m4a", "ogg"])
def test_every_tagged_format_carries_the_cover(builds, fmt):
    """ffmpeg finds the shipped picture as the file's cover, byte for byte, and mutagen
    reads it where each format keeps it (ID3 APIC, MP4 covr, Vorbis picture block)."""
    import base64
    from importlib import resources

    import mutagen
    from mutagen.flac import Picture

    shipped = (resources.files("voiceguide.audio_assets") / "cover.png").read_bytes()
    path = builds[fmt].path
    found = subprocess.run(
        [
            ffmpeg_exe(),
            "-v",
            "error",
            "-i",
            str(path),
            "-map",
            "0:v",
            "-c",
            "copy",
            "-f",
            "image2",
            "-",
        ],
        capture_output=True,
        check=True,
    ).stdout
    assert found == shipped
    probe = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(path)], capture_output=True, text=True
    ).stderr
    assert re.search(r"Video: png.*512x512.*\(attached pic\)", probe), probe
    tags = mutagen.File(path).tags
    if fmt == "mp3":
        (picture,) = tags.getall("APIC")
        assert (picture.type, picture.mime, picture.data) == (3, "image/png", shipped)
    elif fmt == "m4a":
        (picture,) = tags["covr"]
        assert picture.imageformat == picture.FORMAT_PNG and bytes(picture) == shipped
    else:
        (block,) = tags["metadata_block_picture"]
        picture = Picture(base64.b64decode(block))
        assert (picture.type, picture.mime, picture.width, picture.height) == (
            3,
            "image/png",
            512,
            512,
        )
        assert picture.data == shipped


def test_captions_parse_and_sit_on_the_measured_speech(builds):
    result = builds["mp3"]
    captions = [
        c for c in webvtt.read(str(result.path.with_suffix(".vtt"))) if c.text not in TONE_CAPTIONS
    ]
    speech = [e for e in result.timeline.events if e.kind == "speech"]
    assert [c.text for c in captions] == [e.text for e in speech]
    audio = decode(result.path)
    loud = np.abs(audio) > 0.01
    checked = 0
    for caption, _event in zip(captions, speech, strict=True):
        start = caption.start_in_seconds + int(caption.start.split(".")[-1]) / 1000
        quiet_before = not loud[
            max(0, int((start - 0.25) * RATE)) : int((start - 0.005) * RATE)
        ].any()
        if not quiet_before:
            continue  # laid over another sound: its onset cannot be seen on its own
        onset = (int(start * RATE) + int(np.argmax(loud[int(start * RATE) :]))) / RATE
        assert -0.001 <= onset - start < 0.150, (caption.text, start, onset)
        checked += 1
    assert checked > 20


def test_captions_mark_every_tone_where_it_is_heard(builds):
    """A transcript marks the sounds that carry meaning: each countdown of three pips (before
    a hold, and over a hold's last three seconds) is one caption, and each start tone, end
    tone and the closing chime one more; each starts where the decoded audio has it."""
    result = builds["mp3"]
    cues = list(webvtt.read(str(result.path.with_suffix(".vtt"))))
    starts = [vtt_seconds(c.start) for c in cues]
    assert starts == sorted(starts)  # WebVTT wants its cues in time order
    audio = decode(result.path)
    marked = {
        text: [vtt_seconds(c.start) for c in cues if c.text == text] for text in TONE_CAPTIONS
    }
    for text, tone in (("[start tone]", "start"), ("[end tone]", "end")):
        heard = tone_onsets(audio, tone)
        assert len(marked[text]) == len(heard) > 5, text
        assert np.allclose(marked[text], heard, atol=0.010), text
    pips = tone_onsets(audio, "pip")
    runs = [c for c in cues if c.text == "[three pips]"]
    assert len(pips) == 3 * len(runs) > 0
    for cue in runs:
        start, end = vtt_seconds(cue.start), vtt_seconds(cue.end)
        inside = [p for p in pips if start - 0.010 <= p <= end]
        assert len(inside) == 3 and abs(inside[0] - start) <= 0.010, cue.start
    holds = [e for e in result.timeline.events if e.kind == "hold" and e.length >= 5 * RATE]
    assert holds
    for hold in holds:  # its last three seconds are counted down, and captioned so
        assert min(abs(start - (hold.end / RATE - 3)) for start in marked["[three pips]"]) < 0.010
    (chime,) = marked["[closing chime]"]
    assert chime == max(starts)
    loud = np.abs(audio) > 0.01
    assert not loud[int((chime - 0.25) * RATE) : int((chime - 0.005) * RATE)].any()
    onset = (int(chime * RATE) + int(np.argmax(loud[int(chime * RATE) :]))) / RATE
    assert -0.001 <= onset - chime < 0.020


def test_json_timeline_lists_every_event(builds):
    result = builds["mp3"]
    data = json.loads(result.path.with_suffix(".json").read_text())
    assert data["seconds"] == pytest.approx(result.timeline.seconds, abs=0.001)
    assert len(data["events"]) == len(result.timeline.events)
    holds = [e for e in data["events"] if e["kind"] == "hold"]
    assert [round(e["end"] - e["start"], 3) for e in holds] == [7, 7, 4, 3, 5, 5]
    assert {"start", "end", "kind", "text", "exercise"} <= set(data["events"][0])
    assert next(c["title"] for c in data["chapters"]) == "Introduction"
    assert data["settings"]["level"] == "standard"


def test_building_twice_gives_identical_bytes(tmp_path, short_routine, builds):
    for fmt in FORMATS:
        again = build(short_routine, output=OutputSettings(tmp_path, format=fmt))
        assert again.path.read_bytes() == builds[fmt].path.read_bytes(), fmt
    for suffix in (".vtt", ".json", ".html"):
        assert (tmp_path / f"short{suffix}").read_bytes() == builds["wav"].path.with_suffix(
            suffix
        ).read_bytes()


def test_a_run_writes_a_playlist_with_titles_and_durations(tmp_path):
    result = CliRunner().invoke(
        cli, ["build", str(FIXTURES / "short.yaml"), "chair-mobility", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.stderr
    lines = (tmp_path / "playlist.m3u8").read_text().splitlines()
    assert lines[0] == "#EXTM3U"
    assert lines[2::2] == ["short.mp3", "chair-mobility.mp3"]
    for info, name in zip(lines[1::2], lines[2::2], strict=True):
        seconds, title = re.match(r"#EXTINF:(\d+),(.+)", info).groups()
        assert abs(int(seconds) - len(decode(tmp_path / name)) / RATE) <= 0.5
        assert title in ("Timing check", "Upper back mobility and strength with a chair")
    from mutagen.id3 import ID3

    # A bundled routine keeps its place in the bundled album; a routine of one's own is
    # numbered by its place in the run.
    assert str(ID3(tmp_path / "chair-mobility.mp3")["TRCK"]) == "1/6"
    assert str(ID3(tmp_path / "short.mp3")["TRCK"]) == "1/2"
    # A bundled routine files under the bundled set's album; the fixture under its title.
    assert str(ID3(tmp_path / "chair-mobility.mp3")["TALB"]) == "voiceguide: upper back"
    assert str(ID3(tmp_path / "short.mp3")["TALB"]) == "Timing check"


def test_bad_bitrate_is_a_user_error(tmp_path):
    result = CliRunner().invoke(
        cli, ["build", str(FIXTURES / "short.yaml"), "-o", str(tmp_path), "--bitrate", "loud"]
    )
    assert result.exit_code == 2
    assert (
        result.stderr
        == "voiceguide: error: --bitrate loud: write kilobits a second, like 64k or 128k\n"
    )


def _level_at(audio: np.ndarray, freq: float, start: float, end: float) -> float:
    """dB level of one frequency over a stretch of the audio."""
    piece = audio[int(start * RATE) : int(end * RATE)]
    t = np.arange(len(piece)) / RATE
    amplitude = 2 * abs(np.sum(piece * np.exp(-2j * np.pi * freq * t))) / len(piece)
    return 20 * np.log10(amplitude + 1e-12)


def test_background_music_loops_ducks_under_speech_and_leaves_tones_alone(tmp_path, short_routine):
    from voiceguide.audio.music import Music

    tune = tmp_path / "tune.ogg"  # five seconds of 220 Hz: it must loop to cover the session
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "sine=f=220:d=5", "-ac", "2", str(tune)],
        check=True,
    )
    result = build(short_routine, output=OutputSettings(tmp_path / "out", music=Music(tune)))
    audio = decode(result.path)
    assert abs(len(audio) / RATE - result.timeline.seconds) <= 0.030
    lufs, peak = r128(result.path)
    assert abs(lufs - -16) <= 0.5 and peak <= -1.0
    events = result.timeline.events
    holds = [e for e in events if e.kind == "hold"]
    first, last = holds[0], holds[-1]
    # In the quiet middle of a hold the music plays; under a long spoken line it dips.
    in_silence = _level_at(audio, 220, first.start / RATE + 1.0, first.start / RATE + 3.5)
    in_last_hold = _level_at(audio, 220, last.start / RATE + 0.6, last.start / RATE + 1.8)
    intro = next(e for e in events if e.kind == "speech" and e.text.startswith("A short session"))
    under_speech = _level_at(audio, 220, intro.start / RATE + 0.3, intro.end / RATE - 0.3)
    assert -45 < in_silence < -25, in_silence  # low, but there
    assert abs(in_last_hold - in_silence) < 3  # still there at the end: it looped
    assert under_speech < in_silence - 6, (under_speech, in_silence)
    for name in ("start", "end"):
        planned = [e.start / RATE for e in events if e.kind == "tone" and e.text == name]
        assert np.allclose(tone_onsets(audio, name), planned, atol=0.010), name


def test_unreadable_music_is_a_user_error(tmp_path):
    noise = tmp_path / "notes.txt"
    noise.write_text("not music")
    result = CliRunner().invoke(
        cli,
        ["build", str(FIXTURES / "short.yaml"), "-o", str(tmp_path / "o"), "--music", str(noise)],
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(
        f"voiceguide: error: --music {noise}: ffmpeg cannot read any sound"
    )
    assert not (tmp_path / "o" / "short.mp3").exists()
