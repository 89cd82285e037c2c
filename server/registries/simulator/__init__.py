"""The registry simulator: fictional state registries behind one small HTTP service.

It runs as its own process (``python -m server.registries.simulator --port 8700`` or the
``xizmat-registry-simulator`` console script) and imports neither Flask nor the Xizmat app,
so Xizmat reaches it exactly as it would reach a real registry: over HTTP, with timeouts.
See :mod:`server.registries.simulator.service` for the endpoints.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import sys
from collections.abc import Sequence

DEFAULT_PORT = 8700


def main(argv: Sequence[str] | None = None) -> int:
    from server.registries.simulator.events import WebhookPusher
    from server.registries.simulator.service import SimulatorServer, SimulatorState

    parser = argparse.ArgumentParser(prog="xizmat-registry-simulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--households", type=int, default=120,
                        help="about 2.5 citizens each (default: 120, some 300 citizens)")
    parser.add_argument("--today", type=datetime.date.fromisoformat,
                        default=datetime.date.today(), help="the simulated day (ISO date)")
    parser.add_argument("--webhook-url", default=os.environ.get("XIZMAT_REGISTRY_WEBHOOK_URL"),
                        help="push life events to this URL as well (signed)")
    parser.add_argument("--webhook-secret",
                        default=os.environ.get("XIZMAT_REGISTRY_WEBHOOK_SECRET", ""))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s simulator %(message)s")

    state = SimulatorState(args.seed, args.households, args.today)
    server = SimulatorServer((args.host, args.port), state)
    if args.webhook_url:
        if not args.webhook_secret:
            parser.error("--webhook-url needs --webhook-secret (or XIZMAT_REGISTRY_WEBHOOK_SECRET)")
        WebhookPusher(state.events, args.webhook_url, args.webhook_secret).start()
    # The first line tells a parent process (tests, make run) the port actually bound.
    print(f"listening on http://{args.host}:{server.server_address[1]}", flush=True)
    logging.info("%d citizens, seed %d", len(state.population.citizens), args.seed)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
