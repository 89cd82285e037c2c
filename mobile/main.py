"""``xizmat-mobile``: start the client against a Xizmat server.

Environment: ``XIZMAT_API_URL`` (default http://127.0.0.1:8000), ``XIZMAT_MOBILE_DATA`` (the
folder for the cache, outbox, drafts and settings; default ~/.xizmat-mobile),
``XIZMAT_SPEECH_BACKEND`` (pyttsx3, recording or null), ``XIZMAT_EXPORT_TREES`` (a folder:
each screen's accessible tree is saved there as it opens, for ``xizmat-audit``).
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_API_URL = "http://127.0.0.1:8000"


def configure_kivy() -> None:
    """Settings Kivy reads at import: no argv parsing, Escape goes back instead of quitting."""
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    from kivy.config import Config

    Config.set("kivy", "exit_on_escape", "0")
    Config.set("input", "mouse", "mouse,disable_multitouch")
    # A phone-sized window on a desktop: 360 dp wide, the width layouts are checked at.
    Config.set("graphics", "width", os.environ.get("XIZMAT_WINDOW_WIDTH", "360"))
    Config.set("graphics", "height", os.environ.get("XIZMAT_WINDOW_HEIGHT", "720"))


def data_dir() -> Path:
    return Path(os.environ.get("XIZMAT_MOBILE_DATA") or Path.home() / ".xizmat-mobile")


def main() -> None:
    configure_kivy()
    from mobile.app import XizmatApp

    XizmatApp(api_url=os.environ.get("XIZMAT_API_URL", DEFAULT_API_URL),
              data_dir=data_dir()).run()


if __name__ == "__main__":
    main()
