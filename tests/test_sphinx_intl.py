"""sphinx-intl, the translators' standard tool, on our catalogs: `sphinx-intl update` loses nothing and
`make update-po` afterwards gives exactly what it gives alone; `sphinx-intl stat` counts as `make stats`.

Real files, real sphinx-intl (its click command, in-process), real gettext builds of a tiny root.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from sphinx_intl import commands as sphinx_intl

from handbook import commands
from handbook.paths import Layout
from handbook.po import catalog, stats

from support import REPO, ROOTS, copy_project, run_command

# A catalog of the root, with what a translator's file holds besides translations: an obsolete
# entry (its paragraph was deleted once) and, already in the root, a fuzzy entry with its #| line.
OBSOLETE = '\n#~ msgid "Старый абзац о льготах."\n#~ msgstr "Vanha kappale etuuksista."\n'
CHANGED = ("Поставщик социальных услуг включается в реестр.",
           "Поставщик социальных услуг включается в региональный реестр.")
REVIVED = "Старый абзац о льготах."
NEW = "Совсем новый абзац."


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def _commit(root: Path) -> None:
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "catalogs")


def _intl(root: Path, *args: str) -> tuple[int, str]:
    """`sphinx-intl ARGS` run from the project's root, as a translator runs it: (exit code, output)."""
    out = io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(out):
        status = sphinx_intl.main(list(args), standalone_mode=False)
    return status or 0, out.getvalue()


@pytest.fixture
def project(tmp_path) -> Layout:
    """The translation root after `make update-po`, committed; then a catalog deleted and the source
    edited: a message changed, a deleted paragraph back, a new one."""
    root = copy_project(ROOTS / "translation", tmp_path / "base")
    conf = root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(
        'locale_dirs = ["../locales"]', _repository_locale_dirs()), encoding="utf-8")
    chapter_po = root / "locales" / "fi" / "LC_MESSAGES" / "chapter.po"
    chapter_po.write_text(chapter_po.read_text(encoding="utf-8") + OBSOLETE, encoding="utf-8")
    layout = Layout(root)
    assert run_command(commands.update_po, "", layout).status == 0
    (root / ".gitignore").write_text("_build/\n", encoding="utf-8")
    _git(root, "init", "-q")
    _commit(root)
    # A catalog to create (as for a new document), and the source edited.
    (layout.locales / "fi" / "LC_MESSAGES" / "index.po").unlink()
    chapter = layout.docs / "chapter.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(*CHANGED) + f"\n{REVIVED}\n\n{NEW}\n",
                       encoding="utf-8")
    return layout


def _repository_locale_dirs() -> str:
    """The repository's own locale_dirs setting, so that the root is found as the repository is."""
    text = (REPO / "conf.py").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith(("locale_dirs =", "from pathlib import Path"))]
    assert len(lines) == 2, lines
    return "\n".join(lines)


def _copy(layout: Layout, name: str) -> Layout:
    target = layout.root.parent / name
    shutil.copytree(layout.root, target)
    return Layout(target)


def _catalogs(layout: Layout) -> dict[str, str]:
    return {p.relative_to(layout.root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(layout.locales.rglob("*.po"))}


def _entries(text: str) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(text) if not e.obsolete}


def _obsolete(text: str) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in polib.pofile(text) if e.obsolete}


def test_the_repositorys_conf_leads_sphinx_intl_to_locales():
    # sphinx-intl takes locale_dirs[0] relative to conf.py's folder, Sphinx relative to docs/.
    config = sphinx_intl.read_config(str(REPO / "conf.py"), ())
    assert Path(config["locale_dirs"][0]) == REPO / "locales"


@pytest.mark.slow  # two gettext builds of a tiny root
def test_update_po_gives_what_sphinx_intl_update_gives_plus_its_additions(project):
    ours, theirs = _copy(project, "ours"), _copy(project, "theirs")
    assert run_command(commands.update_po, "", ours).status == 0
    assert run_command(commands.gettext, theirs).status == 0
    status, out = _intl(theirs.root, "update", "-p", "_build/gettext", "-l", "fi")
    assert status == 0
    assert re.search(r"^Update: \S*locales/fi/LC_MESSAGES/chapter\.po \+3, -1$", out, re.M), out
    name = "locales/fi/LC_MESSAGES/chapter.po"
    mine, babel = _catalogs(ours)[name], _catalogs(theirs)[name]
    assert _entries(mine).keys() == _entries(babel).keys()
    additions = set()
    for msgid, entry in _entries(babel).items():
        our = _entries(mine)[msgid]
        if entry.msgstr:
            assert (our.msgstr, our.fuzzy) == (entry.msgstr, entry.fuzzy), msgid
            if our.previous_msgid and not entry.previous_msgid:
                additions.add(("previous", msgid, our.previous_msgid))
        elif our.msgstr:  # what sphinx-intl left untranslated beside its own obsolete translation
            assert our.msgstr == _obsolete(babel)[msgid] and not our.fuzzy
            additions.add(("revived", msgid, our.msgstr))
    # The documented additions, and nothing else: the old text of each fuzzy message, and the
    # translation that comes back with its text.
    assert additions == {("previous", CHANGED[1], CHANGED[0]),
                         ("previous", "Расчёт стоимости услуги описан отдельно.", "Расчёт стоимости описан отдельно."),
                         ("revived", REVIVED, "Vanha kappale etuuksista.")}


