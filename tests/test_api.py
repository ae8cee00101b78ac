"""The public API in `voiceguide/__init__.py`: what the CLI calls, usable on its own."""

from __future__ import annotations

import subprocess
import sys

import pytest
from audio_probe import RATE, decode
from helpers import FIXTURES

import voiceguide


def test_every_public_name_resolves():
    for name in voiceguide.__all__:
        assert getattr(voiceguide, name) is not None, name


def test_every_public_name_stays_a_function_or_class_when_every_module_is_imported():
    """Importing a submodule sets it on its package: a module named like a public name
    (a `plan.py` beside `plan`) would take that name's place. A fresh interpreter imports
    every module first, then reads every public name."""
    probe = """
import importlib, inspect, pkgutil, voiceguide
for found in pkgutil.walk_packages(voiceguide.__path__, "voiceguide."):
    if found.name.endswith("__main__"):
        continue
    try:
        importlib.import_module(found.name)
    except ModuleNotFoundError as err:  # an optional extra that is not installed
        if (err.name or "").startswith("voiceguide"):
            raise
for name in voiceguide.__all__:
    value = getattr(voiceguide, name)
    if not (inspect.isfunction(value) or inspect.isclass(value)):
        print(name, type(value).__name__)
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "", done.stdout


def test_importing_voiceguide_loads_nothing_else():
    probe = "import sys, voiceguide; print(sorted(m for m in sys.modules if m.startswith('voiceguide')))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "['voiceguide']", done.stdout + done.stderr


def test_load_plan_build_and_compile_through_the_api(tmp_path):
    routine = voiceguide.load(str(FIXTURES / "short.yaml"))
    settings = voiceguide.Settings.from_mapping({"level": "gentle"})
    plan = voiceguide.plan(routine, settings)
    assert plan.level == "gentle" and plan.estimate is not None
    seen = []
    result = voiceguide.build(
        plan,
        output=voiceguide.OutputSettings(tmp_path),
        progress=lambda step: seen.append(step.stage),
    )
    assert abs(len(decode(result.path)) / RATE - result.timeline.seconds) < 0.03
    estimated = plan.estimate.seconds
    assert abs(estimated - result.timeline.seconds) < 0.1 * result.timeline.seconds
    assert "measuring" in seen and seen[-1] == "encoding"
    article = (FIXTURES.parent / "articles" / "02-bullets.txt").read_text()
    (draft, *_others) = voiceguide.compile(article)
    assert draft.draft.exercises and draft.yaml.startswith("# Draft routine")


def test_a_settings_mistake_names_its_key():
    with pytest.raises(voiceguide.SettingError) as raised:
        voiceguide.Settings.from_mapping({"exercises": {"wall-lean": {"hold": "soon"}}})
    assert raised.value.key == "exercises.wall-lean.hold"
    assert raised.value.message.startswith("hold 'soon' is not a duration")


def test_the_list_is_made_once_for_the_command_line_and_the_page():
    found = voiceguide.catalogue(voiceguide.Settings.from_mapping({"level": "strong"}))
    assert [each.slug for each in found.routines] == [r.slug for r in voiceguide.bundled()]
    assert all(each.seconds > 60 and not each.yours for each in found.routines)
    assert "relief-four-weeks" in [each.slug for each in found.programmes]
