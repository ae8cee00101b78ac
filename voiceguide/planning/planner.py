"""Routine + Options -> Plan: the values in force (resolve.py), and the cues said and
sounded: what is said, which tone sounds, how long each window lasts.

The planner owns every timing rule in DESIGN.md and knows nothing about audio: speech
length is decided later, so sequential speech is a `Say`, and anything that must land
at an exact time inside a fixed window (tones, cues) is an `Overlay` on a `Window`. It
reads only the values in force; it never resolves a range itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..errors import LocatedError
from ..language import phrase_book
from ..planned import Plan, PlannedBlock, PlannedExercise, PlannedStep
from ..routine.model import Routine
from ..script import PAUSE_AFTER_SPEECH, Cue, Cued, Overlay, Say, Script, Tone, Window
from ..settings.options import Options
from ..spoken import has_side_placeholder
from ..timeline import WindowKind
from .resolve import resolve
from .wording import SIDES, Wording

# Where a count or cue starts inside a window that opens with a start tone: just after it.
AFTER_START_TONE = 0.45
COUNTDOWN_PIPS = 3
HALFWAY_FROM = 20  # holds this long or longer get a spoken "halfway"
TIME_LEFT_FROM = 15  # ... and "5 seconds left"
END_PIPS_FROM = 5  # ... and pips over their last three seconds

TIME_LEFT = 5  # seconds before the end of a long hold, when the voice says so
# A rep's call ("3, left arm") and what is said instead when it does not fit ("3").
RepCall = tuple[str, tuple[Say, ...]]
SESSION_HALFWAY_FROM = 10 * 60  # sessions this long hear when they are halfway ...
HALFWAY_WITHIN = 0.15  # ... at a rest starting this close to the middle (share of the whole)


class _Planner:
    def __init__(self, values: Plan, options: Options, speaking_rate: int) -> None:
        self.values, self.options = values, options
        self.speaking_rate = speaking_rate
        self.words = Wording(phrase_book(values.language), values)
        self.cues: list[Cue] = []
        self.exercise: str | None = None
        self.round = 0  # the time through the current block of rounds (0: not in one)
        self.round_total = 0  # ... of how many
        self.changed = {(c.exercise, c.field) for c in values.changes}
        self.rests: list[int] = []  # where the rests are in `cues`: between sets and exercises

    def add(self, item: Say | Tone | Window) -> None:
        if isinstance(item, Window) and self._overridden(item.kind):
            item = replace(item, overridden=True)
        self.cues.append(Cue(item, self.exercise, self.round))

    def _overridden(self, kind: str) -> bool:
        """Whether a window of this kind, in the current exercise, has an overridden length."""
        fields = {
            "hold": ("hold",),
            "rep": ("hold", "reps"),
            "reps": ("reps", "tempo"),
            "prepare": ("prepare",),
        }
        return any((self.exercise, f) in self.changed for f in fields.get(kind, ()))

    def line(self, text: str) -> None:
        """A spoken line, in turn with the others."""
        self.add(Say(text))

    # --- windows ------------------------------------------------------------------------

    def get_ready(self, seconds: float, label: str) -> None:
        """Silence ending in three pips one second apart; the next window starts on the beat."""
        pips = tuple(Overlay(seconds - k, Tone("pip")) for k in range(COUNTDOWN_PIPS, 0, -1))
        self.add(Window(seconds, "prepare", pips, label))

    def hold(
        self,
        seconds: float,
        label: str,
        count: RepCall | None = None,
        kind: WindowKind = "hold",
    ) -> None:
        """Start tone at 0, spoken cues laid over the silence, end tone at exactly `seconds`."""
        overlays = [Overlay(0, Tone("start"))]
        if count:
            said, shorter = count
            overlays.append(Overlay(AFTER_START_TONE, Say(said), optional=True, shorter=shorter))
        if seconds >= HALFWAY_FROM:
            overlays.append(Overlay(seconds / 2, Say(self.words.halfway()), optional=True))
        if seconds >= TIME_LEFT_FROM:
            left = Say(self.words.time_left(TIME_LEFT))
            overlays.append(Overlay(seconds - TIME_LEFT, left, optional=True))
        if kind == "hold" and seconds >= END_PIPS_FROM:
            overlays += [Overlay(seconds - k, Tone("pip")) for k in range(COUNTDOWN_PIPS, 0, -1)]
        self.add(Window(seconds, kind, tuple(overlays), label))
        self.add(Tone("end"))

    def rest(self, seconds: float, text: str, label: str, *, overridden: bool) -> None:
        self.rests.append(len(self.cues))
        if seconds > 0:
            self.add(Window(seconds, "rest", (Overlay(0, Say(text)),), label, overridden))
        else:
            self.line(text)

    # --- the routine --------------------------------------------------------------------

    def plan(self) -> Plan:
        values, words = self.values, self.words
        self.line(words.title())
        if self.options.week is not None:
            self.line(words.week(self.options.week))
        if self.options.explain:  # first, so the tones are known before they are heard
            self.line(words.explain())
        if values.intro:
            self.line(values.intro)
        overview = len(self.cues)
        self.line("")  # the overview, once the session's length is known
        equipment = words.equipment()
        if equipment:
            self.line(equipment)
        previous = None
        turns = self.turns()
        for at, (index, round_no, rounds) in enumerate(turns):
            exercise = values.exercises[index]
            self.exercise, self.round, self.round_total = exercise.name, round_no, rounds
            block = values.block_of(index)
            if round_no and block and index == block.first:
                self.line(words.round_start(round_no, rounds))
            self.exercise_cues(
                exercise,
                moved=previous != exercise.position,
                again=round_no > 1,
                final=round_no == rounds or not round_no,
            )
            previous = exercise.position
            if at + 1 == len(turns):
                continue
            following_index, following_round, _ = turns[at + 1]
            following = values.exercises[following_index]
            moved = following.position != exercise.position
            if following_round > 1 and block and following_index == block.first:
                self.between_rounds(block, following, following_round, rounds, moved=moved)
            else:
                self.between_exercises(following, moved=moved)
        self.exercise, self.round = None, 0
        self.line(words.close())
        self.add(Tone("complete"))
        total = guessed_seconds(self._script(), self.speaking_rate)
        self.cues[overview] = Cue(Say(words.overview(total)))
        self._mark_session_halfway(total)
        return replace(values, script=self._script())

    def _script(self) -> Script:
        values = self.values
        return Script(values.title, values.slug, tuple(self.cues), values.language)

    def _mark_session_halfway(self, total: float) -> None:
        """On a long session, the rest that starts nearest its middle says so; none does
        where no rest starts near the middle (a session of one long hold)."""
        if total < SESSION_HALFWAY_FROM:
            return
        heard = [seconds for _cue, seconds in _heard(self._script(), self.speaking_rate)]
        starts = [0.0, *heard[:-1]]  # each cue starts where the one before it ended
        rests = [i for i in self.rests if abs(starts[i] - total / 2) <= HALFWAY_WITHIN * total]
        if not rests:
            return
        at = min(rests, key=lambda i: abs(starts[i] - total / 2))
        cue = self.cues[at]
        item = cue.item
        if isinstance(item, Window):
            (announce, *others) = item.overlays
            assert isinstance(announce.sound, Say)
            said = Say(self.words.session_halfway(announce.sound.text))
            item = replace(item, overlays=(replace(announce, sound=said), *others))
        else:
            assert isinstance(item, Say)
            item = Say(self.words.session_halfway(item.text))
        self.cues[at] = replace(cue, item=item)

    def turns(self) -> list[tuple[int, int, int]]:
        """(exercise index, round, rounds) in the order done: a block's exercises one round
        after another; round 0 of 1 outside a block done more than once."""
        turns: list[tuple[int, int, int]] = []
        index = 0
        while index < len(self.values.exercises):
            block = self.values.block_of(index)
            rounds = block.rounds if block else 1
            if block is None or rounds == 1:
                turns.append((index, 0, 1))
                index += 1
                continue
            turns += [(i, r, rounds) for r in range(1, rounds + 1) for i in block.indices]
            index = block.indices.stop
        return turns

    def between_rounds(
        self,
        block: PlannedBlock,
        following: PlannedExercise,
        number: int,
        total: int,
        *,
        moved: bool,
    ) -> None:
        """The rest before round `number`, which starts with `following`."""
        seconds = block.rest
        text = self.words.between_rounds(following, seconds, number, moved=moved)
        overridden = not block.own_rest and (None, "rest") in self.changed
        label = self.words.rest_label(before_round=(number, total))
        self.rest(seconds, text, label, overridden=overridden)

    def between_exercises(self, following: PlannedExercise, moved: bool) -> None:
        seconds = following.rest_before  # its own routine's rest, in a joined session
        text = self.words.between(following, seconds, moved=moved)
        self.rest(seconds, text, self.words.rest_label(), overridden=(None, "rest") in self.changed)

    def sided(self, text: str, side: int | None) -> str:
        """A routine's line for `side` (0 left, 1 right): its {side} and {other side}."""
        return text if side is None else self.words.sided(text, SIDES[side])

    def setup_lines(self, ex: PlannedExercise, side: int | None) -> list[str]:
        """The exercise's set-up lines, spoken for `side` where they say {side}."""
        return [self.sided(line, side) for line in ex.say]

    def exercise_cues(
        self, ex: PlannedExercise, moved: bool, *, again: bool = False, final: bool = True
    ) -> None:
        """One exercise, all its sets and sides. `again`: a later round of its block, where
        its name stands for the set-up already heard; `final`: it is not done again after."""
        words = self.words
        if again:
            self.line(words.announce_again(ex))
        else:
            self.line(words.announce(ex.number, final=final))
            for line in self.setup_lines(ex, 0 if ex.sides != "none" else None):
                self.line(line)
        for line in words.summary(ex):
            self.line(line)
        first = 0 if ex.sides != "none" else None
        if ex.cue:
            self.line(self.sided(ex.cue, first))
        prepare = ex.prepare
        if moved:
            prepare += ex.transition
        sets = ex.sets
        # Said again at a change of side only when they name the side.
        sided = any(has_side_placeholder(line) for line in ex.say)
        rounds = list(self.rounds(ex, sets))
        for index, (set_no, side) in enumerate(rounds):
            previous_set, _previous_side = rounds[index - 1] if index else (set_no, side)
            if index == 0:
                ready = prepare
            elif set_no == previous_set:  # the other side of the same set
                assert side is not None
                self.line(words.switch(ex, side))
                if sided:
                    for line in self.setup_lines(ex, side):
                        self.line(line)
                ready = ex.switch
            else:
                rest = ex.rest
                self.rest(
                    rest,
                    words.rest_between_sets(rest, turn=previous_set - 1),
                    words.rest_label(after_set=previous_set),
                    overridden=(ex.name, "rest") in self.changed,
                )
                self.line(words.set_start(set_no, sets, turn=set_no - 3))
                if side is not None:  # each set starts on the first side again: say so
                    self.line(words.set_side(ex, side))
                    if sided:
                        for line in self.setup_lines(ex, side):
                            self.line(line)
                ready = ex.prepare
            label = words.round_label(ex, set_no, sets, side, self.round, self.round_total)
            self.one_round(ex, ready, label, side)

    def rounds(self, ex: PlannedExercise, sets: int) -> Iterator[tuple[int, int | None]]:
        """(set number, side: 0 left, 1 right) in the order they are done: each set on the
        left, then the right; alternate reps switch inside a round."""
        if ex.sides == "both" or (ex.sides == "alternate" and not ex.reps):
            for set_no in range(1, sets + 1):
                for side in (0, 1):
                    yield set_no, side
        else:
            for set_no in range(1, sets + 1):
                yield set_no, None

    def one_round(self, ex: PlannedExercise, ready: float, label: str, side: int | None) -> None:
        """One set on one side: get ready, then the hold, the positions or the reps."""
        if ex.positions:
            self.steps(ex, ready, label, side)
        elif ex.reps:
            self.get_ready(ready, label)
            self.reps(ex, label)
        else:
            self.get_ready(ready, label)
            assert ex.hold is not None
            self.hold(ex.hold, label)

    def steps(self, ex: PlannedExercise, ready: float, label: str, side: int | None) -> None:
        steps: tuple[PlannedStep, ...] = ex.positions
        same = len({s.seconds for s in steps}) == 1
        for index, step in enumerate(steps):
            seconds = step.seconds
            said = self.sided(step.say, side)
            self.line(said if same else self.words.step(said, seconds))
            self.get_ready(ready if index == 0 else ex.switch, label)
            self.hold(seconds, self.words.position_label(label, index + 1))

    def reps(self, ex: PlannedExercise, label: str) -> None:
        assert ex.reps is not None
        count = ex.reps
        sides = (0, 1) if ex.sides == "alternate" else (None,)
        turns = [(n, side) for n in range(1, count + 1) for side in sides]
        words = self.words

        def call(index: int, last_one: bool) -> RepCall:
            """The rep's call, and the count alone should the count and side not both fit."""
            n, side = turns[index]
            name = words.side_name(ex, side) if side is not None else None
            last = last_one and index == len(turns) - 1 and len(turns) > 1
            alone = (Say(words.count(n, last=last)),) if name else ()
            return words.count(n, last=last, side=name), alone

        if ex.hold:  # each rep its own window: the last one is called as such
            seconds, relax = ex.hold, ex.relax
            for index in range(len(turns)):
                if index:
                    self.add(Window(relax, "relax", (), label))
                called = call(index, last_one=True)
                self.hold(seconds, words.rep_label(label, index + 1), count=called, kind="rep")
            return
        # Paced reps run on without a pause: every call stays a short count.
        assert ex.tempo is not None
        tempo = ex.tempo
        overlays = [Overlay(0, Tone("start"))]
        for index in range(len(turns)):
            at = index * tempo + (AFTER_START_TONE if index == 0 else 0)
            said, shorter = call(index, last_one=False)
            overlays.append(Overlay(at, Say(said), optional=True, shorter=shorter))
        self.add(Window(len(turns) * tempo, "reps", tuple(overlays), label))
        self.add(Tone("end"))


