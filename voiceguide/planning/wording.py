"""What the voice says at each moment, in the words of the phrase book, with the values in
force: the planner decides when, this decides how it is worded.

Side-aware lines: a routine's `say` lines may fill in {side} and {other side}; `sided`
speaks them for the side being worked.
"""

from __future__ import annotations

from ..language import PhraseBook
from ..planned import Plan, PlannedExercise, Week
from ..spoken import sided

SIDES = ("left", "right")


class Wording:
    """The lines of one session, in one language, with its values in force."""

    def __init__(self, book: PhraseBook, plan: Plan) -> None:
        self.book, self.plan = book, plan

    def seconds(self, seconds: float) -> str:
        return self.book.duration(seconds)

    # --- the opening ----------------------------------------------------------------------

    def title(self) -> str:
        return self.book.say("title", title=self.plan.title)

    def week(self, week: Week) -> str:
        """ "Week 3. Holds are 25 seconds this week.": the week of a programme, and the
        values in force for what the programme sets for every exercise, where they agree."""
        book = self.book
        lines = [book.say("week", number=week.number)]
        exercises = self.plan.exercises
        if "hold" in week.fields:
            holds = {e.hold for e in exercises if e.hold and not e.reps}
            holds |= {s.seconds for e in exercises for s in e.positions}
            if len(holds) == 1:
                lines.append(book.say("week_hold", duration=self.seconds(holds.pop())))
        if "reps" in week.fields:
            reps = {e.reps for e in exercises if e.reps}
            if len(reps) == 1:
                lines.append(book.say("week_reps", reps=book.count(reps.pop(), "rep")))
        if "sets" in week.fields:
            sets = {e.sets for e in exercises}
            if len(sets) == 1:
                lines.append(book.say("week_sets", sets=book.count(sets.pop(), "set")))
        return " ".join(lines)

    def explain(self) -> str:
        return self.book.say("explain")

    def overview(self, guessed_seconds: float) -> str:
        """How many exercises and about how long: "Six exercises, about 12 minutes."; with
        blocks of rounds, how many are done in rounds: "4 exercises, 2 of them in 3 rounds, ..."."""
        exercises = self.book.count(len(self.plan.exercises), "exercise")
        minutes = round(guessed_seconds / 60)
        blocks = self.rounds_overview()
        if blocks:
            key = "overview_rounds_short" if minutes < 1 else "overview_rounds"
            return self.book.say(
                key, exercises=exercises, blocks=blocks, minutes=self.book.count(minutes, "minute")
            )
        if minutes < 1:
            return self.book.say("overview_short", exercises=exercises)
        return self.book.say(
            "overview", exercises=exercises, minutes=self.book.count(minutes, "minute")
        )

    def rounds_overview(self) -> str | None:
        """Which exercises are done in rounds, and how many: "2 of them in 3 rounds"."""
        parts = []
        for block in self.plan.blocks:
            rounds = block.rounds
            if rounds == 1:
                continue
            counted = self.book.count(rounds, "round")
            if block.size == len(self.plan.exercises):
                parts.append(self.book.say("rounds_all", rounds=counted))
            else:
                parts.append(self.book.say("rounds_some", count=block.size, rounds=counted))
        return self.book.join(parts) if parts else None

    def equipment(self) -> str | None:
        things = self.plan.equipment
        return self.book.say("equipment", things=self.book.join(things)) if things else None

    def close(self) -> str:
        return self.plan.close or self.book.say("close")

    # --- an exercise ------------------------------------------------------------------------

    def announce(self, number: int, *, final: bool = True) -> str:
        """Which exercise this is: the first, one in the middle, or the last (`final`: not
        done again in a later round)."""
        total = len(self.plan.exercises)
        name = self.plan.exercises[number - 1].name
        if total == 1:
            return self.book.say("exercise_only", name=name)
        last = number == total and final
        key = "exercise_first" if number == 1 else "exercise_last" if last else "exercise"
        return self.book.say(key, number=number, total=total, name=name)

    def announce_again(self, ex: PlannedExercise) -> str:
        """An exercise in a later round of its block: its name is enough."""
        return self.book.say("exercise_again", name=ex.name)

    def round_start(self, number: int, total: int) -> str:
        """ "Round 2 of 3." or "Last round."."""
        if number == total:
            return self.book.say("round_last")
        return self.book.say("round", number=number, total=total)

    def summary(self, ex: PlannedExercise) -> list[str]:
        """What the person will do, with the numbers in force: one or two sentences."""
        book = self.book
        where = ""
        if ex.sides == "both":
            where = book.say("each_side")
        elif ex.sides == "alternate":
            where = book.say("each_side") + book.say("changing_sides")
        if ex.positions:
            holds = {s.seconds for s in ex.positions}
            positions = book.count(len(ex.positions), "position")
            if len(holds) == 1:
                line = book.say(
                    "positions",
                    positions=positions,
                    duration=self.seconds(holds.pop()),
                    where=where,
                )
            else:
                line = book.say("positions_mixed", positions=positions, where=where)
        elif ex.reps:
            reps = ex.reps
            if ex.hold and reps == 1:
                line = book.say("rep_held", where=where, duration=self.seconds(ex.hold))
            elif ex.hold:
                line = book.say(
                    "reps_held",
                    reps=book.count(reps, "rep"),
                    where=where,
                    duration=self.seconds(ex.hold),
                )
            else:
                line = book.say("reps", reps=book.count(reps, "rep"), where=where)
        else:
            assert ex.hold is not None  # the reader makes sure an exercise has one of the three
            line = book.say("hold", duration=self.seconds(ex.hold), where=where)
        lines = [line]
        if ex.sides == "both" or (ex.sides == "alternate" and not ex.reps):
            lines.append(self.start_side(ex))
        if ex.sets > 1:
            lines.append(
                book.say("sets", sets=book.count(ex.sets, "set"), duration=self.seconds(ex.rest))
            )
        return lines

    def sided(self, text: str, side: str) -> str:
        """A routine's line for `side` ("left" or "right"): its {side} and {other side}."""
        return sided(text, side, self.book.word)

    def side_name(self, ex: PlannedExercise, index: int) -> str:
        """The name of side `index` (0 or 1): left and right, or what alternates."""
        return ex.alternate[index] if ex.alternate else self.book.word(SIDES[index])

    def side_noun(self, index: int) -> str:
        """Side `index` as a noun phrase, worded whole by the language: "right side",
        "rechte Seite", "lado derecho", "côté droit" (an adjective agrees with its noun)."""
        return self.book.word(f"{SIDES[index]}_side")

    def switch(self, ex: PlannedExercise, index: int) -> str:
        if ex.alternate:
            return self.book.say("switch_to", side=ex.alternate[index])
        return self.book.say("switch", side=self.side_noun(index))

    def start_side(self, ex: PlannedExercise) -> str:
        """Which side comes first: "Start on the left." or "Start with right arm and left leg."."""
        if ex.alternate:
            return self.book.say("start_with", side=ex.alternate[0])
        return self.book.say("left_first")

    # --- sets and reps ----------------------------------------------------------------------

    def rest_between_sets(self, seconds: float, turn: int) -> str:
        """A rest between sets, worded in turn from the book's variants (the first says how
        long, and every so often again), so eight sets do not sound like a machine."""
        return self.book.say("rest_set", turn, duration=self.seconds(seconds))

    def set_start(self, number: int, total: int, turn: int) -> str:
        if number == total:
            return self.book.say("set_last")
        if number == 2:
            return self.book.say("set_second", number=number, total=total)
        return self.book.say("set_next", turn, number=number, total=total)

    def set_side(self, ex: PlannedExercise, index: int) -> str:
        """Which side a set starts on."""
        if ex.alternate:
            return self.book.say("start_with", side=ex.alternate[index])
        return self.book.say("set_side", side=capitalised(self.side_noun(index)))

    def count(self, number: int, last: bool, side: str | None = None) -> str:
        """A rep's call: its number (and side), or "Last one." for the last of held reps."""
        if last:
            return (
                self.book.say("count_last_side", side=side) if side else self.book.say("count_last")
            )
        if side:
            return self.book.say("count_side", number=number, side=side)
        return self.book.say("count", number=number)

    def halfway(self) -> str:
        return self.book.say("halfway")

    def time_left(self, seconds: float) -> str:
        return self.book.say("time_left", duration=self.seconds(seconds))

    # --- between exercises ------------------------------------------------------------------

    def between(self, following: PlannedExercise, seconds: float, *, moved: bool) -> str:
        """The rest before the next exercise, and what it is (and where, if the body moves)."""
        position = self.book.word(following.position)
        # A session joined from several routines may name an exercise by its position
        # ("Chin tuck, lying down", compose.unique_names): it is said once.
        moved = moved and not following.name.endswith(position)
        if seconds:
            key = "rest_next_moving" if moved else "rest_next"
        else:
            key = "next_moving" if moved else "next"
        return self.book.say(
            key, name=following.name, duration=self.seconds(seconds), position=position
        )

    def between_rounds(
        self, following: PlannedExercise, seconds: float, number: int, *, moved: bool
    ) -> str:
        """The rest before round `number`, and the exercise it starts with."""
        key = "rest_round_moving" if moved else "rest_round"
        return self.book.say(
            key,
            number=number,
            name=following.name,
            duration=self.seconds(seconds),
            position=self.book.word(following.position),
        )

    def session_halfway(self, then: str) -> str:
        """`then` (a rest's announcement) led by the news that the session is half done."""
        return self.book.say("session_halfway", then=then)

    def step(self, line: str, seconds: float) -> str:
        """A position's line with its own length, where the positions differ."""
        return self.book.say("step", line=line.rstrip("."), duration=self.seconds(seconds))

    # --- labels: read, not heard (the timeline, `voiceguide plan`) ---------------------------

    def round_label(
        self,
        ex: PlannedExercise,
        set_no: int,
        sets: int,
        side: int | None,
        round: int = 0,
        rounds: int = 0,
    ) -> str:
        """Which round, set and side: "Wall lean (round 2 of 3, set 1 of 2, left side)"."""
        parts = []
        if round:
            parts.append(self.book.label("round_of", number=round, total=rounds))
        if sets > 1:
            parts.append(self.book.label("set_of", number=set_no, total=sets))
        if side is not None:
            parts.append(ex.alternate[side] if ex.alternate else self.side_noun(side))
        return ex.name + (f" ({', '.join(parts)})" if parts else "")

    def position_label(self, label: str, number: int) -> str:
        return f"{label}, {self.book.label('position_number', number=number)}"

    def rep_label(self, label: str, number: int) -> str:
        return f"{label}, {self.book.label('rep_number', number=number)}"

    def rest_label(
        self, after_set: int | None = None, before_round: tuple[int, int] | None = None
    ) -> str:
        """A rest between exercises, after set `after_set` of an exercise, or before round
        (number, total) of a block."""
        if before_round is not None:
            number, total = before_round
            return self.book.label("rest_before_round", number=number, total=total)
        if after_set is None:
            return self.book.label("rest")
        return self.book.label("rest_after_set", number=after_set)


def capitalised(text: str) -> str:
    """The first letter upper case, the rest as written ("Rechte Seite", not "Rechte seite")."""
    return text[:1].upper() + text[1:]
