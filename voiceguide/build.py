"""The pipeline for one routine: plan -> speak -> layout -> mix -> export."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .audio.loudness import LoudnessTarget
from .audio.music import Music, music_loudness
from .errors import RoutineError
from .layout import SAMPLE_RATE, Timeline, layout, samples
from .options import Options
from .plan import MAX_ROUTINE_SECONDS, TONES, Say, Script, Tone, Window, guess_speech_seconds, plan
from .routine import Routine
from .speech import ClipCache, ClipStore, SpeechEngine, Voice, default_cache_dir, speak_all
from .speech.engines import make_engine

MAX_SPEECH_WORKERS = 4


@dataclass(frozen=True)
class BuildResult:
    path: Path
    timeline: Timeline
    synthesised: int  # phrases the speech engine had to make for this build
    gain_db: float = 0.0  # applied to reach the loudness target
    sidecars: tuple[Path, ...] = ()
    notes: tuple[str, ...] = ()  # warnings about the build itself (e.g. the cache was unusable)


def spoken_texts(script: Script) -> list[str]:
    """Every line the script says, in order, including cues laid over windows."""
    texts = []
    for cue in script.cues:
        item = cue.item
        if isinstance(item, Say):
            texts.append(item.text)
        elif isinstance(item, Window):
            texts += [o.sound.text for o in item.overlays if isinstance(o.sound, Say)]
    return texts


def default_engine(voice: Voice) -> SpeechEngine:
    return make_engine(voice)


def cores() -> int:
    """The CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def timeline_for(
    routine: Routine, *, options: Options, voice: Voice, cache_dir: Path | None = None
) -> tuple[Timeline, int]:
    """The timeline without making audio: cached clip lengths where known, else estimates.

    Returns the timeline and how many phrases were estimated (0 means exact).
    """
    script = plan(routine, options, speaking_rate=voice.rate)
    engine = make_engine(voice)  # light: nothing starts until it speaks
    cache = ClipCache(cache_dir or default_cache_dir(), engine.identity, engine.sample_rate)
    guessed = 0
    tone_frames = _tone_lengths()

    def length_of(sound: Say | Tone) -> int:
        nonlocal guessed
        if isinstance(sound, Tone):
            return tone_frames[sound.name]
        found = cache.frames(sound.text)
        if found:
            return round(found * SAMPLE_RATE / engine.sample_rate)
        guessed += 1
        return samples(_guess_seconds(sound.text, voice))

    return layout(script, length_of), guessed


def _guess_seconds(text: str, voice: Voice) -> float:
    return guess_speech_seconds(text, voice.rate)


def check_session_length(timeline: Timeline, routine: Routine) -> None:
    """Refuse a session over the limit once its speech is known, before any audio is made
    (the plan already refused it when its words alone made it too long)."""
    if timeline.seconds > MAX_ROUTINE_SECONDS:
        raise RoutineError(
            routine.path, 1, 1,
            f"the session would run {timeline.seconds / 3600:.1f} hours with its speech, over "
            f"the limit of {MAX_ROUTINE_SECONDS // 3600}; shorten what is said, the holds or the sets, or split the routine",
        )  # fmt: skip


def rough_seconds(routine: Routine, *, options: Options, voice: Voice) -> float:
    """The session's length from its plan alone, speech guessed from its words: enough to
    order builds longest first without reading a clip."""
    total = 0.0
    for cue in plan(routine, options, speaking_rate=voice.rate).cues:
        item = cue.item
        if isinstance(item, Window):
            total += item.seconds
        elif isinstance(item, Say):
            total += _guess_seconds(item.text, voice)
    return total


def _tone_lengths() -> dict[str, int]:
    import wave
    from importlib import resources

    lengths = {}
    for name in TONES:
        asset = resources.files("voiceguide.audio_assets") / f"{name}.wav"
        with resources.as_file(asset) as path, wave.open(str(path), "rb") as sound:
            lengths[name] = sound.getnframes()
    return lengths


def settings_in_force(script: Script, options: Options, voice: Voice) -> dict:
    """What decided this track's numbers and sound, for tags and the JSON timeline."""
    return {
        "level": options.level,
        "voice": voice.name,
        "rate": voice.rate,
        "overrides": [
            {
                "exercise": c.exercise,
                "field": c.field,
                "from": c.before,
                "to": c.after,
                "by": c.where,
            }
            for c in script.changes
        ],
    }


def _comment(settings: dict) -> str:
    text = (
        f"level {settings['level']}; voice {settings['voice']} at {settings['rate']} words a minute"
    )
    for change in settings["overrides"]:
        who = change["exercise"] or "between exercises"
        text += f"; {who}: {change['field']} {change['from']} -> {change['to']} ({change['by']})"
    return text


