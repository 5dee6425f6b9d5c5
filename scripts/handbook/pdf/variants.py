"""The PDFs one build can make, from the handbook_pdf_* settings of conf.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class VariantError(ValueError):
    """A PDF variant asked for (or configured) does not exist; the message says what does."""


@dataclass(frozen=True)
class Variant:
    name: str  # the manifest's "variant": standard, large-print, an edition, handout-<name>
    kind: str  # "book" or "handout"
    css: tuple[str, ...] = ()
    edition: str = ""  # key of handbook_pdf_editions
    region: str = ""  # label of the region section that becomes the annex
    handout: dict[str, Any] = field(default_factory=dict)

    def filename(self, language: str, shop: bool = False) -> str:
        suffix = "-print" if shop else ""
        if self.kind == "handout":
            return f"handout-{language}-{self.name.removeprefix('handout-')}{suffix}.pdf"
        if self.name == "standard":
            return f"handbook-{language}{suffix}.pdf"
        return f"handbook-{language}-{self.name}{suffix}.pdf"


def standard_names(variants: list[str], handouts: dict[str, Any]) -> list[str]:
    """What `make pdf` and `make` build without EDITION: the standard ``variants`` (handbook_pdf_variants)
    and the ``handouts`` (handbook_pdf_handouts)."""
    return [*variants, *(f"handout-{n}" for n in handouts)]


def resolve(names: list[str], editions: dict[str, Any], handouts: dict[str, Any]) -> list[Variant]:
    """Variants for names such as ``standard``, ``large-print``, ``pskov``, ``handout-…``, from the
    loaded editions (pdf/editions.py) and handbook_pdf_handouts."""
    variants = []
    for name in names:
        if name == "standard":
            variants.append(Variant("standard", "book"))
        elif name == "large-print":
            variants.append(Variant("large-print", "book", ("large-print.css",)))
        elif name in editions:
            variants.append(Variant(name, "book", edition=name, region=editions[name]["region"]))
        elif name.startswith("handout-") and name.removeprefix("handout-") in handouts:
            variants.append(Variant(name, "handout", handout=handouts[name.removeprefix("handout-")]))
        else:
            known = ", ".join(["standard", "large-print", *editions,
                               *(f"handout-{n}" for n in handouts)])
            raise VariantError(f"unknown PDF variant {name!r} — choose from {known}")
    return variants
