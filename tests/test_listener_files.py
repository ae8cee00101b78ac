"""What the listener sees beside the audio (issue 14): the cover, one album for the bundled
set, a playlist of the whole folder, and a printable sheet with the values in force."""

from __future__ import annotations

import json
import re
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
from audio_probe import RATE, decode
from click.testing import CliRunner
from helpers import FIXTURES

from voiceguide.cli import cli
from voiceguide.ffmpeg import ffmpeg_exe
from voiceguide.library import all_bundled
from voiceguide.pipeline.build import OutputSettings, build
from voiceguide.routine.reader import load_routine

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_COVER = ROOT / "audio_assets" / "cover.png"


def run_build(*args: str) -> None:
    result = CliRunner().invoke(cli, ["build", *args])
    assert result.exit_code == 0, result.stderr


# --- the cover and the album --------------------------------------------------------------


def _png_content(data: bytes) -> list[tuple[bytes, bytes]]:
    """Each chunk's type and data, the image data decompressed: what any zlib reads back."""
    chunks, at = [], 8
    while at < len(data):
        (size,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + size]
        assert (
            zlib.crc32(kind + body) == struct.unpack(">I", data[at + 8 + size : at + 12 + size])[0]
        )
        chunks.append((kind, zlib.decompress(body) if kind == b"IDAT" else body))
        at += 12 + size
    return chunks


def test_the_cover_script_makes_the_shipped_picture_again(tmp_path):
    made = []
    for run in ("first", "second"):
        out = tmp_path / f"{run}.png"
        script = ROOT / "scripts" / "make_cover.py"
        subprocess.run([sys.executable, str(script), str(out)], check=True, capture_output=True)
        made.append(out.read_bytes())
    assert made[0] == made[1]  # the same bytes every time
    # The shipped file holds the same picture (its compressed bytes could differ only
    # where another zlib build made it).
    assert _png_content(made[0]) == _png_content(SHIPPED_COVER.read_bytes())
    assert [kind for kind, _ in _png_content(made[0])] == [b"IHDR", b"IDAT", b"IEND"]
    # What ships decodes as a calm picture of the promised size.
    raw = subprocess.run(
        [
            ffmpeg_exe(),
            "-v",
            "error",
            "-i",
            str(SHIPPED_COVER),
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-",
        ],
        capture_output=True,
        check=True,
    ).stdout
    picture = np.frombuffer(raw, dtype=np.uint8).reshape(512, 512, 3).astype(int)
    top, horizon, bottom = picture[10, 10], picture[300, 10], picture[500, 256]
    assert top[2] > top[0]  # a blue sky above
    assert horizon[0] > top[0] + 80  # warming to peach towards the horizon
    assert abs(bottom - horizon).sum() > 100  # and waves in front
    assert len(SHIPPED_COVER.read_bytes()) < 40_000  # small: every track carries it


def test_the_m4a_cover_and_chapters_survive_background_music(tmp_path, short_routine):
    """With music, ffmpeg reads one more input before the tags and the cover: each still
    lands where it belongs."""
    from voiceguide.audio.music import Music

    tune = tmp_path / "tune.ogg"
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "sine=f=220:d=5", str(tune)],
        check=True,
    )
    result = build(
        short_routine, output=OutputSettings(tmp_path / "out", format="m4a", music=Music(tune))
    )
    found = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(result.path), "-map", "0:v", "-c", "copy",
         "-f", "image2", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    assert found == SHIPPED_COVER.read_bytes()
    metadata = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(result.path), "-f", "ffmetadata", "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert re.findall(r"^title=(.*)$", metadata, re.MULTILINE) == [
        "Timing check", "Introduction", "Wall lean", "Squeeze", "Reach", "Arm press",
        "Chin tuck", "Close",
    ]  # fmt: skip
    assert abs(len(decode(result.path)) / RATE - result.timeline.seconds) <= 0.030


def test_every_bundled_routine_files_under_one_album():
    routines = [r for r in all_bundled() if r.language == "en"]
    assert len(routines) == 6
    assert {r.collection for r in routines} == {"voiceguide: upper back"}


# --- the playlist -------------------------------------------------------------------------


def _playlist(folder: Path) -> list[tuple[int, str, str]]:
    lines = (folder / "playlist.m3u8").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#EXTM3U"
    entries = []
    for info, name in zip(lines[1::2], lines[2::2], strict=True):
        seconds, title = re.fullmatch(r"#EXTINF:(\d+),(.+)", info).groups()
        entries.append((int(seconds), title, name))
    return entries


