"""Fixtures shared by every test module: the basic fixture site, copied or built once. The helpers they
use, and that test modules import, are in sitekit.py (why not here: its docstring)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sitekit import Built, copy_site, mkdocs_build

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def basic_site(tmp_path: Path) -> Path:
    return copy_site("basic", tmp_path)


@pytest.fixture(scope="session")
def basic_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The basic fixture site, built once for every test that only reads the output."""
    built = mkdocs_build(copy_site("basic", tmp_path_factory.mktemp("basic")))
    assert built.ok, built.log
    return built
