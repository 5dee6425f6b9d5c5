"""The report of `make upgrade-check`: which patches decline on the environment's versions, and the
report itself as data (report.json), as lines (stdout) and as Markdown (report.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from handbook.patches import Patch, decline_reason
from handbook.upgrade.environment import Change


def declined(registry: Iterable[Patch], versions: Mapping[str, str]) -> list[dict[str, Any]]:
    """The patches that would not install with these versions (package → version), with the patch
    layer's own reason."""
    found = []
    for patch in registry:
        reason = decline_reason(patch, versions)
        if reason is not None:
            found.append({"patch": patch.name, "package": patch.package, "installed": versions.get(patch.package),
                          "verified": sorted(patch.verified_versions), "speed_only": patch.speed_only,
                          "reason": reason})
    return found


def version_rows(changes: list[Change]) -> list[dict[str, str | None]]:
    return [{"package": c.package, "locked": c.locked, "installed": c.installed} for c in changes]


def tested_rows(names: Iterable[str], locked: Mapping[str, str], installed: Mapping[str, str]
                ) -> list[dict[str, str | None]]:
    """The packages under test, locked → installed, changed or not (the newest may be the locked)."""
    return [{"package": name, "locked": locked.get(name), "installed": installed.get(name)} for name in names]


def _version(value: str | None) -> str:
    return value or "—"


def verdict(report: Mapping[str, Any]) -> bool:
    """All is well: the environment was made, the build and the tests passed, the output is the same."""
    output = report.get("output") or {}
    return (report["environment"]["ok"] and report["build"]["upgraded"]["ok"]
            and report["tests"]["ok"] and output.get("compared", False) and not output.get("changed"))


def lines(report: Mapping[str, Any]) -> list[str]:
    """The summary a maintainer reads on the terminal."""
    out = ["", "Upgrade check: " + ("no problem found" if report["ok"] else "problems found")]
    env = report["environment"]
    if not env["ok"]:
        out.append("  environment: pip could not install the packages:")
        out += [f"    {line}" for line in env["error"]]
        return out
    out.append("  packages under test (requirements.lock → installed): " + ", ".join(
        f"{row['package']} {_version(row['locked'])} → {_version(row['installed'])}" for row in env["tested"]))
    out.append("  versions that differ from requirements.lock:" if env["changes"] else
               "  versions: all as in requirements.lock")
    out += [f"    {row['package']} {_version(row['locked'])} → {_version(row['installed'])}" for row in env["changes"]]
    out.append(f"  patches declined: {len(report['declined'])}" if report["declined"] else
               "  patches declined: none")
    out += [f"    {d['patch']} ({d['package']} {_version(d['installed'])}, verified "
            f"{', '.join(d['verified'])}{', speed only' if d['speed_only'] else ', the output depends on it'})"
            for d in report["declined"]]
    for side in ("upgraded", "pinned"):
        build = report["build"][side]
        if build is None:
            continue
        out.append(f"  build ({side}): " + ("ok" if build["ok"] else f"failed (exit {build['status']})"))
        out += [f"    {line}" for line in build["errors"]]
    if report["new_problems"]:
        out.append("  problems only the upgraded build reports:")
        out += [f"    {line}" for line in report["new_problems"]]
    output = report["output"]
    if output["compared"]:
        out.append(f"  output: {len(output['changed'])} changed (of {output['pages']} pages, {output['pdfs']} PDFs):"
                   if output["changed"] else f"  output: unchanged ({output['pages']} pages, {output['pdfs']} PDFs)")
        for item in output["changed"][:20]:
            out.append(f"    {item['file']}: {item['what']}")
            out += [f"      {line}" for line in item["excerpt"].splitlines()[:4]]
    else:
        out.append("  output: not compared (a build failed)")
    tests = report["tests"]
    if not tests["ran"]:
        out.append(f"  tests: not run{': ' + tests['message'][0] if tests['message'] else ''}")
    else:
        out.append(f"  tests ({tests['which']}): {tests['passed']} passed, {tests['failed']} failed, "
                   f"{tests['skipped']} skipped")
        out += [f"    FAILED {test}" for test in tests["failing"][:30]]
        out += [f"    {line}" for line in tests["message"]]
    out.append("  the pinned environment: " + ("untouched" if report["pinned_untouched"] else
                                               "CHANGED (its pip freeze differs)"))
    return out


def markdown(report: Mapping[str, Any]) -> str:
    """The report as a page for maintainers (report.md)."""
    env = report["environment"]
    md = [f"# Upgrade check of {report['started']}", "",
          f"Result: **{'no problem found' if report['ok'] else 'problems found'}**. Languages: "
          f"{', '.join(report['languages'])}; packages asked for: {', '.join(report['asked'])}.", "",
          "## Versions", ""]
    if not env["ok"]:
        md += ["pip could not install the packages:", "", "```", *env["error"], "```", ""]
        return "\n".join(md)
    md += ["Packages under test:", "", "| package | requirements.lock | installed |", "|---|---|---|"]
    md += [f"| {row['package']} | {_version(row['locked'])} | {_version(row['installed'])} |"
           for row in env["tested"]]
    md += ["", "Every package whose version differs from requirements.lock:", "",
           "| package | requirements.lock | installed |", "|---|---|---|"]
    md += [f"| {row['package']} | {_version(row['locked'])} | {_version(row['installed'])} |"
           for row in env["changes"]] or ["| (none differ) | | |"]
    md += ["", "## Patches declined", ""]
    md += [f"- `{d['patch']}`: {d['reason']}" for d in report["declined"]] or ["None."]
    md += ["", "## Build", ""]
    for side in ("upgraded", "pinned"):
        build = report["build"][side]
        if build is not None:
            md.append(f"- {side}: {'ok' if build['ok'] else 'failed (exit %d)' % build['status']}")
            md += [f"  - `{line}`" for line in build["errors"]]
    md += [f"- only in the upgraded build: `{line}`" for line in report["new_problems"]]
    md += ["", "## Output", ""]
    output = report["output"]
    if not output["compared"]:
        md.append("Not compared (a build failed).")
    elif not output["changed"]:
        md.append(f"Unchanged: {output['pages']} pages, {output['pdfs']} PDFs.")
    for item in output["changed"]:
        md += [f"- `{item['file']}` ({item['what']})", "", "  ```diff",
               *[f"  {line}" for line in item["excerpt"].splitlines()], "  ```"]
    tests = report["tests"]
    md += ["", "## Tests", ""]
    if not tests["ran"]:
        md.append("Not run." + (f" {tests['message'][0]}" if tests["message"] else ""))
    else:
        md.append(f"{tests['which']}: {tests['passed']} passed, {tests['failed']} failed, {tests['skipped']} skipped.")
        md += [f"- `{test}`" for test in tests["failing"]]
    md += ["", "The pinned environment was " + ("left untouched." if report["pinned_untouched"] else
                                                 "CHANGED (its pip freeze differs)."), ""]
    return "\n".join(md)
