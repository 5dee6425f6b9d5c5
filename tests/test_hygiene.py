"""Repository hygiene: one .po wrapping, fast source checks, the pre-commit hooks that run them."""

import re
import shlex
import subprocess

import polib
import yaml
from sphinx_intl import catalog as sphinx_intl_catalog

from handbook import commands, po_format, scaffold, source_checks
from handbook.po import catalog as po_catalog
from handbook.paths import Layout

from support import REPO, ROOTS, copy_project, run_command
FI_INDEX = REPO / "locales" / "fi" / "LC_MESSAGES" / "index.po"

# A catalog as a translator leaves it: their comment, a fuzzy entry with its previous msgid,
# an obsolete entry, a long message.
EDITED = '''msgid ""
msgstr ""
"Project-Id-Version: Test\\n"
"Language: fi\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Generator: Poedit 3.4\\n"

# Kääntäjän huomautus: tarkista termi.
#: ../../docs/a.md:3
#, fuzzy
#| msgid "Старый текст"
msgid "Новый текст"
msgstr "Uusi teksti"

#: ../../docs/a.md:5
msgid "Эти рекомендации помогают некоммерческой организации запустить новую социальную услугу для детей и взрослых."
msgstr "Nämä suositukset auttavat voittoa tavoittelematonta järjestöä käynnistämään uuden sosiaalipalvelun."

#~ msgid "Удалённый текст"
#~ msgstr "Poistettu teksti"
'''


def test_other_wrappings_are_rewritten_to_the_repositorys_and_nothing_else_changes(tmp_path):
    original = FI_INDEX.read_text(encoding="utf-8")
    poedit = tmp_path / "poedit.po"
    polib.pofile(str(FI_INDEX), wrapwidth=70).save(str(poedit))  # an editor set to 70 columns
    babel = tmp_path / "babel.po"
    sphinx_intl_catalog.dump_po(str(babel), sphinx_intl_catalog.load_po(str(FI_INDEX)), width=76)
    for path in (poedit, babel):
        assert path.read_text(encoding="utf-8") != original  # the editors really wrap differently
    run = run_command(po_format.main, [str(poedit), str(babel)], Layout(tmp_path))
    assert run.status == 0
    assert run.out == "Normalised: poedit.po\nNormalised: babel.po\n"
    assert poedit.read_text(encoding="utf-8") == original
    # Babel also reorders the header; the wrapping of every message is the repository's.
    assert [e.msgstr for e in polib.pofile(str(babel))] == [e.msgstr for e in polib.pofile(str(FI_INDEX))]
    assert po_format.normalised(babel) == babel.read_text(encoding="utf-8")


def test_a_translators_comments_flags_previous_and_obsolete_entries_are_kept(tmp_path):
    path = tmp_path / "a.po"
    path.write_text(EDITED, encoding="utf-8")
    assert po_format.normalise(path) is True
    text = path.read_text(encoding="utf-8")
    for kept in ("# Kääntäjän huomautus: tarkista termi.", "#, fuzzy", '#| msgid "Старый текст"',
                 '#~ msgid "Удалённый текст"', '"X-Generator: Poedit 3.4\\n"'):
        assert kept in text
    assert max(len(line) for line in text.splitlines()) <= po_catalog.WRAP_WIDTH
    mtime = path.stat().st_mtime_ns
    assert po_format.normalise(path) is False and path.stat().st_mtime_ns == mtime  # stable, untouched


def test_a_broken_po_file_is_reported_with_its_line_and_left_alone(tmp_path):
    path = tmp_path / "broken.po"
    text = EDITED.replace('msgstr "Uusi teksti"', 'msgstr "Uusi teksti')
    path.write_text(text, encoding="utf-8")
    run = run_command(po_format.main, [str(path)], Layout(tmp_path))
    assert run.status == 1
    line = text.splitlines().index('msgstr "Uusi teksti') + 1
    assert run.err.startswith(f"broken.po:{line}: error: this .po file cannot be read ("), run.err
    assert " — fix the line in Poedit or a text editor" in run.err
    assert run.err.rstrip().endswith("[syntax]")
    assert path.read_text(encoding="utf-8") == text


def test_the_repositorys_po_files_are_already_normalised():
    for path in po_format.po_files(Layout(REPO)):
        assert po_format.normalised(path) == path.read_text(encoding="utf-8"), path