def test_the_playlist_lists_every_track_in_the_folder_this_runs_first(tmp_path):
    out = tmp_path / "out"
    run_build(str(FIXTURES / "short.yaml"), "-o", str(out), "--suffix", "-old")
    # Another track voiceguide wrote earlier: its title and length come from its timeline.
    (out / "another.ogg").write_bytes((out / "short-old.mp3").read_bytes())
    (out / "another.json").write_text(json.dumps({"title": "Evening\nstretch", "seconds": 61.4}))
    # What is not a track of ours stays out.
    (out / "no-timeline.mp3").write_bytes(b"audio")
    (out / ".short.99999.abc.part.mp3").write_bytes(b"partial")
    (out / ".short.99999.abc.part.json").write_text('{"title": "partial", "seconds": 1}')
    (out / "notes.txt").write_text("notes")
    (out / "notes.json").write_text('{"title": "Notes", "seconds": 1}')
    (out / "broken.wav").write_bytes(b"RIFF")
    (out / "broken.json").write_text("{not json")
    (out / "odd.m4a").write_bytes(b"audio")
    (out / "odd.json").write_text('{"title": "Odd", "seconds": "long"}')
    (out / "folder.mp3").mkdir()
    (out / "folder.json").write_text('{"title": "Folder", "seconds": 1}')

    second = tmp_path / "second.yaml"
    second.write_text((FIXTURES / "short.yaml").read_text().replace("hold: 7", "hold: 9"))
    run_build(str(second), str(FIXTURES / "short.yaml"), "-o", str(out))

    entries = _playlist(out)
    assert [name for _, _, name in entries] == [
        "second.mp3",  # this run's, in the order given
        "short.mp3",
        "another.ogg",  # then the others, by name
        "short-old.mp3",
    ]
    assert entries[2][:2] == (61, "Evening stretch")  # one line, whatever the timeline says
    for seconds, title, name in [entries[0], entries[1], entries[3]]:
        assert title == "Timing check"
        assert abs(seconds - len(decode(out / name)) / RATE) <= 0.5, name


def test_a_lone_build_into_a_full_folder_keeps_the_others_in_the_playlist(tmp_path):
    out = tmp_path / "out"
    run_build(str(FIXTURES / "short.yaml"), "-o", str(out), "--suffix", "-a")
    run_build(str(FIXTURES / "short.yaml"), "-o", str(out), "--suffix", "-b", "--format", "wav")
    run_build(str(FIXTURES / "short.yaml"), "-o", str(out), "--suffix", "-a")
    assert [name for _, _, name in _playlist(out)] == ["short-a.mp3", "short-b.wav"]


# --- the printable sheet ------------------------------------------------------------------

VOID = {"meta", "br", "link", "img", "hr", "input"}


class _Node:
    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag, self.attrs, self.children, self.text = tag, attrs, [], ""

    def find_all(self, tag: str, cls: str | None = None) -> list[_Node]:
        found = []
        for child in self.children:
            if child.tag == tag and (cls is None or cls in child.attrs.get("class", "").split()):
                found.append(child)
            found += child.find_all(tag, cls)
        return found

    def all_text(self) -> str:
        return self.text + "".join(child.all_text() for child in self.children)


