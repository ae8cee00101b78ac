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
from ..errors import UserError
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
from ..files import Outputs, output_group, refuse_linked_folder, scratch_folder
from ..language import language_name, phrase_book
from ..planned import Plan
from ..planning.layout import layout
from ..planning.planner import check_heard_length, plan
from ..routine.model import Routine
from ..script import Say, Tone, phrases_to_speak
from ..settings.options import Options
from ..speech.engine import Voice, default_voice
from ..speech.engines import speaks_language
from ..speech.pool import SpeechSettings, speak
from ..speech.synth import BadClips
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
    planned: Plan | Routine,
    *,
    options: Options | None = None,
    speech: SpeechSettings | None = None,
    output: OutputSettings | None = None,
    name: str | None = None,
    track: tuple[int, int] = (1, 1),
    title: str | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> BuildResult:
    """Build one plan into `output.folder/<name or slug>.<format>`, with its sidecars.

    Given a routine rather than its plan, it is planned here with `options`. `title` is
    the track's title tag when it is not the routine's (a programme's week).
    """
    speech, output = speech or SpeechSettings(), output or OutputSettings()
    report = progress or (lambda _progress: None)
    if output.split:  # before anything is spoken
        refuse_linked_folder(Path(output.folder) / (name or planned.slug))
    look_up_ffmpeg_early()
    # 1. plan (the session budget, speech included, is checked before any phrase is spoken)
    if isinstance(planned, Routine):
        planned = plan(planned, options, speaking_rate=speech.voice.rate)
    # Spoken in the language planned (--language, else the routine's own), by the voice
    # chosen or else that language's own voice.
    voice = speech.voice.for_language(planned.language)
    speech = dataclasses.replace(speech, voice=voice)
    music = output.music.measured(speech.remembers_in) if output.music else None
    notes: list[str] = []
    with scratch_folder() as folder:
        scratch = Path(folder)
        # 2. speak
        try:
            spoken = speak(
                phrases_to_speak(planned),
                speech,
                scratch=scratch,
                progress=lambda done, total: report(Progress("speaking", done, total)),
                warn=notes.append,
            )
        except BadClips as err:  # a voice chosen for another language: the person's to change
            raise _other_language(err, voice, planned.language) or err from None
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
            timeline = layout(planned, length_of, rate=SAMPLE_RATE)
            check_heard_length(timeline.seconds, planned)
            report(Progress("measuring"))
            form = FORMATS[output.format]
            gain = normalising_gain(
                timeline, clips, tones, output.loudness, spoken.folder,
                peak_margin_db=form.peak_margin_db,
            )  # fmt: skip
            chain = output.loudness.audio_filter(
                gain, peak_margin_db=form.peak_margin_db, encoder_offset_db=form.level_offset_db
            )
            settings = TrackSettings(planned.level, voice.label, voice.rate, planned.changes)
            comment = settings.comment(phrase_book(timeline.language))
            chapter_list = chapters(timeline)
            path = Path(output.folder) / f"{name or planned.slug}.{output.format}"
            info = TrackInfo(
                title=title or planned.title,
                album=planned.collection or planned.title,
                track=track[0],
                of=track[1],
                comment=comment,
                length_ms=round(timeline.seconds * 1000),
                cover=Cover.from_png(load_cover()),
            )
            printable = functools.partial(sheet, planned, timeline, comment)
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
                    path = Path(output.folder) / (name or planned.slug)
                    refuse_linked_folder(path)  # again: it may have been made one meanwhile
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
                refuse_linked_folder(path.parent)
                remove_old_tracks(path.parent, [*extra, *(t.path for t in tracks)])
        finally:
            spoken.close()
    return BuildResult(path, timeline, spoken.made, gain, tuple(extra), tuple(notes), tuple(tracks))


def _other_language(err: BadClips, voice: Voice, language: str) -> UserError | None:
    """The error to give when a voice of another language than the session's cannot say
    one of its phrases, naming the voices that can; None when the voice speaks it."""
    if voice.command is not None:
        return None
    spoken = speaks_language(voice.name, language)
    if spoken is None:
        return None
    name = language_name(language)
    a = "an" if name[:1] in "AEIOU" else "a"
    return UserError(
        f"voice '{voice.name}' speaks {spoken}, and cannot say {err.text[:60]!r} as {name} "
        f"is said ({err.problem}); choose {a} {name} voice, like {default_voice(language)} "
        "(leave --voice out for it)"
    )


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
