"""Network work off the UI thread, with its results brought back onto it.

The API client blocks (timeouts, retries with backoff); Kivy must keep drawing and speaking
meanwhile.  One worker thread keeps calls in order (a step is saved before the submit that
follows it); Clock.schedule_once is Kivy's thread-safe way back to the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from kivy.clock import Clock


class Background:
    def __init__(self, report_error: Callable[[BaseException], None]) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xizmat-api")
        self._report_error = report_error

    def run(self, work: Callable[[], Any], done: Callable[[Any], None],
            failed: Callable[[BaseException], None] | None = None) -> None:
        """Run ``work``; then ``done(result)`` or ``failed(error)`` on the UI thread."""
        on_error = failed or self._report_error

        def task() -> None:
            try:
                result = work()
            except Exception as error:  # handed to the UI thread, never lost
                Clock.schedule_once(lambda _dt, e=error: on_error(e), 0)
            else:
                Clock.schedule_once(lambda _dt: done(result), 0)

        self._executor.submit(task)

    def stop(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
