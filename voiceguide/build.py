"""The pipeline for one routine: plan -> speak -> layout -> mix -> export."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .layout import SAMPLE_RATE, Timeline, layout, samples
from .options import Options
from .plan import TONES, Say, Script, Tone, Window, plan
from .routine import Routine
from .speech import ClipCache, SpeechEngine, Voice, default_cache_dir, speak_all


@dataclass(frozen=True)
class BuildResult:
    path: Path
    timeline: Timeline
    synthesised: int  # phrases the speech engine had to make for this build


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
    from .speech.pyttsx3_engine import Pyttsx3Engine

    return Pyttsx3Engine(voice)


def timeline_for(
    routine: Routine, *, options: Options, voice: Voice, cache_dir: Path | None = None
) -> tuple[Timeline, int]:
    """The timeline without making audio: cached clip lengths where known, else estimates.

    Returns the timeline and how many phrases were estimated (0 means exact).
    """
    from .speech.pyttsx3_engine import Pyttsx3Engine  # light: the worker starts only on use

    script = plan(routine, options)
    cache = ClipCache(cache_dir or default_cache_dir(), Pyttsx3Engine(voice).identity)
    guessed = 0
    tone_frames = _tone_lengths()

    def length_of(sound: Say | Tone) -> int:
        nonlocal guessed
        if isinstance(sound, Tone):
            return tone_frames[sound.name]
        found = cache.frames(sound.text)
        if found:
            return round(found[0] * SAMPLE_RATE / found[1])
        guessed += 1
        words = len(sound.text.split())
        return samples(0.3 + words * 60 / voice.rate)

    return layout(script, length_of), guessed


def _tone_lengths() -> dict[str, int]:
    import wave
    from importlib import resources

    lengths = {}
    for name in TONES:
        asset = resources.files("voiceguide.audio_assets") / f"{name}.wav"
        with resources.as_file(asset) as path, wave.open(str(path), "rb") as sound:
            lengths[name] = sound.getnframes()
    return lengths


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
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Build one routine into `out_dir/<slug>.mp3` and return what was made."""
    from . import mix
    from .export import export_mp3

    options = options or Options()
    voice = voice or Voice()
    engine = engine or default_engine(voice)
    script = plan(routine, options)
    with tempfile.TemporaryDirectory(prefix="voiceguide-") as scratch:
        # --no-cache: a throwaway cache, so nothing is read from or left in the real one.
        folder = (cache_dir or default_cache_dir()) if use_cache else Path(scratch)
        cache = ClipCache(folder, engine.identity)
        paths, made = speak_all(spoken_texts(script), cache=cache, engine=engine, progress=progress)
        speech = {text: mix.load_clip(path) for text, path in paths.items()}
    tones = mix.load_tones()

    def length_of(sound: Say | Tone) -> int:
        data = tones[sound.name] if isinstance(sound, Tone) else speech[sound.text]
        return len(data) // mix.SAMPLE_WIDTH

    timeline = layout(script, length_of)
    path = Path(out_dir) / f"{name or routine.slug}.mp3"
    export_mp3(mix.render(timeline, speech, tones), path, title=routine.title, album=routine.source)
    return BuildResult(path, timeline, made)
