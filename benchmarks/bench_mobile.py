"""The Kivy client's start-up time to its first spoken announcement, and its memory use.

Each run starts the app in a fresh process on a fresh phone (first run: the language
screen), with speech synthesized by espeak-ng (recording backend, as there is no sound card
here), and measures from the moment the process is spawned to the moment the first
announcement's audio starts.  Memory is the process's peak resident set size then, and
again after signing in and opening every screen with real data from a live server.
Results are printed and appended to benchmarks/RESULTS.md.

    python benchmarks/bench_mobile.py [--runs 5]     (re-runs itself under xvfb-run)
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]


def child(api_url: str, login: str, password: str, spawned_at: float) -> None:
    """Inside the measured process: start the app, wait for the first sound, tour it."""
    os.environ.setdefault("KIVY_LOG_MODE", "PYTHON")
    os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
    from accessibility.speech import EventKind, SpeechEvent, create_speech
    from tests.mobile.harness import Driver
    from tests.mobile.screen_tour import sign_in_and_apply, tour

    first_sound: list[float] = []

    def listen(event: SpeechEvent) -> None:
        if event.kind is EventKind.AUDIO_STARTED and not first_sound:
            first_sound.append(time.time())

    scratch = Path(tempfile.mkdtemp(prefix="xizmat-bench-"))
    speech = create_speech("recording", synthesize_to=scratch / "audio")
    speech.add_listener(listen)
    driver = Driver(api_url, scratch / "phone", speech=speech)
    driver.until(lambda: first_sound, what="the first announcement", timeout=60)
    startup = first_sound[0] - spawned_at
    rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    first_text = driver.heard()[0] if driver.heard() else ""
    application = sign_in_and_apply(driver, login, password)
    screens = sum(1 for _name in tour(driver, application))
    rss_tour = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps({"startup_s": startup, "rss_start_mb": rss_start,
                                  "rss_tour_mb": rss_tour, "screens": screens,
                                  "first": first_text}, ensure_ascii=False), flush=True)
    driver.stop()


def measure(runs: int) -> list[dict[str, float]]:
    from tests.mobile.live_server import LiveServer

    results = []
    with tempfile.TemporaryDirectory(prefix="xizmat-bench-server-") as folder:
        server = LiveServer(Path(folder))
        server.prepare()
        server.start()
        try:
            login, password = server.register_citizen(950)
            for _ in range(runs):
                spawned_at = time.time()
                done = subprocess.run(
                    [sys.executable, __file__, "--child", server.url, login, password,
                     repr(spawned_at)],
                    cwd=ROOT, capture_output=True, text=True, timeout=300,
                    env={**os.environ, "KIVY_HOME": str(Path(folder) / "kivy-home")})
                lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
                if done.returncode != 0 or not lines:
                    raise SystemExit(f"run failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
                results.append(json.loads(lines[0].removeprefix("RESULT ")))
        finally:
            server.stop()
    return results


def record(runs: int, table: str) -> None:
    """Append this run to benchmarks/RESULTS.md (the file the other benchmarks share)."""
    results = ROOT / "benchmarks" / "RESULTS.md"
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    block = (
        f"\n### Mobile client start-up and memory, {stamp}\n\n"
        f"`python benchmarks/bench_mobile.py --runs {runs}` on {machine}, Kivy under Xvfb.\n"
        "Fresh process and phone data each run (first run: the language screen), espeak-ng "
        "synthesis through the recording backend (no sound card here). Start-up = process "
        "spawned to the first announcement's audio start; the API is a live gunicorn on "
        "SQLite with the demo data.\n\n" + table + "\n"
    )
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    results.write_text(text.rstrip("\n") + "\n" + block, encoding="utf-8")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]))
        return 0
    if not os.environ.get("DISPLAY"):
        os.execvp("xvfb-run", ["xvfb-run", "-a", sys.executable, __file__, *sys.argv[1:]])
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-record", action="store_true", help="do not append RESULTS.md")
    options = parser.parse_args()
    results = measure(options.runs)
    startup = [r["startup_s"] * 1000 for r in results]
    rss_start = [r["rss_start_mb"] for r in results]
    rss_tour = [r["rss_tour_mb"] for r in results]
    table = "\n".join([
        "| measure | n | median | min | max |",
        "|---|---:|---:|---:|---:|",
        f"| start-up to first spoken announcement (ms) | {len(startup)} | "
        f"{statistics.median(startup):.0f} | {min(startup):.0f} | {max(startup):.0f} |",
        f"| peak RSS at first announcement (MB) | {len(rss_start)} | "
        f"{statistics.median(rss_start):.1f} | {min(rss_start):.1f} | {max(rss_start):.1f} |",
        f"| peak RSS after all {results[0]['screens']} screens with data (MB) | {len(rss_tour)}"
        f" | {statistics.median(rss_tour):.1f} | {min(rss_tour):.1f} | {max(rss_tour):.1f} |",
    ])
    print(table)
    print(f"first announcement: {results[0]['first']!r}")
    if not options.no_record:
        record(options.runs, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
