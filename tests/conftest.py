"""Shared fixtures: real builds of a tiny test root and of the real handbook, in temporary copies."""

from __future__ import annotations

import pytest

import tiers
from support import REPO, ROOTS, BuiltSite, build_site


def pytest_configure(config) -> None:
    # Tiers (slow, browser) and the house rules: tests/tiers.py.
    config.pluginmanager.register(tiers.Plugin(), "handbook-tiers")


def pytest_addoption(parser) -> None:
    parser.addoption("--screenshots-dir", default=None, metavar="DIR",
                     help="keep the screenshots of tests/web/test_screenshots.py in DIR "
                          "(`make screenshots`: _build/screenshots); by default a temporary folder")


@pytest.fixture(scope="session")
def multilingual_site(tmp_path_factory) -> BuiltSite:
    return build_site(ROOTS / "multilingual", tmp_path_factory.mktemp("multilingual"))


@pytest.fixture(scope="session")
def practices_site(tmp_path_factory) -> BuiltSite:
    return build_site(ROOTS / "practices", tmp_path_factory.mktemp("practices"))


@pytest.fixture(scope="session")
def handbook_site(tmp_path_factory) -> BuiltSite:
    return build_site(REPO, tmp_path_factory.mktemp("handbook"))
