"""Rules as data: the model, strict loading from TOML, and ruff-style selection."""

from cleaner.ruleset.loader import RuleError, builtin_rules_dir, load_rules
from cleaner.ruleset.model import PHASES, Example, Rule
from cleaner.ruleset.select import select_rules

__all__ = ["PHASES", "Example", "Rule", "RuleError", "builtin_rules_dir", "load_rules", "select_rules"]
