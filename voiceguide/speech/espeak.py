"""espeak-ng through pyttsx3's own binding, run so that a phrase's sound depends only on
its text, voice and rate. Used inside the speech worker process on Linux.

Why not pyttsx3's driver loop: it runs espeak-ng asynchronously (AUDIO_OUTPUT_RETRIEVAL)
and `runAndWait()` returns when its command queue is empty, not when the phrase is
spoken. On a busy machine the worker then reported a WAV before it was written (missing
or partial clips), and its `stop()` cancelled espeak's queue, dropping the rate setting
still waiting in it (phrases came out at pyttsx3's start-up rate of 200 words a minute).
Here espeak-ng runs synchronously: `Synth` returns once every sample has been delivered.

Why a child process per phrase: espeak-ng keeps state from one phrase to the next (its
pitch flutter and noise generators run on), so the same text spoken after another phrase
came out a few samples different. The worker sets up the voice once and never speaks;
each phrase is spoken by a fork of it, so every phrase starts from the same state.
A fork costs about a millisecond; espeak-ng speaks a phrase in a few.
"""

from __future__ import annotations

import contextlib
import ctypes
import difflib
import os
import re
import signal
from pathlib import Path
from typing import Any

SAMPLE_RATE = 22050  # espeak-ng's output rate
_PR_SET_PDEATHSIG = 1


class SpeechFault(Exception):
    """espeak-ng refused or failed; the message says how."""


def load_library() -> Any:
    """pyttsx3's espeak-ng binding, bound to the libespeak-ng shipped by espeakng-loader."""
    import espeakng_loader

    os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
    library = espeakng_loader.get_library_path()
    # pyttsx3 asks the dynamic loader for "libespeak-ng.so.1"; once a library with that
    # soname is loaded globally, that request resolves to it instead of a system copy.
    for candidate in (library + ".1", library):
        if os.path.exists(candidate):
            ctypes.CDLL(candidate, mode=ctypes.RTLD_GLOBAL)
            break
    from pyttsx3.drivers import _espeak

    return _espeak


class Espeak:
    """One voice at one rate, set up once; `speak` runs each phrase in a fresh fork."""

    def __init__(self, voice: str, rate: int) -> None:
        self.lib = load_library()
        if self.lib.Initialize(self.lib.AUDIO_OUTPUT_SYNCHRONOUS, 0) != SAMPLE_RATE:
            raise SpeechFault("espeak-ng did not start (no voice data found)")
        self._chunks: list[bytes] = []
        self.lib.SetSynthCallback(self._collect)  # the binding keeps the C pointer alive
        name = pick_voice(self.voices(), voice, self.languages(), installed_variants())
        if self.lib.SetVoiceByName(name.encode()) != 0:
            raise SpeechFault(f"espeak-ng could not load the voice '{voice}'")
        if self.lib.SetParameter(self.lib.RATE, rate, 0) != 0:
            raise SpeechFault(f"espeak-ng refused the rate {rate}")
        # Read back: the rate in force is what the clip check and the cache key assume.
        if self.lib.GetParameter(self.lib.RATE) != rate:
            raise SpeechFault(f"espeak-ng did not take the rate {rate}")

    def probe(self) -> float | None:
        """Seconds the probe sentence takes, for an English voice (None for others)."""
        from .checks import PROBE_TEXT, speaking_seconds

        voice = self.lib.GetCurrentVoice()
        language = voice.contents.languages[1:].decode("utf-8", "replace") if voice else ""
        if not language.startswith("en"):
            return None
        return speaking_seconds(self.speak(PROBE_TEXT), SAMPLE_RATE)

    def voices(self) -> list[tuple[str, str]]:
        """(identifier, name) of every installed voice."""
        return [
            (v.identifier.decode("utf-8").lower(), v.name.decode("utf-8"))
            for v in self.lib.ListVoices(None)
        ]

    def languages(self) -> dict[str, tuple[str, int]]:
        """Short identifier -> (language code, espeak's priority: 2 for a language's main
        voice, 5 for others), for each voice: "en" -> ("en-gb", 2)."""
        found = {}
        for v in self.lib.ListVoices(None):
            raw = v.languages or b""  # a priority byte, then the code (the first one only)
            if len(raw) > 1:
                short = v.identifier.decode("utf-8").lower().rsplit("/", 1)[-1]
                found[short] = (raw[1:].decode("utf-8", "replace").lower(), raw[0])
        return found

    def choices(self) -> dict:
        """What a voice name may say besides an identifier: language codes and variants."""
        return {"languages": self.languages(), "variants": installed_variants()}

    def version(self) -> str:
        return self.lib.Info(None).decode()

    def _collect(self, wav: Any, count: int, _events: Any) -> int:
        if count > 0:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    def _speak_here(self, text: str) -> bytes:
        self._chunks.clear()
        status = self.lib.Synth(text.encode("utf-8"), flags=self.lib.ENDPAUSE | self.lib.CHARS_UTF8)
        if status != 0:
            raise SpeechFault(f"espeak-ng refused the phrase (status {status})")
        return b"".join(self._chunks)

    def speak(self, text: str) -> bytes:
        """16-bit mono PCM at SAMPLE_RATE, spoken by a child that starts from the set-up state."""
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: speak, hand the samples over, vanish
            code = 0
            try:
                os.close(read_end)
                _die_with_parent()
                pcm = self._speak_here(text)
                with os.fdopen(write_end, "wb") as out:
                    out.write(len(pcm).to_bytes(8, "little"))
                    out.write(pcm)
            except BaseException:
                code = 3
            finally:
                os._exit(code)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as source:
            size = int.from_bytes(source.read(8) or b"\0" * 8, "little")
            pcm = source.read(size)
        _, status = os.waitpid(pid, 0)
        if status != 0 or len(pcm) != size:
            raise SpeechFault(f"the espeak-ng process ended without a complete clip ({status})")
        return pcm


