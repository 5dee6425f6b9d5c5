"""The one registry of check ids (handbook.check_ids): every id the package emits is in it, the
README's tables match it, and conf.py's suppress_warnings silences an id alike in make check and
the build, never a safety check."""

from __future__ import annotations

import ast
import re
import tokenize
from pathlib import Path

import pytest

from support import REPO, ROOTS, copy_project, run_command
from handbook import check_ids, cli, commands
from handbook.paths import Layout
from handbook.pdf import preflight
from handbook.po.checks import ERROR, Finding, Problem
from handbook.po import glossary
from handbook.po.checks.run import check_message

PACKAGE = REPO / "scripts" / "handbook"
# Sphinx's and MyST's own ids, which hints.py gives fixes for: not ours.
NOT_OURS = {PACKAGE / "hints.py"}
# " [number]" at the end of a message (the quote, or the end of an f-string's text, follows).
_ID_AT_END = re.compile(r" \[([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)?)\](?=[\"')]|$)")
TERMS = glossary.load(ROOTS / "translation" / "locales" / "glossary.tbx")
_ID_LIKE = re.compile(r"^[a-z]+(?:-[a-z]+)+$|^[a-z]+$")


def _sources() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if p not in NOT_OURS and "bench" not in p.parts]


def _named_in_text(path: Path) -> list[tuple[int, str]]:
    found = []
    with path.open(encoding="utf-8") as f:
        for token in tokenize.generate_tokens(f.readline):
            if token.type == tokenize.STRING:
                found += [(token.start[0], m.group(1)) for m in _ID_AT_END.finditer(token.string)]
    return found


def _unregistered(name: str) -> bool:
    return name.removeprefix(f"{check_ids.SPHINX_TYPE}.") not in check_ids.CHECKS


def test_every_id_at_the_end_of_a_message_is_registered():
    wrong = [f"{p.relative_to(REPO)}:{line}: [{name}]" for p in _sources()
             for line, name in _named_in_text(p) if _unregistered(name)]
    assert wrong == []
    # The scan finds what it looks for (else it would pass by finding nothing).
    assert "event-date" in [name for _, name in _named_in_text(PACKAGE / "config.py")]
    assert any(name == "edition-data" for _, name in _named_in_text(PACKAGE / "pdf" / "editions.py"))


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def test_every_warning_goes_through_the_registry_with_a_registered_id():
    wrong = []
    for path in _sources():
        if path.name == "check_ids.py":
            continue
        where = path.relative_to(REPO)
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            # type=/subtype= by hand would bypass the registry (an "events" type, an unknown id).
            wrong += [f"{where}:{call.lineno}: {k.arg}=" for k in call.keywords if k.arg in ("type", "subtype")
                      and _name(call) in ("warning", "error", "info")]
            literals = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if _name(call) == "log_warning" and isinstance(call.args[1], ast.Constant):
                if call.args[1].value not in check_ids.CHECKS:
                    wrong.append(f"{where}:{call.lineno}: {call.args[1].value}")
            if _name(call) in ("Finding", "Problem"):
                wrong += [f"{where}:{call.lineno}: {v}" for v in literals
                          if _ID_LIKE.match(v) and v not in check_ids.CHECKS and v not in ("error", "warning")]
    assert wrong == []


def test_an_unknown_id_is_a_programming_error():
    with pytest.raises(KeyError, match="not registered"):
        check_ids.check("po-sytnax")
    with pytest.raises(KeyError):
        Finding(ERROR, "what — how", "no-such-check")
    with pytest.raises(KeyError):
        Problem("x.po", 1, ERROR, "what — how", "po-syntax")  # an old spelling is for users only
    with pytest.raises(KeyError):
        preflight.Finding("pdf-overlapping", 1, "what — how")


def test_a_message_without_a_fix_gets_the_registrys():
    assert str(Problem("locales/fi/LC_MESSAGES/a.po", 3, ERROR, "the .po file is not UTF-8", "encoding")) == (
        "locales/fi/LC_MESSAGES/a.po:3: error: the .po file is not UTF-8 — open it in Poedit or a text editor "
        "and save it as UTF-8 [encoding]")
    assert str(Problem("a.po", 3, ERROR, "what — the emitter's own fix", "encoding")).endswith(
        "what — the emitter's own fix [encoding]")
    line = preflight.Finding("pdf-overlap", 2, "text drawn over other text").line("x.pdf")
    assert line == f"x.pdf: page 2: error: text drawn over other text — {check_ids.fix('pdf-overlap')} [pdf-overlap]"


def test_every_id_has_its_meaning_fix_level_and_place():
    for check in check_ids.CHECKS.values():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", check.id), check.id
        assert check.meaning and check.fix and check.level in (check_ids.ERROR, check_ids.WARNING), check.id
        assert set(check.applies.split(", ")) <= set(check_ids.APPLIES), check.id
    for old, new in check_ids.ALIASES.items():
        assert new in check_ids.CHECKS and old not in check_ids.CHECKS
    assert set(preflight.CHECKS) <= set(check_ids.CHECKS)
    assert {"setting-unknown", "setting-type", "settings", "base-url"} <= set(check_ids.CHECKS)


def test_suppress_warnings_names_resolve_to_ids_and_safety_checks_are_refused():
    silenced, refused = check_ids.suppressed(["handbook.number", "po-syntax", "events.status", "practice-field",
                                              "handbook.pdf-font", "ref.ref", "handbook.nubmer"])
    assert silenced == {"number", "event-status", "practice-field"}
    assert refused == ["syntax", "pdf-font", "handbook.nubmer"]
    assert check_ids.refused_message("handbook.nubmer").startswith(
        "suppress_warnings names handbook.nubmer, which is no check id — correct its spelling")
    everything, refused = check_ids.suppressed(["handbook"])
    assert refused == [] and "number" in everything and "raw-html" not in everything
    assert everything == {c.id for c in check_ids.CHECKS.values() if c.silenceable}


