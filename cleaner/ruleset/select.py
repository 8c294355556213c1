"""Which rules run: ruff-style selection by code, code prefix or name."""

from __future__ import annotations

from typing import Iterable, Sequence

from cleaner.ruleset.model import DEFAULT_PROFILE, Rule


class SelectionError(ValueError):
    """A selector matches no rule; `option` names the setting it came from (select, ignore...)."""

    def __init__(self, message: str, option: str):
        super().__init__(message)
        self.option = option


def matches(rule: Rule, selector: str) -> bool:
    return selector == "ALL" or selector == rule.name or rule.code.startswith(selector)


def _check(rules: Sequence[Rule], selectors: Iterable[str], option: str) -> None:
    for selector in selectors:
        if not any(matches(rule, selector) for rule in rules):
            raise SelectionError(f"{option}: {selector!r} matches no rule code, prefix or name", option)


def known_profiles(rules: Iterable[Rule]) -> list[str]:
    """"default" and every profile a rule names."""
    return sorted({DEFAULT_PROFILE}.union(*(rule.profiles for rule in rules)))


def on_by_default(rule: Rule, profile: str) -> bool:
    return rule.default and (not rule.profiles or profile in rule.profiles)


def select_rules(
    rules: Sequence[Rule],
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    unsafe_fixes: bool = False,
    profile: str = DEFAULT_PROFILE,
) -> list[Rule]:
    """The rules to run, in phase order.

    Without `select`, the rules that are on by default in `profile` (a rule naming no profile
    belongs to all); `select` replaces that set and `extend_select` adds to it; `ignore`
    removes. Unsafe rules run only with `unsafe_fixes`, whatever selected them, as ruff's
    unsafe fixes do.
    """
    profiles = known_profiles(rules)
    if profile not in profiles:
        raise SelectionError(f"profile: {profile!r} is not a known profile ({', '.join(profiles)})", "profile")
    _check(rules, select or (), "select")
    _check(rules, ignore, "ignore")
    _check(rules, extend_select, "extend-select")
    chosen = []
    for rule in rules:
        wanted = any(matches(rule, s) for s in select) if select is not None else on_by_default(rule, profile)
        wanted = wanted or any(matches(rule, s) for s in extend_select)
        if wanted and not any(matches(rule, s) for s in ignore) and (unsafe_fixes or not rule.unsafe):
            chosen.append(rule)
    return sorted(chosen, key=lambda r: r.sort_key)
