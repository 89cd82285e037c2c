"""``make screenshots``: PNGs of every screen at 100 % and 300 % in Uzbek (Latin) and Russian.

Starts the registry simulator and the real server (migrated temporary SQLite, demo data,
gunicorn; a citizen with a pending offer after a recorded birth), drives the app
through every screen with real data, writes ``mobile/screenshots/<locale>/<percent>/<screen>
.png`` and the index page ``mobile/screenshots/README.md`` that the project README links to.
Run under a display (``xvfb-run -a``; the Makefile does).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.mobile.conftest import run_scenario
from tests.mobile.live_server import ROOT
from tests.mobile.registry_simulator import RegistryServer, SimulatorProcess
from tests.mobile.screen_tour import SCREEN_NAMES

FOLDER = Path(ROOT) / "mobile" / "screenshots"
LOCALES = ["uz_Latn", "ru"]
SCALES = [1.0, 3.0]


def index_page(written: list[str]) -> str:
    lines = ["# Xizmat mobile: every screen", "",
             "Written by `make screenshots` (360 × 720 dp window, default theme, real demo data).",
             ""]
    for locale in LOCALES:
        lines += [f"## {locale}", "", "| screen | 100 % | 300 % |", "|---|---|---|"]
        for name in SCREEN_NAMES:
            cells = [f"![{name} {int(scale * 100)} %]({locale}/{int(scale * 100)}/{name}.png)"
                     if f"{locale}/{int(scale * 100)}/{name}.png" in written else "missing"
                     for scale in SCALES]
            lines.append(f"| {name} | {' | '.join(cells)} |")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="xizmat-screenshots-") as scratch:
        simulator = SimulatorProcess(Path(scratch))
        server = RegistryServer(Path(scratch), simulator)
        try:
            server.prepare()
            server.start()
            login, password = server.register_parent()
            server.offer_after_birth(login)
            [result] = run_scenario("screenshots", timeout=600, api_url=server.url,
                                    login=login, password=password, folder=str(FOLDER),
                                    locales=LOCALES, scales=SCALES)
        finally:
            server.stop()
            simulator.stop()
    (FOLDER / "README.md").write_text(index_page(result["written"]), encoding="utf-8")
    print(f"wrote {len(result['written'])} screenshots to {FOLDER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
