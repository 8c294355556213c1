"""Which files a run reads: globs, hidden and VCS folders, symlinks, loops."""

from __future__ import annotations

import os
from pathlib import Path

from cleaner.inputs import Selector, find_inputs


def tree(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n")


def found(root: Path, selector: Selector | None = None, **options) -> list[str]:
    result = find_inputs([root], selector or Selector(), **options)
    return sorted(item.relative.as_posix() for item in result.inputs)


def test_default_include_is_text_like_and_hidden_vcs_skipped(tmp_path: Path):
    tree(
        tmp_path,
        "a.txt", "b.md", "c.jsonl", "d.jsonl.gz", "e.ndjson", "notes.rst",
        "photo.png", "script.py", "data.csv",
        ".hidden.txt", ".git/x.txt", ".venv/lib/y.txt", "CVS/z.txt", "node_modules/m.md",
        "sub/deep/f.txt",
    )
    assert found(tmp_path) == ["a.txt", "b.md", "c.jsonl", "d.jsonl.gz", "e.ndjson", "notes.rst", "sub/deep/f.txt"]


def test_include_and_exclude_globs(tmp_path: Path):
    tree(tmp_path, "a.txt", "drafts/b.txt", "x/drafts/c.txt", "top.csv", "x/top.csv", "keep/d.txt")
    selector = Selector(include=["*.txt", "/top.csv"], exclude=["drafts/"])
    assert found(tmp_path, selector) == ["a.txt", "keep/d.txt", "top.csv"]


def test_named_files_are_filtered_too(tmp_path: Path, monkeypatch):
    tree(tmp_path, "a.txt", "b.py", "drafts/c.txt")
    monkeypatch.chdir(tmp_path)
    result = find_inputs([Path("a.txt"), Path("b.py"), Path("drafts/c.txt")], Selector(exclude=["drafts/"]))
    assert [i.path.as_posix() for i in result.inputs] == ["a.txt"]
    assert result.excluded == ["b.py", "drafts/c.txt"]


def test_out_and_log_folders_inside_the_input_are_not_read(tmp_path: Path):
    tree(tmp_path, "a.txt", "out/a.txt", "logs/a.txt.changes.json")
    assert found(tmp_path, skip_folders=[tmp_path / "out", tmp_path / "logs"]) == ["a.txt"]


def test_symlinks_stay_inside_the_tree_and_loops_end(tmp_path: Path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    tree(root, "a.txt", "sub/b.txt")
    tree(outside, "secret.txt")
    (root / "inside-link.txt").symlink_to(root / "sub" / "b.txt")
    (root / "outside-link.txt").symlink_to(outside / "secret.txt")
    (root / "broken.txt").symlink_to(root / "missing.txt")
    (root / "loop").symlink_to(root, target_is_directory=True)  # a folder link to itself
    (root / "sub" / "up").symlink_to(root.parent, target_is_directory=True)
    (root / "self.txt").symlink_to(root / "self.txt")
    result = find_inputs([root], Selector())
    assert sorted(i.relative.as_posix() for i in result.inputs) == ["a.txt", "inside-link.txt", "sub/b.txt"]
    reasons = dict(result.refused)
    assert "outside" in reasons[str(root / "outside-link.txt")]
    assert reasons[str(root / "broken.txt")] == "broken symlink"
    assert str(root / "self.txt") in reasons


def test_fix_does_not_write_through_symlinks(tmp_path: Path):
    tree(tmp_path, "a.txt")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    result = find_inputs([tmp_path], Selector(), follow_file_links=False)
    assert [i.relative.as_posix() for i in result.inputs] == ["a.txt"]
    assert [path for path, _ in result.refused] == [str(tmp_path / "link.txt")]


def test_unreadable_folder_does_not_stop_the_walk(tmp_path: Path, monkeypatch):
    tree(tmp_path, "a.txt", "locked/b.txt", "z/c.txt")
    real_scandir = os.scandir

    def scandir(path="."):  # as chmod 000 would, even for root (who reads everything)
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = find_inputs([tmp_path], Selector())
    assert sorted(i.relative.as_posix() for i in result.inputs) == ["a.txt", "z/c.txt"]
    assert result.unreadable == [(str(tmp_path / "locked"), "cannot read folder: Permission denied")]
