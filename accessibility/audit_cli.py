"""``xizmat-audit``: print the accessibility findings for saved screen trees.

    xizmat-audit screens/apply_step_1.json [more.json ...] [--theme NAME] [--font PATH]
                 [--locale uz_Latn|uz_Cyrl|ru|en]

Exit status: 0 when every tree is clean, 1 when there are findings, 2 for unusable input
(a missing file, invalid JSON, a tree that breaks the format), with a localized message.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from accessibility.audit import audit_tree
from accessibility.nodes import TreeFormatError, load_tree
from accessibility.themes import THEMES, get_theme
from locales import DEFAULT_LOCALE, SUPPORTED_LOCALES
from locales.catalogs import translations


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xizmat-audit", description="Accessibility audit of saved screen trees."
    )
    parser.add_argument("trees", nargs="+", type=Path, help="saved tree files (JSON)")
    parser.add_argument("--theme", choices=sorted(THEMES), help="override the tree's theme")
    parser.add_argument("--font", type=Path, help="override the tree's font file")
    parser.add_argument(
        "--locale", choices=SUPPORTED_LOCALES, default=DEFAULT_LOCALE,
        help="language of the report",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    catalog = translations(args.locale, ("accessibility",))
    total = 0
    for tree_path in args.trees:
        try:
            tree = load_tree(tree_path)
            theme = get_theme(args.theme or tree.theme)
            findings = audit_tree(tree, theme, args.font)
        except (OSError, TreeFormatError, ValueError) as error:
            message = catalog.gettext("%(file)s: cannot audit this tree: %(reason)s")
            print(message % {"file": tree_path, "reason": error}, file=sys.stderr)
            return 2
        for finding in findings:
            print(f"{tree_path}: {finding.describe(args.locale)}")
        total += len(findings)
    summary = catalog.ngettext("%(count)d finding", "%(count)d findings", total)
    print(summary % {"count": total})
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
