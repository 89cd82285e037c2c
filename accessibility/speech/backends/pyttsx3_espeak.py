"""pyttsx3 + espeak-ng: synthesize each utterance to a WAV file, play it with a process.

Measured on these machines (notes/accessibility.md): two ``say()`` before one
``runAndWait()`` lose the second, ``engine.stop()`` from another thread never returns and
``startLoop(False)`` is broken.  What works, and what this does: ``save_to_file`` +
``runAndWait`` per utterance (10-20 ms), wait until the file is complete, then play it with a
player process (``aplay`` on Linux, ``afplay`` on macOS, PowerShell's SoundPlayer on Windows)
that ``stop()`` terminates.  Machines without a sound card (CI)
make the player fail: that is logged once and speech carries on silently.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from accessibility.speech.backends.base import (
    BackendUnavailableError,
    Emit,
    EventKind,
    SpeechBackend,
    StillWanted,
    Utterance,
)
from accessibility.speech.voices import VoiceSettings, voice_for

log = logging.getLogger(__name__)

#: Player commands by platform; ``{path}`` is replaced by the WAV file.  Each runs as its
#: own process so that an interruption can terminate it.
_PLAYERS: Final[dict[str, tuple[str, ...]]] = {
    "linux": ("aplay", "-q", "{path}"),
    "darwin": ("afplay", "{path}"),
    "win32": ("powershell", "-NoProfile", "-Command",
              "(New-Object Media.SoundPlayer '{path}').PlaySync()"),
}
DEFAULT_PLAYER: Final[tuple[str, ...]] = _PLAYERS.get(sys.platform, _PLAYERS["linux"])
#: How long a player may take to die after SIGTERM before it is killed.
_TERMINATE_GRACE_S: Final[float] = 0.05
_POLL_S: Final[float] = 0.01
#: runAndWait can return before the driver has written the file: wait at most this long
#: (synthesis is synchronous here; a file that has not appeared by then never will).
_FILE_COMPLETE_TIMEOUT_S: Final[float] = 0.05
_SYNTHESIS_ATTEMPTS: Final[int] = 3

# espeak-ng is one engine per process (pyttsx3 caches it too): every synthesis takes this.
_ESPEAK_LOCK = threading.Lock()


class SynthesisError(RuntimeError):
    """espeak-ng produced no usable audio for an utterance."""


def _driver_print_to_log(*args: Any, **_kwargs: Any) -> None:
    log.debug("pyttsx3 espeak driver: %s", " ".join(str(arg) for arg in args))


class EspeakSynthesizer:
    """Text to WAV file with pyttsx3's espeak driver, reporting wrong voice ids."""

    def __init__(self) -> None:
        self._engine: Any = None
        self._errors: list[BaseException] = []
        self._reported_voices: set[str] = set()
        self._error_token: dict[str, Any] | None = None

    def open(self) -> None:
        try:
            import pyttsx3

            engine = pyttsx3.init("espeak")
        except Exception as error:  # any failure means "no engine here", never a crash
            raise BackendUnavailableError(f"pyttsx3/espeak-ng cannot start: {error}") from error
        # The driver print()s a line per saved file; keep stdout for the app and send it to
        # the log instead.
        driver_module = sys.modules.get("pyttsx3.drivers.espeak")
        if driver_module is not None:
            driver_module.print = _driver_print_to_log  # type: ignore[attr-defined]
        # Without this callback a wrong voice id silently keeps the previous voice.
        self._error_token = engine.connect("error", self._on_error)
        self._engine = engine

    def close(self) -> None:
        """Stop listening to the engine (pyttsx3 shares one engine per process)."""
        if self._engine is not None and self._error_token is not None:
            self._engine.disconnect(self._error_token)
        self._engine = self._error_token = None

    def _on_error(self, name: str | None = None, exception: BaseException | None = None) -> None:
        self._errors.append(exception or RuntimeError(f"engine error in {name!r}"))

    def synthesize(self, text: str, voice: str, settings: VoiceSettings, path: Path) -> float:
        """Write ``text`` spoken by ``voice`` to ``path``; return its duration in seconds.

        Measured here: about one run in a hundred, runAndWait() returns without the driver
        ever writing the file (no error reported).  Synthesis is synchronous otherwise, so a
        short wait tells the two apart, and the run is repeated.
        """
        if self._engine is None:
            raise SynthesisError("synthesizer is not open")
        for attempt in range(1, _SYNTHESIS_ATTEMPTS + 1):
            self._run_engine(text, voice, settings, path)
            try:
                return wait_for_complete_wav(path, _FILE_COMPLETE_TIMEOUT_S)
            except SynthesisError:
                if attempt == _SYNTHESIS_ATTEMPTS:
                    raise
                log.debug("espeak-ng wrote no audio for %r (attempt %d); retrying", text, attempt)
        raise AssertionError("unreachable")  # the loop returns or raises

    def _run_engine(self, text: str, voice: str, settings: VoiceSettings, path: Path) -> None:
        with _ESPEAK_LOCK:
            self._errors.clear()
            path.unlink(missing_ok=True)
            self._engine.setProperty("voice", voice)
            self._engine.setProperty("rate", settings.rate)
            self._engine.setProperty("volume", settings.volume)
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
            errors = list(self._errors)
        for error in errors:
            if voice not in self._reported_voices:
                self._reported_voices.add(voice)
                log.error("speech engine error with voice %s (the previous voice spoke): %s",
                          voice, error)


