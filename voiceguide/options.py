"""Options that change a session without editing its routine."""

from __future__ import annotations

from dataclasses import dataclass

from .amounts import LEVELS, Amount
from .errors import UserError


@dataclass(frozen=True)
class Options:
    """How ranges are resolved; later issues add hold/rep/rest overrides here."""

    level: str = "standard"

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise UserError(f"level '{self.level}' is not known; use one of: {', '.join(LEVELS)}")

    def seconds(self, amount: Amount) -> float:
        """A duration in force, rounded to the millisecond so timing stays exact."""
        return round(amount.pick(self.level), 3)

    def count(self, amount: Amount) -> int:
        return int(amount.pick(self.level))
