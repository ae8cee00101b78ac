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
    ],
)
def test_durations_are_read_in_seconds(value, low, high):
    assert parse_duration(value) == Amount(low, high)


@pytest.mark.parametrize("value", [-3, 0, "30-10", "abc", "", True, float("nan"), "10-", [1]])
def test_bad_durations_are_refused(value):
    with pytest.raises(AmountError):
        parse_duration(value, "hold")


def test_counts_must_be_whole():
    assert parse_count("10-15") == Amount(10, 15)
    with pytest.raises(AmountError, match="whole number"):
        parse_count(2.5, "reps")


@pytest.mark.parametrize(("level", "expected"), [("gentle", 10), ("standard", 13), ("strong", 15)])
def test_level_picks_from_a_range(level, expected):
    assert Amount(10, 15).pick(level) == expected


def test_standard_rounds_the_middle_half_up():
    assert Amount(2, 3).pick("standard") == 3
    assert Amount(15, 30).pick("standard") == 23
    assert Amount(20, 30).pick("standard") == 25