def build(
    routine: Routine,
    out_dir: Path,
    *,
    options: Options | None = None,
    voice: Voice | None = None,
    engine: SpeechEngine | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    name: str | None = None,
    fmt: str = "mp3",
    bitrate: str | None = None,
    loudness: LoudnessTarget | None = None,
    track: tuple[int, int] = (1, 1),
    sidecars: bool = True,
    music: Music | None = None,
    progress: Callable[[int, int], None] | None = None,
    speech_workers: int | None = None,
) -> BuildResult:
    """Build one routine into `out_dir/<slug>.<fmt>` (with captions and timeline) and return what was made.

    Missing phrases are spoken by `engine` alone if given, else by `speech_workers`
    engines at once (default: one per core, up to MAX_SPEECH_WORKERS).
    """
    from .audio import mix
    from .audio.ffmpeg import look_up_ffmpeg_early
    from .audio.loudness import METER_RATE, normalising_gain
    from .audio.sounds import Prepared, overlaps
    from .export.chapters import chapters as find_chapters
    from .export.chapters import ffmetadata
    from .export.encode import DEFAULT_BITRATE, FORMATS, encode
    from .export.sidecars import write_sidecars
    from .export.tags import TrackInfo, write_id3, write_vorbis_chapters
    from .files import output_group, scratch_folder

    look_up_ffmpeg_early()
    options = options or Options()
    voice = voice or Voice()
    if engine is not None:
        engines = [engine]
    else:
        # More than a few engines would mostly add start-up time: speech is a small share.
        workers = speech_workers or min(cores(), MAX_SPEECH_WORKERS)
        engines = [default_engine(voice) for _ in range(max(1, workers))]
    loudness = loudness or LoudnessTarget()
    # The session budget counts speech too (estimated from its words): checked here,
    # before any phrase is spoken.
    script = plan(routine, options, speaking_rate=voice.rate)
    real_cache = cache_dir or default_cache_dir()
    notes: list[str] = []
    with scratch_folder() as scratch:
        # --no-cache: a throwaway cache, so nothing is read from or left in the real one.
        folder = real_cache if use_cache else Path(scratch) / "cache"
        rate = engines[0].sample_rate
        cache = ClipCache(folder, engines[0].identity, rate)
        speech = ClipStore(Path(scratch), rate)
        made = speak_all(
            spoken_texts(script),
            cache=cache,
            engines=engines,
            store=speech,
            scratch=Path(scratch),
            progress=progress,
            warn=notes.append,
        )
        clips = mix.ClipView(speech)
        tones = {name: mix.Clip(pcm, SAMPLE_RATE) for name, pcm in mix.load_tones().items()}

        def length_of(sound: Say | Tone) -> int:
            if isinstance(sound, Tone):
                return tones[sound.name].frames
            return mix.resampled_frames(speech.frames(sound.text), rate)

        timeline = layout(script, length_of)
        check_session_length(timeline, routine)
        form = FORMATS[fmt]
        gain = normalising_gain(
            timeline,
            mix.AtRate(clips, METER_RATE),
            {name: mix.at_rate(clip, METER_RATE) for name, clip in tones.items()},
            loudness,
            folder,
            peak_margin_db=form.peak_margin_db,
            rate=METER_RATE,
        )
        chapter_list = find_chapters(timeline)
        settings = settings_in_force(script, options, voice)
        path = Path(out_dir) / f"{name or routine.slug}.{fmt}"
        info = TrackInfo(
            title=routine.title,
            album=routine.collection or routine.title,
            track=track[0],
            of=track[1],
            comment=_comment(settings),
            length_ms=round(timeline.seconds * 1000),
        )
        metadata = None
        if fmt != "mp3":
            # MP3: mutagen writes ID3 tags and chapters after encoding. The other containers
            # get theirs from ffmpeg's muxers (rewriting an MP4 afterwards broke its chapters).
            metadata = Path(scratch) / "metadata.txt"
            metadata.write_text(ffmetadata(info, chapter_list, SAMPLE_RATE), encoding="utf-8")
        chain = loudness.audio_filter(
            gain, peak_margin_db=form.peak_margin_db, encoder_offset_db=form.level_offset_db
        )
        # Sounds that play together are limited as their sum, over the whole track;
        # otherwise each distinct sound once, which is much cheaper.
        track_filter = chain if overlaps(timeline) else None
        sound_filter = None if track_filter else chain
        # Prepared in the order the track needs them, while the track is being encoded.
        in_order = (e.text for e in timeline.sounds() if e.kind == "speech")
        ready_speech = Prepared(clips, sound_filter, order=in_order, folder=Path(scratch))
        ready_tones = Prepared(tones, sound_filter, order=())
        with (
            contextlib.closing(speech),
            contextlib.closing(ready_speech),
            contextlib.closing(ready_tones),
            output_group() as outputs,
        ):
            # The group replaces files in the order they are added: sidecars first, the track
            # last, so whoever sees a new track finds its own captions and timeline beside it
            # (and a failure anywhere, a full disk included, leaves the old set as it was).
            extra = (
                write_sidecars(outputs, path, timeline, chapter_list, settings) if sidecars else []
            )
            temp = outputs.file(path)
            blocks = mix.render(timeline, ready_speech, ready_tones)
            bed = None
            if music is not None:
                music_gain = (
                    loudness.lufs - music.below_voice - music_loudness(music.path, real_cache)
                )
                bed = (music.path, music.graph(track_filter or "anull", music_gain))
            encode(
                blocks,
                temp,
                fmt=FORMATS[fmt],
                bitrate=bitrate or DEFAULT_BITRATE,
                audio_filter=track_filter,
                metadata_file=metadata,
                music=bed,
                # Tones sit far below it; music, if any, may go higher.
                bandwidth_hz=None if music else rate // 2,
            )
            if fmt == "mp3":
                write_id3(temp, info, chapter_list, SAMPLE_RATE)
            elif fmt == "ogg":
                write_vorbis_chapters(temp, chapter_list, SAMPLE_RATE)
    return BuildResult(path, timeline, made, gain, tuple(extra), tuple(notes))