class _Tree(HTMLParser):
    """The page as nested nodes; text is unescaped as a browser would show it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.open[-1].children.append(node)
        if tag not in VOID:
            self.open.append(node)

    def handle_endtag(self, tag):
        assert self.open[-1].tag == tag, (tag, self.open[-1].tag)  # well nested
        self.open.pop()

    def handle_data(self, data):
        node = _Node("#text", {})
        node.text = data
        self.open[-1].children.append(node)


def read_page(path: Path) -> _Node:
    tree = _Tree()
    tree.feed(path.read_text(encoding="utf-8"))
    tree.close()
    assert tree.open == [tree.root]
    return tree.root


def text(node: _Node) -> str:
    return " ".join(node.all_text().split())


def seconds_of(words: str) -> float:
    """'12 s', '2.5 s', '1 min 30 s' -> seconds."""
    match = re.fullmatch(r"(?:(\d+) min)? ?(?:([\d.]+) s)?", words.strip())
    assert match and any(match.groups()), words
    return int(match[1] or 0) * 60 + float(match[2] or 0)


def _exercises(page: _Node) -> list[dict]:
    found = []
    for item in page.find_all("li", "exercise"):
        (heading,) = item.find_all("h2")
        number = text(heading.find_all("span", "number")[0])
        position = text(heading.find_all("span", "position")[0])
        found.append(
            {
                "number": int(number),
                "name": text(heading)[len(number) : -len(position)].strip(),
                "position": position,
                "setup": [
                    text(li) for ul in item.find_all("ul", "setup") for li in ul.find_all("li")
                ],
                "steps": [
                    text(li) for ol in item.find_all("ol", "steps") for li in ol.find_all("li")
                ],
                "values": {
                    text(row.find_all("th")[0]): text(row.find_all("td")[0])
                    for row in item.find_all("tr")
                },
            }
        )
    return found


def _windows(timeline: dict, exercise: str, kind: str) -> list[float]:
    return [
        round(e["end"] - e["start"], 3)
        for e in timeline["events"]
        if e["kind"] == kind and e["exercise"] == exercise
    ]


def test_the_sheet_shows_the_values_the_listener_hears(tmp_path):
    """After overrides: every number on the sheet is the length or count the timeline has."""
    out = tmp_path / "out"
    run_build(
        str(FIXTURES / "short.yaml"), "-o", str(out),
        "--hold", "12", "--rest", "8", "--set", "chin-tuck.sets=3",
        "--set", "chin-tuck.rest=6", "--set", "squeeze.reps=4",
    )  # fmt: skip
    page = read_page(out / "short.html")
    timeline = json.loads((out / "short.json").read_text())
    routine = load_routine(FIXTURES / "short.yaml")

    (title,) = page.find_all("h1")
    assert text(title) == "Timing check"
    facts = text(page.find_all("p", "facts")[0])
    total = re.search(r"Total time ((?:\d+ min ?)?(?:\d+ s)?)", facts)[1]
    assert abs(seconds_of(total) - len(decode(out / "short.mp3")) / RATE) <= 0.5
    between = re.search(r"Rest between exercises (\d+ s)", facts)[1]
    rests = [e for e in timeline["events"] if e["kind"] == "rest" and e["text"] == "rest"]
    assert rests and {round(e["end"] - e["start"], 3) for e in rests} == {seconds_of(between)}
    assert text(page.find_all("p", "intro")[0]) == routine.intro
    assert not page.find_all("p", "equipment")  # the fixture needs nothing

    exercises = _exercises(page)
    assert [(e["number"], e["name"], e["position"]) for e in exercises] == [
        (1, "Wall lean", "Standing"),
        (2, "Squeeze", "Sitting"),
        (3, "Reach", "Sitting"),
        (4, "Arm press", "Lying down"),
        (5, "Chin tuck", "Lying down"),
    ]
    for shown, written in zip(exercises, routine.exercises, strict=True):
        assert shown["setup"] == list(written.say)
    wall, squeeze, reach, press, chin = (e["values"] for e in exercises)

    # A hold on both sides: the full time on each.
    assert wall["Hold"].endswith(" on each side") and "left" in wall["Sides"]
    assert _windows(timeline, "Wall lean", "hold") == [seconds_of(wall["Hold"][:-13])] * 2
    # Held reps: the count and the hold inside each (--hold leaves that one alone).
    count, hold = re.fullmatch(r"(\d+), hold each (.+)", squeeze["Reps"]).groups()
    assert _windows(timeline, "Squeeze", "rep") == [seconds_of(hold)] * int(count) == [2.5] * 4
    # Paced reps, alternating: one window of count x sides x tempo.
    count, every = re.fullmatch(r"(\d+) each side, one every (.+)", reach["Reps"]).groups()
    assert _windows(timeline, "Reach", "reps") == [int(count) * 2 * seconds_of(every)]
    # Positions of one hold, each with its own line.
    positions, each = re.fullmatch(r"(\d+) positions, (.+) each", press["Hold"]).groups()
    assert _windows(timeline, "Arm press", "hold") == [seconds_of(each)] * int(positions)
    assert [step.rsplit(" ", 2)[0] for step in exercises[3]["steps"]] == [
        step.say for step in routine.exercises[3].positions
    ]
    # Sets, and the rest between them.
    sets, rest = re.fullmatch(r"(\d+), rest (.+) between", chin["Sets"]).groups()
    assert _windows(timeline, "Chin tuck", "hold") == [seconds_of(chin["Hold"])] * int(sets)
    assert int(sets) == 3 and seconds_of(chin["Hold"]) == 12
    assert _windows(timeline, "Chin tuck", "rest") == [seconds_of(rest)] * (int(sets) - 1)

    closing = [text(p) for p in page.find_all("p", "close")]
    events = timeline["events"]
    last = max(i for i, e in enumerate(events) if e["exercise"] is not None)
    assert closing == [e["text"] for e in events[last + 1 :] if e["kind"] == "speech"]
    assert "--hold" in text(page.find_all("p", "settings")[0])  # what changed, and by what


HOSTILE = """\
title: 'Tea & "biscuits"'
intro: "Sit & relax, it's 'fine'."
equipment: [a chair, a ball & a mat]
exercises:
  - name: 'Reach & "over"'
    position: kneeling
    say: "Reach up & over; don't stop."
    hold: 6-9
