"""Which rules run: ruff-style selection by code, code prefix or name."""

from __future__ import annotations

from typing import Iterable, Sequence

from cleaner.ruleset.model import Rule


class SelectionError(ValueError):
    """A selector matches no rule."""


def matches(rule: Rule, selector: str) -> bool:
    return selector == "ALL" or selector == rule.name or rule.code.startswith(selector)


def _check(rules: Sequence[Rule], selectors: Iterable[str], option: str) -> None:
    for selector in selectors:
        if not any(matches(rule, selector) for rule in rules):
            raise SelectionError(f"{option}: {selector!r} matches no rule code, prefix or name")


def select_rules(
    rules: Sequence[Rule],
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    unsafe_fixes: bool = False,
) -> list[Rule]:
    """The rules to run, in phase order.

    Without `select`, the rules that are on by default; `select` replaces that set and
    `extend_select` adds to it; `ignore` removes. Unsafe rules run only with `unsafe_fixes`,
    whatever selected them, as ruff's unsafe fixes do.
    """
    _check(rules, select or (), "select")
    _check(rules, ignore, "ignore")
    _check(rules, extend_select, "extend-select")
    chosen = []
    for rule in rules:
        wanted = any(matches(rule, s) for s in select) if select is not None else rule.default
        wanted = wanted or any(matches(rule, s) for s in extend_select)
        if wanted and not any(matches(rule, s) for s in ignore) and (unsafe_fixes or not rule.unsafe):
            chosen.append(rule)
    return sorted(chosen, key=lambda r: r.sort_key)
