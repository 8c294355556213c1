"""Every example embedded in every shipped rule, as its own test: WS001[example-2]."""

from __future__ import annotations

import pytest

from cleaner import Pipeline
from cleaner.ruleset.examples import check_example

PIPELINE = Pipeline()
CASES = [(rule, n) for rule in PIPELINE.available for n in range(1, len(rule.examples) + 1)]


@pytest.mark.parametrize(("rule", "number"), CASES, ids=[f"{r.code}[example-{n}]" for r, n in CASES])
def test_rule_example(rule, number):
    outcome = check_example(PIPELINE, rule, number)
    assert outcome.passed, outcome.failure


def test_every_rule_has_a_changing_and_an_unchanged_example():
    for rule in PIPELINE.available:
        assert any(e.unchanged for e in rule.examples), rule.code
        assert any(not e.unchanged for e in rule.examples), rule.code


def test_shipped_rules_cover_every_phase_but_decode():
    phases = {rule.phase for rule in PIPELINE.available}
    assert {"repair", "normalize", "boilerplate", "structure", "layout"} <= phases
