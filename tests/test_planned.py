"""The plan carries the values it settled on: what is said, printed and shown reads them,
and nothing after planning resolves a range again."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import FIXTURES

from voiceguide.audio.format import SAMPLE_RATE
from voiceguide.cli.shared import read_flags
from voiceguide.export.sheet import sheet
from voiceguide.planning.layout import layout
from voiceguide.planning.planner import plan
from voiceguide.routine.compose import Part, together
from voiceguide.routine.reader import load_routine, parse_routine
from voiceguide.script import Say, Window
from voiceguide.settings.options import Options

PACKAGE = Path(__file__).resolve().parents[1] / "voiceguide"

RANGES = """
title: Ranges
defaults: {prepare: 4-6, rest: 10-20}
exercises:
  - name: Wall lean
    position: standing
    say: Lean on the wall.
    hold: 20-30
    sets: 2-3
  - name: Bird dog
    position: all-fours
    say: Hands and knees.
    reps: 6-10
    sides: alternate
"""


def test_the_plan_carries_each_value_the_level_picks():
    routine = parse_routine(RANGES, "ranges.yaml")
    picked = {}
    for level in ("gentle", "standard", "strong"):
        lean, bird = plan(routine, Options(level=level)).exercises  # type: ignore[arg-type]
        picked[level] = (lean.hold, lean.sets, lean.prepare, lean.rest, bird.reps, bird.tempo)
    assert picked == {
        "gentle": (20, 2, 4, 10, 6, 3),
        "standard": (25, 2, 5, 15, 8, 3),
        "strong": (30, 3, 6, 20, 10, 3),
    }
    lean, bird = plan(routine).exercises
    assert (lean.number, lean.slug, lean.position, bird.sides) == (
        1,
        "wall-lean",
        "standing",
        "alternate",
    )
    assert bird.rest_before == 15  # the rest before it, after the wall lean
    # As written, for a form: the range still follows the level.
    assert dict(lean.written) == {"hold": "20-30", "sets": "2-3"}


def test_overrides_are_in_the_plan_with_what_they_changed():
    routine = load_routine(FIXTURES / "short.yaml")
    settings = read_flags({"level": "gentle", "exercises": ("wall-lean.hold=40-50",), "rest": "9"})
    planned = plan(routine, settings.options)
    lean = planned.exercises[0]
    assert (lean.hold, dict(lean.written)["hold"]) == (40, "40-50")
    assert planned.exercises[1].rest_before == 9
    assert [(c.exercise, c.field, c.after, c.where) for c in planned.changes] == [
        ("Wall lean", "hold", "40-50", "--set wall-lean.hold=40-50"),
        (None, "rest", "9", "--rest"),
    ]


def _seconds(sound: Say | object) -> int:
    return SAMPLE_RATE  # every sound a second long: only the windows matter here


CIRCUIT = """
title: Circuit part
defaults: {prepare: 3, rest: 6}
exercises:
  - rounds: 2
    exercises:
      - name: Squat
        position: standing
        say: Feet apart, sit back.
        hold: 3
      - name: Lunge
        position: standing
        say: Step forward.
        hold: 3
"""


def test_the_sheet_prints_the_rest_the_voice_gives_between_rounds():
    """A joined session whose second part is done in rounds: the rest between its rounds
    is that part's own (6 s), said and printed alike, not the first part's (2 s)."""
    sitting = load_routine(FIXTURES / "together" / "sitting.yaml")
    circuit = parse_routine(CIRCUIT, "circuit.yaml")
    joined = together([Part(sitting), Part(circuit)], title="Both", slug="both")
    planned = plan(joined)
    rest = next(
        c.item.seconds
        for c in planned.cues
        if isinstance(c.item, Window) and c.item.kind == "rest" and "round" in c.item.label
    )
    assert rest == 6
    timeline = layout(planned, _seconds, rate=SAMPLE_RATE)
    printed = sheet(planned, timeline, "")
    (heading,) = [ex.rounds for ex in printed.exercises if ex.rounds]
    assert "6 s" in heading and "2 s" not in heading


def _imports(module: Path) -> set[str]:
    """The voiceguide modules a module imports, written absolute."""
    package = ".".join(module.relative_to(PACKAGE.parent).with_suffix("").parts)
    if module.name == "__init__.py":
        package += ".__init__"
    found = set()
    for node in ast.walk(ast.parse(module.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level] if node.level else []
            name = ".".join([*base, node.module or ""]).strip(".")
            found |= {name} if node.module else {f"{name}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {name for name in found if name.startswith("voiceguide")}


def test_export_knows_files_and_timelines_not_exercises():
    """export/ reads the plan's plain values: it imports nothing of the routine model, the
    settings or the planning."""
    reached = {
        f"{module.name}: {name}"
        for module in (PACKAGE / "export").glob("*.py")
        for name in _imports(module)
        if name.startswith(("voiceguide.routine", "voiceguide.settings", "voiceguide.planning"))
    }
    assert reached == set()
