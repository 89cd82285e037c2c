"""gunicorn settings: gunicorn reads ./gunicorn.conf.py by itself, and both ``make run`` and the
benchmarks (benchmarks/harness.py) start it from the repository root."""

from __future__ import annotations

import gc
from typing import Any


def post_worker_init(worker: Any) -> None:
    """Keep what the app allocated at start out of the garbage collector's scans.

    The loaded app holds some 150,000 long-lived objects (SQLAlchemy mappers, marshmallow
    schemas, the catalogue, translations).  A full collection scanned them all and paused the
    worker for about 95 ms every ~1,500 submissions, and every request queued on that worker
    waited too (the p99).  Frozen, they are skipped: the same collection takes about 4 ms
    (measured in process; see benchmarks/profile_submit.py).
    """
    gc.collect()
    gc.freeze()
