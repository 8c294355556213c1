"""The headline rules' word scans find what the patterns they replace find.

`_whole_word`, `_capitalised_inside` and `_named_again` look for a word with `str.find` and
check its neighbours, where they once compiled a pattern for each word of each text; the
words themselves are found with Python's `re` and White_Space spelled out (`TOKEN`). The
patterns stay here as the reference, and hypothesis draws texts from characters where the
two could part: letters of several scripts and cases, marks, digits, the comma and semicolon
the patterns allow, white space and letters Python and `regex` disagree on (`\\x1c`, U+0C5C),
and the word itself.
"""

from __future__ import annotations

import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.transforms.headlines import TOKEN, Token, _capitalised_inside, _leading_tokens, _named_again, _whole_word, tokens

# U+0C5C and U+A7CB are letters to `regex` and not yet to this Python's own tables.
PIECES = ["a", "B", "é", "ß", "Ж", "я", "中", "ª", "\u0c5c", "\ua7cb", "\u0301", "1",
          " ", "  ", "\n", "\x1c", "\u3000", ",", ";", ".", "-", "'"]
WORDS = ["Plan", "plan", "Ab", "b", "El", "Ж", "中文", "1.1", "a-a"]
texts = st.lists(st.sampled_from(PIECES + WORDS), max_size=40).map("".join)


@st.composite
def around(draw, *words: str) -> str:
    """A text where the words often stand after a lower-case letter, a comma and spaces."""
    lead = st.sampled_from(["a", "é", "я", "ª", "\u0c5c", "B", "1", ",", ";", "", "a,", "b;", "a,,", "x."])
    gap = st.sampled_from([" ", "  ", "\n", "\x1c", "\u3000", "", "\t "])
    tail = st.sampled_from(["", " ", "a", "é", ".", "\u0301", "1", "\u0c5c"])
    parts = [draw(texts)]
    for _ in range(draw(st.integers(1, 4))):
        parts.append(draw(lead) + draw(gap) + draw(gap.map(lambda g: g.join(words)) if len(words) > 1 else st.just(words[0])) + draw(tail))
        parts.append(draw(texts))
    return "".join(parts)


def _whole_word_pattern(text: str, word: str, pos: int) -> list[int]:
    return [m.start() for m in regex.finditer(rf"(?<!\p{{L}}){regex.escape(word)}(?!\p{{L}})", text, pos=pos)]


@settings(max_examples=600, deadline=None)
@given(st.data(), st.sampled_from(WORDS), st.integers(0, 45))
def test_whole_word_finds_what_the_pattern_finds(data, word: str, pos: int) -> None:
    text = data.draw(st.one_of(texts, around(word)))
    assert list(_whole_word(text, word, pos)) == _whole_word_pattern(text, word, pos)


@settings(max_examples=600, deadline=None)
@given(st.data(), st.sampled_from(WORDS), st.integers(0, 45))
def test_capitalised_inside_as_its_pattern(data, word: str, end: int) -> None:
    text = data.draw(st.one_of(texts, around(word)))
    token = Token(max(0, end - len(word)), end, word)
    core = token.core
    expected = bool(core) and regex.compile(rf"\p{{Ll}}[,;]?\s+{regex.escape(core)}(?!\p{{L}})").search(text, end) is not None
    assert _capitalised_inside([], token, text) == expected


@settings(max_examples=600, deadline=None)
@given(st.data(), st.sampled_from(WORDS), st.sampled_from(WORDS))
def test_named_again_as_its_pattern(data, word: str, following: str) -> None:
    text = data.draw(st.one_of(texts, around(word, following)))
    pattern = regex.compile(rf"\p{{Ll}}[,;]?\s+{regex.escape(word)}\s+{regex.escape(following)}(?!\p{{L}})")
    assert _named_again(Token(0, len(word), word), Token(0, len(following), following), text) == (len(pattern.findall(text)) > 1)


def test_examples_read_by_eye() -> None:
    assert list(_whole_word("a plan, the planet, Plan plan", "plan")) == [2, 25]
    assert _capitalised_inside([], Token(0, 3, "Por"), "Por x: elija Por nombre, o por")
    assert not _capitalised_inside([], Token(0, 3, "Por"), "Por x: Elija. Por nombre")
    assert _named_again(Token(0, 2, "El"), Token(3, 12, "laberinto"), "la película El laberinto del fauno, de El laberinto")
    assert not _named_again(Token(0, 2, "El"), Token(3, 12, "laberinto"), "la película El laberinto del fauno. El laberinto")


def test_token_is_what_regex_calls_a_word() -> None:
    """TOKEN's class holds every code point that regex's `\\S` matches, and no other (U+001C
    is white space to Python's `str.split`, not to either pattern)."""
    spaces = {cp for cp in range(sys.maxunicode + 1) if TOKEN.match(chr(cp)) is None}
    assert spaces == {cp for cp in range(sys.maxunicode + 1) if regex.match(r"\s", chr(cp))}
    assert 0x1C not in spaces and 0x3000 in spaces and 0x200B not in spaces


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 30), st.integers(1, 60), st.integers(1, 12))
def test_tokens_as_the_pattern_splits(text: str, offset: int, scan: int, limit: int) -> None:
    expected = [Token(offset + m.start(), offset + m.end(), m.group()) for m in regex.finditer(r"\S+", text)]
    assert tokens(text, offset) == expected
    window = [Token(offset + m.start(), offset + m.end(), m.group()) for m in regex.finditer(r"\S+", text[:scan])]
    if len(window) > limit:
        window = window[:limit]
    elif len(text) > scan and window:
        window.pop()  # the window's last word may be cut
    assert _leading_tokens(text, offset, scan, limit) == window
    assert all(type(token) is Token for token in tokens(text, offset))