def wait_for_complete_wav(path: Path, timeout: float = _FILE_COMPLETE_TIMEOUT_S) -> float:
    """Wait until ``path`` is a complete WAV file with audio; return its duration in seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with wave.open(str(path), "rb") as wav:
                frames, rate = wav.getnframes(), wav.getframerate()
            if frames > 0 and path.stat().st_size >= 44 + frames * 2:
                return frames / rate
        except (FileNotFoundError, EOFError, wave.Error):
            pass
        if time.monotonic() > deadline:
            raise SynthesisError(f"no complete audio in {path} after {timeout} s")
        time.sleep(_POLL_S)


class Pyttsx3EspeakBackend(SpeechBackend):
    """Speaks through espeak-ng (pyttsx3) and an external player that can be interrupted."""

    name = "pyttsx3"

    def __init__(self, player: Sequence[str] = DEFAULT_PLAYER) -> None:
        self._player = tuple(player)
        self._synthesizer = EspeakSynthesizer()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._stop_requested_at: float | None = None
        self._player_failure_logged = False
        self._workdir: Path | None = None

    def open(self) -> None:
        if shutil.which(self._player[0]) is None:
            # Not fatal: synthesis still runs (and is observable); only the sound is missing.
            self._log_player_failure(f"player {self._player[0]!r} not found")
        self._synthesizer.open()
        self._workdir = Path(tempfile.mkdtemp(prefix="xizmat-speech-"))

    def speak(
        self, utterance: Utterance, settings: VoiceSettings, still_wanted: StillWanted, emit: Emit
    ) -> None:
        if self._workdir is None:
            raise BackendUnavailableError("backend used before open()")
        if not still_wanted():  # interrupted while queued: not worth synthesizing
            return
        path = self._workdir / f"utterance-{utterance.sequence}.wav"
        try:
            duration = self._synthesizer.synthesize(
                utterance.spoken_text, voice_for(utterance.language), settings, path
            )
            emit(EventKind.SYNTHESIZED, utterance, f"{duration:.3f}")
            self._play(path, utterance, still_wanted, emit)
        finally:
            path.unlink(missing_ok=True)

    def _play(
        self, path: Path, utterance: Utterance, still_wanted: StillWanted, emit: Emit
    ) -> None:
        command = [part.replace("{path}", str(path)) for part in self._player]
        with self._lock:
            # Checked under the lock that stop() takes: an interruption either lands before
            # this check (nothing is started) or after Popen (stop() terminates it).
            if not still_wanted():
                return
            try:
                process = subprocess.Popen(
                    command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
                )
            except OSError as error:
                self._log_player_failure(str(error))
                return
            self._process = process
            self._stop_requested_at = None
        emit(EventKind.AUDIO_STARTED, utterance, command[0])
        interrupted = self._wait(process)
        with self._lock:
            self._process = None
        emit(EventKind.AUDIO_INTERRUPTED if interrupted else EventKind.AUDIO_FINISHED,
             utterance, "")
        if not interrupted and process.returncode != 0:
            stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
            last_line = stderr.strip().splitlines()[-1] if stderr.strip() else ""
            self._log_player_failure(last_line or f"exit status {process.returncode}")
        if process.stderr is not None:
            process.stderr.close()

    def _wait(self, process: subprocess.Popen[bytes]) -> bool:
        """Wait for the player; True when stop() ended it. Kills it if SIGTERM is ignored."""
        while True:
            try:
                process.wait(timeout=_POLL_S)
                break
            except subprocess.TimeoutExpired:
                stopped_at = self._stop_requested_at
                if stopped_at is not None and time.monotonic() - stopped_at > _TERMINATE_GRACE_S:
                    process.kill()
        return self._stop_requested_at is not None

    def stop(self) -> None:
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                return
            self._stop_requested_at = time.monotonic()
            self._process.terminate()

    def close(self) -> None:
        self.stop()
        self._synthesizer.close()
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)

    def _log_player_failure(self, detail: object) -> None:
        # Logged once: without a sound card every utterance would fail the same way.
        if not self._player_failure_logged:
            self._player_failure_logged = True
            log.warning("audio player failed; speech continues without sound: %s", detail)
        else:
            log.debug("audio player failed again: %s", detail)
