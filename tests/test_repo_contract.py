"""Contract checks on the repository: how a newcomer and CI start the project."""

import ast
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.contract


def _commands(text):
    """Shell commands found in the fenced code blocks of a Markdown text."""
    commands, in_block = [], False
    for line in text.splitlines():
        if line.strip().startswith("```"):
            in_block = not in_block
            continue
        if in_block:
            cmd = line.split("#", 1)[0].strip().lstrip("$ ").strip()
            if cmd:
                commands.append(cmd)
    return commands


def test_readme_starts_with_make_run_and_make_test():
    commands = _commands((ROOT / "README.md").read_text())
    assert commands[:2] == ["make run", "make test"], commands[:5]


def test_readme_has_demo_logins_and_features_sections():
    text = (ROOT / "README.md").read_text()
    assert re.search(r"^## Features\s*$", text, re.M)
    section = re.search(r"^## Demo logins\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert section, "README.md needs a '## Demo logins' section"
    for login in ("admin", "manager", "officer", "steward", "liaison", "resident"):
        row = rf"\|\s*`?{login}`?\s*\|\s*`?{login}`?\s*\|"
        assert re.search(row, section.group(1)), f"{login}/{login} missing in README"


def _recipe(makefile, target):
    """The recipe lines of a Makefile target."""
    m = re.search(rf"^{re.escape(target)}:[^\n]*\n((?:\t[^\n]*\n?)*)", makefile, re.M)
    assert m, f"Makefile lacks `{target}:`"
    return m.group(1)


def test_makefile_has_the_documented_targets():
    text = (ROOT / "Makefile").read_text()
    for target in ("run", "test", "test-quick", "test-update", "pytest", "lint"):
        assert _recipe(text, target).strip(), f"`make {target}` does nothing"
    assert "--only-odoo" in _recipe(text, "test-quick")
    assert "$(TAGS)" in _recipe(text, "test-quick")
    # a database without demo data from the start (make run DEMO=0 DB=prod)
    assert "DEMO" in text and "--without-demo" in text


def test_make_lint_runs_pre_commit_on_all_files():
    recipe = _recipe((ROOT / "Makefile").read_text(), "lint")
    assert re.search(r"pre-commit run --all-files", recipe), recipe


def test_pre_commit_config_has_the_oca_hooks():
    text = (ROOT / ".pre-commit-config.yaml").read_text()
    ids = set(re.findall(r"^\s*- id: (\S+)", text, re.M))
    for hook in ("ruff", "ruff-format", "pylint_odoo", "oca-checks-odoo-module"):
        assert hook in ids, f".pre-commit-config.yaml lacks the {hook} hook"
    assert "--rcfile=.pylintrc" in text
    repos = re.findall(r"^\s*- repo: (\S+)", text, re.M)
    assert repos and set(repos) == {"local"}, (
        f"no GitHub here, use repo: local: {repos}"
    )
    ruff = tomllib.loads((ROOT / ".ruff.toml").read_text())
    assert ruff["line-length"] == 88


def test_make_test_runs_each_addon_test_once():
    """Odoo's runner runs community_governance/tests; pytest must not collect
    them again."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    testpaths = config["tool"]["pytest"]["ini_options"]["testpaths"]
    assert testpaths == ["tests"], testpaths


def test_bootstrap_uses_the_standard_library_only():
    """tools/dev.py and what it imports run with the machine's python3, before
    .venv exists."""
    stdlib = set(sys.stdlib_module_names)
    for rel in ("tools/dev.py", "tools/cgdev/common.py", "tools/cgdev/odoo_src.py"):
        tree = ast.parse((ROOT / rel).read_text())
        for node in tree.body:
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in stdlib or top == "cgdev", f"{rel} imports {name}"


def test_ci_script_runs_make_lint_and_make_test():
    text = (ROOT / ".ci" / "run").read_text()
    lines = [line.split("#", 1)[0] for line in text.splitlines()]
    for target in ("lint", "test"):
        assert any(re.search(rf"\bmake\s+{target}\b", line) for line in lines), (
            f".ci/run must call `make {target}`"
        )
    assert text.startswith("#!/usr/bin/env bash") or text.startswith("#!/bin/bash")


def test_gitignore_keeps_local_environment_out():
    entries = (ROOT / ".gitignore").read_text().split()
    for needed in ("/.venv/", "/.local/", "__pycache__/"):
        assert needed in entries, f".gitignore lacks {needed}"
