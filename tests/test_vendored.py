"""The browser libraries the site serves are the pinned node packages' own files, unchanged."""

from __future__ import annotations

import json

from newsdesk.render.outputs import ASSETS
from sitekit import REPO

VENDORED = ASSETS / "vendor" / "json-schema"
PACKAGE = REPO / "node_modules" / "@cfworker" / "json-schema"


def test_the_vendored_validator_is_the_pinned_package_unchanged() -> None:
    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    installed = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    assert pinned["@cfworker/json-schema"] == installed
    assert installed in (VENDORED / "LICENSE.txt").read_text(encoding="utf-8")
    originals = {path.name: path.read_bytes() for path in (PACKAGE / "dist" / "esm").glob("*.js")}
    copies = {path.name: path.read_bytes() for path in VENDORED.glob("*.js")}
    assert copies == originals, "run `make vendor`"
