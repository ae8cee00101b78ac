"""Routine + Options -> Script: what is said, which tone sounds, how long each window lasts.

The planner owns every timing rule in DESIGN.md and knows nothing about audio: speech
length is decided later, so sequential speech is a `Say`, and anything that must land
at an exact time inside a fixed window (tones, cues) is an `Overlay` on a `Window`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from .errors import LocatedError
from .options import Change, Options, apply
from .routine import Exercise, Routine, Step
from .script import PAUSE_AFTER_SPEECH, Cue, Overlay, Say, Script, Tone, Window, WindowKind

# Where a count or cue starts inside a window that opens with a start tone: just after it.
AFTER_START_TONE = 0.45
COUNTDOWN_PIPS = 3
HALFWAY_FROM = 20  # holds this long or longer get a spoken "halfway"
TIME_LEFT_FROM = 15  # ... and a "5 seconds left"
END_PIPS_FROM = 5  # ... and pips over their last three seconds

POSITION_WORDS = {
    "sitting": "sitting",
    "standing": "standing",
    "lying": "lying down",
    "kneeling": "kneeling",
    "all-fours": "on your hands and knees",
}
SIDE_NAMES = ("left", "right")


def seconds_words(seconds: float) -> str:
    """'45 seconds', '1 minute', '1 minute 30 seconds', '2.5 seconds'."""
    minutes, rest = divmod(seconds, 60) if seconds >= 60 else (0, seconds)
    parts = []
    if minutes:
        parts.append(f"{int(minutes)} minute{'s' if minutes != 1 else ''}")
    if rest or not parts:
        parts.append(f"{rest:g} second{'s' if rest != 1 else ''}")
    return " ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


class _Planner:
    def __init__(self, routine: Routine, options: Options, changes: tuple[Change, ...]) -> None:
        self.routine, self.options, self.changes = routine, options, changes
        self.defaults = routine.defaults
        self.cues: list[Cue] = []
        self.exercise: str | None = None
        self.changed = {(c.exercise, c.field) for c in changes}

    def add(self, item: Say | Tone | Window) -> None:
        if isinstance(item, Window) and self._overridden(item.kind):
            item = replace(item, overridden=True)
        self.cues.append(Cue(item, self.exercise))

    def _overridden(self, kind: str) -> bool:
        """Whether a window of this kind, in the current exercise, has an overridden length."""
        fields = {
            "hold": ("hold",),
            "rep": ("hold", "reps"),
            "reps": ("reps", "tempo"),
            "prepare": ("prepare",),
        }
        return any((self.exercise, f) in self.changed for f in fields.get(kind, ()))

    def say(self, text: str) -> None:
        self.add(Say(text))

    # --- windows ------------------------------------------------------------------------

    def get_ready(self, seconds: float, label: str) -> None:
        """Silence ending in three pips one second apart; the next window starts on the beat."""
        pips = tuple(Overlay(seconds - k, Tone("pip")) for k in range(COUNTDOWN_PIPS, 0, -1))
        self.add(Window(seconds, "prepare", pips, label))

    def hold(
        self, seconds: float, label: str, count: str | None = None, kind: WindowKind = "hold"
    ) -> None:
        """Start tone at 0, spoken cues laid over the silence, end tone at exactly `seconds`."""
        overlays = [Overlay(0, Tone("start"))]
        if count:
            overlays.append(Overlay(AFTER_START_TONE, Say(count), optional=True))
        if seconds >= HALFWAY_FROM:
            overlays.append(Overlay(seconds / 2, Say("Halfway."), optional=True))
        if seconds >= TIME_LEFT_FROM:
            overlays.append(Overlay(seconds - 5, Say("5 seconds left."), optional=True))
        if kind == "hold" and seconds >= END_PIPS_FROM:
            overlays += [Overlay(seconds - k, Tone("pip")) for k in range(COUNTDOWN_PIPS, 0, -1)]
        self.add(Window(seconds, kind, tuple(overlays), label))
        self.add(Tone("end"))

    def rest(self, seconds: float, text: str, label: str, *, overridden: bool) -> None:
        if seconds > 0:
            self.add(Window(seconds, "rest", (Overlay(0, Say(text)),), label, overridden))
        else:
            self.say(text)

    # --- the routine --------------------------------------------------------------------

    def plan(self) -> Script:
        routine = self.routine
        self.say(f"{routine.title}.")
        if routine.intro:
            self.say(routine.intro)
        self.say(f"{_plural(len(routine.exercises), 'exercise')}.")
        previous = None
        for number, exercise in enumerate(routine.exercises, 1):
            self.exercise = exercise.name
            self.exercise_cues(exercise, number, moved=previous != exercise.position)
            previous = exercise.position
            following = routine.exercises[number] if number < len(routine.exercises) else None
            if following:
                self.between_exercises(following, moved=following.position != exercise.position)
        self.exercise = None
        self.say(routine.close or "That's the end of the routine. Well done.")
        self.add(Tone("complete"))
        return Script(routine.title, routine.slug, tuple(self.cues), self.changes)

    def between_exercises(self, following: Exercise, moved: bool) -> None:
        seconds = self.options.seconds(self.defaults.between or self.defaults.rest)
        preview = f"Next: {following.name}"
        if moved:
            preview += f", {POSITION_WORDS[following.position]}"
        text = f"Rest, {seconds_words(seconds)}. {preview}." if seconds else f"{preview}."
        self.rest(seconds, text, "rest", overridden=(None, "rest") in self.changed)

    def exercise_cues(self, ex: Exercise, number: int, moved: bool) -> None:
        self.say(f"Exercise {number} of {len(self.routine.exercises)}: {ex.name}.")
        for line in ex.say:
            self.say(line)
        self.say(self.summary(ex))
        if ex.cue:
            self.say(ex.cue)
        prepare = self.options.seconds(ex.prepare or self.defaults.prepare)
        if moved:
            prepare += self.options.seconds(self.defaults.transition)
        sets = self.options.count(ex.sets)
        rounds = list(self.rounds(ex, sets))
        for index, (set_no, side) in enumerate(rounds):
            previous_set, previous_side = rounds[index - 1] if index else (set_no, side)
            if index == 0:
                ready = prepare
            elif side != previous_side and (ex.sides == "both" or set_no == previous_set):
                self.say(f"Switch to the {side} side.")
                ready = self.options.seconds(self.defaults.switch)
            else:
                rest = self.options.seconds(ex.rest or self.defaults.rest)
                self.rest(
                    rest,
                    f"Rest, {seconds_words(rest)}.",
                    f"rest after set {previous_set}",
                    overridden=(ex.name, "rest") in self.changed,
                )
                self.say(
                    f"Set {set_no} of {sets}." + (f" {side.capitalize()} side." if side else "")
                )
                ready = self.options.seconds(ex.prepare or self.defaults.prepare)
            label = ", ".join(
                p
                for p in (
                    f"set {set_no} of {sets}" if sets > 1 else "",
                    f"{side} side" if side else "",
                )
                if p
            )
            self.one_round(ex, ready, label)

    def rounds(self, ex: Exercise, sets: int) -> Iterator[tuple[int, str | None]]:
        """(set number, side) in the order they are done; alternate reps switch inside a round."""
        if ex.sides == "both":
            for side in SIDE_NAMES:
                for set_no in range(1, sets + 1):
                    yield set_no, side
        elif ex.sides == "alternate" and not ex.reps:
            for set_no in range(1, sets + 1):
                for side in SIDE_NAMES:
                    yield set_no, side
        else:
            for set_no in range(1, sets + 1):
                yield set_no, None

    def one_round(self, ex: Exercise, ready: float, label: str) -> None:
        """One set on one side: get ready, then the hold, the positions or the reps."""
        label = f"{ex.name}" + (f" ({label})" if label else "")
        if ex.positions:
            self.steps(ex.positions, ready, label)
        elif ex.reps:
            self.get_ready(ready, label)
            self.reps(ex, label)
        else:
            self.get_ready(ready, label)
            self.hold(self.options.seconds(ex.hold), label)  # type: ignore[arg-type]

    def steps(self, steps: tuple[Step, ...], ready: float, label: str) -> None:
        switch = self.options.seconds(self.defaults.switch)
        same = len({self.options.seconds(s.hold) for s in steps}) == 1
        for index, step in enumerate(steps):
            seconds = self.options.seconds(step.hold)
            self.say(step.say if same else f"{step.say} {seconds_words(seconds)}.")
            self.get_ready(ready if index == 0 else switch, label)
            self.hold(seconds, f"{label}, position {index + 1}")

    def reps(self, ex: Exercise, label: str) -> None:
        count = self.options.count(ex.reps)  # type: ignore[arg-type]
        sides = SIDE_NAMES if ex.sides == "alternate" else (None,)
        calls = [f"{n}, {side}" if side else f"{n}" for n in range(1, count + 1) for side in sides]
        if ex.hold:
            seconds = self.options.seconds(ex.hold)
            relax = self.options.seconds(self.defaults.relax)
            for index, call in enumerate(calls):
                if index:
                    self.add(Window(relax, "relax", (), label))
                self.hold(seconds, f"{label}, rep {call}", count=call, kind="rep")
            return
        tempo = self.options.seconds(ex.tempo or self.defaults.tempo)
        overlays = [Overlay(0, Tone("start"))]
        for index, call in enumerate(calls):
            at = index * tempo + (AFTER_START_TONE if index == 0 else 0)
            overlays.append(Overlay(at, Say(call), optional=True))
        self.add(Window(len(calls) * tempo, "reps", tuple(overlays), label))
        self.add(Tone("end"))

    def summary(self, ex: Exercise) -> str:
        """What the person will do, with the numbers in force."""
        o = self.options
        sets = o.count(ex.sets)
        each_side = " on each side" if ex.sides != "none" else ""
        if ex.positions:
            holds = {o.seconds(s.hold) for s in ex.positions}
            text = f"{len(ex.positions)} positions"
            text += f", {seconds_words(holds.pop())} each" if len(holds) == 1 else ""
            text += each_side
        elif ex.reps:
            text = _plural(o.count(ex.reps), "rep") + each_side
            if ex.sides == "alternate":
                text += ", changing sides each time"
            if ex.hold:
                text += f". Hold each one for {seconds_words(o.seconds(ex.hold))}"
        else:
            text = f"Hold for {seconds_words(o.seconds(ex.hold))}{each_side}"  # type: ignore[arg-type]
            if ex.sides == "alternate":
                text += ", changing sides each time"
        if ex.sides == "both":
            text += ". Left side first"
        if sets > 1:
            rest = o.seconds(ex.rest or self.defaults.rest)
            text += f". {sets} sets, with {seconds_words(rest)} rest between"
        return text + "."


def plan(routine: Routine, options: Options | None = None, *, speaking_rate: int = 160) -> Script:
    """Turn a routine into the ordered cues a listener will hear.

    `speaking_rate` (words a minute) is only used to count speech against the session limit.
    """
    options = options or Options()
    resolved, changes = apply(routine, options)
    script = _Planner(resolved, options, changes).plan()
    _check_length(script, resolved, speaking_rate)
    return script


MAX_ROUTINE_SECONDS = 3 * 3600


def guess_speech_seconds(text: str, speaking_rate: int) -> float:
    """How long a line takes to say, from its words alone (a budget, not a measurement)."""
    return 0.3 + len(text.split()) * 60 / speaking_rate


def _heard(script: Script, speaking_rate: int) -> Iterator[tuple[Cue, float]]:
    """Each cue with the seconds heard until its end: windows at their length, sequential
    speech at its length guessed from its words (speech laid over a window adds nothing)."""
    total = 0.0
    for cue in script.cues:
        if isinstance(cue.item, Say):
            total += guess_speech_seconds(cue.item.text, speaking_rate) + PAUSE_AFTER_SPEECH
        elif isinstance(cue.item, Window):
            total += cue.item.seconds
        yield cue, total


def guessed_seconds(script: Script, speaking_rate: int) -> float:
    """The session's length from the script alone: enough to order builds longest first
    without reading a clip."""
    return max((total for _cue, total in _heard(script, speaking_rate)), default=0.0)


def _check_length(script: Script, routine: Routine, speaking_rate: int) -> None:
    """Refuse a session longer than the limit, naming the exercise that goes over it.

    Everything heard counts: windows at their length, speech laid out in sequence at its
    length guessed from its words (speech laid over a window adds nothing).
    """
    for cue, total in _heard(script, speaking_rate):
        if total > MAX_ROUTINE_SECONDS:
            line = next((e.line for e in routine.exercises if e.name == cue.exercise), 1)
            where = f"exercise '{cue.exercise}'" if cue.exercise else "its intro and close"
            raise LocatedError(
                routine.path, line, 1,
                f"the session would run over {MAX_ROUTINE_SECONDS // 3600} hours by {where} (speech included); "
                "lower its holds, reps or sets, say less, or split the routine",
            )  # fmt: skip


def check_heard_length(seconds: float, routine: Routine) -> None:
    """Refuse a session over the limit once its speech is measured, before any audio is
    made (`plan` already refused it when its words alone made it too long)."""
    if seconds > MAX_ROUTINE_SECONDS:
        raise LocatedError(
            routine.path, 1, 1,
            f"the session would run {seconds / 3600:.1f} hours with its speech, over "
            f"the limit of {MAX_ROUTINE_SECONDS // 3600}; shorten what is said, the holds or the sets, or split the routine",
        )  # fmt: skip
