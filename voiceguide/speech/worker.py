"""Speech worker process: pyttsx3 lives here so its hangs and its printing stay contained.

Protocol: one JSON object per line. The parent sends {"text", "path"}; the worker answers
{"ok": true} or {"error": "..."} on the file descriptor given by --reply-fd. Its first
line is {"ready": true} or {"fatal": "...", "user": bool}.
"""

from __future__ import annotations

import argparse
import ctypes
import difflib
import json
import os
import platform
import sys
from typing import Any


def _load_espeak() -> None:
    """Make pyttsx3's espeak driver find the libespeak-ng and data shipped by espeakng-loader."""
    import espeakng_loader

    os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
    library = espeakng_loader.get_library_path()
    # pyttsx3 asks the dynamic loader for "libespeak-ng.so.1"; once a library with that
    # soname is loaded globally, that request resolves to it instead of a system copy.
    for candidate in (library + ".1", library):
        if os.path.exists(candidate):
            ctypes.CDLL(candidate, mode=ctypes.RTLD_GLOBAL)
            return


def _pick_voice(engine: Any, wanted: str) -> str:
    voices = engine.getProperty("voices")
    names: dict[str, str] = {}
    for voice in voices:
        ident = str(voice.id)
        for label in (ident, ident.rsplit("/", 1)[-1], str(voice.name)):
            names.setdefault(label.lower(), ident.rsplit("/", 1)[-1] if "/" in ident else ident)
    key = wanted.lower()
    if key not in names:
        near = difflib.get_close_matches(key, list(names), n=3, cutoff=0.5)
        hint = (
            f"; did you mean {', '.join(near)}?"
            if near
            else "; run `voiceguide voices` to list them"
        )
        raise LookupError(f"voice '{wanted}' is not installed{hint}")
    return names[key]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--voice", default="en")
    parser.add_argument("--rate", type=int, default=160)
    parser.add_argument("--list-voices", action="store_true")
    parser.add_argument("--reply-fd", type=int, required=True)
    args = parser.parse_args()
    reply = os.fdopen(args.reply_fd, "w", buffering=1)
    # pyttsx3 prints "Audio saved to ..." for every file: keep stdout away from the CLI.
    sys.stdout = sys.stderr

    def send(message: dict[str, Any]) -> None:
        reply.write(json.dumps(message) + "\n")

    try:
        if platform.system() == "Linux":
            _load_espeak()
        import pyttsx3

        engine = pyttsx3.init("espeak" if platform.system() == "Linux" else None)
    except ImportError as err:
        send(
            {
                "fatal": f"the speech engine is not installed ({err}); install it with `pip install pyttsx3 espeakng-loader`, or run scripts/run again",
                "user": False,
            }
        )
        return
    except Exception as err:  # any failure here means the engine cannot run on this machine
        send(
            {
                "fatal": f"cannot start the speech engine: {err}; check that pyttsx3 and espeak-ng work here",
                "user": False,
            }
        )
        return
    if args.list_voices:
        send({"voices": [[str(v.id), str(v.name)] for v in engine.getProperty("voices")]})
        return
    try:
        engine.setProperty("voice", _pick_voice(engine, args.voice))
    except LookupError as err:
        send({"fatal": str(err), "user": True})
        return
    engine.setProperty("rate", args.rate)
    send({"ready": True})
    for line in sys.stdin:
        request = json.loads(line)
        try:
            engine.save_to_file(request["text"], request["path"])
            engine.runAndWait()
            send({"ok": True})
        except Exception as err:
            send({"error": str(err)})


if __name__ == "__main__":
    main()
