"""[tool.cleaner] / cleaner.toml: found upward, strict keys, flags on top."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner.config import ConfigError, Settings, find_config, load_config, settings_for
from test_cli import run

WEB_RULE = """
[[rule]]
code = "WEB001"
name = "menu-line"
summary = "Drop a 'Menu' line"
phase = "boilerplate"
order = 1
safety = "safe"
kind = "drop"
pattern = 'Menu'
profiles = ["web"]
[[rule.example]]
input = "Menu\\nText.\\n"
output = "Text.\\n"
[[rule.example]]
unchanged = "The Menu of the day.\\n"
"""


def test_found_from_a_subfolder_and_cleaner_toml_first(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nignore = ["WS"]\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(sub) == tmp_path / "pyproject.toml"
    assert settings_for(None, sub).ignore == ("WS",)
    (tmp_path / "a" / "cleaner.toml").write_text('select = ["QT"]\n')
    assert find_config(sub) == tmp_path / "a" / "cleaner.toml"
    assert settings_for(None, sub).select == ("QT",)


def test_pyproject_without_our_table_is_passed_over(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nprofile = "default"\n')
    inner = tmp_path / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(inner) == tmp_path / "pyproject.toml"


def test_every_key_loads(tmp_path: Path):
    (tmp_path / "cleaner.toml").write_text(
        'select = ["QT", "WS"]\nignore = ["WS005"]\nextend-select = ["AQ001"]\nextend-rules = ["my-rules"]\n'
        'profile = "default"\nquote-style = "ascii"\nunsafe-fixes = true\ninclude = ["*.txt"]\n'
        'extend-include = ["*.text"]\nexclude = ["drafts/"]\nextend-exclude = ["old/"]\ntext-field = "body"\n'
    )
    settings = load_config(tmp_path / "cleaner.toml")
    assert settings == Settings(
        select=("QT", "WS"), ignore=("WS005",), extend_select=("AQ001",), extend_rules=(tmp_path / "my-rules",),
        quote_style="ascii", unsafe_fixes=True, include=("*.txt",), extend_include=("*.text",),
        exclude=("drafts/",), extend_exclude=("old/",), text_field="body",
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[tool.cleaner]\nselct = ["QT"]\n', "unknown key 'selct' (did you mean 'select'?)"),
        ('[tool.cleaner]\nselect = "QT"\n', "'select' must be a list of strings"),
        ('[tool.cleaner]\nunsafe-fixes = "yes"\n', "'unsafe-fixes' must be a bool, not str"),
        ("[tool.cleaner\n", "invalid TOML"),
    ],
)
def test_bad_configuration_names_the_key(tmp_path: Path, body: str, message: str):
    (tmp_path / "pyproject.toml").write_text(body)
    with pytest.raises(ConfigError, match=None) as error:
        load_config(tmp_path / "pyproject.toml")
    assert message in str(error.value) and str(tmp_path / "pyproject.toml") in str(error.value)


def test_a_bad_quote_style_in_the_file_is_one_line_naming_the_file(tmp_path: Path):
    # Checked once, when the Pipeline is built; the message says where the value came from.
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nquote-style = "fancy"\n')
    (tmp_path / "a.txt").write_text("x\n")
    proc = run("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().strip().splitlines() == [
        f"error: {tmp_path / 'pyproject.toml'}: quote-style must be one of keep, ascii, not 'fancy'"
    ]


def test_cli_reads_config_and_flags_override(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nselect = ["SP001"]\n')
    (tmp_path / "a.txt").write_text("China\u201ds\u00a0x\n")
    proc = run("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 1 and "would clean a.txt (1 change)" in proc.stderr.decode()
    proc = run("check", "a.txt", "--select", "QT001,SP001", cwd=tmp_path)
    assert "would clean a.txt (2 changes)" in proc.stderr.decode()
    proc = run("check", "a.txt", "--select", "WS", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr


def test_cli_unknown_key_exits_2_with_one_line(tmp_path: Path):
    (tmp_path / "cleaner.toml").write_text("colour = 1\n")
    (tmp_path / "a.txt").write_text("x\n")
    proc = run("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "cleaner.toml: unknown key 'colour'" in lines[0]


def test_explicit_config_file_and_extend_rules_relative_to_it(tmp_path: Path):
    conf = tmp_path / "conf"
    (conf / "rules").mkdir(parents=True)
    (conf / "rules" / "web.toml").write_text(WEB_RULE)
    (conf / "settings.toml").write_text('extend-rules = ["rules"]\nprofile = "web"\n')
    (tmp_path / "page.txt").write_text("Menu\nText.\n")
    proc = run("check", "page.txt", "--config", str(conf / "settings.toml"), cwd=tmp_path)
    assert proc.returncode == 1 and "would clean page.txt (1 change)" in proc.stderr.decode()
    proc = run("check", "page.txt", "--config", str(conf / "settings.toml"), "--profile", "default", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr  # the web rule is off outside its profile
    proc = run("check", "page.txt", "--config", str(tmp_path / "nope.toml"), cwd=tmp_path)
    assert proc.returncode == 2 and "nope.toml: no such configuration file" in proc.stderr.decode()


def test_profiles_select_rules(tmp_path: Path):
    (tmp_path / "web.toml").write_text(WEB_RULE)
    assert "WEB001" not in [r.code for r in cleaner.Pipeline(rule_dirs=[tmp_path]).rules]
    assert "WEB001" in [r.code for r in cleaner.Pipeline(rule_dirs=[tmp_path], profile="web").rules]
    with pytest.raises(cleaner.SelectionError, match="'print' is not a known profile"):
        cleaner.Pipeline(rule_dirs=[tmp_path], profile="print")
