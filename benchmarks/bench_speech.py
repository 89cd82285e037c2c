"""Speech latency: request to audio start per language, and interrupt to silence.

    python benchmarks/bench_speech.py [--runs 20]

What is measured (all with time.monotonic, through the speech facade's events):
- start: from ``Speech.say()`` (the utterance's ``requested_at``) to the moment the player
  process has been started with the complete WAV file (``AUDIO_STARTED``), with the queue
  empty.  It includes text preparation, the hand-over to the worker thread, espeak-ng
  synthesis to a file and the player's fork/exec.  Target: 150 ms.
- silence: from ``Speech.interrupt()`` (or an assertive ``say()``) to the moment the player
  process has exited (``AUDIO_INTERRUPTED``).  Target: 100 ms.
- next: from an assertive ``say()`` that interrupts to its own audio start.

Machines without a sound card (this one, CI) make ``aplay`` exit at once, leaving nothing to
interrupt; there the player is a stand-in process that lasts as long as the clip, which
exercises the same start and terminate path.  The figures are printed and appended to
benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # runnable as a plain script from any folder

from accessibility.speech import EventKind, Priority, SpeechEvent, create_speech  # noqa: E402
from accessibility.speech.backends.pyttsx3_espeak import DEFAULT_PLAYER  # noqa: E402

SENTENCES = {
    "uz_Latn": "Arizangiz qabul qilindi, toʻlov 150 000 soʻm, muddat 27.11.2026.",
    "uz_Cyrl": "Аризангиз қабул қилинди, маълумотлар текширилмоқда.",
    "ru": "Ваше заявление принято и передано в ведомство.",
    "en": "Your application has been received and sent to the agency.",
}
PACED_PLAYER = (
    sys.executable, "-c",
    "import sys, time, wave; w = wave.open(sys.argv[1]); "
    "time.sleep(w.getnframes() / w.getframerate())",
    "{path}",
)
START_TARGET_MS, SILENCE_TARGET_MS = 150.0, 100.0


def sound_card_present() -> bool:
    try:
        listing = subprocess.run(["aplay", "-l"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return listing.returncode == 0 and "card" in listing.stdout


class Recorder:
    """Collects the facade's events and lets the benchmark wait for one kind."""

    def __init__(self) -> None:
        self.events: list[SpeechEvent] = []
        self._condition = threading.Condition()

    def __call__(self, event: SpeechEvent) -> None:
        with self._condition:
            self.events.append(event)
            self._condition.notify_all()

    def wait_for(self, kind: EventKind, text: str, timeout: float = 10.0) -> SpeechEvent:
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                for event in self.events:
                    if event.kind is kind and event.utterance and event.utterance.text == text:
                        self.events.remove(event)
                        return event
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"no {kind} for {text!r}")
                self._condition.wait(remaining)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run(runs: int) -> tuple[list[str], str]:
    player = DEFAULT_PLAYER if sound_card_present() else PACED_PLAYER
    player_name = "aplay" if player is DEFAULT_PLAYER else "stand-in paced player (no sound card)"
    recorder = Recorder()
    rows: list[str] = []
    silence_ms: list[float] = []
    next_ms: list[float] = []
    with create_speech("pyttsx3", player=player) as speech:
        if speech.backend.name != "pyttsx3":
            raise SystemExit("espeak-ng/pyttsx3 is not available: nothing to measure")
        speech.add_listener(recorder)
        speech.say("Warm up.", "en")  # the first synthesis loads the engine
        recorder.wait_for(EventKind.AUDIO_STARTED, "Warm up.")
        speech.interrupt()
        speech.wait_until_idle(5)
        for language, sentence in SENTENCES.items():
            start_ms: list[float] = []
            for index in range(runs):
                utterance = speech.say(sentence, language)
                assert utterance is not None
                started = recorder.wait_for(EventKind.AUDIO_STARTED, sentence)
                start_ms.append((started.at - utterance.requested_at) * 1000)
                time.sleep(0.05)  # let it play a little
                if index % 2:
                    asked = time.monotonic()
                    speech.interrupt()
                else:
                    urgent = speech.say("Stop.", "en", Priority.ASSERTIVE)
                    assert urgent is not None
                    asked = urgent.requested_at
                stopped = recorder.wait_for(EventKind.AUDIO_INTERRUPTED, sentence)
                silence_ms.append((stopped.at - asked) * 1000)
                if not index % 2:
                    restarted = recorder.wait_for(EventKind.AUDIO_STARTED, "Stop.")
                    next_ms.append((restarted.at - asked) * 1000)
                    speech.interrupt()
                speech.wait_until_idle(5)
                recorder.events.clear()
            rows.append(_row(f"start, {language}", start_ms, START_TARGET_MS))
    rows.append(_row("interrupt to silence", silence_ms, SILENCE_TARGET_MS))
    rows.append(_row("assertive to its own start", next_ms, START_TARGET_MS))
    return rows, player_name


def _row(label: str, values: list[float], target: float) -> str:
    median, p95 = statistics.median(values), percentile(values, 0.95)
    verdict = "met" if p95 <= target else "MISSED"
    return (f"| {label} | {len(values)} | {median:.1f} | {p95:.1f} | {max(values):.1f} "
            f"| {target:.0f} ({verdict}) |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="utterances per language")
    args = parser.parse_args()
    rows, player_name = run(args.runs)
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"### Speech latency, {now}",
        "",
        f"`python benchmarks/bench_speech.py --runs {args.runs}` on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, espeak-ng via pyttsx3; "
        f"player: {player_name}. Start = say() to player process started with the complete "
        "WAV; silence = interrupt()/assertive say() to player process exited.",
        "",
        "| measure | n | median ms | p95 ms | max ms | target ms |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
    ]
    report = "\n".join(lines)
    print(report)
    append_to_results(Path(__file__).resolve().parent / "RESULTS.md", report)


SECTION = "## Speech (accessibility toolkit)"


def append_to_results(results: Path, report: str) -> None:
    """Add ``report`` at the end of this benchmark's section (created if missing), leaving
    the other benchmarks' sections where they are."""
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    if SECTION not in text:
        text = text.rstrip("\n") + f"\n\n{SECTION}\n"
    start = text.index(SECTION) + len(SECTION)
    next_section = text.find("\n## ", start)
    end = len(text) if next_section == -1 else next_section
    head, tail = text[:end].rstrip("\n"), text[end:]
    results.write_text(f"{head}\n\n{report.rstrip()}\n{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
