"""Reading a programme's values week by week: a start, a step (add or times, every so many
weeks) and a ceiling, or values for named weeks; the level's weeks. Every mistake is
reported at its place (see yamlsource.YamlReader), and a step that would pass its
ceiling, or a field's limit, is refused here, before any week is planned.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from ..amounts import (
    LEVELS,
    Amount,
    AmountError,
    Level,
    limit_problem,
    parse_count,
    parse_duration,
    shown,
)
from ..settings.options import COUNT_FIELDS, EXERCISE_FIELDS, GLOBAL_FIELDS
from ..yamlsource import Located, Position, YamlReader
from .model import LevelSteps, Progression

RULE_KEYS = ("start", "add", "times", "every", "up_to", "down_to")
_WEEK_KEY = re.compile(r"(?:week\s*)?(\d+)", re.IGNORECASE)


class ProgressReader(YamlReader):
    """Walks a programme's located YAML, reporting each problem at its place and going on."""

    def __init__(self, path: str, weeks: int) -> None:
        super().__init__(path)
        self.weeks = weeks
        self.places: dict[int, Position] = {}  # id(progression) -> where it was written

    # --- weeks ------------------------------------------------------------------------------

    def week_number(self, value: Any, pos: Position, what: str) -> int | None:
        """A week from 1 to the programme's last, from `3` or `week 3`; None (reported)."""
        text = str(value).strip() if isinstance(value, (int, str)) else ""
        match = _WEEK_KEY.fullmatch(text) if not isinstance(value, bool) else None
        if match is None:
            self.report(pos, f"{what} must be a week number like 3, got {shown(value)}")
            return None
        week = int(match[1])
        if week < 1:
            self.report(pos, f"{what} is week {week}; weeks count from 1")
            return None
        if week > self.weeks:
            self.report(
                pos,
                f"{what} is week {week}, past the last week; the programme has weeks: {self.weeks}",
            )
            return None
        return week

    # --- values -----------------------------------------------------------------------------

    def one_value(self, value: Any, pos: Position, field: str, typed: str | None) -> float | None:
        """One value of `field` within its limits (no range); None, reported, if not."""
        parse = parse_count if field in COUNT_FIELDS else parse_duration
        try:
            amount = parse(value, field, typed)
        except AmountError as err:
            self.report(pos, str(err))
            return None
        if amount.is_range:
            self.report(
                pos,
                f"a programme gives {field} one value a week; write {amount.low:g}, not {amount}",
            )
            return None
        problem = limit_problem(field, amount)
        if problem:
            self.report(pos, problem)
            return None
        return amount.low

    def step(self, node: Located, key: str, field: str) -> float | None:
        """`add:`, a signed amount of `field` per step."""
        value, pos, typed = node.value[key], node.pos_of(key), node.typed(key)
        negative = False
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
            value, negative = -value, True
        elif isinstance(value, str) and value.strip().startswith("-"):
            value, negative = value.strip()[1:], True
        parse = parse_count if field in COUNT_FIELDS else parse_duration
        try:
            amount = parse(value, f"add for {field}", typed)
        except AmountError as err:
            self.report(pos, str(err))
            return None
        if amount.is_range:
            self.report(pos, f"add for {field} must be one number, not a range")
            return None
        return -amount.low if negative else amount.low

    def progression(
        self, node: Any, pos: Position, field: str, exercise: str | None
    ) -> Progression | None:
        """A field's value: one for every week, or a mapping of start, step and ceiling and
        values for given weeks."""
        what = field if exercise is None else f"{field} of '{exercise}'"
        if not isinstance(node, Located):
            start = self.one_value(node, pos, field, None)
            rule = Progression(field, start, exercise=exercise) if start is not None else None
        elif not isinstance(node.value, dict):
            self.report(
                pos, f"{what} must be a value or a mapping like {{start: 15, add: 5, up_to: 45}}"
            )
            return None
        else:
            rule = self.rule(node, field, exercise, what)
        if rule is not None:
            self.places[id(rule)] = pos
        return rule

    def rule(
        self, node: Located, field: str, exercise: str | None, what: str
    ) -> Progression | None:
        values: dict[str, float] = {}
        weeks: list[tuple[int, float]] = []
        reported = len(self.problems)
        for key in node.value:
            pos = node.key_pos[key]
            if key in RULE_KEYS:
                if key == "add":
                    found = self.step(node, key, field)
                elif key in ("times", "every"):
                    found = self.factor(node, key, what)
                else:
                    found = self.one_value(
                        node.value[key], node.pos_of(key), field, node.typed(key)
                    )
                if found is not None:
                    values[key] = found
                continue
            week = _week_key(key)
            if week is None:
                near = difflib.get_close_matches(str(key), RULE_KEYS, n=1, cutoff=0.6)
                hint = (
                    f"did you mean '{near[0]}'?"
                    if near
                    else f"valid keys: {', '.join(RULE_KEYS)}, or week N"
                )
                self.report(pos, f"unknown key '{key}' in {what}; {hint}")
                continue
            number = self.week_number(key, pos, f"'{key}' in {what}")
            value = self.one_value(node.value[key], node.pos_of(key), field, node.typed(key))
            if number is not None and value is not None:
                weeks.append((number, value))
        if len(self.problems) > reported:
            return None  # a value was refused: checking the rule without it would only
            # add problems that are not there ("a step but no start" for a start of .nan)
        return self.checked_rule(node, field, exercise, what, values, tuple(sorted(weeks)))

    def factor(self, node: Located, key: str, what: str) -> float | None:
        value, pos = node.value[key], node.pos_of(key)
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        if key == "every":
            if not isinstance(number, int) or not 1 <= number <= self.weeks:
                self.report(
                    pos,
                    f"every in {what} is how many weeks between steps, from 1 to {self.weeks}; got {shown(value, node.typed(key))}",
                )
                return None
            return float(number)
        if number is None or not 0.1 <= number <= 10 or number == 1:
            self.report(
                pos,
                f"times in {what} multiplies each step, like 1.25 (not 1; between 0.1 and 10); got {shown(value, node.typed(key))}",
            )
            return None
        return float(number)

    def checked_rule(
        self, node: Located, field: str, exercise: str | None, what: str,
        values: dict[str, float], weeks: tuple[tuple[int, float], ...],
    ) -> Progression | None:  # fmt: skip
        here = (node.line, node.column)
        if "add" in values and "times" in values:
            self.report(
                node.key_pos["times"], f"{what} steps by add or by times, not both; keep one"
            )
            return None
        if "up_to" in values and "down_to" in values:
            self.report(
                node.key_pos["down_to"],
                f"{what} has up_to and down_to; a step goes one way, keep one",
            )
            return None
        stepped = "add" in values or "times" in values
        start = values.get("start")
        if stepped and start is None:
            self.report(here, f"{what} has a step but no start; add start: (the value in week 1)")
            return None
        limit_key = "up_to" if "up_to" in values else "down_to" if "down_to" in values else None
        if limit_key and not stepped:
            self.report(
                node.key_pos[limit_key],
                f"{limit_key} in {what} stops a step; add add: or times:, or remove it",
            )
            return None
        grows = values.get("add", 0) > 0 or values.get("times", 1) > 1
        if limit_key == "up_to" and not grows:
            self.report(
                node.key_pos["up_to"],
                f"{what} gets smaller each step, so up_to never stops it; use down_to",
            )
            return None
        if limit_key == "down_to" and grows:
            self.report(
                node.key_pos["down_to"],
                f"{what} grows each step, so down_to never stops it; use up_to",
            )
            return None
        rule = Progression(
            field, start, values.get("add", 0.0), values.get("times", 1.0),
            int(values.get("every", 1)), values.get(limit_key) if limit_key else None,
            weeks, exercise,
        )  # fmt: skip
        if limit_key and start is not None and rule.limit is not None:
            past = start > rule.limit if grows else start < rule.limit
            if past:
                self.report(
                    node.pos_of("start"),
                    f"{what} starts at {start:g}, past its {limit_key}: {rule.limit:g}; "
                    f"{'lower start or raise up_to' if grows else 'raise start or lower down_to'}",
                )
                return None
            for week, value in weeks:
                if (value > rule.limit) if grows else (value < rule.limit):
                    self.report(
                        node.key_pos[_key_for(node, week)],
                        f"{what} in week {week} is {value:g}, past its {limit_key}: {rule.limit:g}; "
                        f"change the week's value or the {limit_key}",
                    )
                    return None
        if stepped:
            for week in range(1, self.weeks + 1):
                value = rule.stepped_value(week)
                problem = _problem(field, value)
                if problem:
                    fix = "add up_to:" if grows else "add down_to:"
                    self.report(
                        here,
                        f"{what} steps to {value:g} by week {week}: {problem}; {fix} or a smaller step",
                    )
                    return None
        return rule

    def section(
        self, node: Any, pos: Position, keys: tuple[str, ...], what: str
    ) -> tuple[list[Progression], Located | None]:
        """The progressions of a `progress:` section, and its `level:` node if any."""
        section = self.mapping(node, pos, what, keys)
        if section is None:
            return [], None
        rules = []
        for field in GLOBAL_FIELDS:
            if field in section.value:
                rule = self.progression(section.value[field], section.pos_of(field), field, None)
                if rule is not None:
                    rules.append(rule)
        if "exercises" in section.value:
            exercises = self.mapping(
                section.value["exercises"], section.pos_of("exercises"), "exercises", None
            )
            if exercises is not None:
                rules += self.exercise_rules(exercises)
        level = section.value.get("level")
        return rules, (section if level is not None else None)

    def exercise_rules(self, exercises: Located) -> list[Progression]:
        """The progressions for single exercises, by name or number."""
        rules = []
        for selector, node in exercises.value.items():
            what = f"exercise '{selector}'"
            fields = self.mapping(node, exercises.pos_of(selector), what, EXERCISE_FIELDS)
            if fields is None:
                continue
            for field in (f for f in EXERCISE_FIELDS if f in fields.value):
                rule = self.progression(
                    fields.value[field], fields.pos_of(field), field, str(selector).lower()
                )
                if rule is not None:
                    # An exercise the rule does not suit is a mistake of the name given.
                    self.places[id(rule)] = exercises.key_pos[selector]
                    rules.append(rule)
        return rules

    def level_steps(self, start: Level, section: Located | None) -> LevelSteps:
        if section is None:
            return LevelSteps(start)
        node, pos = section.value["level"], section.pos_of("level")
        if not isinstance(node, Located) or not isinstance(node.value, dict):
            self.report(
                pos,
                "level in progress names the weeks it changes, like {week 3: strong}; the level in week 1 is the top-level level:",
            )
            return LevelSteps(start)
        weeks = []
        for key, value in node.value.items():
            number = self.week_number(key, node.key_pos[key], f"'{key}' in level")
            level = self.level(value, node.pos_of(key), node.typed(key))
            if number is not None and level is not None:
                weeks.append((number, level))
        return LevelSteps(start, tuple(sorted(weeks)))

    def level(self, value: Any, pos: Position, typed: str | None) -> Level | None:
        if value in LEVELS:
            return value
        near = difflib.get_close_matches(str(value), LEVELS, n=1, cutoff=0.5)
        hint = f"did you mean '{near[0]}'?" if near else f"use one of: {', '.join(LEVELS)}"
        self.report(pos, f"level {shown(value, typed)} is not known; {hint}")
        return None


def _week_key(key: Any) -> int | None:
    if isinstance(key, bool) or not isinstance(key, (int, str)):
        return None
    match = _WEEK_KEY.fullmatch(str(key).strip())
    return int(match[1]) if match else None


def _key_for(node: Located, week: int) -> str:
    return next(k for k in node.value if _week_key(k) == week and k not in RULE_KEYS)


def _problem(field: str, value: float) -> str | None:
    if value <= 0:
        return f"{field} must stay above 0"
    return limit_problem(field, Amount(value, value))
