"""Rule examples are tests: each example runs through its rule alone.

An example passes when the rule's screen lets a changing input through (a line rule's
triggers, on the lines it changes), the rule turns `input` into `output` (or leaves an
`unchanged` example alone), a second pass over the output changes nothing, and the change
log replays and reverts exactly. The test suite and `cleaner rules test DIR` both use this, and so may a
user's own test suite for their packs (README: Writing rules): it is public API.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from cleaner.changelog import replay, revert
from cleaner.screens import Facts

if TYPE_CHECKING:
    from cleaner.pipeline import Pipeline
    from cleaner.ruleset.model import Rule


__all__ = ["ExampleOutcome", "check_example", "check_examples"]


@dataclass(frozen=True)
class ExampleOutcome:
    id: str  # e.g. "WS001[example-2]"
    failure: str  # empty when it passed

    @property
    def passed(self) -> bool:
        return not self.failure

    def __str__(self) -> str:
        return self.id


def check_example(pipeline: "Pipeline", rule: "Rule", number: int) -> ExampleOutcome:
    """Run one example (`number` from 1) of `rule` through the rule alone."""
    example = rule.examples[number - 1]
    ident = f"{rule.code}[example-{number}]"
    if not example.unchanged and rule.screen is not None and not rule.screen(Facts(example.input)):
        return ExampleOutcome(ident, "the rule's triggers would skip this input: add the missing trigger")
    if not example.unchanged and not _edits_on_trigger_lines(rule, example.input):
        return ExampleOutcome(ident, "a change lies on a line holding none of the rule's triggers: a line rule's match needs one on its line")
    result = pipeline.run_rules(example.input, [rule])
    if result.problems:
        return ExampleOutcome(ident, "; ".join(result.problems))
    if result.text != example.output:
        return ExampleOutcome(ident, f"expected {example.output!r}, got {result.text!r}")
    again = pipeline.run_rules(result.text, [rule])
    if again.text != result.text:
        return ExampleOutcome(ident, f"a second pass changed the output again: {again.text!r}")
    if replay(example.input, result.changes) != result.text or revert(result.text, result.changes) != example.input:
        return ExampleOutcome(ident, "the change log does not replay/revert exactly")
    return ExampleOutcome(ident, "")


def _edits_on_trigger_lines(rule: "Rule", text: str) -> bool:
    """For a line rule with triggers: whether every change it makes lies on a line holding
    a trigger (a large text is searched on those lines only)."""
    locate = getattr(rule.find, "locate", None)
    if locate is None:
        return True
    lines = locate(text)
    return all(
        any(start <= edit.start and edit.end <= end for start, end in lines)
        for edit in rule.find(text, Facts(text, narrow=False))
    )


def check_examples(pipeline: "Pipeline", rules: "list[Rule] | None" = None) -> Iterator[ExampleOutcome]:
    """Every example of `rules` (default: every rule the pipeline loaded, selected or not)."""
    for rule in rules if rules is not None else pipeline.available:
        for number in range(1, len(rule.examples) + 1):
            yield check_example(pipeline, rule, number)
