import pytest

from voiceguide.amounts import Amount, AmountError, parse_count, parse_duration


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [
        (30, 30, 30),
        (2.5, 2.5, 2.5),
        ("45s", 45, 45),
        ("1m", 60, 60),
        ("1m30s", 90, 90),
        ("15-30", 15, 30),
        ("15 to 30", 15, 30),
        ("1m-1m30s", 60, 90),
        # As people type them (issue 15: "30 secs" was refused).
        ("30 secs", 30, 30),
        ("30 seconds", 30, 30),
        ("2 minutes", 120, 120),
        ("1 min 30 s", 90, 90),
        ("20-30 seconds", 20, 30),
    ],
)
def test_durations_are_read_in_seconds(value, low, high):
    assert parse_duration(value) == Amount(low, high)


@pytest.mark.parametrize(
    "value",
    [-3, 0, "30-10", "abc", "", True, float("nan"), "10-", [1], "thirty secs", "30 parsecs"],
)
def test_bad_durations_are_refused(value):
    with pytest.raises(AmountError):
        parse_duration(value, "hold")


def test_counts_must_be_whole():
    assert parse_count("10-15") == Amount(10, 15)
    with pytest.raises(AmountError, match="whole number"):
        parse_count(2.5, "reps")


@pytest.mark.parametrize(
    ("low", "high", "count", "gentle", "standard", "strong"),
    [
        (10, 15, True, 10, 12, 15),  # reps a coach says: 10, 12, 15, not 13
        (5, 10, True, 5, 8, 10),
        (20, 30, True, 20, 25, 30),
        (13, 14, True, 13, 13, 14),  # no nice count inside: whole numbers, the lower middle
        (15, 30, False, 15, 20, 30),  # holds on 5 s steps, never 23 s
        (10, 15, False, 10, 10, 15),
        (12, 28, False, 15, 20, 25),  # both ends land on the steps inside the range
        (2, 3, False, 2, 2, 3),  # under 10 s: whole seconds
        (11, 14, False, 11, 12, 14),  # no step inside: whole seconds
    ],
)
def test_levels_land_on_numbers_a_coach_would_say(low, high, count, gentle, standard, strong):
    amount = Amount(low, high)
    picked = [amount.pick(level, count=count) for level in ("gentle", "standard", "strong")]
    assert picked == [gentle, standard, strong]


def test_a_value_given_exactly_is_kept_exactly():
    assert Amount(41.3, 41.3).pick("standard") == 41.3
    assert Amount(23, 23).pick("strong", count=True) == 23