@pytest.mark.slow  # two gettext builds of a tiny root
def test_sphinx_intl_update_loses_nothing_and_update_po_then_gives_back_exactly_its_output(project):
    before = _catalogs(project)
    alone = _copy(project, "alone")
    assert run_command(commands.update_po, "", alone).status == 0
    assert run_command(commands.gettext, project).status == 0
    status, _ = _intl(project.root, "update", "-p", "_build/gettext", "-l", "fi")
    assert status == 0
    after = _catalogs(project)
    for name, old in before.items():
        if Path(name).stem in catalog.INTERFACE_CATALOGS:
            assert after[name] == old, name  # sphinx-intl leaves the interface strings alone
            continue
        new = polib.pofile(after[name])
        kept = {(e.msgstr, e.obsolete) for e in new}
        for entry in polib.pofile(old):
            if entry.msgstr and not entry.obsolete:
                # Still translated (fuzzy when its source changed), or kept obsolete: never lost.
                assert (entry.msgstr, False) in kept or (entry.msgstr, True) in kept, entry.msgid
    run = run_command(commands.update_po, "", project)
    assert run.status == 0
    assert ("  Update: locales/fi/LC_MESSAGES/chapter.po: +0 new, 0 fuzzy, 1 revived, 0 obsolete, "
            "2 previous source texts given back (#|)") in run.out.splitlines()
    assert _catalogs(project) == _catalogs(alone)


def test_sphinx_intl_stat_counts_as_make_stats():
    status, out = _intl(REPO, "stat")
    assert status == 1  # sphinx-intl's way of saying that something is fuzzy or untranslated
    said = {Path(path).resolve(): tuple(map(int, counts)) for path, *counts in
            re.findall(r"^(\S+\.po): (\d+) translated, (\d+) fuzzy, (\d+) untranslated\.$", out, re.M)}
    compared = 0
    for lang in ("en", "fi", "nb"):
        for document in stats.language_stats(REPO / "locales", lang):
            ours = document.messages
            path = (REPO / "locales" / lang / "LC_MESSAGES" / f"{document.document}.po").resolve()
            # sphinx-intl counts a fuzzy translation twice: as translated and as fuzzy.
            assert said[path] == (ours.translated + ours.fuzzy, ours.fuzzy, ours.untranslated), path
            compared += 1
    assert compared > 100


def test_previous_texts_that_babel_turned_into_comments_come_back(tmp_path):
    """sphinx-intl reads and writes through Babel, which keeps a ``#|`` line as a ``# |`` comment."""
    from sphinx_intl import catalog as intl_catalog

    from handbook.po import history

    previous = "Старый длинный абзац, " * 8 + "с \"кавычками\"."
    po = polib.POFile(wrapwidth=catalog.WRAP_WIDTH)
    po.metadata = {"Language": "fi", "Content-Type": "text/plain; charset=utf-8"}
    po.append(polib.POEntry(msgid="Новый абзац.", msgstr="Uusi kappale.", flags=["fuzzy"], previous_msgid=previous,
                            tcomment="Kääntäjän huomautus."))
    path = tmp_path / "a.po"
    catalog.write_if_changed(path, po)
    intl_catalog.dump_po(str(path), intl_catalog.load_po(str(path)))
    babel = path.read_text(encoding="utf-8")
    assert "#| msgid" not in babel and "# | msgid" in babel
    again = catalog.load(path)
    assert history.unmangle(again) == 1
    entry = again.find("Новый абзац.")
    assert (entry.previous_msgid, entry.tcomment, entry.fuzzy) == (previous, "Kääntäjän huomautus.", True)


@pytest.mark.slow  # a gettext build of a tiny root
def test_interface_strings_no_template_extracts_stay_in_use(project):
    """sphinx.po may hold strings no template of ours extracts (the theme's, Sphinx's own): sphinx-intl
    makes them obsolete (their translations kept), update-po makes them active again."""
    sphinx_po = project.locales / "fi" / "LC_MESSAGES" / "sphinx.po"
    sphinx_po.write_text(sphinx_po.read_text(encoding="utf-8").rstrip("\n") + '\n\nmsgid "A string no template has"\n'
                         'msgstr "Teeman oma merkkijono"\n', encoding="utf-8")
    assert run_command(commands.update_po, "", project).status == 0
    _commit(project.root)
    committed = sphinx_po.read_text(encoding="utf-8")
    assert not polib.pofile(committed).find("A string no template has").obsolete
    status, out = _intl(project.root, "update", "-p", "_build/gettext", "-l", "fi")
    assert status == 0
    assert re.search(r"^Update: \S*locales/fi/LC_MESSAGES/sphinx\.po \+0, -1$", out, re.M), out
    assert polib.pofile(str(sphinx_po)).find("A string no template has", include_obsolete_entries=True).obsolete
    assert run_command(commands.update_po, "", project).status == 0
    assert sphinx_po.read_text(encoding="utf-8") == committed
