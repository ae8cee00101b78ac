"""Speech: engines behind one small interface, the checked clip cache, and the build's clips."""

from .cache import ClipCache, default_cache_dir
from .clips import ClipStore
from .engine import SpeechEngine, Voice
from .pool import SpeechSettings, Spoken, speak
from .synth import speak_all

__all__ = [
    "ClipCache",
    "ClipStore",
    "SpeechEngine",
    "SpeechSettings",
    "Spoken",
    "Voice",
    "default_cache_dir",
    "speak",
    "speak_all",
]
