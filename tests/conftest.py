"""Shared fixtures: real builds of a tiny test root and of the real handbook, in temporary copies."""

from __future__ import annotations

import pytest

from support import REPO, ROOTS, BuiltSite, build_site


@pytest.fixture(scope="session")
def multilingual_site(tmp_path_factory) -> BuiltSite:
    return build_site(ROOTS / "multilingual", tmp_path_factory.mktemp("multilingual"))


@pytest.fixture(scope="session")
def practices_site(tmp_path_factory) -> BuiltSite:
    return build_site(ROOTS / "practices", tmp_path_factory.mktemp("practices"))


@pytest.fixture(scope="session")
def handbook_site(tmp_path_factory) -> BuiltSite:
    return build_site(REPO, tmp_path_factory.mktemp("handbook"))
