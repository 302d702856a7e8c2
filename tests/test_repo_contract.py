"""Contract checks on the repository: how a newcomer and CI start the project."""

import re
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


def test_makefile_has_run_test_and_lint_targets():
    text = (ROOT / "Makefile").read_text()
    for target in ("run", "test", "lint"):
        assert re.search(rf"^{target}:", text, re.M), f"Makefile lacks `{target}:`"


def test_ci_script_runs_make_test():
    text = (ROOT / ".ci" / "run").read_text()
    lines = [line.split("#", 1)[0] for line in text.splitlines()]
    assert any(re.search(r"\bmake\s+test\b", line) for line in lines), (
        ".ci/run must call `make test`"
    )
    assert text.startswith("#!/usr/bin/env bash") or text.startswith("#!/bin/bash")


def test_gitignore_keeps_local_environment_out():
    entries = (ROOT / ".gitignore").read_text().split()
    for needed in ("/.venv/", "/.local/", "__pycache__/"):
        assert needed in entries, f".gitignore lacks {needed}"
