"""Silences inside a clip, measured and shortened: for the natural voice, whose model leaves
long stretches of near-silence at the start of a phrase (0.45 s before "5 seconds left."),
after its end (0.35 s), and at commas and colons (up to 0.47 s, where espeak-ng pauses
0.21-0.27 s).

Pure functions on 16-bit mono PCM, so a clip stays a function of its text alone.
"""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # Python 3.11-3.12; audioop-lts after
    import audioop

# 16-bit magnitude below which a stretch counts as silence: under any sound of speech (the
# quietest "f" of the natural voice peaks near 200) and over the model's hiss (1-15).
QUIET_LEVEL = 64
STEP = 0.005  # seconds: the resolution of the measure
# Steps of sound in a row that make the start or end of a clip: the model leaves an
# isolated click of 10 ms (peak 159) 0.1 s after some phrases, which is no sound to keep.
EDGE_STEPS = 3


def _loud_steps(pcm: bytes, rate: int) -> tuple[int, list[bool]]:
    step = max(1, round(rate * STEP)) * 2  # bytes
    return step, [
        audioop.max(pcm[at : at + step], 2) > QUIET_LEVEL for at in range(0, len(pcm), step)
    ]


def trimmed(pcm: bytes, rate: int) -> bytes:
    """The clip from its first sound to its last: from the first EDGE_STEPS steps of sound
    in a row to the end of the last such run."""
    step, loud = _loud_steps(pcm, rate)
    runs = [i for i in range(len(loud) - EDGE_STEPS + 1) if all(loud[i : i + EDGE_STEPS])]
    if not runs:
        return b""
    return pcm[runs[0] * step : (runs[-1] + EDGE_STEPS) * step]


def pauses_shortened(pcm: bytes, rate: int, longest: float) -> bytes:
    """The clip with every silence inside it longer than `longest` seconds cut to that
    length, its middle taken out (the fade of the sound before and the onset of the one
    after stay as they were)."""
    step, loud = _loud_steps(pcm, rate)
    keep = max(1, round(longest / STEP))  # steps of silence kept
    parts: list[bytes] = []
    at = 0  # step index where the part not yet copied starts
    run_start = None
    for index, is_loud in enumerate([*loud, True]):
        if not is_loud:
            if run_start is None:
                run_start = index
            continue
        if (
            run_start is not None
            and index - run_start > keep
            and run_start > 0
            and index < len(loud)
        ):
            cut_from = run_start + keep // 2
            cut_to = index - (keep - keep // 2)
            parts.append(pcm[at * step : cut_from * step])
            at = cut_to
        run_start = None
    parts.append(pcm[at * step :])
    return b"".join(parts)


def silence(seconds: float, rate: int) -> bytes:
    """`seconds` of 16-bit silence at `rate`."""
    return bytes(round(seconds * rate) * 2)
