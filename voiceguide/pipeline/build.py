"""One routine into one finished track: the five arrows of DESIGN.md.

plan -> speak -> layout -> mix -> export. Each stage lives in its own module; this one
only hands each stage's output to the next and keeps the files of a failed build out of
sight (a build replaces its track and sidecars together, or not at all).
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..audio.assets import load_cover, load_tones
from ..audio.format import SAMPLE_RATE, SAMPLE_WIDTH, Clip, resampled_frames
from ..audio.loudness import LoudnessTarget, normalising_gain
from ..audio.mix import ClipView
from ..audio.music import Music
from ..audio.track import Track
from ..export.chapters import chapters
from ..export.encode import FORMATS, FormatName, write_audio
from ..export.playlist import PlaylistEntry, playlist_text
from ..export.settings import TrackSettings
from ..export.sheet import Sheet, sheet
from ..export.sheet_html import sheet_html
from ..export.sidecars import write_sidecars
from ..export.split import PcmCutter, parts, remove_old_tracks
from ..export.tags import Cover, TrackInfo
from ..ffmpeg import look_up_ffmpeg_early
from ..files import Outputs, output_group, scratch_folder
from ..language import phrase_book
from ..planning.layout import layout
from ..planning.planner import check_heard_length, plan
from ..planning.script import Say, Script, Tone, script_language, spoken_texts
from ..routine.model import Routine
from ..settings.options import Options
from ..speech.pool import SpeechSettings, speak
from ..timeline import Timeline

Stage = Literal["start", "speaking", "measuring", "encoding", "done"]


@dataclass(frozen=True)
class OutputSettings:
    """Where the tracks go and how they sound as files."""

    folder: Path = Path("voiceguide-out")
    format: FormatName = "mp3"
    bitrate: str | None = None  # None: the format's default (96k for the lossy ones)
    loudness: LoudnessTarget = field(default_factory=LoudnessTarget)
    music: Music | None = None  # looped quietly under the session
    # Captions (.vtt), timeline (.json) and a printable sheet (.html) beside each track.
    sidecars: bool = True
    # One track per exercise (per round), in a folder named for the routine, with its
    # playlist: see export/split.py.
    split: bool = False


@dataclass(frozen=True)
class BuildResult:
    path: Path  # the track; of a split build, the playlist of its tracks
    timeline: Timeline
    synthesised: int  # phrases the speech engine had to make for this build
    gain_db: float = 0.0  # applied to reach the loudness target
    sidecars: tuple[Path, ...] = ()
    notes: tuple[str, ...] = ()  # warnings about the build itself (e.g. the cache was unusable)
    tracks: tuple[PlaylistEntry, ...] = ()  # a split build's tracks, in order


@dataclass(frozen=True)
class Progress:
    """Where a build is. `done` of `total`: phrases while speaking, whole seconds of audio
    while encoding. `result` comes with "done". Reported from whichever thread does the work."""

    stage: Stage
    done: int = 0
    total: int = 0
    result: BuildResult | None = None


def build(
    routine: Routine,
    *,
    options: Options | None = None,
    speech: SpeechSettings | None = None,
    output: OutputSettings | None = None,
    name: str | None = None,
    track: tuple[int, int] = (1, 1),
    title: str | None = None,
    script: Script | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> BuildResult:
    """Build one routine into `output.folder/<name or slug>.<format>`, with its sidecars.

    `script` is the routine's plan when the caller has made it already (with `options`);
    `title` is the track's title tag when it is not the routine's (a programme's week).
    """
    options, speech, output = (
        options or Options(),
        speech or SpeechSettings(),
        output or OutputSettings(),
    )
    report = progress or (lambda _progress: None)
    look_up_ffmpeg_early()
    # 1. plan (the session budget, speech included, is checked before any phrase is spoken)
    script = script or plan(routine, options, speaking_rate=speech.voice.rate)
    # Spoken in the language planned (--language, else the routine's own), by the voice
    # chosen or else that language's own voice.
    voice = speech.voice.for_language(script_language(script, routine))
    speech = dataclasses.replace(speech, voice=voice)
    music = output.music.measured(speech.remembers_in) if output.music else None
    notes: list[str] = []
    with scratch_folder() as folder:
        scratch = Path(folder)
        # 2. speak
        spoken = speak(
            spoken_texts(script),
            speech,
            scratch=scratch,
            progress=lambda done, total: report(Progress("speaking", done, total)),
            warn=notes.append,
        )
        try:
            clips = ClipView(spoken.clips)
            tones: dict[str, Clip] = {
                name: Clip(pcm, SAMPLE_RATE) for name, pcm in load_tones().items()
            }

            def length_of(sound: Say | Tone) -> int:
                if isinstance(sound, Tone):
                    return tones[sound.name].frames
                return resampled_frames(spoken.clips.frames(sound.text), spoken.clips.rate)

            # 3. layout
            timeline = layout(script, length_of, rate=SAMPLE_RATE)
            check_heard_length(timeline.seconds, routine)
            report(Progress("measuring"))
            form = FORMATS[output.format]
            gain = normalising_gain(
                timeline, clips, tones, output.loudness, spoken.folder,
                peak_margin_db=form.peak_margin_db,
            )  # fmt: skip
            chain = output.loudness.audio_filter(
                gain, peak_margin_db=form.peak_margin_db, encoder_offset_db=form.level_offset_db
            )
            settings = TrackSettings(options.level, voice.label, voice.rate, script.changes)
            comment = settings.comment(phrase_book(timeline.language))
            chapter_list = chapters(timeline)
            path = Path(output.folder) / f"{name or routine.slug}.{output.format}"
            info = TrackInfo(
                title=title or routine.title,
                album=routine.collection or routine.title,
                track=track[0],
                of=track[1],
                comment=comment,
                length_ms=round(timeline.seconds * 1000),
                cover=Cover.from_png(load_cover()),
            )
            printable = functools.partial(
                sheet, script.routine or routine, options, timeline, comment
            )
            # 4. mix, 5. export: sidecars are added to the group first and the track last,
            # so whoever sees a new track finds its own captions and timeline beside it.
            with Track(timeline, clips, tones, chain, scratch) as mixed, output_group() as files:
                encode = functools.partial(
                    write_audio,
                    form=form,
                    bitrate=output.bitrate,
                    audio_filter=mixed.encoder_filter,
                    music=music.bed(mixed.encoder_filter or "anull", output.loudness.lufs)
                    if music
                    else None,
                    speech_rate=spoken.clips.rate,
                    scratch=scratch,
                )
                stream = _counted(mixed.blocks(), timeline.seconds, report)
                if output.split:
                    path = Path(output.folder) / (name or routine.slug)
                    path, extra, tracks = _write_split(
                        files, stream, encode, timeline=timeline, folder=path, info=info,
                        settings=settings, printable=printable if output.sidecars else None,
                        suffix=output.format,
                    )  # fmt: skip
                else:
                    extra = (
                        write_sidecars(files, path, timeline, chapter_list, settings, printable())
                        if output.sidecars
                        else []
                    )
                    encode(stream, files.file(path), info=info, chapters=chapter_list)
                    tracks = []
            if tracks:  # committed: what an earlier split left and this one did not write goes
                remove_old_tracks(path.parent, [*extra, *(t.path for t in tracks)])
        finally:
            spoken.close()
    return BuildResult(path, timeline, spoken.made, gain, tuple(extra), tuple(notes), tuple(tracks))


def _write_split(
    files: Outputs,
    stream: Iterable[bytes],
    encode: Callable[..., None],
    *,
    timeline: Timeline,
    folder: Path,
    info: TrackInfo,
    settings: TrackSettings,
    printable: Callable[[], Sheet] | None,
    suffix: str,
) -> tuple[Path, list[Path], list[PlaylistEntry]]:
    """One track per exercise into `folder`, cut from the session's one stream, each with
    its captions and timeline (given `printable`, the sheet of the whole routine too), and
    the folder's playlist: (the playlist, the sidecars, the tracks)."""
    pieces = parts(timeline)
    cutter = PcmCutter(stream)
    extra: list[Path] = []
    if printable is not None:
        extra.append(folder / f"{folder.name}.html")
        files.text(extra[-1], sheet_html(printable()))
    tracks = []
    for part in pieces:
        own = part.timeline(timeline)
        path = folder / f"{part.stem}.{suffix}"
        marks = chapters(own)
        if printable is not None:
            extra += write_sidecars(files, path, own, marks, settings, None)
        mine = dataclasses.replace(
            info,
            title=part.title,
            album=info.title,  # the routine: a player files its tracks together, in order
            track=part.number,
            of=len(pieces),
            length_ms=round(own.seconds * 1000),
        )
        encode(cutter.take(part.end - part.start), files.file(path), info=mine, chapters=marks)
        tracks.append(PlaylistEntry(path, part.title, own.seconds))
    playlist = folder / f"{folder.name}.m3u8"
    files.text(playlist, playlist_text(folder, tracks))
    return playlist, extra, tracks


def _counted(
    blocks: Iterable[bytes], seconds: float, report: Callable[[Progress], None]
) -> Iterator[bytes]:
    """The blocks, reporting the seconds of audio handed to the encoder."""
    done = 0
    for block in blocks:
        yield block
        done += len(block) // SAMPLE_WIDTH
        report(Progress("encoding", done // SAMPLE_RATE, math.ceil(seconds)))
