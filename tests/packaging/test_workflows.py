"""The CI integrations: GitHub workflows (checked with actionlint), the composite action and the
pre-commit hooks (their structure, and their commands run on real files)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent  # the venv's scripts: article-lint, actionlint

MARKER_DOC = "# 題名\n\n本文です。\n\n---END---\n\n続きです。\n"


def _actionlint() -> str:
    found = shutil.which("actionlint", path=os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
    if not found:
        pytest.fail("actionlint is missing: it comes with the dev extra (pip install -e '.[dev]')")
    return found


def _article_lint() -> str:
    found = shutil.which("article-lint", path=os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
    assert found, "article-lint is not installed (pip install -e .)"
    return found


def test_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "release.yml"}


def test_actionlint_accepts_the_workflows():
    proc = subprocess.run([_actionlint(), "-no-color", *map(str, WORKFLOWS)], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """The check above is not vacuous: actionlint rejects an undefined step output and a bad runner key."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ steps.nope.outputs.x }}\n        shel: bash\n"
    )
    proc = subprocess.run([_actionlint(), "-no-color", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "nope" in proc.stdout and "shel" in proc.stdout


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # PyYAML (YAML 1.1) reads the key `on` as True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_ci_runs_the_tests_on_three_systems():
    ci = _load(REPO / ".github" / "workflows" / "ci.yml")
    job = ci["jobs"]["test"]
    assert set(job["strategy"]["matrix"]["os"]) == {"ubuntu-latest", "windows-latest", "macos-latest"}
    runs = " ".join(step.get("run", "") for step in job["steps"])
    # Every extra the tests import, the static checks, and the tools the tests drive: Jekyll
    # (exports are built as the site builds them) and Neovim (a client of the language server).
    assert ".[editor,dev,servers]" in runs and "pytest" in runs and ".ci/static-checks" in runs
    assert "apt-get install" in runs and " jekyll " in runs and "neovim" in runs
    assert "gem install jekyll" in runs and "brew install enchant neovim" in runs and "choco install -y neovim" in runs


def test_release_builds_with_the_one_spec_on_each_system():
    release = _load(REPO / ".github" / "workflows" / "release.yml")
    jobs = release["jobs"]
    runs = {name: " ".join(step.get("run", "") for step in job["steps"]) for name, job in jobs.items()}
    assert "packaging/build-linux.sh" in runs["linux"] and "packaging/test-bundle.sh" in runs["linux"]
    for name in ("windows", "macos"):
        assert "packaging/article-studio.spec" in runs[name]
    assert "packaging/article-studio.iss" in runs["windows"]
    assert "hdiutil create" in runs["macos"]
    assert (REPO / "packaging" / "article-studio.iss").is_file()


# --- action.yml --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def action() -> dict:
    return yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def test_action_structure(action):
    assert action["name"] and action["description"]
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert {"paths", "args", "sarif", "sarif-file", "python-version"} <= set(inputs)
    for name, spec in inputs.items():
        assert spec.get("description"), name
        assert "default" in spec or spec.get("required"), name
        assert isinstance(spec.get("default", ""), str), f"input {name}: defaults are strings"
    for step in action["runs"]["steps"]:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step.get("shell"), f"a composite run step needs a shell: {step.get('name')}"
        else:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", step["uses"]), step["uses"]


def test_action_expressions_name_real_inputs_and_steps(action):
    text = (REPO / "action.yml").read_text(encoding="utf-8")
    step_ids = {s["id"] for s in action["runs"]["steps"] if "id" in s}
    for name in re.findall(r"inputs\.([\w-]+)", text):
        assert name in action["inputs"], name
    for step in re.findall(r"steps\.([\w-]+)\.outputs", text):
        assert step in step_ids, step
    for output in action["outputs"].values():
        assert output["value"].startswith("${{ steps.")


def test_action_installs_itself_and_uploads_sarif(action):
    steps = action["runs"]["steps"]
    install = next(s for s in steps if s.get("name") == "Install article-lint")
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert "pip install" in install["run"] and '"$ACTION_PATH"' in install["run"]
    upload = next(s for s in steps if "uses" in s and "upload-sarif" in s["uses"])
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "inputs.sarif == 'true'" in upload["if"]
    # No ${{ }} inside a script: inputs reach the shell through env (no script injection).
    for step in steps:
        assert "${{" not in step.get("run", ""), step.get("name")


def _run_lint_step(action, tmp_path, paths, sarif):
    """Run the action's lint step as the runner would: bash, its env, GITHUB_OUTPUT."""
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "lint")
    output = tmp_path / "github_output"
    output.write_text("")
    env = dict(
        os.environ,
        PATH=os.pathsep.join([str(BIN), os.environ.get("PATH", "")]),
        GITHUB_OUTPUT=str(output),
        LINT_PATHS=paths,
        LINT_ARGS="--profile none",
        SARIF=sarif,
        SARIF_FILE=str(tmp_path / "out.sarif"),
    )
    proc = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8"
    )
    assert proc.returncode == 0, proc.stderr  # the last step reports the status, not this one
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    return proc, outputs


