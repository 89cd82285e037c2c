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
from collections.abc import Callable
from functools import partial
from typing import Final

from flask import Flask, Response, current_app, has_app_context
from flask_limiter import Limiter
from flask_limiter._compat import request_context
from flask_limiter.util import get_remote_address

#: Where Flask-Limiter keeps a request's state (on Flask's request context), once it has any.
_LIMITER_STATE: Final[str] = "_limiter_request_context"


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

    def _Limiter__release_context(self, _: BaseException | None = None) -> None:  # noqa: N802
        # Flask-Limiter's teardown resets its per-request state, creating that state first when
        # the request never reached a limit (most requests).  Nothing to reset then.
        if _limits_touched():
            super()._Limiter__release_context(_)  # type: ignore[misc]

    def _has_shared_limits(self) -> bool:
        manager = self.limit_manager
        return bool(
            manager.application_limits or manager.default_limits or manager._blueprint_limits
        )


def _limits_touched() -> bool:
    """Whether Flask-Limiter keeps state for this request (a limit was checked or deducted)."""
    return hasattr(request_context(), _LIMITER_STATE)


def _skip_untouched_after_request(app: Flask) -> None:
    """Run Flask-Limiter's after-request hook only for requests that reached a limit.

    It deducts conditional costs and writes rate-limit headers, both from the state a limit
    check leaves on the request; without that state it has nothing to do, but would still
    create the state and look for deductions (about 3 % of a cached read).
    """
    hooks = app.after_request_funcs.get(None, [])
    for position, hook in enumerate(hooks):
        if isinstance(hook, partial) and hook.args == (limiter,):
            hooks[position] = _only_when_limited(hook)


def _only_when_limited(hook: Callable[[Response], Response]) -> Callable[[Response], Response]:
    def after_limited_request(response: Response) -> Response:
        return hook(response) if _limits_touched() else response

    return after_limited_request


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
    _skip_untouched_after_request(app)


def seconds_until_reset() -> int | None:
    """Seconds until the request's breached (or current) limit resets, at least 1."""
    current = limiter.current_limit
    if current is None:
        return None
    return max(1, math.ceil(current.reset_at - time.time()))
