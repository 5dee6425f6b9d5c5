"""The Makefile's interface: `make help`, targets not landed yet, no set-up work when set up."""

import subprocess

from handbook import cli
from support import REPO, run_command

# The interface table of DESIGN.md.
INTERFACE = ["make", "make test", "make html", "make pdf", "make gettext", "make update-po", "make stats",
             "make check", "make review", "make serve", "make bench", "make add-language", "make help"]
NOT_LANDED = [t.name for t in cli.TARGETS if t.pending_issue]


def make(*args):
    return subprocess.run(["make", "--no-print-directory", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120)


def test_help_lists_every_target_one_line_each():
    result = make("help")
    assert result.returncode == 0
    usages = [line.strip().split("  ")[0].split() for line in result.stdout.splitlines()[1:]]
    names = [" ".join(words[:2]) for words in usages]
    for target in INTERFACE:
        assert names.count(target) == 1, target


def test_a_target_not_landed_yet_says_so_and_exits_2():
    for target in NOT_LANDED:
        result = make(target)
        assert result.returncode == 2, target
        assert f"make {target}: not available yet — it is delivered by issue #" in result.stderr
        assert "has not landed" in result.stderr


def test_pending_says_which_issue_delivers_a_target(monkeypatch):
    # Every target has landed now; the message stays for the next one.
    monkeypatch.setattr(cli, "TARGETS", [*cli.TARGETS, cli.Target("later", "make later", "…", pending_issue=99)])
    result = run_command(cli.main, ["pending", "later"])
    assert result.status == 2
    assert "make later: not available yet — it is delivered by issue #99" in result.err
    assert run_command(cli.main, ["pending", "bench"]).status == 2  # landed: not pending any more


def test_set_up_is_not_repeated_once_done():
    # `make -q` exits 0 when the target is up to date, i.e. `make` would run no set-up step.
    assert make("-q", ".venv/.setup-done").returncode == 0


def test_add_language_takes_the_language_as_lang_or_code():
    for variable in ("LANG=da", "CODE=da"):
        planned = make("-n", "add-language", variable).stdout
        assert 'add-language --code "da"' in planned, (variable, planned)
