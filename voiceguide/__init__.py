"""voiceguide: turn exercise routines into hands-free audio.

The public API, the one the command line and the page call (they import nothing else):

    import voiceguide
    settings = voiceguide.Settings.from_mapping({"level": "gentle", "hold": "45"})
    routine = voiceguide.load("five-moves")              # a bundled routine, or a YAML path
    plan = voiceguide.plan(routine, settings)            # values in force, cues, length
    plan.exercises[0].hold, plan.estimate.seconds        # 45.0, 612.3
    results = voiceguide.build_all([routine], settings, folder=Path("out"))
    listed = voiceguide.catalogue(settings)              # every routine, with its length
    drafts = voiceguide.compile(article_text)            # draft routines, as valid YAML
    programme = voiceguide.load_programme("relief-four-weeks")
    weeks = voiceguide.programme_weeks(programme)        # each week's tracks, planned
    done = voiceguide.build_programme(programme, folder=Path("out"))
    # with its podcast feed, for the folder served at an address
    settings = voiceguide.Settings.from_mapping({"feed": "https://example.org/anna/"})

A person's choices come in as one mapping (`Settings.from_mapping`: its keys are a
profile's, in the person's words); a mistake in them is a SettingError that names its key.

Every name is imported on first use, so `import voiceguide` (and `voiceguide plan`)
never loads the audio stack. The code lives in packages by stage (routine/, settings/,
planning/, pipeline/, programme/, api/, ...) whose modules bear no public name here, so
importing one never puts a module where a function of the same name is expected.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> (module, name there)
_API = {
    # routines and programmes
    "load": ("library", "find_routine"),
    "load_all": ("library", "find_routines"),
    "bundled": ("library", "all_bundled"),
    "load_programme": ("library", "find_programme"),
    "is_programme": ("library", "is_programme"),
    "validate": ("api.texts", "validate"),
    "read_draft": ("api.listing", "read_draft"),
    "read_programme": ("api.keep", "read_programme"),
    "routine_file": ("api.keep", "routine_file"),
    "programme_file": ("api.keep", "programme_file"),
    "programme_from_routine": ("api.keep", "programme_from_routine"),
    "routine_warnings": ("api.texts", "routine_warnings"),
    "together": ("routine.compose", "together"),
    "catalogue": ("api.listing", "catalogue"),
    "find_listed": ("api.listing", "find_listed"),
    "find_listed_programme": ("api.listing", "find_listed_programme"),
    # a person's settings
    "Settings": ("settings.session", "Settings"),
    "Places": ("settings.session", "Places"),
    "read_profile": ("api.texts", "read_profile"),
    "profile_yaml": ("settings.profile", "profile_yaml"),
    "languages": ("language", "languages"),
    "language_name": ("language", "language_name"),
    "own_language_name": ("language", "own_language_name"),
    "side_word": ("language", "side_word"),
    "default_voice": ("speech.engine", "default_voice"),
    "espeak_voice": ("speech.engine", "espeak_voice"),
    "natural_note": ("speech.engine", "natural_note"),
    "voices": ("speech.engines", "list_voices"),
    "VoiceInfo": ("speech.engines", "VoiceInfo"),
    # planning
    "plan": ("api.plans", "plan"),
    "plans": ("api.plans", "plans"),
    "programme_weeks": ("api.programmes", "programme_weeks"),
    "programme_week": ("api.programmes", "programme_week"),
    "clock": ("clock_text", "clock"),
    "chapters": ("export.chapters", "chapters"),
    # building
    "build": ("pipeline.build", "build"),
    "build_all": ("api.builds", "build_all"),
    "build_programme": ("api.builds", "build_programme"),
    "build_week": ("api.builds", "build_week"),
    "write_feed": ("programme.feed", "write_feed"),
    "programme_feed": ("programme.feed", "feed_bytes"),
    "feed_files": ("programme.feed", "feed_files"),
    "feed_progress": ("programme.feed", "feed_progress"),
    "playlist_text": ("export.playlist", "playlist_text"),
    "is_disk_full": ("files", "is_disk_full"),
    "is_path_too_long": ("userfiles", "is_too_long"),
    "path_too_long": ("userfiles", "too_long"),
    "refuse_linked_folder": ("files", "refuse_linked_folder"),
    # what a person types or sends, checked before it is read
    "path_problem": ("api.typed", "path_problem"),
    "typed_text_problem": ("api.typed", "typed_text_problem"),
    "half_characters": ("api.typed", "half_characters"),
    "one_line": ("errors", "one_line"),
    # articles
    "compile": ("api.texts", "compile_article_text"),
    "compile_file": ("compiler", "compile_file"),
    "describe_draft": ("compiler", "summary"),
    "write_draft": ("api.texts", "write_draft"),
    # the page (the optional extra `web`)
    "serve": ("web", "serve"),
    # types
    "Routine": ("routine.model", "Routine"),
    "Programme": ("programme.model", "Programme"),
    "Part": ("routine.compose", "Part"),
    "Plan": ("planned", "Plan"),
    "PlannedExercise": ("planned", "PlannedExercise"),
    "Estimate": ("planned", "Estimate"),
    "Script": ("script", "Script"),
    "Timeline": ("timeline", "Timeline"),
    "Catalogue": ("api.listing", "Catalogue"),
    "FeedLinks": ("export.feed", "FeedLinks"),
    "Voice": ("speech.engine", "Voice"),
    "SpeechSettings": ("speech.pool", "SpeechSettings"),
    "OutputSettings": ("pipeline.build", "OutputSettings"),
    "BuildResult": ("pipeline.build", "BuildResult"),
    "Progress": ("pipeline.build", "Progress"),
    "PlaylistEntry": ("export.playlist", "PlaylistEntry"),
    "Compiled": ("compiler", "Compiled"),
    "VoiceguideError": ("errors", "VoiceguideError"),
    "UserError": ("errors", "UserError"),
    "SettingError": ("errors", "SettingError"),
    "LocatedError": ("errors", "LocatedError"),
    "LocatedErrors": ("errors", "LocatedErrors"),
    "MachineError": ("errors", "MachineError"),
}
__all__ = [
    "BuildResult",
    "Catalogue",
    "Compiled",
    "Estimate",
    "FeedLinks",
    "LocatedError",
    "LocatedErrors",
    "MachineError",
    "OutputSettings",
    "Part",
    "Places",
    "Plan",
    "PlannedExercise",
    "PlaylistEntry",
    "Programme",
    "Progress",
    "Routine",
    "Script",
    "SettingError",
    "Settings",
    "SpeechSettings",
    "Timeline",
    "UserError",
    "Voice",
    "VoiceInfo",
    "VoiceguideError",
    "build",
    "build_all",
    "build_programme",
    "build_week",
    "bundled",
    "catalogue",
    "chapters",
    "clock",
    "compile",
    "compile_file",
    "default_voice",
    "describe_draft",
    "espeak_voice",
    "feed_files",
    "feed_progress",
    "find_listed",
    "find_listed_programme",
    "half_characters",
    "is_disk_full",
    "is_path_too_long",
    "is_programme",
    "language_name",
    "languages",
    "load",
    "load_all",
    "load_programme",
    "natural_note",
    "one_line",
    "own_language_name",
    "path_problem",
    "path_too_long",
    "plan",
    "plans",
    "playlist_text",
    "profile_yaml",
    "programme_feed",
    "programme_file",
    "programme_from_routine",
    "programme_week",
    "programme_weeks",
    "read_draft",
    "read_profile",
    "read_programme",
    "refuse_linked_folder",
    "routine_file",
    "routine_warnings",
    "serve",
    "side_word",
    "together",
    "typed_text_problem",
    "validate",
    "voices",
    "write_draft",
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
    from .api.builds import build_all, build_programme, build_week
    from .api.keep import programme_file, programme_from_routine, read_programme, routine_file
    from .api.listing import Catalogue, catalogue, find_listed, find_listed_programme, read_draft
    from .api.plans import plan, plans
    from .api.programmes import programme_week, programme_weeks
    from .api.texts import compile_article_text as compile
    from .api.texts import read_profile, routine_warnings, validate, write_draft
    from .api.typed import half_characters, path_problem, typed_text_problem
    from .clock_text import clock
    from .compiler import Compiled, compile_file
    from .compiler import summary as describe_draft
    from .errors import (
        LocatedError,
        LocatedErrors,
        MachineError,
        SettingError,
        UserError,
        VoiceguideError,
        one_line,
    )
    from .export.chapters import chapters
    from .export.feed import FeedLinks
    from .export.playlist import PlaylistEntry, playlist_text
    from .files import is_disk_full, refuse_linked_folder
    from .language import language_name, languages, own_language_name, side_word
    from .library import all_bundled as bundled
    from .library import find_programme as load_programme
    from .library import find_routine as load
    from .library import find_routines as load_all
    from .library import is_programme
    from .pipeline.build import BuildResult, OutputSettings, Progress, build
    from .planned import Estimate, Plan, PlannedExercise
    from .programme.feed import feed_bytes as programme_feed
    from .programme.feed import feed_files, feed_progress, write_feed
    from .programme.model import Programme
    from .routine.compose import Part, together
    from .routine.model import Routine
    from .script import Script
    from .settings.profile import profile_yaml
    from .settings.session import Places, Settings
    from .speech.engine import Voice, default_voice, espeak_voice, natural_note
    from .speech.engines import VoiceInfo
    from .speech.engines import list_voices as voices
    from .speech.pool import SpeechSettings
    from .timeline import Timeline
    from .userfiles import is_too_long as is_path_too_long
    from .userfiles import too_long as path_too_long
    from .web import serve
