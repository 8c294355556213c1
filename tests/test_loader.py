"""Strict rule loading: every mistake names the file, the rule and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Pipeline, RuleError
from cleaner.ruleset import load_rules
from cleaner.ruleset.select import SelectionError

GOOD = '''
[[rule]]
code = "XX001"
name = "shout"
summary = "Upper-case the word hello"
phase = "normalize"
order = 1
safety = "safe"
kind = "regex"
pattern = 'hello'
replacement = "HELLO"
{extra}

[[rule.example]]
input = "hello"
output = "HELLO"

[[rule.example]]
unchanged = "goodbye"
'''


def write(tmp_path: Path, text: str, name: str = "pack.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_rule_loads_and_runs(tmp_path):
    write(tmp_path, GOOD.format(extra=""))
    pipeline = Pipeline(builtin=False, rule_dirs=[tmp_path])
    assert pipeline.clean("say hello").text == "say HELLO"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.format(extra="colour = 'red'"), "rule XX001: key 'colour': unknown key"),
        (GOOD.format(extra="").replace("pattern = 'hello'", "pattern = 'hel(lo'"), "key 'pattern': invalid regex"),
        (GOOD.format(extra="").replace('phase = "normalize"', 'phase = "tidy"'), "key 'phase': must be one of"),
        (GOOD.format(extra="").replace('code = "XX001"', 'code = "x1"'), "key 'code'"),
        (GOOD.format(extra="").replace('kind = "regex"', 'kind = "magic"'), "key 'kind'"),
        (GOOD.format(extra="").replace('order = 1', 'order = "1"'), "key 'order': must be a int"),
        (GOOD.format(extra="").replace('replacement = "HELLO"', 'replacement = "\\\\2"'), "key 'replacement'"),
        (GOOD.format(extra="").split("[[rule.example]]\nunchanged")[0], "needs at least one 'unchanged'"),
        (GOOD.format(extra="").replace('summary = "Upper-case the word hello"\n', ""), "key 'summary': is missing"),
        (GOOD.format(extra="trigger_class = '[a-z]'"), "key 'trigger_class': a trigger class may only hold"),
        (GOOD.format(extra="trigger_class = '[\\u00a0'"), "key 'trigger_class'"),
        (GOOD.format(extra='triggers = [""]'), "key 'triggers': must be a list of non-empty strings"),
        (GOOD.format(extra="weak = 'x'"), "key 'weak': unknown key"),
        ("[[rule]\n", "invalid TOML"),
        ("[meta]\nx = 1\n", "unknown top-level key 'meta'"),
    ],
)
def test_bad_rule_files_are_named_errors(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(RuleError) as caught:
        load_rules([tmp_path])
    assert str(path) in str(caught.value)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_triggers_that_miss_a_changing_example_fail_its_test(tmp_path):
    from cleaner.ruleset.examples import check_examples

    write(tmp_path, GOOD.format(extra='triggers = ["bye"]'))
    pipeline = Pipeline(builtin=False, rule_dirs=[tmp_path])
    outcomes = list(check_examples(pipeline))
    assert "triggers would skip this input" in outcomes[0].failure
    assert pipeline.clean("hello").text == "hello"  # screened out, as declared
    assert Pipeline(builtin=False, rule_dirs=[tmp_path], screens=False).clean("hello").text == "HELLO"


def test_a_line_rule_changing_a_line_without_its_trigger_fails_its_test(tmp_path):
    """Triggers of a `span = "line"` rule must be on the line it changes: a large text is
    searched on its trigger lines only, so an example whose trigger sits elsewhere fails."""
    from cleaner.ruleset.examples import check_examples

    text = GOOD.format(extra='triggers = ["say"]\nspan = "line"').replace('input = "hello"', 'input = "say\\nhello"').replace('output = "HELLO"', 'output = "say\\nHELLO"')
    write(tmp_path, text)
    outcomes = list(check_examples(Pipeline(builtin=False, rule_dirs=[tmp_path])))
    assert "holding none of the rule's triggers" in outcomes[0].failure
    write(tmp_path, text.replace('triggers = ["say"]', 'triggers = ["hel"]'))
    assert all(o.passed for o in check_examples(Pipeline(builtin=False, rule_dirs=[tmp_path])))


def test_duplicate_codes_across_files(tmp_path):
    write(tmp_path, GOOD.format(extra=""), "a.toml")
    write(tmp_path, GOOD.format(extra="").replace('name = "shout"', 'name = "yell"'), "b.toml")
    with pytest.raises(RuleError, match="duplicate code 'XX001'"):
        load_rules([tmp_path])


def test_unknown_transform_and_bad_params(tmp_path):
    text = GOOD.format(extra="").replace('kind = "regex"\npattern = \'hello\'\nreplacement = "HELLO"', 'kind = "transform"\nfunction = "nope"')
    write(tmp_path, text)
    with pytest.raises(RuleError, match="key 'function': unknown transform 'nope'"):
        load_rules([tmp_path])
    write(tmp_path, text.replace('"nope"', '"headline_gap"\nparams = { colour = 1 }'))
    with pytest.raises(RuleError, match="key 'params'"):
        load_rules([tmp_path])


@pytest.mark.parametrize(
    "function, params, message",
    [
        ("unicode_normal_form", 'form = "BOGUS"', "form = 'BOGUS': must be one of 'NFC', 'NFKC'"),
        ("headline_gap", 'max_words = "many"', "max_words = 'many': must be a int, not str"),
        ("headline_gap", "max_words = true", "max_words = True: must be a int, not bool"),
        ("fullwidth_latin", "punctuation = 1", "punctuation = 1: must be a bool, not int"),
    ],
)
def test_transform_parameters_are_checked_at_load_time(tmp_path, function, params, message):
    text = GOOD.format(extra="").replace(
        'kind = "regex"\npattern = \'hello\'\nreplacement = "HELLO"',
        f'kind = "transform"\nfunction = "{function}"\nparams = {{ {params} }}',
    )
    write(tmp_path, text)
    with pytest.raises(RuleError) as caught:
        load_rules([tmp_path])
    assert f"rule XX001: key 'params': transform '{function}': {message}" in str(caught.value)


def test_selection_by_code_prefix_and_name():
    codes = lambda p: {r.code for r in p.rules}  # noqa: E731
    assert codes(Pipeline(select=["WS"])) == {"WS001", "WS002", "WS003", "WS004", "WS005"}
    assert codes(Pipeline(select=["trailing-whitespace", "QT001"])) == {"WS002", "QT001"}
    assert "WS002" not in codes(Pipeline(ignore=["WS002"]))
    assert "AQ001" not in codes(Pipeline(select=["ALL"]))  # unsafe needs unsafe_fixes
    assert "AQ001" in codes(Pipeline(select=["ALL"], unsafe_fixes=True))
    with pytest.raises(SelectionError, match="'ZZ9' matches no rule"):
        Pipeline(select=["ZZ9"])


def test_a_regex_timeout_costs_only_that_rule(tmp_path, monkeypatch):
    import cleaner.budget as budget

    monkeypatch.setattr(budget, "BASE_SECONDS", 0.05)
    slow = GOOD.format(extra="").replace("pattern = 'hello'", r"pattern = '(\w+\s?)+\d$'").replace(
        'input = "hello"\noutput = "HELLO"', 'input = "hello 1"\noutput = "HELLO"'
    )
    write(tmp_path, slow)
    pipeline = Pipeline(rule_dirs=[tmp_path])
    text = "word " * 3000 + "x it\u201ds"
    result = pipeline.clean(text)
    # The slow rule changed nothing and said so; every other rule did its work.
    assert result.text == text.rstrip() .replace("\u201ds", "\u2019s") + "\n"
    assert [c.rule for c in result.changes] == ["QT001", "WS005"]
    assert result.problems == ["XX001 (shout): timed out on the whole text; left unchanged there by this rule"]


def test_a_drop_rule_has_one_budget_per_text_not_per_line(tmp_path, monkeypatch):
    import time

    import cleaner.budget as budget

    monkeypatch.setattr(budget, "BASE_SECONDS", 0.3)
    catastrophic = GOOD.format(extra="").replace('kind = "regex"', 'kind = "drop"').replace(
        "pattern = 'hello'\nreplacement = \"HELLO\"", "pattern = '(?:a|aa)+b'"
    ).replace('input = "hello"\noutput = "HELLO"', 'input = "keep\\nab"\noutput = "keep\\n"')
    write(tmp_path, catastrophic)
    pipeline = Pipeline(builtin=False, rule_dirs=[tmp_path])
    text = "\n".join(["a" * 30] * 30) + "\n"
    started = time.perf_counter()
    result = pipeline.clean(text)
    took = time.perf_counter() - started
    assert result.text == text and "timed out" in result.problems[0]
    assert took < 3, took  # per line it would be 30 budgets: 9 s and more


def test_a_line_rule_on_a_large_text_loses_only_the_block_that_timed_out(monkeypatch):
    import cleaner.ruleset.kinds.replace as kinds
    from cleaner.budget import RuleTimeout

    monkeypatch.setattr(kinds, "BLOCK", 20_000)
    rule = next(r for r in Pipeline().rules if r.code == "WS002")
    text = "".join(f"line {n} \n" for n in range(10_000))
    assert len(rule.find(text)) == 10_000  # block by block, the same edits as one search
    real = kinds.seconds_for
    calls = []

    def second_block_spent(size):
        calls.append(size)
        return 1e-9 if len(calls) == 2 else real(size)

    monkeypatch.setattr(kinds, "seconds_for", second_block_spent)
    with pytest.raises(RuleTimeout) as caught:
        rule.find(text)
    assert caught.value.where.startswith("lines ") and not caught.value.where.startswith("lines 1-")
    assert 7_000 <= len(caught.value.edits) < 10_000


def test_a_rule_set_that_does_not_settle_is_reported(tmp_path):
    flip = GOOD.format(extra="")
    flop = (
        GOOD.format(extra="")
        .replace('"XX001"', '"XX002"')
        .replace('"shout"', '"whisper"')
        .replace("pattern = 'hello'", "pattern = 'HELLO'")
        .replace('replacement = "HELLO"', 'replacement = "hello"')
        .replace('input = "hello"\noutput = "HELLO"', 'input = "HELLO"\noutput = "hello"')
    )
    write(tmp_path, flip, "flip.toml")
    write(tmp_path, flop, "flop.toml")
    result = Pipeline(builtin=False, rule_dirs=[tmp_path]).clean("hello")
    assert result.problems == ["rules did not settle within 4 rounds"]


def test_the_shipped_packs_read_in_file_order_are_in_run_order():
    # One grouping (by phase, numbered), safety and profile as keys: a reader of rules/ sees
    # the rules in the order they run.
    import tomllib

    from cleaner.ruleset import builtin_rules_dir, load_rules

    files = sorted(builtin_rules_dir().glob("*.toml"))
    in_files = [rule["code"] for path in files for rule in tomllib.loads(path.read_text(encoding="utf-8"))["rule"]]
    assert in_files == [rule.code for rule in load_rules([builtin_rules_dir()])]


def test_a_rule_file_read_before_compiles_its_patterns_on_first_use(tmp_path, monkeypatch):
    """Start-up cost: the second load of the same bytes defers its patterns (a marker keyed
    by their hash says they loaded without error), and a pattern compiled in an earlier run
    comes from the user's cache; a changed file is checked at once again."""
    import regex

    from cleaner.ruleset.kinds import base

    asked, compiled = [], []
    real_compile, real_cached = regex.compile, base.compiled
    monkeypatch.setattr(regex, "compile", lambda source, *a, **k: compiled.append(source) or real_compile(source, *a, **k))
    monkeypatch.setattr(base, "compiled", lambda source: asked.append(source) or real_cached(source))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CLEANER_NO_CACHE", raising=False)
    rules = tmp_path / "rules"
    rules.mkdir()
    write(rules, GOOD.format(extra=""))
    first = Pipeline(builtin=False, rule_dirs=[rules])
    assert asked == compiled == ["hello"]  # new bytes: compiled (and so checked) at load
    second = Pipeline(builtin=False, rule_dirs=[rules])
    assert asked == ["hello"]  # the same bytes again: not yet
    assert first.clean("hello").text == second.clean("hello").text == "HELLO"
    assert asked == ["hello", "hello"]  # on first use...
    assert compiled == ["hello"]  # ...from the cache, not compiled again
    write(rules, GOOD.format(extra="").replace("pattern = 'hello'", "pattern = 'hel(lo'"))
    with pytest.raises(RuleError, match="invalid regex"):
        load_rules([rules])  # changed bytes: compiled at load, the error named there
    monkeypatch.setenv("CLEANER_NO_CACHE", "1")
    write(rules, GOOD.format(extra=""))
    Pipeline(builtin=False, rule_dirs=[rules])
    assert compiled[-1] == "hello" and len(compiled) == 3  # caching off: compiled at load, every time
