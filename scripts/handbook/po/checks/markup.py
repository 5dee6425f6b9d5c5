"""MyST markup that a translation must carry over unchanged: roles, links, code, footnotes,
substitutions and placeholders."""

from __future__ import annotations

import re
from collections import Counter

from handbook.po.checks import ERROR, Finding

# {role}`content`; the content is a target, or "text <target>".
_ROLE = re.compile(r"\{([\w:+.-]+)\}`([^`]*)`")
# Roles whose content is text to translate, not a target to keep.
_TEXT_ROLES = frozenset({"abbr", "sub", "sup", "kbd", "guilabel", "menuselection", "emphasis",
                         "strong", "title-reference", "span", "dfn"})
# Roles whose content is a target followed by text after a comma: {source}`A442, ст. 31, ч. 1`
# cites the source A442 (kept) at a place the translator writes in the language's own way.
_PINPOINTED_ROLES = frozenset({"source"})
_TARGET_IN_TEXT = re.compile(r"<([^<>]+)>\s*$")
_LINK = re.compile(r"\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>")
_CODE = re.compile(r"(?<![`}])(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_SUBSTITUTION = re.compile(r"\{\{\s*([\w.-]+)\s*\}\}")
_PLACEHOLDER = re.compile(r"%(?:\([\w.]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifgrxXeEc%]|(?<!\{)\{(?:\d+|[a-z_]\w*)?\}(?![`}])")


def roles(text: str) -> Counter[tuple[str, str]]:
    """(role, target) pairs; the visible text of a text role is the translator's business."""
    found: Counter[tuple[str, str]] = Counter()
    for name, content in _ROLE.findall(text):
        short = name.split(":")[-1]
        if short in _TEXT_ROLES:
            found[(name, "")] += 1
            continue
        if short in _PINPOINTED_ROLES:
            found[(name, content.split(",", 1)[0].strip())] += 1
            continue
        target = _TARGET_IN_TEXT.search(content)
        found[(name, (target.group(1) if target else content).strip())] += 1
    return found


def links(text: str) -> Counter[str]:
    without_roles = _ROLE.sub("", text)
    return Counter(_LINK.findall(without_roles) + _AUTOLINK.findall(without_roles))


def inline_code(text: str) -> Counter[str]:
    return Counter(code.strip() for _, code in _CODE.findall(_ROLE.sub("", text)))


def _describe(counter: Counter) -> str:
    return ", ".join(str(item) for item in sorted(counter.elements()))


def _compare(kind: str, check: str, source: Counter, translation: Counter, how: str) -> list[Finding]:
    missing, extra = source - translation, translation - source
    findings = []
    if missing:
        findings.append(Finding(ERROR, f"{kind} {_describe(missing)} of the source is missing "
                                       f"from the translation — {how}", check))
    if extra:
        findings.append(Finding(ERROR, f"{kind} {_describe(extra)} is not in the source — {how}", check))
    return findings


def is_external(url: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][\w+.-]*:", url)) or url.startswith("//")


def check(source: str, translation: str) -> list[Finding]:
    found: list[Finding] = []
    src_roles, tr_roles = roles(source), roles(translation)
    found += _compare("role", "role", src_roles, tr_roles,
                      "copy each {role}`target` exactly; translate only the text before <target>")
    src_links, tr_links = links(source), links(translation)
    internal = [u for u in src_links if not is_external(u)]
    hijacked = [u for u in tr_links - src_links if is_external(u)]
    if internal and hijacked:
        found.append(Finding(ERROR, f"the link to {', '.join(internal)} inside the handbook was replaced by "
                                    f"{', '.join(hijacked)} — keep the source's link target", "link-changed"))
    else:
        found += _compare("link", "link", src_links, tr_links,
                          "keep every [text](url) target exactly as in the source")
    found += _compare("inline code", "inline-code", inline_code(source), inline_code(translation),
                      "keep text between backticks unchanged")
    found += _compare("footnote reference", "footnote", Counter(_FOOTNOTE.findall(source)),
                      Counter(_FOOTNOTE.findall(translation)), "keep every [^name] as in the source")
    found += _compare("substitution", "substitution", Counter(_SUBSTITUTION.findall(source)),
                      Counter(_SUBSTITUTION.findall(translation)), "keep every {{ name }} as in the source")
    src_ph = Counter(_PLACEHOLDER.findall(_ROLE.sub("", source)))
    tr_ph = Counter(_PLACEHOLDER.findall(_ROLE.sub("", translation)))
    found += _compare("placeholder", "placeholder", src_ph, tr_ph,
                      "keep every %s, %(name)s or {name} as in the source")
    return found
