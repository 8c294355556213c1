"""The real pre-commit client, installed from PyPI, runs this repository's hooks on a data repo.

The hooks are taken from a snapshot of this working tree (committed into a scratch git repo),
so the test exercises `.pre-commit-hooks.yaml` and the package as they are now.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

from conftest import ROOT

DIRTY = "China\u201ds party said\u00a0\nno final newline"
FIXED = "China\u2019s party said\nno final newline"  # WS005 is ignored by the data repo's [tool.cleaner]


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout.strip()


@pytest.fixture(scope="module")
def pre_commit(tmp_path_factory) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is needed to test the pre-commit hooks")
    env_dir = tmp_path_factory.mktemp("pre-commit-venv")
    venv.create(env_dir, with_pip=True)
    subprocess.run([env_dir / "bin" / "python", "-m", "pip", "install", "-q", "pre-commit"], check=True, capture_output=True)
    return env_dir / "bin" / "pre-commit"


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """This working tree (tracked and new files, not ignored ones) as a git repo with one commit."""
    snapshot = tmp_path_factory.mktemp("hook-repo")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git(snapshot, "init", "-q")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot")
    return snapshot, git(snapshot, "rev-parse", "HEAD")


def data_repo(root: Path, hook_repo: tuple[Path, str], hook: str) -> Path:
    repo_path, rev = hook_repo
    root.mkdir()
    git(root, "init", "-q")
    (root / "data").mkdir()
    (root / "data" / "article.txt").write_text(DIRTY, encoding="utf-8")
    (root / "tool.py").write_text("quote = 'China\u201ds'  \n")  # not text-like by cleaner's defaults
    (root / "pyproject.toml").write_text('[tool.cleaner]\nignore = ["WS005"]\n')
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo_path}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n"
    )
    git(root, "add", "-A")
    return root


def run_hooks(pre_commit: Path, repo: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([pre_commit, "run", "--all-files"], cwd=repo, capture_output=True, text=True, env=env, timeout=600)


def test_check_hook_fails_and_touches_nothing(pre_commit: Path, hook_repo, tmp_path: Path):
    repo = data_repo(tmp_path / "repo", hook_repo, "cleaner-check")
    proc = run_hooks(pre_commit, repo, tmp_path / "home")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "would clean data/article.txt (2 changes)" in proc.stdout
    assert (repo / "data" / "article.txt").read_text(encoding="utf-8") == DIRTY


def test_fix_hook_fails_once_then_passes(pre_commit: Path, hook_repo, tmp_path: Path):
    repo = data_repo(tmp_path / "repo", hook_repo, "cleaner-fix")
    first = run_hooks(pre_commit, repo, tmp_path / "home")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "cleaned data/article.txt (2 changes)" in first.stdout
    assert (repo / "data" / "article.txt").read_text(encoding="utf-8") == FIXED  # config honoured: no newline added
    assert (repo / "tool.py").read_text() == "quote = 'China\u201ds'  \n"
    second = run_hooks(pre_commit, repo, tmp_path / "home")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