def _die_with_parent() -> None:
    """If the worker is killed (the build gave up on it), its child goes too, so nothing
    is ever written on its behalf afterwards (Linux; elsewhere the pipe does the same)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


Languages = dict[str, tuple[str, int]]  # short identifier -> (language code, priority)


def installed_variants() -> list[str]:
    """The variants espeak-ng's data holds (m1, f3, whisper...), for VOICE+VARIANT."""
    folder = Path(os.environ.get("ESPEAK_DATA_PATH", "")) / "voices" / "!v"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def pick_voice(
    voices: list[tuple[str, str]],
    wanted: str,
    languages: Languages | None = None,
    variants: list[str] | None = None,
) -> str:
    """The espeak name for `wanted`: an identifier (gmw/en-us), its last part, a name, or a
    language code (en-gb), with a variant (+f3) among `variants` when they are known."""
    languages = languages or {}
    names: dict[str, str] = {}
    for ident, name in voices:
        short = ident.rsplit("/", 1)[-1]
        for label in (ident, short, name):
            names.setdefault(label.lower(), short)
    for short, (code, _priority) in languages.items():
        names.setdefault(code, short)
    base, plus, variant = wanted.lower().partition("+")  # en-us+f3: a voice and a variant
    # espeak-ng accepts an unknown variant without a word and ignores it: check it here.
    # Any case matches; the variant's file is named as espeak-ng has it ("Alex").
    files = {v.lower(): v for v in variants or ()}
    if variant and files:
        if variant not in files:
            near = difflib.get_close_matches(variant, variants or [], n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise LookupError(f"voice variant '{variant}' is not installed{hint}")
        variant = files[variant]
    if base not in names:
        near = suggest_voices(voices, base, languages)
        hint = f"; did you mean {', '.join(near)}?" if near else "; run `voiceguide voices`"
        raise LookupError(f"voice '{wanted}' is not installed{hint}")
    if plus and not variant:
        raise LookupError(
            f"voice '{wanted}' has no variant after '+'; write {base} alone, or {base}+m3"
        )
    return names[base] + plus + variant


def suggest_voices(
    voices: list[tuple[str, str]], wanted: str, languages: Languages, n: int = 3
) -> list[str]:
    """Voices to offer for a name that is none: first those of the language `wanted` names
    ("english", "French", "en-au"), the language's main voices first, then close spellings."""
    wanted = wanted.lower()
    stem = wanted.split("-")[0]
    main, main_codes, others = [], [], []
    for ident, name in sorted(voices, key=lambda v: (len(v[0].rsplit("/", 1)[-1]), v[0])):
        short = ident.rsplit("/", 1)[-1].lower()
        code, priority = languages.get(short, (short, 5))
        words = re.findall(r"[a-z]+", name.lower())
        by_name = any(len(w) >= 4 and (w.startswith(wanted) or wanted.startswith(w)) for w in words)
        if not (by_name or stem in (short.split("-")[0], code.split("-")[0])):
            continue
        if priority <= 2:
            main.append(short)
            main_codes.append(code)
        else:
            others.append(short)
    labels = [label for v in voices for label in (v[0].rsplit("/", 1)[-1].lower(), v[1].lower())]
    close = difflib.get_close_matches(wanted, labels, n=n, cutoff=0.5)
    short_of = {v[1].lower(): v[0].rsplit("/", 1)[-1].lower() for v in voices}
    ranked = [*main, *main_codes, *others, *(short_of.get(c, c) for c in close)]
    return list(dict.fromkeys(ranked))[:n]
