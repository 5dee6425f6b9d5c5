"""The handbook settings are declared once (handbook.config): a misspelt or mistyped one in conf.py
stops `make …` and a Sphinx build with the same line, and the README lists exactly those settings."""

from __future__ import annotations

import json
import re

import pytest

from handbook import build, cli, config

from support import REPO, ROOTS, copy_project, run_command

PACKAGE = REPO / "scripts" / "handbook"


def _project(tmp_path, lines: str):
    root = copy_project(ROOTS / "tiny", tmp_path / "p")
    conf = root / "conf.py"
    text = conf.read_text(encoding="utf-8")
    conf.write_text(text + lines, encoding="utf-8")
    return root, len(text.splitlines()) + 1  # the line of the first appended setting


def _make(root, monkeypatch, *command: str):
    monkeypatch.setenv("HANDBOOK_ROOT", str(root))
    return run_command(cli.main, list(command))


def test_a_misspelt_setting_stops_the_command_at_its_line(tmp_path, monkeypatch):
    root, line = _project(tmp_path, 'handbook_langauges = ["ru", "fi"]\n')
    run = _make(root, monkeypatch, "html", "--langs", "ru")
    assert run.status == 2
    assert run.err.splitlines() == [f"conf.py:{line}: error: unknown setting handbook_langauges — did you "
                                    "mean handbook_languages? [setting-unknown]"]
    assert not (root / "_build" / "site").exists()  # stopped before any work


@pytest.mark.parametrize("setting, message", [
    ('handbook_pdf_duplex = "yes"', "handbook_pdf_duplex must be true or false, not 'yes' — write True or "
                                    "False, or delete the line for the default, False [setting-type]"),
    # Container elements are checked too, and a bool is no number.
    ('handbook_publish_threshold = {"fi": "10%"}',
     "handbook_publish_threshold must be a dict of numbers by name, not {'fi': '10%'} — write a dict of "
     "numbers by name, or delete the line for the default, {} [setting-type]"),
    ("handbook_pdf_toc_depth = True", "handbook_pdf_toc_depth must be a whole number, not True — write a "
                                      "whole number, or delete the line for the default, 3 [setting-type]"),
    ('handbook_pdf_screen_only = {"ru": "Подписаться"}',
     "handbook_pdf_screen_only must be a list of strings or a dict of lists of strings by name, not "
     "{'ru': 'Подписаться'} — write a list of strings or a dict of lists of strings by name, or delete "
     "the line for the default, [] [setting-type]"),
    ('handbook_project_end = "31.10.2020"', "handbook_project_end '31.10.2020' is not a date — write the "
                                            "project's last day as YYYY-MM-DD, or leave it empty [event-date]"),
])
def test_a_mistyped_setting_stops_the_command_at_its_line(setting, message, tmp_path, monkeypatch):
    root, line = _project(tmp_path, setting + "\n")
    run = _make(root, monkeypatch, "pdf", "--langs", "ru")
    assert (run.status, run.out) == (2, "")
    assert run.err.splitlines() == [f"conf.py:{line}: error: {message}"]


def test_every_wrong_setting_is_reported_at_once_and_a_good_conf_passes(tmp_path, monkeypatch):
    root, line = _project(tmp_path, 'handbook_pdf_year = 2020.5\nhandbook_pdf_tagged = 1\n')
    run = _make(root, monkeypatch, "stats")
    assert run.status == 2
    assert [row.split(": error: ")[0] for row in run.err.splitlines()] == [f"conf.py:{line}",
                                                                          f"conf.py:{line + 1}"]
    assert "Traceback" not in run.err
    # The handbook's own conf.py is right, and gives the values it writes.
    given = {k: v for k, v in vars(_conf_namespace()).items() if k.startswith(config.PREFIX)}
    settings = config.from_values(given, REPO / "conf.py")
    assert settings.pdf_duplex is True and settings.source_language == "ru"
    assert settings.pdf_variants == ["standard", "large-print"]


def test_a_conf_py_that_does_not_run_is_reported_at_its_line(tmp_path, monkeypatch):
    root, line = _project(tmp_path, 'handbook_titles = {"ru": "Тест"}\nproject = handbook_tittles["ru"]\n')
    run = _make(root, monkeypatch, "html")
    assert run.status == 2
    assert run.err.splitlines() == [f"conf.py:{line + 1}: error: conf.py does not run (NameError: name "
                                    "'handbook_tittles' is not defined) — fix this line [settings]"]


def _conf_namespace():
    import runpy
    import types

    return types.SimpleNamespace(**runpy.run_path(str(REPO / "conf.py")))


def test_a_sphinx_build_gives_the_same_lines_and_reads_nothing(tmp_path):
    root = copy_project(ROOTS / "settings", tmp_path / "p")
    result = build.build_language(str(root), "ru", "html", str(tmp_path / "out"), str(tmp_path / "doctrees"),
                                  fresh=True)
    expected = [
        "conf.py:3: error: unknown setting handbook_langauges — did you mean handbook_languages? [setting-unknown]",
        "conf.py:4: error: handbook_pdf_duplex must be true or false, not 'yes' — write True or False, or "
        "delete the line for the default, False [setting-type]"]
    assert not result.ok and not result.crash
    assert result.messages[:2] == expected
    assert not list((tmp_path / "out").rglob("*.html"))
    # The command line says the same about the same conf.py.
    with pytest.MonkeyPatch.context() as patch:
        run = _make(root, patch, "html")
    assert run.err.splitlines() == expected


def test_every_default_has_its_declared_type():
    for name, kind in config.TYPES.items():
        assert config.conforms(getattr(config.DEFAULTS, name.removeprefix(config.PREFIX)), kind), name
    assert not config.conforms(["ru", 2], list[str]) and not config.conforms(True, int | float)


def test_settings_are_registered_with_sphinx_only_from_their_declaration():
    registering = [f"{path.relative_to(REPO)}:{number}"
                   for path in PACKAGE.rglob("*.py") if path.name != "settings.py" or path.parent.name != "sphinxext"
                   for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                   if "add_config_value(" in line]
    assert registering == []


# -- the README's list of settings

def _default(value: object) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:_}"
    return json.dumps(value, ensure_ascii=False)


def readme_settings() -> str:
    """The README's section as the declaration gives it (the test prints it when they differ)."""
    rows = ["| setting | default | what |", "|---|---|---|"]
    internal = []
    for name, field in config.FIELDS.items():
        if field.metadata["internal"]:
            internal.append(f"`{name}`")
            continue
        rows.append(f"| `{name}` | `{_default(getattr(config.DEFAULTS, field.name))}` | {field.metadata['help']} |")
    return "\n".join(rows) + "\n\nSet by the commands for each build, not in `conf.py`: " + ", ".join(internal) + "."


def test_the_readme_lists_every_setting_with_its_default():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("| setting | default | what |")
    end = text.index("\n\n", text.index("Set by the commands for each build", start))
    assert text[start:end] == readme_settings(), "README.md, «Settings», should be:\n" + readme_settings()
    # No other part of the README names a setting that does not exist.
    # (But for the misspelt one in the example message, and the tests' fixture handbook_site.)
    text = text.replace("unknown setting handbook_langauges", "")
    named = set(re.findall(r"\bhandbook_[a-z_]*[a-z](?![a-z_…])", text)) - {"handbook_site"}
    assert named <= set(config.FIELDS), named - set(config.FIELDS)
