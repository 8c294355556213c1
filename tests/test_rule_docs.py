"""Rule documentation: `cleaner rule CODE`, every shipped rule described, the README's table in step."""

from __future__ import annotations

import re

import pytest

from cleaner import Pipeline
from conftest import ROOT
from test_cli import run

RULES = Pipeline().available


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_shipped_rule_says_what_why_and_when_it_is_risky(rule):
    assert len(rule.description) > 80, f"{rule.code}: describe what it does, why it exists and when it is risky"
    assert "Risk" in rule.description, f"{rule.code}: the description should say when the rule is risky"


def test_rule_prints_description_settings_and_examples():
    proc = run("rule", "QT001")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert out.startswith("QT001 quote-as-apostrophe\n")
    assert "Word's autocorrect" in " ".join(out.split())  # the description, wrapped
    assert "phase: repair    safety: safe    kind: regex    profiles: all" in out
    assert "on by default: yes" in out and "defined in: 1-repair.toml (built in)" in out
    assert "  China”s party, don”t" in out and "    -> China’s party, don’t" in out
    assert "  unchanged: the need to navigate “profound and complex” changes" in out


def test_rule_takes_a_name_and_shows_profiles_and_invisibles():
    out = run("rule", "short-line-runs").stdout.decode()
    assert out.startswith("WB005 short-line-runs") and "profiles: web" in out
    assert "runs with this configuration: no" in out  # the web profile is not on
    assert "\\n" in out  # examples' line breaks are spelled out, one example per line


def test_unknown_rule_is_a_one_line_error_with_a_hint():
    proc = run("rule", "QT01")
    assert proc.returncode == 2
    assert proc.stderr.decode() == "error: no rule 'QT01' (did you mean QT001?)\n"


def test_readme_rule_table_is_the_generated_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- rules table: cleaner rules --output-format markdown -->\n(.*?)<!-- end of rules table -->", readme, re.S)
    assert found, "the README's rule table markers are missing"
    proc = run("rules", "--output-format", "markdown")
    assert proc.returncode == 0, proc.stderr
    assert found.group(1) == proc.stdout.decode(), "README rule table is stale: run python scripts/build_readme_rules.py"
    assert len(found.group(1).splitlines()) == len(RULES) + 2


def test_rule_explains_a_users_own_rule_too(tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text(
        '[[rule]]\ncode = "MY001"\nname = "no-lorem"\nsummary = "Drop lorem ipsum lines"\n'
        "description = '''\nFiller from templates. Risk: an article about lorem ipsum.'''\n"
        'phase = "boilerplate"\norder = 50\nsafety = "safe"\nkind = "drop"\npattern = \'(?i)lorem ipsum.*\'\n\n'
        '[[rule.example]]\ninput = "Real text.\\nLorem ipsum dolor\\n"\noutput = "Real text.\\n"\n\n'
        '[[rule.example]]\nunchanged = "Real text about lorem ipsum.\\n"\n',
        encoding="utf-8",
    )
    out = run("rule", "no-lorem", "--rules", str(tmp_path)).stdout.decode()
    assert out.startswith("MY001 no-lorem\n\nDrop lorem ipsum lines.\n\nFiller from templates. Risk: an article about lorem ipsum.\n")
    assert f"defined in: {pack}" in out
