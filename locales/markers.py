"""The gettext markers every part uses: a text marked now, translated when it is shown.

Extraction looks for the calls (``-k N_ -k _n:1,2``), not for where they are defined, so
``server``, ``accessibility`` and ``mobile`` all import these instead of defining their own.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the gettext marker name extractors look for
    """Mark ``message`` for extraction without translating it now."""
    return message


def _n(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for extraction (keyword ``_n:1,2``) without translating it now."""
    return singular, plural