def _readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_table_of_check_ids_is_the_registry():
    text = _readme()
    start = text.index("<!-- generated: .venv/bin/python -m handbook checks --markdown -->\n")
    end = text.index("<!-- end of the generated table -->")
    table = text[start:end].splitlines()[1:]
    assert table == check_ids.table(markdown=True), \
        "README.md's table of check ids is out of date: paste `.venv/bin/python -m handbook checks --markdown`"


def test_every_id_the_readme_names_in_its_tables_of_checks_is_registered():
    lines = _readme().splitlines()
    check_rows = []
    for i, line in enumerate(lines):
        if line.startswith("| check |") or line.startswith("| id |"):
            for row in lines[i + 2:]:
                if not row.startswith("|"):
                    break
                check_rows += re.findall(r"`([^`]+)`", row.split("|")[1])
    assert {"pdf-overlap", "number", "syntax", "duplicate", "min-words"} <= set(check_rows)
    assert [n for n in check_rows if n not in check_ids.CHECKS] == []
    # Ids in the text: a build's [handbook.id], a line's [id].
    mentioned = re.findall(r"\[(?:handbook\.)?([a-z]+(?:-[a-z]+)+)\]", _readme())
    assert "event-status" in mentioned
    assert [n for n in mentioned if n not in check_ids.CHECKS and n != "check-id"] == []  # the format's


def test_handbook_checks_prints_every_id(capsys):
    assert cli.main(["checks"]) == 0
    out = capsys.readouterr().out
    for check in check_ids.CHECKS.values():
        assert re.search(rf"^{re.escape(check.id)} +{check.level}", out, re.M), check.id
    assert 'suppress_warnings = ["handbook.<id>"]' in out


def _project(tmp_path: Path, suppress: list[str]) -> Layout:
    layout = Layout(copy_project(ROOTS / "translation", tmp_path / "project"))
    po = layout.locales / "fi" / "LC_MESSAGES" / "chapter.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "Palveluntuottaja merkitään rekisteriin."' in text
    po.write_text(text.replace('msgstr "Palveluntuottaja merkitään rekisteriin."',
                               'msgstr "Palveluntuottaja  merkitään rekisteriin"'), encoding="utf-8")
    if suppress:
        with layout.conf.open("a", encoding="utf-8") as conf:
            conf.write(f"\nsuppress_warnings = {suppress!r}\n")
    return layout


def test_make_check_honours_suppress_warnings_for_silenceable_ids_only(tmp_path):
    found = check_message("Поставщик социальных услуг включается в реестр.",
                          "Palveluntuottaja  merkitään rekisteriin", "fi", "ru", TERMS)
    assert {f.check for f in found} == {"double-space", "punctuation"}  # what the entry below gives
    layout = _project(tmp_path / "b", ["handbook.double-space", "handbook.raw-html"])
    silenced = run_command(commands.check, "", layout)
    assert "[double-space]" not in silenced.out and "[punctuation]" in silenced.out
    conf_line = next(n for n, line in enumerate(layout.conf.read_text(encoding="utf-8").splitlines(), 1)
                     if line.startswith("suppress_warnings"))
    assert (f"conf.py:{conf_line}: warning: suppress_warnings names handbook.raw-html, which cannot be "
            "silenced") in silenced.out
    assert silenced.out.splitlines()[0].endswith("[ignore]") and silenced.status == 1


def test_a_translators_comment_may_name_an_id_as_suppress_warnings_does(tmp_path):
    from handbook.po.checks.run import check_catalog

    path = tmp_path / "index.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
                    '# handbook-ignore: handbook.number, punctuation\nmsgid "Закон 442-ФЗ."\n'
                    'msgstr "Laki 424-FZ"\n', encoding="utf-8")
    assert [p.check for p in check_catalog(path, "index.po", "fi", "ru", [], False)] == []


@pytest.mark.slow
def test_the_build_silences_an_old_spelling_and_refuses_a_safety_check(tmp_path):
    layout = Layout(copy_project(ROOTS / "events", tmp_path / "p"))
    past = layout.docs / "events" / "past.md"
    past.write_text(past.read_text(encoding="utf-8").replace(":status: held", ":status: done"), encoding="utf-8")
    before = run_command(commands.html, "ru", layout)
    assert "[handbook.event-status]" in before.err and before.status == 1
    with layout.conf.open("a", encoding="utf-8") as conf:
        conf.write('\nsuppress_warnings = ["events.status", "handbook.outside-docs"]\n')
    after = run_command(commands.html, "ru", layout)
    out = after.out + after.err
    assert "[handbook.event-status]" not in out  # the former spelling still silences it
    assert ("conf.py:") in out and ("warning: suppress_warnings names handbook.outside-docs, which cannot be "
                                    "silenced") in out and out.count("[handbook.ignore]") == 1
    assert after.status == 1  # the strict build still fails on the refused entry


@pytest.mark.slow
def test_the_pdf_preflight_honours_suppress_warnings(tmp_path, monkeypatch):
    from test_pdf_preflight import build, plant  # the fault the preflight's own tests plant

    root = copy_project(ROOTS / "pdf", tmp_path / "hb")
    plant(root)
    with (root / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('suppress_warnings = ["handbook.pdf-screen-only"]\n')
    layout, run = build(root, monkeypatch)
    assert run.status == 0, run.out + run.err
    assert "pdf-screen-only" not in run.err and "включён JavaScript" not in run.err
    assert (layout.site / "pdf" / "handbook-ru.pdf").is_file()
