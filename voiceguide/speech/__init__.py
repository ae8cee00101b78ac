"""Speech: engines behind one small interface, and the on-disk clip cache."""

from .cache import ClipCache, default_cache_dir
from .engine import SpeechEngine, Voice
from .synth import speak_all

__all__ = ["ClipCache", "SpeechEngine", "Voice", "default_cache_dir", "speak_all"]
