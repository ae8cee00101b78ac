"""voiceguide: turn exercise routines into hands-free audio.

The public API, the one the command line calls (and the web page and programmes will):

    import voiceguide
    routine = voiceguide.load("five-moves")              # a bundled routine, or a YAML path
    options = voiceguide.Options(level="gentle")
    script = voiceguide.plan(routine, options)           # what is said and when, no audio
    result = voiceguide.build(routine, options=options,
                              output=voiceguide.OutputSettings(Path("out")))
    results = voiceguide.build_all(voiceguide.bundled(), jobs=2, progress=show)
    drafts = voiceguide.compile(article_text)            # draft routines, as valid YAML
    voiceguide.languages()                               # ("de", "en", "es", "fr")
    voiceguide.plan(routine, voiceguide.Options(language="de"))   # said in German
    programme = voiceguide.load_programme("relief-four-weeks")  # or a programme file
    done = voiceguide.build_programme(programme, output=voiceguide.OutputSettings(Path("out")),
                                      feed=voiceguide.FeedLinks("https://example.org/anna/"))
    session = voiceguide.together([voiceguide.Part(a), voiceguide.Part(b)],
                                  title="Morning", slug="morning")   # one Routine of both

Every name is imported on first use, so `import voiceguide` (and `voiceguide plan`)
never loads the audio stack. The code lives in packages by stage (routine/, settings/,
planning/, pipeline/, programme/, ...) whose modules bear no public name here, so importing
one never puts a module where a function of the same name is expected.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> (module, name there)
_API = {
    "load": ("library", "find_routine"),
    "bundled": ("library", "all_bundled"),
    "plan": ("planning.planner", "plan"),
    "estimate": ("pipeline.estimate", "timeline_for"),
    "build": ("pipeline.build", "build"),
    "build_all": ("pipeline.batch", "build_all"),
    "compile": ("compiler", "compile_text"),
    "languages": ("language", "languages"),
    "load_programme": ("library", "find_programme"),
    "build_programme": ("programme.build", "build_programme"),
    "FeedLinks": ("export.feed", "FeedLinks"),
    "check_feed_url": ("export.feed", "check_base_url"),
    "write_feed": ("programme.feed", "write_feed"),
    "programme_feed": ("programme.feed", "feed_bytes"),
    "feed_files": ("programme.feed", "feed_files"),
    "feed_progress": ("programme.feed", "feed_progress"),
    "Programme": ("programme.model", "Programme"),
    "together": ("routine.compose", "together"),
    "Part": ("routine.compose", "Part"),
    "Routine": ("routine.model", "Routine"),
    "Options": ("settings.options", "Options"),
    "Script": ("planning.script", "Script"),
    "Timeline": ("timeline", "Timeline"),
    "Voice": ("speech.engine", "Voice"),
    "SpeechSettings": ("speech.pool", "SpeechSettings"),
    "OutputSettings": ("pipeline.build", "OutputSettings"),
    "LoudnessTarget": ("audio.loudness", "LoudnessTarget"),
    "Music": ("audio.music", "Music"),
    "BuildResult": ("pipeline.build", "BuildResult"),
    "Progress": ("pipeline.build", "Progress"),
    "Compiled": ("compiler", "Compiled"),
    "VoiceguideError": ("errors", "VoiceguideError"),
    "UserError": ("errors", "UserError"),
    "LocatedError": ("errors", "LocatedError"),
    "LocatedErrors": ("errors", "LocatedErrors"),
    "MachineError": ("errors", "MachineError"),
}
__all__ = [
    "BuildResult",
    "Compiled",
    "FeedLinks",
    "LocatedError",
    "LocatedErrors",
    "LoudnessTarget",
    "MachineError",
    "Music",
    "Options",
    "OutputSettings",
    "Part",
    "Programme",
    "Progress",
    "Routine",
    "Script",
    "SpeechSettings",
    "Timeline",
    "UserError",
    "Voice",
    "VoiceguideError",
    "build",
    "build_all",
    "build_programme",
    "bundled",
    "check_feed_url",
    "compile",
    "estimate",
    "feed_files",
    "feed_progress",
    "languages",
    "load",
    "load_programme",
    "plan",
    "programme_feed",
    "together",
    "write_feed",
]


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'voiceguide' has no attribute {name!r}")
    module, attribute = _API[name]
    value = getattr(importlib.import_module(f".{module}", __name__), attribute)
    globals()[name] = value  # found directly from now on
    return value


if TYPE_CHECKING:
    from .audio.loudness import LoudnessTarget
    from .audio.music import Music
    from .compiler import Compiled
    from .compiler import compile_text as compile
    from .errors import LocatedError, LocatedErrors, MachineError, UserError, VoiceguideError
    from .export.feed import FeedLinks
    from .export.feed import check_base_url as check_feed_url
    from .language import languages
    from .library import all_bundled as bundled
    from .library import find_programme as load_programme
    from .library import find_routine as load
    from .pipeline.batch import build_all
    from .pipeline.build import BuildResult, OutputSettings, Progress, build
    from .pipeline.estimate import timeline_for as estimate
    from .planning.planner import plan
    from .planning.script import Script
    from .programme.build import build_programme
    from .programme.feed import feed_bytes as programme_feed
    from .programme.feed import feed_files, feed_progress, write_feed
    from .programme.model import Programme
    from .routine.compose import Part, together
    from .routine.model import Routine
    from .settings.options import Options
    from .speech.engine import Voice
    from .speech.pool import SpeechSettings
    from .timeline import Timeline
