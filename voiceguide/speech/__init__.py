"""Speech: engines behind one small interface (engine.py), the checked clip cache
(cache.py), and how a build speaks its phrases (pool.py).

Only the interface is imported here, so naming a voice loads no engine or cache.
"""

from .engine import SpeechEngine, Voice

__all__ = ["SpeechEngine", "Voice"]
