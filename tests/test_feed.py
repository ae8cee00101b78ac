"""A programme as a private podcast (`program --feed BASE_URL`): the feed read as a podcast
app reads it (feedparser), every enclosure found in the folder at its length, lengths
measured in the decoded audio, chapters files checked against the Podcasting 2.0 format
and against the chapters inside each track, the same bytes from a second run."""

from __future__ import annotations

import itertools
import json
import shutil
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote

import feedparser
import jsonschema
import pytest
from audio_probe import RATE, decode, file_chapters
from click.testing import CliRunner
from helpers import FIXTURES
from mutagen.id3 import ID3

from voiceguide.cli import cli
from voiceguide.errors import UserError
from voiceguide.export.feed import canonical_base_url
from voiceguide.programme.feed import EPOCH
from voiceguide.programme.reader import load_programme

BASE = "https://example.org/physio/anna b/"  # a space, as a folder may well have one
ENCODED = "https://example.org/physio/anna%20b/"
START = "2025-03-03"

# The Podcasting 2.0 JSON chapters format (podcast-namespace, chapters/jsonChapters.md,
# version 1.2): version and chapters required; each chapter a startTime in seconds.
CHAPTERS_SCHEMA = {
    "type": "object",
    "required": ["version", "chapters"],
    "properties": {
        "version": {"type": "string", "pattern": r"^1\.2(\.\d+)?$"},
        "author": {"type": "string"},
        "title": {"type": "string"},
        "podcastName": {"type": "string"},
        "description": {"type": "string"},
        "fileName": {"type": "string"},
        "waypoints": {"type": "boolean"},
        "chapters": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["startTime"],
                "properties": {
                    "startTime": {"type": "number", "minimum": 0},
                    "endTime": {"type": "number", "minimum": 0},
                    "title": {"type": "string"},
                    "img": {"type": "string"},
                    "url": {"type": "string"},
                    "toc": {"type": "boolean"},
                    "location": {"type": "object", "required": ["name", "geo"]},
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _programme_folder(root: Path, start: str | None) -> Path:
    """The quick test programme (four weeks, standing joins in week 3) with a start date."""
    for path in (FIXTURES / "programme").iterdir():
        shutil.copy(path, root / path.name)
    text = (root / "quick.yaml").read_text()
    if start:
        text = text.replace("weeks: 4\n", f"weeks: 4\nstart: {start}\nauthor: Anna Berg\n")
    (root / "quick.yaml").write_text(text)
    return root / "quick.yaml"


@pytest.fixture(scope="module")
def fed(tmp_path_factory) -> tuple[Path, Path, bytes]:
    """The quick programme built with a feed: (programme file, folder, the CLI's stderr)."""
    here = tmp_path_factory.mktemp("feed")
    programme = _programme_folder(here, START)
    out = here / "out"
    result = run("program", programme, "--feed", BASE, "-o", out, "-j", 1)
    assert result.exit_code == 0, result.output
    return programme, out, result.stderr.encode()


def _feed(out: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def _local(out: Path, url: str) -> Path:
    """The file in the folder that a URL of the feed names."""
    assert url.startswith(ENCODED), url
    name = unquote(url[len(ENCODED) :])
    assert "/" not in name
    return out / name


def test_the_feed_is_a_podcast_of_the_programme(fed):
    programme_file, out, _ = fed
    parsed = _feed(out)
    channel = parsed.feed
    programme = load_programme(programme_file)
    assert parsed.version == "rss20"
    assert channel.title == programme.title
    assert channel.author == "Anna Berg"
    assert channel.language == "en"
    # Apple's spec says "false"; feedparser knows only "clean" as a no, and reads it as None.
    assert not channel.itunes_explicit
    assert "<itunes:explicit>false</itunes:explicit>" in (out / "feed.xml").read_text()
    assert channel.podcast_locked == "yes" and channel.itunes_block  # private: no directory
    assert channel.itunes_type == "serial"
    assert channel.link == ENCODED
    assert [t["term"] for t in channel.tags] == ["Health & Fitness", "Fitness"]
    cover = _local(out, channel.image.href)
    assert cover.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [e.itunes_episode for e in parsed.entries] == ["1", "2", "3", "4"]
    assert [e.title for e in parsed.entries] == [
        "Week 1: Quick sitting",
        "Week 2: Quick sitting",
        "Week 3: Quick programme",
        "Week 4: Quick programme",
    ]
    # One track a week: no seasons of one episode each.
    assert not any("itunes_season" in e for e in parsed.entries)


def test_every_enclosure_is_a_file_of_the_folder_at_its_length(fed):
    _, out, _ = fed
    parsed = _feed(out)
    tracks = sorted(out.glob("*.mp3"))
    assert len(parsed.entries) == len(tracks) == 4
    for entry in parsed.entries:
        (enclosure,) = entry.enclosures
        path = _local(out, enclosure.href)
        assert path.is_file(), enclosure.href
        assert int(enclosure.length) == path.stat().st_size
        assert enclosure.type == "audio/mpeg"
    assert sorted(_local(out, e.enclosures[0].href) for e in parsed.entries) == tracks


def test_durations_are_the_decoded_tracks_lengths(fed):
    _, out, _ = fed
    for entry in _feed(out).entries:
        track = _local(out, entry.enclosures[0].href)
        seconds = len(decode(track)) / RATE
        # Whole seconds, as Apple's spec asks: the nearest to the decoded length.
        assert abs(int(entry.itunes_duration) - seconds) <= 0.5 + 0.01, track.name


def test_chapters_files_are_podcasting_2_chapters_and_match_the_tracks_own(fed):
    _, out, _ = fed
    for entry in _feed(out).entries:
        track = _local(out, entry.enclosures[0].href)
        chapters_url = _chapters_url(out, track)
        data = json.loads(_local(out, chapters_url).read_text(encoding="utf-8"))
        jsonschema.validate(data, CHAPTERS_SCHEMA)
        assert data["version"] == "1.2.0"
        own = _id3_chapters(track)
        assert len(own) >= 3
        assert [(c["title"], c["startTime"]) for c in data["chapters"]] == own
        # ffmpeg, which players are built on, finds the same chapters (it takes the
        # encoder's delay, 25 ms, off each start, as it does off the audio).
        heard = file_chapters(track)
        assert [title for title, _ in heard] == [title for title, _ in own]
        for (_, start), (_, found) in zip(own, heard, strict=True):
            assert found == pytest.approx(max(0, start - 0.025), abs=0.002)
        starts = [c["startTime"] for c in data["chapters"]]
        assert starts == sorted(starts) and starts[0] == 0


def _id3_chapters(track: Path) -> list[tuple[str, float]]:
    """(title, start in seconds) of the CHAP frames inside the MP3, in time order."""
    frames = sorted(ID3(track).getall("CHAP"), key=lambda frame: frame.start_time)
    return [(str(frame.sub_frames["TIT2"]), frame.start_time / 1000) for frame in frames]


def _chapters_url(out: Path, track: Path) -> str:
    """The podcast:chapters URL the feed gives for `track` (feedparser does not read the
    Podcasting 2.0 namespace, so the XML is read for it)."""
    import xml.etree.ElementTree as ET

    root = ET.parse(out / "feed.xml").getroot()
    podcast = "{https://podcastindex.org/namespace/1.0}"
    for item in root.iter("item"):
        enclosure = item.find("enclosure")
        assert enclosure is not None
        if _local(out, enclosure.get("url", "")) == track:
            chapters = item.find(f"{podcast}chapters")
            assert chapters is not None
            assert chapters.get("type") == "application/json+chapters"
            captions = item.find(f"{podcast}transcript")
            assert captions is not None and _local(out, captions.get("url", "")).is_file()
            return chapters.get("url", "")
    raise AssertionError(f"no item for {track}")


def test_weeks_are_dated_a_week_apart_from_the_programmes_start(fed):
    _, out, _ = fed
    dates = [datetime(*e.published_parsed[:6], tzinfo=timezone.utc) for e in _feed(out).entries]
    assert dates[0] == datetime(2025, 3, 3, 12, tzinfo=timezone.utc)
    assert [(b - a).days for a, b in itertools.pairwise(dates)] == [7, 7, 7]


def test_an_episodes_notes_list_its_weeks_exercises_with_the_values_in_force(fed):
    _, out, _ = fed
    entries = _feed(out).entries
    # The quick programme: holds 3, 4, 5, 5 s; reps 2, 3, 3, 3; standing from week 3.
    for entry, hold, reps in zip(entries, (3, 4, 5, 5), (2, 3, 3, 3), strict=True):
        notes = entry.description
        assert f"Level: {'gentle' if hold < 5 else 'standard'} · Hold: {hold} s" in notes, notes
        assert f"<li>Back press (Sitting): Hold: {hold} s</li>" in notes, notes
        assert f"<li>Squeeze (Sitting): Reps: {reps}, hold each 2 s</li>" in notes, notes
    assert "Wall lean" not in entries[1].description
    assert "Wall lean" in entries[2].description


def test_a_guid_is_stable_and_no_url(fed):
    _, out, _ = fed
    for entry in _feed(out).entries:
        assert entry.guidislink is False
        assert not entry.id.startswith("http")
        assert entry.id.startswith("voiceguide:quick:")


def test_a_second_run_gives_the_same_bytes(fed, tmp_path):
    programme, out, _ = fed
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    times = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    result = run("program", programme, "--feed", BASE, "-o", out, "-j", 1)
    assert result.exit_code == 0, result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == times  # not rewritten
    # Built afresh elsewhere: the same feed, file for file.
    again = tmp_path / "again"
    result = run("program", programme, "--feed", BASE, "-o", again, "-j", 1)
    assert result.exit_code == 0, result.output
    assert {p.name: p.read_bytes() for p in again.iterdir()} == before


def test_without_a_start_the_weeks_are_dated_from_a_fixed_day_and_it_is_said(tmp_path):
    shutil.copy(FIXTURES / "programme" / "standing.yaml", tmp_path)
    programme = tmp_path / "one.yaml"
    programme.write_text("title: One week\nweeks: 1\nsessions: [standing.yaml]\n")
    out = tmp_path / "out"
    result = run("program", programme, "--feed", "http://192.0.2.1:8000/x", "-o", out)
    assert result.exit_code == 0, result.output
    assert f"no start: date, so the feed dates week 1 {EPOCH.isoformat()}" in result.stderr
    parsed = _feed(out)
    (entry,) = parsed.entries
    assert entry.published_parsed[:3] == (EPOCH.year, EPOCH.month, EPOCH.day)
    assert entry.enclosures[0].href == "http://192.0.2.1:8000/x/01-week-1.mp3"
    assert parsed.feed.description == "Quick standing"  # no intro: its routines
    assert parsed.feed.author == "voiceguide"


@pytest.mark.parametrize(
    "given, message",
    [
        ("example.org/feeds", "give the web address the folder will be served at"),
        ("ftp://example.org/feeds/", "give the web address the folder will be served at"),
        ("https:///feeds/", "give the web address the folder will be served at"),
        ("https://example.org/feeds/?user=anna", "leave out the ?query and #fragment"),
        ("https://example.org/feeds/#top", "leave out the ?query and #fragment"),
        ("https://exam ple.org/feeds/", "the host name cannot be used in a URL"),
        (" https://example.org/feeds/", "no spaces around it"),
        ("https://example.org/\x07/", "no control characters"),
        ("https://example.org:99999/", "not a URL"),
    ],
)
def test_a_bad_base_url_is_one_line_and_exit_2_before_any_build(tmp_path, given, message):
    out = tmp_path / "out"
    result = run("program", FIXTURES / "programme" / "quick.yaml", "--feed", given, "-o", out)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("voiceguide: error: --feed ") and message in line, line
    assert not out.exists()


@pytest.mark.parametrize(
    "given, made",
    [
        ("https://example.org/feeds", "https://example.org/feeds/"),
        ("HTTPS://Example.org/a%20b/", "https://example.org/a%20b/"),
        ("https://example.org/a b/c", "https://example.org/a%20b/c/"),
        ("http://example.org", "http://example.org/"),
        ("https://bücher.example/ä/", "https://xn--bcher-kva.example/%C3%A4/"),
        ("http://[::1]:8000/x", "http://[::1]:8000/x/"),
    ],
)
def test_a_base_url_is_made_canonical(given, made):
    assert canonical_base_url(given) == made


def test_the_url_check_refuses_what_the_cli_refuses():
    with pytest.raises(UserError, match=r"leave out the \?query"):
        canonical_base_url("https://example.org/?q")


@pytest.mark.parametrize(
    "start, message",
    [
        ("tomorrow", "start must be the day week 1 begins, like 2025-03-03, got 'tomorrow'"),
        ("2025-02-30", "'2025-02-30' cannot be read as a date (day is out of range for month)"),
        ("2025-03-03 10:00:00", "start must be the day week 1 begins"),
        ("3", "start must be the day week 1 begins, like 2025-03-03, got 3"),
    ],
)
def test_a_start_that_is_no_date_is_one_line_at_its_place(tmp_path, start, message):
    programme = _programme_folder(tmp_path, None)
    programme.write_text(programme.read_text().replace("weeks: 4\n", f"weeks: 4\nstart: {start}\n"))
    result = run("plan", programme)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert f"quick.yaml:4:8: {message}" in line, line


def test_a_quoted_start_date_is_read_as_a_date(tmp_path):
    programme = _programme_folder(tmp_path, None)
    programme.write_text(
        programme.read_text().replace("weeks: 4\n", "weeks: 4\nstart: '2025-03-03'\n")
    )
    assert load_programme(programme).start == datetime(2025, 3, 3).date()
