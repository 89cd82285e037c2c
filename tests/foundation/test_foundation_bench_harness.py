"""The benchmark helper's wrk parsing (the figures recorded in benchmarks/RESULTS.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from harness import Endpoint, WrkResult, format_table, free_port, parse_wrk

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:40123/api/v1/nope
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    10.12ms    2.02ms  40.00ms   90.00%
    Req/Sec     3.17k   200.00     3.50k    70.00%
  Latency Distribution
     50%  850.00us
     75%   10.50ms
     90%   12.00ms
     99%    1.20s
  63400 requests in 10.00s, 20.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 63400
Requests/sec:   6340.00
Transfer/sec:      2.00MB
"""


def test_parse_wrk_reads_rate_latencies_and_errors() -> None:
    result = parse_wrk(WRK_OUTPUT)
    assert result.requests_per_second == 6340.0
    assert result.p50_ms == pytest.approx(0.85)
    assert result.p99_ms == pytest.approx(1200.0)
    assert result.requests == 63400
    assert (result.non_success, result.socket_errors) == (63400, 3)
    assert result.errors(expect_status=404) == 3  # the 404s were the point
    assert result.errors(expect_status=200) == 63403


def test_parse_wrk_rejects_output_without_figures() -> None:
    with pytest.raises(ValueError, match="Requests/sec"):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused")


def test_table_gives_ratio_to_baseline() -> None:
    baseline = WrkResult(2000.0, 10.0, 20.0, 20000, 0, 0)
    row = WrkResult(3000.0, 8.0, 15.0, 30000, 0, 0)
    table = format_table(baseline, [(Endpoint("health", "/api/v1/health"), row)])
    assert "| health | 3,000 | 8.0 | 15.0 | 1.50 | 0 |" in table


def test_free_port_is_bindable() -> None:
    assert 1024 <= free_port() <= 65535
