"""Catalogue read paths and search under load, as ratios to a trivial Flask endpoint (H).

    python benchmarks/bench_catalogue.py [--seconds 8]

In one run, under gunicorn (2 sync workers) and wrk (2 threads, 64 connections):
- H: a bare Flask app answering ``jsonify`` of about 2 KB (the baseline of notes/performance.md);
- ``/api/v1/catalogue`` and ``/api/v1/services/{id}`` in each locale: target >= 0.8 × H with
  p99 <= 25 ms;
- search (``/api/v1/catalogue?q=...``, queries rotating over real and generated words, all four
  locales) with 5,000 services: target >= 0.5 × H; and with 500 services, to show that its
  cost grows less than linearly (also measured in process, per query, without HTTP).
Figures are printed and appended to benchmarks/RESULTS.md.  Compare only within one run.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # runnable as a plain script from any folder
sys.path.insert(0, str(ROOT / "benchmarks"))

from generated_services import write_services  # noqa: E402

GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
LOCALES = ("uz-Latn", "uz-Cyrl", "ru", "en")
REAL_QUERIES = ("pasport", "паспорт", "ID karta", "bolalar bogʻchasi", "детский сад",
                "nikoh", "pasprot olish", "haydovchilik guvohnomasi")


def hello_app() -> object:
    """H: the trivial Flask JSON endpoint every ratio is measured against."""
    from flask import Flask, jsonify

    app = Flask("hello")
    payload = {f"key_{n}": "value " * 6 for n in range(50)}  # about 2 KB of JSON

    @app.get("/")
    def hello() -> object:
        return jsonify(payload)

    return app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """gunicorn with 2 sync workers serving ``app_spec`` until the ``with`` block ends."""

    def __init__(self, app_spec: str, probe_path: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.app_spec, self.probe_path = app_spec, probe_path

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(
            [str(GUNICORN), "-w", "2", "-k", "sync", "--preload", "-b", f"127.0.0.1:{self.port}",
             "--log-level", "warning", "--chdir", str(ROOT),
             "--pythonpath", f"{ROOT},{ROOT / 'benchmarks'}", self.app_spec],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
            env={**os.environ, "XIZMAT_LOG_LEVEL": "WARNING"},
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + self.probe_path, timeout=2) as answer:
                    if answer.status == 200:
                        return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode()[-3000:]) from None
                time.sleep(0.3)
        raise RuntimeError(f"{self.app_spec} did not start")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def wrk(url: str, seconds: int, paths: list[str] | None = None) -> tuple[float, float, int]:
    """(requests/s, p99 ms, non-2xx/3xx answers); ``paths`` rotate through a Lua script."""
    command = ["wrk", "-t2", "-c64", f"-d{seconds}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        if paths:
            quoted = ", ".join('"' + p.replace('"', '\\"') + '"' for p in paths)
            script.write(f"local paths = {{{quoted}}}\nlocal i = 0\n"
                         "request = function()\n  i = i % #paths + 1\n"
                         "  return wrk.format('GET', paths[i])\nend\n")
            command += ["-s", script.name]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])  # type: ignore[index]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", output).groups()  # type: ignore[union-attr]
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rate, p99, int(errors[1]) if errors else 0


def app_spec(services: Path, workdir: Path) -> str:
    config = {
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}", "INSTANCE_PATH": str(workdir),
        "SECRET_KEY": "benchmark-secret-key-long-enough-for-hs256",
        "CATALOGUE_SERVICES_DIR": str(services), "CATALOGUE_REQUIRE_TRANSLATIONS": False,
        "RATELIMIT_ENABLED": False,
    }
    return f"server:create_app({config!r})"


def search_paths(words: list[str]) -> list[str]:
    from urllib.parse import quote

    queries = list(REAL_QUERIES) + [f"{words[n]} {words[n * 7 % len(words)]}"
                                    for n in range(0, 400, 17)]
    return [f"/api/v1/catalogue?q={quote(q)}&lang={LOCALES[n % 4]}"
            for n, q in enumerate(queries)]


def in_process_search_cost(services: Path, words: list[str], rounds: int = 20) -> float:
    """Microseconds per query through the index alone (no HTTP)."""
    from server.catalogue.service import load_catalogue
    from server.catalogue.wording import default_fee_settings

    catalogue = load_catalogue(services, require_translations=False)
    catalogue.prepare(default_fee_settings())
    queries = list(REAL_QUERIES) + [f"{words[n]} {words[n * 7 % len(words)]}"
                                    for n in range(0, 400, 17)]
    start = time.perf_counter()
    for _ in range(rounds):
        for query in queries:
            catalogue.search_index.search(query)
    return (time.perf_counter() - start) / (rounds * len(queries)) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=8, help="length of each wrk run")
    seconds = parser.parse_args().seconds
    rows: list[tuple[str, float, float, int, str]] = []
    with tempfile.TemporaryDirectory(prefix="xizmat-bench-") as temp:
        work = Path(temp)
        words = write_services(work / "s5000", 5_000)
        write_services(work / "s500", 500)
        cost_500 = in_process_search_cost(work / "s500", words)
        cost_5000 = in_process_search_cost(work / "s5000", words)
        with Server("bench_catalogue:hello_app()", "/") as hello:
            h_rate, h_p99, _ = wrk(hello.base + "/", seconds)
        rows.append(("H: Flask jsonify 2 KB", h_rate, h_p99, 0, "baseline"))
        with Server(app_spec(work / "s5000", work), "/api/v1/catalogue") as app:
            for tag in LOCALES:
                for label, path, target in (
                    (f"/catalogue {tag}", f"/api/v1/catalogue?lang={tag}", 0.8),
                    (f"/services/id-card {tag}", f"/api/v1/services/id-card?lang={tag}", 0.8),
                ):
                    rate, p99, errors = wrk(app.base + path, seconds)
                    verdict = "met" if rate >= target * h_rate and p99 <= 25 else "NOT met"
                    rows.append((label, rate, p99, errors, f">= {target} x H, p99 <= 25 ms: "
                                                           f"{verdict}"))
            rate_5000, p99, errors = wrk(app.base + "/", seconds, search_paths(words))
            verdict = "met" if rate_5000 >= 0.5 * h_rate else "NOT met"
            rows.append(("search, 5,000 services", rate_5000, p99, errors,
                         f">= 0.5 x H: {verdict}"))
        with Server(app_spec(work / "s500", work), "/api/v1/catalogue") as app:
            rate_500, p99, errors = wrk(app.base + "/", seconds, search_paths(words))
        rows.append(("search, 500 services", rate_500, p99, errors, "scaling reference"))
    report(rows, h_rate, rate_500, rate_5000, cost_500, cost_5000, seconds)


def report(rows: list[tuple[str, float, float, int, str]], h_rate: float, rate_500: float,
           rate_5000: float, cost_500: float, cost_5000: float, seconds: int) -> None:
    http_growth = rate_500 / rate_5000
    index_growth = cost_5000 / cost_500
    lines = [
        f"### Catalogue and search, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"`python benchmarks/bench_catalogue.py --seconds {seconds}` on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; gunicorn 2 sync workers, "
        "`wrk -t2 -c64 --latency`; wrk shares the machine.",
        "",
        "| endpoint | req/s | p99 ms | ÷ H | errors | target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    lines += [f"| {label} | {rate:,.0f} | {p99:.1f} | {rate / h_rate:.2f} | {errors} | {goal} |"
              for label, rate, p99, errors, goal in rows]
    lines += [
        "",
        f"Search cost from 500 to 5,000 services (10 x the services): per HTTP request "
        f"x{http_growth:.2f}; per query in the index alone {cost_500:.0f} -> {cost_5000:.0f} µs "
        f"(x{index_growth:.2f}). Less than linear: "
        f"{'met' if http_growth < 10 and index_growth < 10 else 'NOT met'}.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    results = ROOT / "benchmarks" / "RESULTS.md"
    existing = results.read_text("utf-8") if results.exists() else "# Benchmark results\n"
    if "## Catalogue" not in existing:
        existing = existing.rstrip("\n") + "\n\n## Catalogue (service definitions, search)\n"
    results.write_text(existing.rstrip("\n") + "\n\n" + text, "utf-8")


if __name__ == "__main__":
    main()