def plan(routine: Routine, options: Options | None = None, *, speaking_rate: int = 160) -> Plan:
    """The values in force of `routine` with `options`, and the ordered cues a listener
    will hear (its Script).

    `speaking_rate` (words a minute) is used to guess how long speech takes: for the
    session's length said in the intro, and to count speech against the session limit.
    """
    options = options or Options()
    values, _applied = resolve(routine, options)
    planned = _Planner(values, options, speaking_rate).plan()
    _check_length(planned, speaking_rate)
    return planned


MAX_ROUTINE_SECONDS = 3 * 3600


def guess_speech_seconds(text: str, speaking_rate: int) -> float:
    """How long a line takes to say, from its words alone (a budget, not a measurement)."""
    return 0.3 + len(text.split()) * 60 / speaking_rate


def _heard(script: Cued, speaking_rate: int) -> Iterator[tuple[Cue, float]]:
    """Each cue with the seconds heard until its end: windows at their length, sequential
    speech at its length guessed from its words (speech laid over a window adds nothing)."""
    total = 0.0
    for cue in script.cues:
        if isinstance(cue.item, Say):
            total += guess_speech_seconds(cue.item.text, speaking_rate) + PAUSE_AFTER_SPEECH
        elif isinstance(cue.item, Window):
            total += cue.item.seconds
        yield cue, total