"""


def test_the_sheet_escapes_every_text_and_needs_nothing_outside(tmp_path):
    routine = tmp_path / "tea.yaml"
    routine.write_text(HOSTILE)
    out = tmp_path / "out"
    run_build(str(routine), "-o", str(out), "--level", "strong")
    source = (out / "tea.html").read_text(encoding="utf-8")
    assert " & " not in source and '"biscuits"' not in source and "&amp;" in source
    lowered = source.lower()
    for outside in ("src=", "href=", "url(", "@import", "<link", "<img", "<script", "javascript"):
        assert outside not in lowered, outside
    page = read_page(out / "tea.html")
    (style,) = page.find_all("style")
    assert "@media print" in style.all_text() and "@page" in style.all_text()
    assert text(page.find_all("h1")[0]) == 'Tea & "biscuits"'
    assert text(page.find_all("title")[0]) == 'Tea & "biscuits"'
    assert text(page.find_all("p", "intro")[0]) == "Sit & relax, it's 'fine'."
    assert text(page.find_all("p", "equipment")[0]) == "You need: a chair, a ball & a mat"
    (exercise,) = _exercises(page)
    assert exercise["name"] == 'Reach & "over"'
    assert exercise["position"] == "Kneeling"
    assert exercise["setup"] == ["Reach up & over; don't stop."]
    # The level picked from the range is the hold the timeline has.
    timeline = json.loads((out / "tea.json").read_text())
    hold = seconds_of(exercise["values"]["Hold"])
    assert _windows(timeline, 'Reach & "over"', "hold") == [hold]
    assert hold > 7.5  # strong: the high end


def test_markup_in_any_text_of_the_sheet_stays_text():
    """Angle brackets cannot be spoken cleanly, so they are tried on the page alone."""
    from voiceguide.export.sheet import Sheet, SheetExercise
    from voiceguide.export.sheet_html import sheet_html
    from voiceguide.language import phrase_book

    bad = "<script>alert(1)</script><b>&amp;"
    exercise = SheetExercise(
        number=1, name=bad, position=bad, setup=(bad, bad), cue=bad,
        values=((bad, bad),), steps=((bad, bad),),
    )  # fmt: skip
    page = sheet_html(
        Sheet(
            title=bad, seconds=75, equipment=(bad,), intro=bad, close=(bad,),
            rest_between=bad, exercises=(exercise,), settings=bad, book=phrase_book(),
        )
    )  # fmt: skip
    assert "<script" not in page and "<b>" not in page
    tree = _Tree()
    tree.feed(page)
    tree.close()
    texts = tree.root.all_text()
    # The title twice, the rest, equipment, intro, nine in the exercise, close, settings.
    assert texts.count(bad) == 16
    assert "1 min 15 s" in texts


def test_no_sheet_or_other_sidecar_when_sidecars_are_off(tmp_path, short_routine):
    result = build(short_routine, output=OutputSettings(tmp_path, sidecars=False))
    assert result.sidecars == ()
    assert [p.name for p in tmp_path.iterdir()] == ["short.mp3"]
    with_them = build(short_routine, output=OutputSettings(tmp_path / "with"))
    assert [p.suffix for p in with_them.sidecars] == [".vtt", ".json", ".html"]
    assert all(p.is_file() for p in with_them.sidecars)
