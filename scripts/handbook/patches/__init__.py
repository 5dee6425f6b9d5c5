"""Every change the handbook makes to another package's behaviour, declared in one place.

Each patch names what it replaces, the exact versions of the package it was verified on, why it
exists and the upstream change that would make it unnecessary. ``install(kind)`` applies the
patches of one kind ("pdf" in the renderer process, "sphinx" in a Sphinx build) only where the
installed version is among the verified ones; on any other version it logs one line and the
package's own code runs. ``HANDBOOK_PATCHES=no-speedups`` leaves out those only for speed;
``HANDBOOK_PATCHES=off`` or ``handbook_patches = False`` in conf.py turns
them all off (for comparing, or to try a new release of a package).

The modules beside this one (one per patched package) declare the patches with ``register``.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

logger = logging.getLogger("handbook.patches")

ENV = "HANDBOOK_PATCHES"
# Only the patches the output depends on (speed_only=False): make test-upstream compares the builds.
NO_SPEEDUPS = "no-speedups"

# The modules that declare patches; imported on first use so that importing the registry is cheap.
MODULES = ("weasyprint", "weasyprint_footnotes", "weasyprint_lang", "pydyf", "sphinx", "myst", "furo", "docutils")


@dataclass(frozen=True)
class Patch:
    name: str
    package: str                      # the distribution whose version is checked (importlib.metadata)
    verified_versions: frozenset[str]
    replaces: str                     # "module.qualname" of what is replaced
    why: str
    upstream: str                     # the upstream change that would make the patch unnecessary
    speed_only: bool                  # False: the output differs without it (``why`` says how)
    install: Callable[[], None]
    kind: str = "pdf"                 # "pdf" (the renderer process) or "sphinx" (a Sphinx build)


REGISTRY: dict[str, Patch] = {}
_installed: set[str] = set()
_loaded = False


def register(patch: Patch) -> Patch:
    if patch.name in REGISTRY and REGISTRY[patch.name] != patch:
        raise ValueError(f"two patches are named {patch.name!r}")
    REGISTRY[patch.name] = patch
    return patch


def load() -> dict[str, Patch]:
    """Import the declaring modules (idempotent) and return the registry."""
    global _loaded
    if not _loaded:
        for module in MODULES:
            try:
                importlib.import_module(f"{__name__}.{module}")
            except ModuleNotFoundError as missing:
                if missing.name != f"{__name__}.{module}":
                    raise
        _loaded = True
    return REGISTRY


def enabled(config_value: bool = True) -> bool:
    """False when HANDBOOK_PATCHES=off or conf.py says ``handbook_patches = False``."""
    return config_value and os.environ.get(ENV, "").strip().lower() not in {"off", "0", "no", "false"}


def installed_version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def decline_reason(patch: Patch, versions: Mapping[str, str] | None = None) -> str | None:
    """Why the patch will not be installed here, or None when it will. ``versions`` (package →
    version) stands for the packages of another environment (`make upgrade-check` asks so)."""
    version = installed_version(patch.package) if versions is None else versions.get(patch.package)
    if version in patch.verified_versions:
        return None
    verified = ", ".join(sorted(patch.verified_versions))
    return (f"patch {patch.name} not installed: {patch.package} {version or '(missing)'} is not "
            f"among the verified versions {verified} — the package's own code runs")


_said_off: set[str] = set()
_declined: set[str] = set()


def install(kind: str, config_value: bool = True, only: Callable[[Patch], bool] | None = None
            ) -> list[str]:
    """Install the patches of this kind that are verified on the installed versions (idempotent);
    return the names installed now or before. One log line for each that declines, one line when
    all are turned off."""
    if not enabled(config_value):
        if kind not in _said_off:
            _said_off.add(kind)
            logger.warning("handbook patches are off (%s=off or handbook_patches = False): "
                           "the packages' own code runs", ENV)
        return []
    speed = os.environ.get(ENV, "").strip().lower() != NO_SPEEDUPS
    if not speed and kind not in _said_off:
        _said_off.add(kind)
        logger.warning("handbook speed-only patches are off (%s=%s)", ENV, NO_SPEEDUPS)
    done = []
    for patch in load().values():
        if patch.kind != kind or (only is not None and not only(patch)) or (patch.speed_only and not speed):
            continue
        if patch.name not in _installed:
            reason = decline_reason(patch)
            if reason is not None:
                if patch.name not in _declined:
                    _declined.add(patch.name)
                    logger.warning(reason)
                continue
            patch.install()
            _installed.add(patch.name)
        done.append(patch.name)
    return done
