"""pyttsx3 (espeak-ng on Linux) behind the engine interface, in a worker process."""

from __future__ import annotations

import sys

from ..errors import MachineError
from .checks import Pace, pace_for, probe_problem
from .engine import Voice, package_version
from .espeak import SAMPLE_RATE
from .process import WorkerEngine

STARTS = 3  # workers tried before an engine that will not keep its rate is given up


class Pyttsx3Engine(WorkerEngine):
    """Speaks through pyttsx3 (espeak-ng on Linux) in a separate process."""

    module = "voiceguide.speech.worker"
    label = "the speech engine"
    advice = "check that pyttsx3 and espeak-ng work on this machine"
    sample_rate = SAMPLE_RATE

    def __init__(
        self, voice: Voice, timeout: float | None = None, worker: list[str] | None = None
    ) -> None:
        # A voice no routine has chosen yet (Voice()): English's, as before there were others.
        super().__init__(voice.for_language("en"), timeout, worker)
        self.pace: Pace = pace_for(self.voice.name)  # its language's, measured

    @property
    def identity(self) -> str:
        versions = f"pyttsx3={package_version('pyttsx3')},espeakng-loader={package_version('espeakng-loader')}"
        return f"pyttsx3|{versions}|{sys.platform}|voice={self.voice.name.lower()}|rate={self.voice.rate}"

    def arguments(self) -> list[str]:
        # --voice=NAME, so a name that starts with "-" is never read as an option.
        return [f"--voice={self.voice.name}", f"--rate={self.voice.rate}"]

    def started(self) -> None:
        """Start the worker and check, by the probe sentence, that it speaks at our rate;
        a worker that does not is replaced, a few times at most."""
        problem = None
        for _attempt in range(STARTS):
            probe = self.start().get("probe")
            problem = probe_problem(probe, self.voice.rate) if probe is not None else None
            if problem is None:
                return
            self.close()
        raise MachineError(
            f"the speech engine does not speak at the rate asked for, {self.voice.rate} words "
            f"a minute (a test sentence: {problem}); run again, or try another --rate"
        )
