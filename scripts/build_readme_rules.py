#!/usr/bin/env python3
"""Rewrite the README's rule table from the rules themselves (`cleaner rules --output-format
markdown`); tests/test_rule_docs.py fails when the two differ."""

from __future__ import annotations

import re
from pathlib import Path

from cleaner import Pipeline
from cleaner.render import rules_markdown

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- rules table: cleaner rules --output-format markdown -->\n", "<!-- end of rules table -->"

text = README.read_text(encoding="utf-8")
table = "\n".join(rules_markdown(Pipeline().available)) + "\n"
updated = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: START + table + END, text, count=1, flags=re.S)
README.write_text(updated, encoding="utf-8")
print("README rule table is", "unchanged" if updated == text else "updated")
