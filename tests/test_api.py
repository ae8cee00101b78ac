"""The public API in `voiceguide/__init__.py`: what the CLI calls, usable on its own."""

from __future__ import annotations

import subprocess
import sys

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
    options = voiceguide.Options(level="gentle")
    script = voiceguide.plan(routine, options)
    timeline, _guessed = voiceguide.estimate(script, voice=voiceguide.Voice())
    seen = []
    result = voiceguide.build(
        routine,
        options=options,
        output=voiceguide.OutputSettings(tmp_path),
        script=script,
        progress=lambda step: seen.append(step.stage),
    )
    assert abs(len(decode(result.path)) / RATE - result.timeline.seconds) < 0.03
    assert abs(timeline.seconds - result.timeline.seconds) < 0.1 * result.timeline.seconds
    assert "measuring" in seen and seen[-1] == "encoding"
    article = (FIXTURES.parent / "articles" / "02-bullets.txt").read_text()
    (draft, *_others) = voiceguide.compile(article)
    assert draft.draft.exercises and draft.yaml.startswith("# Draft routine")