def test_update_po_writes_the_repositorys_wrapping(tmp_path):
    layout = Layout(copy_project(ROOTS / "multilingual", tmp_path / "p"))
    page = layout.docs / "guide" / "deep" / "page.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + "Очень длинный новый абзац. " * 8 + "\n",
                    encoding="utf-8")
    run = run_command(commands.update_po, "", layout)
    assert run.status == 0, run.err
    catalogs = po_format.po_files(layout)
    assert catalogs
    for path in catalogs:
        assert po_format.normalised(path) == path.read_text(encoding="utf-8"), path


def test_the_real_sources_pass_the_fast_checks():
    run = run_command(source_checks.main, [], Layout(REPO))
    assert run.status == 0, run.err


def test_a_chapter_fresh_from_the_template_still_has_placeholders_to_replace(tmp_path):
    layout = Layout(copy_project(ROOTS / "authoring", tmp_path / "p"))
    assert run_command(scaffold.main, "new-chapter", "Отчётность", layout).status == 0
    run = run_command(source_checks.main, [], layout)
    assert run.status == 1
    lines = run.err.splitlines()
    assert lines[0] == ("docs/chapters/02-otchetnost.md:7: error: the template's placeholder «ЗАМЕНИТЕ» is still "
                        "here — replace it with your text [template-placeholder]")
    assert all(line.startswith("docs/chapters/02-otchetnost.md:") for line in lines)


def test_a_chapter_without_its_required_parts_is_reported(tmp_path):
    layout = Layout(copy_project(ROOTS / "authoring", tmp_path / "p"))
    chapter = layout.docs / "chapters" / "02-bez-chastei.md"
    chapter.write_text("# Без частей\n\nТекст.\n\n## Раздел\n\nТекст.\n", encoding="utf-8")
    run = run_command(source_checks.main, [str(chapter)], layout)
    assert run.status == 1
    assert run.err.splitlines() == [
        "docs/chapters/02-bez-chastei.md:1: error: the chapter does not start with its label line (ch-…)= — "
        "put a line such as (ch-costing)= first, as make new-chapter does [chapter-structure]",
        "docs/chapters/02-bez-chastei.md:1: error: the chapter does not say what the reader will be able to do — "
        "add the :::{admonition} Что вы сможете сделать после этой главы block before the first section "
        "[chapter-structure]",
        "docs/chapters/02-bez-chastei.md:7: error: the chapter has no «## Чек-лист» section — end the chapter "
        "with ## Чек-лист and a list of things to check [chapter-structure]",
    ]


def test_the_pre_commit_hooks_are_local_and_run_our_tool(tmp_path):
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert [repo["repo"] for repo in config["repos"]] == ["local"]  # nothing to download
    assert {"normalize-po", "check-sources"} <= set(hooks)
    for hook in hooks.values():
        assert hook["language"] == "system"
        assert hook["entry"].startswith(".venv/bin/python -m ")
    assert re.search(hooks["normalize-po"]["files"], "locales/fi/LC_MESSAGES/chapters/06-costing.po")
    assert not re.search(hooks["normalize-po"]["files"], "docs/chapters/06-costing.md")
    assert re.search(hooks["check-sources"]["files"], "docs/chapters/06-costing.md")

    # Run the hooks' own commands as pre-commit would, on a file that needs them.
    poedit = tmp_path / "index.po"
    polib.pofile(str(FI_INDEX), wrapwidth=70).save(str(poedit))  # an editor set to 70 columns
    result = subprocess.run([*shlex.split(hooks["normalize-po"]["entry"]), str(poedit)], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Normalised: " in result.stdout
    assert poedit.read_text(encoding="utf-8") == FI_INDEX.read_text(encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("# Черновик\n\nЗАМЕНИТЕ этот абзац.\n", encoding="utf-8")
    result = subprocess.run([*shlex.split(hooks["check-sources"]["entry"]), str(draft)], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and ":3: error: the template's placeholder" in result.stderr
    for hook in hooks.values():
        for word in shlex.split(hook["entry"]):
            if word.startswith("tests/"):
                assert (REPO / word).is_file(), word


def test_build_outputs_are_ignored_by_git():
    paths = ["_build/site/ru/index.html", ".venv/bin/python", "locales/fi/LC_MESSAGES/index.mo",
             "scripts/handbook/__pycache__/cli.cpython-311.pyc", "locales/fi/LC_MESSAGES/index.po.tmp",
             "docs/chapters/06-costing.md~", "docs/chapters/.06-costing.md.swp", "docs/.DS_Store"]
    result = subprocess.run(["git", "check-ignore", "--no-index", *paths], cwd=REPO, capture_output=True,
                            text=True, timeout=30)
    assert result.stdout.split() == paths
    assert subprocess.run(["git", "check-ignore", "-q", "--no-index", "docs/index.md"], cwd=REPO,
                          timeout=30).returncode == 1
