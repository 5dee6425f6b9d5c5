"""The publishing workflow: valid YAML, only Makefile targets, a matrix of independent jobs."""

import json
import re
import runpy
import shlex
import subprocess
from importlib.resources import files

import yaml
from jsonschema.validators import validator_for

from support import REPO
WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"
_EXPRESSION = re.compile(r"\$\{\{\s*matrix\.(\w+)\s*\}\}")


def load_workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict), "the workflow is not a YAML mapping"
    return data


def help_targets() -> set[str]:
    """The targets `make help` lists: `make` is the default target, `all`."""
    result = subprocess.run(["make", "--no-print-directory", "help"], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    targets = set()
    for line in result.stdout.splitlines()[1:]:
        words = re.split(r"\s{2,}", line.strip())[0].split()  # the usage column
        if words and words[0] == "make":
            targets.add(words[1] if len(words) > 1 and re.match(r"[a-z]", words[1]) else "all")
    return targets


def commands(run: str, matrix: dict) -> list[list[str]]:
    """The shell commands of a `run:` step, one list of words each, matrix values filled in."""
    def fill(match):
        values = matrix.get(match.group(1))
        assert values, f"no matrix value {match.group(1)!r}"
        return str(values[0])

    result = []
    for line in run.splitlines():
        for command in line.split("&&"):
            words = shlex.split(_EXPRESSION.sub(fill, command), comments=True)
            if words:
                result.append(words)
    return result


def run_steps(data: dict):
    for name, job in data["jobs"].items():
        matrix = job.get("strategy", {}).get("matrix", {})
        for step in job.get("steps", []):
            if "run" in step:
                yield name, commands(step["run"], matrix)


def make_target(words: list[str]) -> str:
    args = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
    return args[0] if args else "all"


def ci_packages() -> set[str]:
    """The Debian packages .ci/run installs (CI's own list of system packages)."""
    text = (REPO / ".ci" / "run").read_text(encoding="utf-8").replace("\\\n", " ")
    packages = set()
    for line in text.splitlines():
        if "apt-get install" in line:
            words = line.split("apt-get install", 1)[1].split()
            packages |= {w for w in words if re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", w)}
    return packages


def test_the_workflow_is_valid_yaml_with_the_parts_github_needs():
    data = load_workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "push" in triggers and "pull_request" in triggers
    assert set(data["jobs"]) == {"test", "html", "pdf", "publish"}
    for name, job in data["jobs"].items():
        assert job["runs-on"] and job["steps"], name


def test_the_workflow_follows_githubs_workflow_schema():
    # The schema SchemaStore publishes for GitHub workflows, as check-jsonschema ships it (offline).
    schema = json.loads(files("check_jsonschema.builtin_schemas.vendor")
                        .joinpath("github-workflows.json").read_text(encoding="utf-8"))
    data = load_workflow()
    data["on"] = data.pop(True, data.get("on"))  # as GitHub reads it (YAML 1.2: `on` is a string)
    validator = validator_for(schema)(schema)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []
    broken = {**data, "jobs": {**data["jobs"], "html": {**data["jobs"]["html"], "runs_on": "x"}}}
    assert list(validator.iter_errors(broken))  # the schema does catch a misspelt key


def test_every_build_step_is_a_make_target_listed_by_make_help():
    targets = help_targets()
    seen = set()
    for job, step_commands in run_steps(load_workflow()):
        for words in step_commands:
            if words[0] == "make":
                target = make_target(words)
                assert target in targets, f"{job}: `{shlex.join(words)}` — `make {target}` is not in `make help`"
                seen.add(target)
            else:
                # The only other commands install system packages.
                assert words[:2] == ["sudo", "apt-get"], f"{job}: `{shlex.join(words)}` is not a make target"
    assert {"all", "test", "html", "pdf"} <= seen


def test_languages_and_pdf_variants_build_as_independent_jobs():
    data = load_workflow()
    languages = runpy.run_path(str(REPO / "conf.py"))["handbook_languages"]
    html, pdf = data["jobs"]["html"], data["jobs"]["pdf"]
    assert html["strategy"]["matrix"]["lang"] == languages
    assert pdf["strategy"]["matrix"]["lang"] == languages
    assert pdf["strategy"]["matrix"]["edition"]
    html_make = [w for _, cs in run_steps({"jobs": {"html": html}}) for w in cs if w[0] == "make"]
    pdf_make = [w for _, cs in run_steps({"jobs": {"pdf": pdf}}) for w in cs if w[0] == "make"]
    assert html_make == [["make", "html", f"LANGS={languages[0]}", "BASE_URL=$BASE_URL"]]
    assert pdf_make == [["make", "pdf", f"LANGS={languages[0]}", f"EDITION={pdf['strategy']['matrix']['edition'][0]}"]]
    for job in (html, pdf):
        assert job["strategy"]["fail-fast"] is False  # one failing language does not cancel the others
        assert "needs" not in job


def test_the_website_is_built_for_its_public_address_and_publishes_the_root_files():
    html = load_workflow()["jobs"]["html"]
    step = next(s for s in html["steps"] if s.get("run", "").startswith("make html"))
    # The Pages address of the repository, unless a repository variable says otherwise.
    assert "vars.HANDBOOK_BASE_URL" in step["env"]["BASE_URL"]
    assert "github.io" in step["env"]["BASE_URL"]
    upload = next(s for s in html["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    paths = upload["with"]["path"].split()
    for name in ("index.html", "404.html", "sitemap.xml", "robots.txt"):
        assert f"_build/site/{name}" in paths


def test_the_site_is_published_after_the_tests_and_every_build():
    publish = load_workflow()["jobs"]["publish"]
    assert set(publish["needs"]) == {"test", "html", "pdf"}
    assert publish["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    uses = [step.get("uses", "") for step in publish["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert uses[-1].startswith("actions/deploy-pages@")
    pages = next(s for s in publish["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert pages["with"]["path"] == "_build/site"
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_workflow_installs_the_system_packages_ci_installs():
    installed = set(load_workflow()["env"]["SYSTEM_PACKAGES"].split())
    assert ci_packages(), "no apt-get install line found in .ci/run"
    assert ci_packages() <= installed, f"add to SYSTEM_PACKAGES: {sorted(ci_packages() - installed)}"


def test_pull_requests_build_with_read_only_permissions_and_no_secrets():
    data = load_workflow()
    triggers = data.get("on", data.get(True))
    # pull_request_target and workflow_run run a pull request's code with the repository's secrets.
    assert not {"pull_request_target", "workflow_run"} & set(triggers)
    assert data["permissions"] == {"contents": "read"}
    assert "secrets." not in WORKFLOW.read_text(encoding="utf-8")
    for name, job in data["jobs"].items():
        if name == "publish":
            continue
        assert "permissions" not in job, f"{name} may not widen the read-only token"
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, f"{name}: the token stays in .git/config"
    # Only a push to main publishes, from the github-pages environment.
    publish = data["jobs"]["publish"]
    assert publish["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert publish["environment"]["name"] == "github-pages"
