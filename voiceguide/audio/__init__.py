"""Sound: the sample format, cue tones, mixing, loudness and music (ffmpeg itself is
ffmpeg.py, beside the package, as speech/ and export/ run it too)."""
