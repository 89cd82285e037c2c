"""Catalogue read paths and search under load, as ratios to a trivial Flask endpoint (H).

    python benchmarks/bench_catalogue.py [--duration 10]

In one run, with the shared harness (gunicorn, 2 sync workers; ``wrk -t2 -c64 --latency``):
- H, the trivial Flask JSON endpoint (benchmarks/hello_app.py), measured between the others
  so that each is set against H of its own moment (the machine is shared);
- ``/api/v1/catalogue`` and ``/api/v1/services/{id}`` in each locale, on a catalogue of 5,000
  services (the bundled ones plus generated ones): target >= 0.8 × H with p99 <= 25 ms;
- search (``/api/v1/catalogue?q=...``; queries rotate over real and generated words and all
  four locales) with 5,000 services: target >= 0.5 × H; and with 500 services, to show its
  cost grows less than linearly (also measured in process, per query, without HTTP).
Figures are printed and appended to benchmarks/RESULTS.md.  Compare only within one run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # runnable as a plain script from any folder
sys.path.insert(0, str(ROOT / "benchmarks"))

from generated_services import write_services  # noqa: E402
from harness import (  # noqa: E402
    BASELINE_PATH,
    BASELINE_SPEC,
    PairedBaseline,
    Row,
    WrkResult,
    app_environment,
    append_results,
    gunicorn,
    migrated_sqlite,
    parse_duration,
    parse_wrk,
    run_wrk,
)

LOCALES = ("uz-Latn", "uz-Cyrl", "ru", "en")
REAL_QUERIES = ("pasport", "паспорт", "ID karta", "bolalar bogʻchasi", "детский сад",
                "nikoh", "pasprot olish", "haydovchilik guvohnomasi")
#: Loading 5,000 files takes longer than a worker may stay silent: load once, then fork.
GUNICORN_ARGS = "--preload --timeout 300"


def queries(words: list[str]) -> list[str]:
    generated = [f"{words[n]} {words[n * 7 % len(words)]}" for n in range(0, 400, 17)]
    return [*REAL_QUERIES, *generated]


def search_paths(words: list[str]) -> list[str]:
    return [f"/api/v1/catalogue?q={quote(q)}&lang={LOCALES[n % 4]}"
            for n, q in enumerate(queries(words))]


def app_spec(services: Path) -> str:
    config = {"CATALOGUE_SERVICES_DIR": str(services), "CATALOGUE_REQUIRE_TRANSLATIONS": False}
    return f"server:create_app({config!r})"


def wrk_rotating(base_url: str, paths: list[str], duration: int) -> WrkResult:
    """wrk over ``paths`` in turn, as the harness measures one path.

    The requests are formatted once per wrk thread (``init``), so the Lua hook costs wrk as
    little as possible: wrk shares the two cores with the server.
    """
    listed = ", ".join(f'"{path}"' for path in paths)
    lua = "\n".join([
        f"local paths = {{{listed}}}", "local requests = {}", "local i = 0",
        "init = function(args)",
        "  for n, path in ipairs(paths) do requests[n] = wrk.format('GET', path) end",
        "end",
        "request = function()", "  i = i % #requests + 1", "  return requests[i]", "end", "",
    ])
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(lua)
        script.flush()
        command = ["wrk", "-t2", "-c64", f"-d{duration}s", "--latency", "-s", script.name,
                   base_url + "/"]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def in_process_search_cost(services: Path, words: list[str], rounds: int = 30) -> float:
    """Microseconds per query through the index alone, first page as the API asks for."""
    from server.catalogue.service import load_catalogue
    from server.catalogue.wording import default_fee_settings

    catalogue = load_catalogue(services, require_translations=False)
    catalogue.prepare(default_fee_settings())
    chosen = queries(words)
    start = time.perf_counter()
    for _ in range(rounds):
        for query in chosen:
            catalogue.search_index.search(query, limit=20)
    return (time.perf_counter() - start) / (rounds * len(chosen)) * 1e6


def measure(duration: int) -> tuple[PairedBaseline, list[Row], dict[str, float]]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="xizmat-bench-") as temp:
        work = Path(temp)
        words = write_services(work / "s5000", 5_000)
        write_services(work / "s500", 500)
        costs = {"index 500": in_process_search_cost(work / "s500", words),
                 "index 5000": in_process_search_cost(work / "s5000", words)}
        env = {**app_environment(work, migrated_sqlite(work)),
               "GUNICORN_CMD_ARGS": GUNICORN_ARGS}
        with gunicorn(BASELINE_SPEC, BASELINE_PATH) as h_url, \
                gunicorn(app_spec(work / "s5000"), "/api/v1/catalogue", env) as base_url:
            baseline = PairedBaseline(h_url + BASELINE_PATH, duration)
            # The floor: what every request of the app costs (logging, locale, limits).
            rows.append(baseline.measure(
                "app floor: /api/v1/health (foundation)", "reference",
                lambda: run_wrk(base_url + "/api/v1/health", duration)))
            for tag in LOCALES:
                for name, path in ((f"/catalogue {tag}", f"/api/v1/catalogue?lang={tag}"),
                                   (f"/services/id-card {tag}",
                                    f"/api/v1/services/id-card?lang={tag}")):
                    rows.append(baseline.measure(
                        name, "read", partial(run_wrk, base_url + path, duration)))
            rows.append(baseline.measure(
                "search, 5,000 services", "search",
                lambda: wrk_rotating(base_url, search_paths(words), duration)))
            with gunicorn(app_spec(work / "s500"), "/api/v1/catalogue", env) as small_url:
                rows.append(baseline.measure(
                    "search, 500 services", "reference",
                    lambda: wrk_rotating(small_url, search_paths(words), duration)))
        costs["http 500"] = 1 / rows[-1].result.requests_per_second
        costs["http 5000"] = 1 / rows[-2].result.requests_per_second
    return baseline, rows, costs


def _verdict(kind: str, result: WrkResult, h_rate: float) -> str:
    ratio = result.requests_per_second / h_rate
    if kind == "read":
        return f">= 0.8 x H, p99 <= 25 ms: {_said(ratio >= 0.8 and result.p99_ms <= 25)}"
    if kind == "search":
        return f">= 0.5 x H: {_said(ratio >= 0.5)}"
    return "reference"


def _said(met: bool) -> str:
    return "met" if met else "NOT met"


def report(baseline: PairedBaseline, rows: list[Row], costs: dict[str, float],
           duration: int) -> None:
    h_rates = [run.requests_per_second for run in baseline.runs]
    h_mean = sum(h_rates) / len(h_rates)
    lines = ["| endpoint | req/s | p50 ms | p99 ms | H req/s (paired) | ÷ H | errors | target |",
             "|---|---:|---:|---:|---:|---:|---:|---|",
             f"| H: Flask jsonify 2 KB ({len(h_rates)} runs of {max(2, duration // 2)} s between "
             f"the others, {min(h_rates):,.0f} to {max(h_rates):,.0f}) | {h_mean:,.0f} | "
             f"{max(r.p50_ms for r in baseline.runs):.1f} | "
             f"{max(r.p99_ms for r in baseline.runs):.1f} | | 1.00 | "
             f"{sum(r.errors(200) for r in baseline.runs)} | |"]
    lines += [f"| {row.name} | {row.result.requests_per_second:,.0f} | {row.result.p50_ms:.1f} | "
              f"{row.result.p99_ms:.1f} | {row.h_rate:,.0f} | "
              f"{row.result.requests_per_second / row.h_rate:.2f} | {row.result.errors(200)} | "
              f"{_verdict(row.kind, row.result, row.h_rate)} |"
              for row in rows]
    http_growth = costs["http 5000"] / costs["http 500"]
    index_growth = costs["index 5000"] / costs["index 500"]
    notes = (f"Each row's ÷ H is against the mean of the H runs just before and after it (the "
             f"H row gives the maximum p50/p99 of those runs).  Search cost from 500 to 5,000 "
             f"services (10 x): per HTTP request x{http_growth:.2f}; "
             f"per query in the index alone {costs['index 500']:.0f} -> "
             f"{costs['index 5000']:.0f} µs (x{index_growth:.2f}). Less than linear: "
             f"{_said(http_growth < 10 and index_growth < 10)}.")
    table = "\n".join(lines)
    print(f"Catalogue and search\n{table}\n\n{notes}")
    command = f"python benchmarks/bench_catalogue.py --duration {duration}"
    append_results("Catalogue and search (issue 4)", command, table + "\n\n" + notes)


def main() -> None:
    duration = parse_duration()
    os.chdir(ROOT)
    baseline, rows, costs = measure(duration)
    report(baseline, rows, costs, duration)


if __name__ == "__main__":
    main()