@pytest.mark.skipif(sys.platform == "win32", reason="the step runs in bash")
def test_action_lint_step_annotates_and_writes_sarif(action, tmp_path):
    _article_lint()
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text(MARKER_DOC, encoding="utf-8")
    proc, outputs = _run_lint_step(action, tmp_path, "posts/*.md", "true")
    assert outputs["exit-code"] == "1"
    assert re.search(r"^::error file=posts/a\.md,line=5", proc.stdout, re.M), proc.stdout
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["AG001"]
    assert outputs["sarif-file"] == str(tmp_path / "out.sarif")


@pytest.mark.skipif(sys.platform == "win32", reason="the step runs in bash")
def test_action_lint_step_clean_file(action, tmp_path):
    _article_lint()
    (tmp_path / "ok.md").write_text("# 題名\n\n本文です。\n", encoding="utf-8")
    proc, outputs = _run_lint_step(action, tmp_path, "ok.md", "false")
    assert outputs == {"exit-code": "0"}
    assert "::error" not in proc.stdout
    assert not (tmp_path / "out.sarif").exists()


# --- .pre-commit-hooks.yaml --------------------------------------------------------------------


@pytest.fixture(scope="module")
def hooks() -> dict:
    data = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return {h["id"]: h for h in data}


def test_hooks_structure(hooks):
    assert set(hooks) == {"article-lint", "article-lint-fix"}
    for hook in hooks.values():
        assert hook["name"] and hook["language"] == "python"
        assert hook["types"] == ["markdown"]
    assert hooks["article-lint"]["entry"] == "article-lint"
    assert hooks["article-lint-fix"]["entry"] == "article-lint --fix"


def _run_hook(hook, files, cwd):
    """As pre-commit does: the entry split into words, then the file names."""
    argv = hook["entry"].split()
    argv[0] = _article_lint()
    return subprocess.run(argv + [str(f) for f in files], cwd=cwd, capture_output=True, text=True, encoding="utf-8")


def test_lint_hook_fails_on_findings(hooks, tmp_path):
    post = tmp_path / "post.md"
    post.write_text(MARKER_DOC, encoding="utf-8")
    proc = _run_hook(hooks["article-lint"], [post], tmp_path)
    assert proc.returncode == 1
    assert "AG001" in proc.stdout
    assert post.read_text(encoding="utf-8") == MARKER_DOC


def test_fix_hook_fixes_the_file(hooks, tmp_path):
    post = tmp_path / "post.md"
    post.write_text(MARKER_DOC, encoding="utf-8")
    proc = _run_hook(hooks["article-lint-fix"], [post], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "---END---" not in post.read_text(encoding="utf-8")
    assert _run_hook(hooks["article-lint"], [post], tmp_path).returncode == 0
