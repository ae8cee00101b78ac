"""Speed work must not change results: same bytes whatever the job count or block size."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import FIXTURES

from voiceguide.audio import mix
from voiceguide.cli import cli
from voiceguide.pipeline.build import OutputSettings, build
from voiceguide.speech.pool import SpeechSettings


def test_the_job_count_does_not_change_a_byte(tmp_path):
    second = tmp_path / "second.yaml"
    second.write_text((FIXTURES / "short.yaml").read_text().replace("hold: 7", "hold: 9"))
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        result = CliRunner().invoke(
            cli,
            ["build", str(FIXTURES / "short.yaml"), str(second), "-o", str(out), "--jobs", jobs],
        )
        assert result.exit_code == 0, result.stderr
        outputs[jobs] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert list(outputs["1"]) == [
        "playlist.m3u8",
        "second.html",
        "second.json",
        "second.mp3",
        "second.vtt",
        "short.html",
        "short.json",
        "short.mp3",
        "short.vtt",
    ]
    assert outputs["1"] == outputs["2"]


def test_streamed_blocks_join_into_the_same_audio_as_one_block(
    tmp_path, short_routine, monkeypatch
):
    result = build(short_routine, output=OutputSettings(tmp_path / "a"))
    streamed = result.path.read_bytes()
    monkeypatch.setattr(mix, "BLOCK_SECONDS", 10_000)  # the whole session in one block
    whole = build(short_routine, output=OutputSettings(tmp_path / "b")).path.read_bytes()
    monkeypatch.setattr(mix, "BLOCK_SECONDS", 1)  # and in one-second blocks
    tiny = build(short_routine, output=OutputSettings(tmp_path / "c")).path.read_bytes()
    assert streamed == whole == tiny


@pytest.mark.real_speech  # espeak-ng's determinism, whichever engine speaks a phrase
def test_two_cold_builds_with_parallel_engines_give_the_same_bytes(tmp_path, short_routine):
    """Each engine speaks a fixed share of the phrases in a fixed order, so a cold build
    is reproducible even though espeak-ng's sound depends on what it spoke before."""
    made = []
    for run in ("first", "second"):
        result = build(
            short_routine,
            output=OutputSettings(tmp_path / run),
            speech=SpeechSettings(cache_dir=tmp_path / run / "cache", engines=2),
        )
        assert result.synthesised >= 16  # enough phrases for both engines to take part
        made.append(result.path.read_bytes())
    assert made[0] == made[1]
