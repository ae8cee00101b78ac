"""The stages wired together: one routine built (build.py), several at once (batch.py,
parallel.py), and a session's length estimated from cached clips without the audio stack
(estimate.py). Nothing is imported here, so `voiceguide plan` loads no audio module."""
