"""Sound: the sample format, cue tones, mixing, loudness, music, and ffmpeg."""
