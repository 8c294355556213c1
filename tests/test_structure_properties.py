"""Structure rules touch only the opening lines, and never a character of the body.

Hypothesis builds texts from a headline-like line (Title Case, sentence case, ALL CAPS,
doubled with a site name) or none, a separator (glued, a line break, a blank line), and body
paragraphs of real-looking sentences (capitalised names, commas, wrapped lines). Whatever the
structure rules (HL*) do, every change must lie in the text's first lines, and where a change
touches the body it may only insert or widen a paragraph break.
"""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Pipeline

PIPELINE = Pipeline(select=["HL"])
WORDS = ["harbour", "ferry", "council", "timetable", "Monday", "Northwind", "residents", "new", "plan", "year",
         "Lisboa", "Maria", "Lopez", "the", "of", "in", "and", "for", "after", "votes", "opens", "city", "Herald"]
names = st.sampled_from(["Maria Lopez", "Orange County", "Northwind Pro", "City Herald", "Deutsche Bahn"])


@st.composite
def headline(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=10))
    style = draw(st.sampled_from(["title", "sentence", "caps", "doubled"]))
    if style == "title":
        line = " ".join(w if w in ("the", "of", "in", "and", "for") else w.capitalize() for w in words)
    elif style == "caps":
        line = " ".join(words).upper()
    else:
        line = " ".join(words).capitalize()
    if style == "doubled":
        line = f"{line} {line} - {draw(names)}"
    return line + draw(st.sampled_from(["", "?", "!", ":", ","]))


@st.composite
def sentence(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=6, max_size=18))
    if draw(st.booleans()):
        words.insert(draw(st.integers(0, len(words))), draw(names) + ",")
    return " ".join(words).capitalize() + draw(st.sampled_from([".", "!", "?", "."]))


@st.composite
def paragraph(draw) -> str:
    text = " ".join(draw(st.lists(sentence(), min_size=1, max_size=4)))
    if draw(st.booleans()):  # hard-wrapped at about 60 characters
        lines, line = [], ""
        for word in text.split(" "):
            if line and len(line) + len(word) > 60:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        text = "\n".join(lines + [line])
    return text


@settings(max_examples=int(os.environ.get("CLEANER_PROPERTY_EXAMPLES", "300")), deadline=None)
@given(
    head=st.one_of(st.none(), headline()),
    separator=st.sampled_from([" ", "\n", "\n\n"]),
    body=st.lists(paragraph(), min_size=1, max_size=4),
)
def test_structure_rules_touch_only_the_opening_lines_and_never_the_body(head, separator, body):
    body_text = "\n\n".join(body) + "\n"
    text = (head + separator if head is not None else "") + body_text
    body_start = len(text) - len(body_text)
    opening = text.count("\n", 0, body_start) + 3  # the headline's lines and the body's first two
    result = PIPELINE.clean(text)
    for change in result.changes:
        assert change.line <= opening, (change, text)
        if change.end > body_start:
            # Inside the body only a paragraph break may appear, where white space was.
            assert change.before.strip() == "" and change.after.strip() == "", (change, text)
    if head is None:
        assert result.text == text  # a body alone is never changed
    later = "\n\n".join(body[1:])
    assert result.text.endswith(later + "\n")
