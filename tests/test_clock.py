"""The one clock formatter: what it prints parses back to the length rounded, never 2:60.0."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from voiceguide.clock_text import clock, timestamp
from voiceguide.export.sheet import duration
from voiceguide.language import phrase_book

CLOCK = re.compile(r"(?:(\d+):(\d\d)|(\d+)):(\d\d)\.(\d)")
STAMP = re.compile(r"(\d\d):(\d\d):(\d\d)\.(\d\d\d)")
THREE_HOURS = 3 * 3600.0  # the longest session a routine may make, and some over
LENGTHS = st.floats(min_value=0, max_value=THREE_HOURS + 600, allow_nan=False)


def _read_clock(shown: str) -> Fraction:
    """The seconds a clock string stands for; its fields must be in range."""
    match = CLOCK.fullmatch(shown)
    assert match, shown
    hours, minutes_past, minutes_alone, seconds, tenth = match.groups()
    minutes = int(minutes_past if hours else minutes_alone)
    assert int(seconds) < 60, shown
    if hours:
        assert int(hours) >= 1 and minutes < 60, shown
    else:
        assert minutes < 60, shown  # an hour is shown as one, not as 60 minutes
    return (int(hours or 0) * 60 + minutes) * 60 + int(seconds) + Fraction(int(tenth), 10)


@settings(deadline=None)  # a loaded machine must not fail it by time
@given(LENGTHS)
@example(179.96)  # `plan` once printed 2:60.0 for it
@example(59.95)
@example(3599.96)
@example(0.0)
def test_a_clock_reads_back_as_the_length_rounded_to_a_tenth(seconds):
    shown = clock(seconds)
    read = _read_clock(shown)
    assert read == Fraction(f"{seconds:.1f}")  # Python's own correctly rounded tenth
    assert abs(read - Fraction(seconds)) <= Fraction(1, 20)


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (179.96, "3:00.0"),
        (179.94, "2:59.9"),
        (5, "0:05.0"),
        (599.99, "10:00.0"),
        (3599.96, "1:00:00.0"),
        (3725.44, "1:02:05.4"),
        (10800, "3:00:00.0"),
    ],
)
def test_a_clock_carries_into_the_minute_and_the_hour(seconds, shown):
    assert clock(seconds) == shown


@settings(deadline=None)
@given(
    st.integers(min_value=0, max_value=int(THREE_HOURS) * 48000),
    st.sampled_from([22050, 44100, 48000]),
)
@example(2_879_976, 48000)  # 59.9995 s exactly: the half millisecond rounds up to the minute
def test_a_caption_moment_reads_back_as_the_sample_rounded_to_the_millisecond(samples, rate):
    match = STAMP.fullmatch(timestamp(samples, rate))
    assert match
    hours, minutes, seconds, ms = (int(g) for g in match.groups())
    assert minutes < 60 and seconds < 60
    assert ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms == round(
        Fraction(samples * 1000, rate)
    )


@pytest.mark.parametrize(
    ("seconds", "language", "printed"),
    [
        (30, "en", "30 s"),
        (2.5, "de", "2,5 s"),
        (90, "en", "1 min 30 s"),
        (59.9996, "en", "1 min"),  # rounded before it is split, as the clock does
        (1216, "fr", "20 min 16 s"),
        (3600, "en", "1 h"),
        (3725, "es", "1 h 2 min 5 s"),
        (3605, "en", "1 h 5 s"),
    ],
)
def test_the_sheet_and_summary_print_a_length_past_an_hour_in_hours(seconds, language, printed):
    assert duration(seconds, phrase_book(language)) == printed
