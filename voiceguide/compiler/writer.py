"""Draft routines as YAML with every guessed value marked, and a summary table."""

from __future__ import annotations

import yaml

from ..errors import LocatedError, MachineError
from ..routine.reader import parse_routine
from ..yamlsource import MAX_FILE_BYTES
from .draft import Draft, DraftExercise


def _scalar(value: object) -> str:
    return (
        yaml.safe_dump(value, default_flow_style=True, width=10_000, allow_unicode=True)
        .strip()
        .removesuffix("\n...")
        .removesuffix("...")
        .strip()
    )


def amount(value: tuple[float, float] | float) -> str:
    """30, 2.5 or '10-15' as the routine format writes them."""
    low, high = value if isinstance(value, tuple) else (value, value)

    def one(x: float) -> str:
        return f"{x:g}"

    return one(low) if low == high else f"'{one(low)}-{one(high)}'"


def _line(key: str, value: str, ex: DraftExercise, field: str | None = None) -> str:
    why = ex.guessed.get(field or key)
    return f"    {key}: {value}" + (f"  # guessed: {why}" if why else "")


def check_first(draft: Draft) -> list[str]:
    """The guesses, exercise by exercise: what to check before anything else."""
    return [
        f"#   {ex.name}: {field}: {why}"
        for ex in draft.exercises
        for field, why in ex.guessed.items()
    ]


def _hold_field(ex: DraftExercise) -> str:
    """Which guess, if any, the hold's comment explains."""
    return "breaths" if "breaths" in ex.guessed else "hold"


def routine_yaml(draft: Draft, source: str) -> str:
    out = [
        f"# Draft routine compiled by voiceguide from {source}.",
        "# Check it before you build it: values marked 'guessed' are not in the article.",
        *(["# Guessed, to check first:", *check_first(draft)] if check_first(draft) else []),
        f"title: {_scalar(draft.title)}",
        f"source: {_scalar(source)}",
    ]
    if draft.language != "en":
        out.append(f"language: {draft.language}  # the article's; its lines are spoken so")
    if draft.intro:
        out.append(f"intro: {_scalar(draft.intro)}")
    if draft.equipment:
        things = ", ".join(_scalar(thing) for thing in draft.equipment)
        out.append(f"equipment: [{things}]  # named in the article; check it")
    out.append("exercises:")
    for ex in draft.exercises:
        out.append(f"  - name: {_scalar(ex.name)}")
        out.append(_line("position", ex.position, ex))
        out.append("    say:")
        out += [f"      - {_scalar(line)}" for line in ex.say]
        if ex.steps:
            why = ex.guessed.get("positions")
            note = f"  # guessed: {why}" if why else ""
            out.append(f"    positions:{note}")
            for say, hold in ex.steps:
                out += [f"      - say: {_scalar(say)}", f"        hold: {amount(hold)}"]
        if ex.hold:
            out.append(_line("hold", amount(ex.hold), ex, _hold_field(ex)))
        if ex.reps:
            out.append(_line("reps", amount(ex.reps), ex))
        if ex.tempo:
            out.append(_line("tempo", amount(ex.tempo), ex))
        if ex.sets:
            out.append(f"    sets: {amount(ex.sets)}")
        if ex.sides != "none":
            out.append(f"    sides: {ex.sides}")
    return "\n".join(out) + "\n"


def summary(draft: Draft) -> str:
    """What was found, at a glance; '?' marks a guess."""

    def show(ex: DraftExercise, field: str, value) -> str:
        if not value:
            return "-"
        text = amount(value).strip("'")
        return text + ("?" if field in ex.guessed else "")

    rows = [("exercise", "position", "hold", "reps", "sets", "sides")]
    for ex in draft.exercises:
        hold = (
            show(ex, _hold_field(ex), ex.hold)
            if not ex.steps
            else f"{len(ex.steps)}x{amount(ex.steps[0][1])}"
            + ("?" if "positions" in ex.guessed else "")
        )
        rows.append(
            (
                ex.name[:32],
                ex.position + ("?" if "position" in ex.guessed else ""),
                hold,
                show(ex, "reps", ex.reps),
                show(ex, "sets", ex.sets),
                ex.sides,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    lines = [f"{draft.title}"] + [
        "  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return "\n".join(lines)


def validated_yaml(draft: Draft, source: str, path: str) -> str:
    """`routine_yaml`, checked as `voiceguide validate` would check the file it goes into."""
    text = routine_yaml(draft, source)
    size = len(text.encode("utf-8"))
    try:
        if size > MAX_FILE_BYTES:  # validate reads no bigger file
            raise LocatedError(path, 1, 1, f"{size} bytes, over the {MAX_FILE_BYTES}-byte limit")
        parse_routine(text, path)
    except LocatedError as err:  # our own output must always validate
        raise MachineError(
            f"compile made a routine that does not validate ({err}); please report this"
        ) from None
    return text
