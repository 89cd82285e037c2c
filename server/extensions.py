"""Flask extensions shared by every domain, created unbound and bound in ``create_app``.

Rate limits cost 35-63 % of throughput (notes/performance.md), so there is no default limit:
domains put ``@limiter.limit(...)`` on login and write routes only.  With ``XIZMAT_REDIS_URL``
the counters live in Redis and are shared by every app server; otherwise in process memory.
A breached limit raises ``RateLimitExceeded`` (a 429), rendered by :mod:`server.errors` as
problem+json with ``Retry-After``.
"""

from __future__ import annotations

import math
import time

from flask import Flask, current_app, has_app_context
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


class AppAwareLimiter(Limiter):
    """A Limiter whose on/off switch is read from the current app's config.

    Domains decorate views at import time, so there is one Limiter for every app; tests build
    many apps (some with limits off), and Flask-Limiter keeps ``enabled`` on the instance.
    """

    _enabled_default: bool = True

    @property
    def enabled(self) -> bool:
        if has_app_context():
            return bool(current_app.config.get("RATELIMIT_ENABLED", True))
        return self._enabled_default

    @enabled.setter
    def enabled(self, value: bool) -> None:
        self._enabled_default = bool(value)

    def _check_request_limit(
        self, callable_name: str | None = None, in_middleware: bool = True
    ) -> None:
        # The before-request pass (in_middleware) only serves application-wide, default and
        # blueprint limits.  Xizmat declares none: its limits sit on the sign-in and write views,
        # which check themselves when called.  Skipping the empty pass saves about a fifth of
        # every cached read (measured with cProfile on /api/v1/catalogue).
        if in_middleware and not self._has_shared_limits():
            return
        super()._check_request_limit(callable_name, in_middleware)

    def _has_shared_limits(self) -> bool:
        manager = self.limit_manager
        return bool(
            manager.application_limits or manager.default_limits or manager._blueprint_limits
        )


limiter = AppAwareLimiter(key_func=get_remote_address, default_limits=[])


def init_app(app: Flask) -> None:
    redis_url: str = app.config.get("REDIS_URL", "")
    app.config.setdefault("RATELIMIT_STORAGE_URI", redis_url or "memory://")
    app.config.setdefault("RATELIMIT_ENABLED", True)
    # Retry-After is set by the 429 handler, together with the detail that states the same
    # number; Flask-Limiter's own header pass would recompute it a moment later.
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)
    # Redis down must not take the API down: fall back to per-process memory and log it.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", bool(redis_url))
    limiter.init_app(app)


def seconds_until_reset() -> int | None:
    """Seconds until the request's breached (or current) limit resets, at least 1."""
    current = limiter.current_limit
    if current is None:
        return None
    return max(1, math.ceil(current.reset_at - time.time()))