def guessed_seconds(script: Cued, speaking_rate: int) -> float:
    """The session's length from the script alone: enough to order builds longest first
    without reading a clip."""
    return max((total for _cue, total in _heard(script, speaking_rate)), default=0.0)


def _check_length(planned: Plan, speaking_rate: int) -> None:
    """Refuse a session longer than the limit, naming the exercise that goes over it.

    Everything heard counts: windows at their length, speech laid out in sequence at its
    length guessed from its words (speech laid over a window adds nothing).
    """
    for cue, total in _heard(planned, speaking_rate):
        if total > MAX_ROUTINE_SECONDS:
            line = next((e.line for e in planned.exercises if e.name == cue.exercise), 1)
            where = f"exercise '{cue.exercise}'" if cue.exercise else "its intro and close"
            raise LocatedError(
                planned.path, line, 1,
                f"the session would run over {MAX_ROUTINE_SECONDS // 3600} hours by {where} (speech included); "
                "lower its holds, reps or sets, say less, or split the routine",
            )  # fmt: skip


def check_heard_length(seconds: float, planned: Plan) -> None:
    """Refuse a session over the limit once its speech is measured, before any audio is
    made (`plan` already refused it when its words alone made it too long)."""
    if seconds > MAX_ROUTINE_SECONDS:
        raise LocatedError(
            planned.path, 1, 1,
            f"the session would run {seconds / 3600:.1f} hours with its speech, over "
            f"the limit of {MAX_ROUTINE_SECONDS // 3600}; shorten what is said, the holds or the sets, or split the routine",
        )  # fmt: skip
