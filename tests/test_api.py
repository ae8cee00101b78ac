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


def test_a_submodule_never_replaces_the_function_of_its_name():
    import voiceguide.compiler
    import voiceguide.pipeline.build
    import voiceguide.planning.planner

    assert callable(voiceguide.plan) and voiceguide.plan.__name__ == "plan"
    assert callable(voiceguide.build) and voiceguide.build.__name__ == "build"
    assert callable(voiceguide.compile) and voiceguide.compile.__name__ == "compile_text"


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
