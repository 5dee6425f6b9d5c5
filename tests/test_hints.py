"""Authors' messages: the commonest warnings come with file, line and a plain-language fix."""

import pytest

from handbook import commands
from handbook.hints import add_hint
from handbook.paths import Layout

from support import ROOTS, run_command
GLOSSARY = "# Глоссарий\n\n:::{glossary}\nпоставщик\n  Организация, которая оказывает услуги.\n:::\n"

# One tiny project per case: docs/index.md with one mistake (line numbers matter), plus any other
# files the case needs; the expected problem and the start of its fix.
CASES = {
    "undefined-label": (
        "# Главная\n\nСм. {ref}`no-such-label`.\n", {},
        ["docs/index.md:3: warning: undefined label: 'no-such-label' — check the label's spelling, "
         "or put a line (the-label)= just above the heading you link to [ref.ref]"]),
    "unknown-directive": (
        "# Главная\n\n```{notte}\nТекст.\n```\n", {},
        ["docs/index.md:3: warning: Unknown directive type: 'notte' — check the name after ```{ or :::{"]),
    "unknown-role": (
        "# Главная\n\nСм. {reff}`x`.\n", {},
        ['docs/index.md:3: warning: Unknown interpreted text role "reff". — check the name in {…}`']),
    "missing-image": (
        "# Главная\n\n```{figure} pictures/scheme.png\n:alt: Схема\n```\n", {},
        ["docs/index.md:3: warning: image file not readable: pictures/scheme.png — put the image at that "
         "path under docs/, or correct its name"]),
    "missing-link-target": (
        "# Главная\n\nСм. [раздел](#nowhere).\n", {},
        ["docs/index.md:3: warning: 'myst' cross-reference target not found: 'nowhere' — a link [text](#name) "
         "needs a line (name)= above the heading it points to"]),
    "unknown-toctree-document": (
        "# Главная\n\n```{toctree}\nchapters/nowhere\n```\n", {},
        ["docs/index.md:3: warning: toctree contains reference to nonexisting document 'chapters/nowhere' "
         "— check the file name in the toctree list"]),
    "duplicate-label": (
        "# Главная\n\n```{toctree}\nother\n```\n\n(same)=\n## Раздел\n",
        {"other.md": "# Другая\n\n(same)=\n## Тоже раздел\n"},
        ["warning: duplicate label same, other instance in docs/",
         "— each label (name)= may be used once in the whole handbook"]),
    "glossary-term-not-found": (
        "# Главная\n\n```{toctree}\nglossary\n```\n\nСм. {term}`получатель`.\n", {"glossary.md": GLOSSARY},
        ["docs/index.md:7: warning: term not in glossary: 'получатель' — add the term to the glossary "
         "(docs/annexes/glossary.md), or name the glossary's exact term"]),
    "footnote-not-defined": (
        "# Главная\n\nФакт[^s1].\n", {},
        ["docs/index.md:3: error: Too many autonumbered footnote references: only 0 corresponding footnote "
         "available. — a footnote mark [^name] has no footnote text: add a line [^name]: text of the "
         "footnote at the end of the file [docutils]",
         'docs/index.md:3: error: Unknown target name: "s1". — for a footnote mark [^name], add a line '
         "[^name]: text of the footnote at the end of the file"]),
}


def make_root(path, index, files):
    (path / "docs").mkdir(parents=True)
    (path / "conf.py").write_text((ROOTS / "authoring" / "conf.py").read_text(encoding="utf-8"),
                                  encoding="utf-8")
    (path / "docs" / "index.md").write_text(index, encoding="utf-8")
    for name, text in files.items():
        (path / "docs" / name).write_text(text, encoding="utf-8")
    return Layout(path)


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_common_mistake_is_reported_with_file_line_and_fix(tmp_path, case):
    index, files, expected = CASES[case]
    layout = make_root(tmp_path / case, index, files)
    run = run_command(commands.html, "ru", layout)
    assert run.status == 1, run.out + run.err
    lines = run.err.splitlines()
    for fragment in expected:
        assert any(fragment in line for line in lines), f"{fragment!r} not in:\n{run.err}"
    # One problem per line, each in the authors' format: file:line, severity, problem — fix.
    problems = [line for line in lines if ": warning: " in line or ": error: " in line]
    assert problems and all(" — " in line and line.startswith("docs/") for line in problems), run.err


def test_the_fix_goes_before_the_check_id_and_survives_a_russian_sphinx():
    # Sphinx translates its messages when the author's shell speaks Russian; the id does not change.
    line = add_hint("docs/a.md:4: warning: неопределённая метка: 'x' [ref.ref]")
    assert line.startswith("docs/a.md:4: warning: неопределённая метка: 'x' — check the label's spelling")
    assert line.endswith(" [ref.ref]")
    assert add_hint("docs/a.md:9: warning: повтоярющаяся метка x, другой экземпляр в docs/b.md").startswith(
        "docs/a.md:9: warning: повтоярющаяся метка x, другой экземпляр в docs/b.md — each label (name)=")


def test_a_warning_without_advice_is_left_as_it_is():
    line = "docs/a.md:2: warning: Lexing literal_block as \"python\" resulted in an error [misc.highlighting_failure]"
    assert add_hint(line) == line
    other_docutils = "docs/a.md:5: error: Unexpected indentation. [docutils]"
    assert add_hint(other_docutils) == other_docutils
