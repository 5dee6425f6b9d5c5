"""Raw HTML and directives in a translation: Sphinx passes them to the site as they are."""

from __future__ import annotations

import re
from collections import Counter

from handbook.po.checks import ERROR, Finding

_TAG = re.compile(r"</?([a-zA-Z][\w-]*)(?:\s[^<>]*)?/?>")
_COMMENT = re.compile(r"<!--")
# Always an attack or a mistake, whatever the source has.
_HOSTILE = [
    (re.compile(r"<\s*script\b", re.I), "a <script> element"),
    (re.compile(r"<\s*(?:iframe|frame|object|embed|applet|base|meta|link|form)\b", re.I),
     "an embedding element (iframe, object, embed, form…)"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "an on…= event attribute"),
    (re.compile(r"\b(?:javascript|vbscript)\s*:|(?:\]\(|=\s*[\"']?)\s*data:", re.I),
     "a javascript: or data: URL"),
    (re.compile(r"<\s*style\b|<[^>]*\sstyle\s*=", re.I), "inline styles"),
]
# Fences and directive syntax of MyST.
_DIRECTIVE = re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})\s*(\{[\w:-]+\})?|^\s*\.\.\s+[\w:-]+::", re.M)
# A MyST target line "(label)=" or a block attribute line "{#id .class}".
_TARGET = re.compile(r"^\s*\([^()\s]+\)=\s*$|^\s*\{[#.][^}]*\}\s*$", re.M)


def tags(text: str) -> Counter[str]:
    return Counter(name.lower() for name in _TAG.findall(text)) + Counter(
        "comment" for _ in _COMMENT.findall(text))


def check(source: str, translation: str) -> list[Finding]:
    found: list[Finding] = []
    for pattern, what in _HOSTILE:
        if pattern.search(translation) and not pattern.search(source):
            found.append(Finding(ERROR, f"the translation contains {what}, which would reach the "
                                        "website as is — remove it", "raw-html"))
    if found:
        return found
    extra = tags(translation) - tags(source)
    if extra:
        names = ", ".join(f"<{name}>" for name in sorted(extra))
        found.append(Finding(ERROR, f"raw HTML {names} that the source does not have — write plain "
                                    "text or Markdown instead", "raw-html"))
    extra_directives = Counter(_DIRECTIVE.findall(translation)) - Counter(_DIRECTIVE.findall(source))
    extra_targets = len(_TARGET.findall(translation)) - len(_TARGET.findall(source))
    if extra_directives or extra_targets > 0:
        found.append(Finding(ERROR, "a directive, code fence or target that the source does not have "
                                    "— translate only the text; the structure comes from the source",
                             "directive"))
    return found
