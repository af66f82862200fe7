"""`make messages`: extract newsdesk's words into newsdesk.pot and bring every shipped .po in step with it.

Extraction is Babel's: Jinja's extractor for the templates (with `{% trans %}` blocks trimmed, as the
Renderer's environment has them) and Babel's Python extractor for `_()`, `gettext()` and `N_()` in the
package. The .pot is written without a header date and without line numbers, so it changes only when a
message does; tests/test_i18n.py extracts again and fails when the .pot is out of date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "plugins" / "newsdesk"
LOCALES = PACKAGE / "render" / "locales"
POT = LOCALES / "newsdesk.pot"
METHODS = [
    ("render/templates/**.html", "jinja2.ext:babel_extract"),
    ("**.py", "python"),
]
OPTIONS = {"render/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}, "**.py": {}}


def extract() -> Catalog:
    """Every message of the package's sources, as the catalogs must hold them."""
    catalog = Catalog(project="newsdesk", domain="newsdesk", fuzzy=False)
    found = extract_from_dir(PACKAGE, METHODS, OPTIONS, DEFAULT_KEYWORDS, strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        catalog.add(
            message, None, [(f"newsdesk/{filename}", lineno)], auto_comments=comments, context=context
        )
    return catalog


def write(catalog: Catalog, path: Path, *, header: bool) -> None:
    with path.open("wb") as po:
        write_po(po, catalog, width=110, omit_header=not header, sort_output=True, include_lineno=False)


def update() -> list[Path]:
    """Write the .pot, then each .po: new messages added empty, gone ones dropped (kept as obsolete)."""
    template = extract()
    LOCALES.mkdir(parents=True, exist_ok=True)
    write(template, POT, header=False)
    written = []
    for po_path in sorted(LOCALES.glob("*/LC_MESSAGES/newsdesk.po")):
        with po_path.open("rb") as po:
            catalog = read_po(po, locale=po_path.parent.parent.name, domain="newsdesk")
        created = catalog.creation_date
        catalog.update(template, no_fuzzy_matching=True)
        catalog.creation_date = created  # the header changes only when a translator's work does
        catalog.obsolete.clear()
        write(catalog, po_path, header=True)
        written.append(po_path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    for path in [POT, *update()]:
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
