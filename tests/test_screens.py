"""The fast paths change nothing: screened rules, the mojibake pre-check and the shortened ftfy
loop give exactly what running everything gives."""

from __future__ import annotations

import json
import re
from unittest import mock

import ftfy
import pytest
import regex
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.ruleset.kinds import replace
from cleaner.screens import Facts, trigger_screen
from cleaner.transforms.encoding import LEAD_RUN, RUN_LEADS, mojibake_config, _expand, _fix_segment, _ftfy_would_change

from conftest import FIXTURES, shared_dir
from test_properties import PAGES, TEXTS

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Every character ftfy's badness regex talks about, plus ASCII and the usual prose punctuation.
FTFY_CHARS = "".join(_expand(chars) for chars in MOJIBAKE_CATEGORIES.values())
ALPHABET = st.sampled_from(sorted(set(FTFY_CHARS + "ŒœÂÃÎÐ×ØÙà√≈âóЂВГРСβΒΓΞΟāé’“”—– aAzZ.,?!1\xa0\x92\ud800")))
CHAR_SOUP = st.lists(ALPHABET, max_size=40).map("".join)


def mojibake(text: str, codec: str) -> str:
    return text.encode("utf-8").decode(codec, errors="replace")


REAL_MOJIBAKE = st.builds(
    mojibake,
    st.text(alphabet=st.sampled_from("abc éèüñ’“”—€中文ж"), max_size=30),
    st.sampled_from(["cp1252", "latin-1", "mac_roman", "cp1251", "cp437"]),
)


@SETTINGS
@given(st.one_of(CHAR_SOUP, REAL_MOJIBAKE))
def test_windowed_precheck_equals_ftfys_own_badness_test(segment):
    has_c1_or_surrogate = any(0x80 <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF for c in segment)
    assert _ftfy_would_change(segment) == (BADNESS_RE.search(segment) is not None or has_c1_or_surrogate)


@SETTINGS
@given(st.one_of(CHAR_SOUP, REAL_MOJIBAKE))
def test_shortened_ftfy_loop_equals_fix_text(segment):
    assert _fix_segment(segment) == ftfy.fix_text(segment, mojibake_config())
    if not _ftfy_would_change(segment):
        assert ftfy.fix_text(segment, mojibake_config()) == segment


SCREENED = cleaner.Pipeline()
EVERYTHING = cleaner.Pipeline(screens=False)
WEB_SCREENED = cleaner.Pipeline(profile="web")
WEB_EVERYTHING = cleaner.Pipeline(profile="web", screens=False)


def same_result(fast: cleaner.Pipeline, slow: cleaner.Pipeline, text: str) -> None:
    quick, full = fast.clean(text), slow.clean(text)
    assert quick.text == full.text
    assert quick.changes == full.changes
    assert quick.problems == full.problems


@SETTINGS
@given(st.one_of(TEXTS, REAL_MOJIBAKE, CHAR_SOUP))
def test_screened_pipeline_equals_running_every_rule(text):
    same_result(SCREENED, EVERYTHING, text)


@SETTINGS
@given(PAGES)
def test_screened_web_profile_equals_running_every_rule(text):
    same_result(WEB_SCREENED, WEB_EVERYTHING, text)


FIXTURE_FILES = sorted(p for p in FIXTURES.rglob("*.txt") if ".expected." not in p.name)


def layout_variants(text: str) -> list[str]:
    """The text, and the same with spaces at every line's end and blank lines doubled before
    it: what the layout rules fix last, after which the earlier rules are not run again."""
    return [text, text.replace("\n", "  \n"), "\n\n" + text.replace("\n\n", "\n\n\n")]


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_screened_pipeline_equals_running_every_rule_on_fixtures(path):
    for text in layout_variants(cleaner.clean_file(path).input):
        same_result(SCREENED, EVERYTHING, text)
        same_result(WEB_SCREENED, WEB_EVERYTHING, text)


def test_screened_pipeline_equals_running_every_rule_on_benchmark_pages():
    pages = json.loads(shared_dir("data", "aeb").joinpath("html-text.json").read_text(encoding="utf-8"))["output"]
    for key in sorted(pages)[:60]:
        text = pages[key]["articleBody"]
        same_result(SCREENED, EVERYTHING, text)
        same_result(WEB_SCREENED, WEB_EVERYTHING, text)


def test_triggers_ending_in_a_newline_also_match_at_the_end():
    screen = trigger_screen([" \n"])
    assert screen(Facts("a \nb")) and screen(Facts("ends with a space "))
    assert not screen(Facts("clean\ntext\n"))


def test_character_triggers_and_classes():
    assert trigger_screen(["\u00a0"])(Facts("no\u00a0break"))
    assert not trigger_screen(["\u00a0"])(Facts("plain"))
    by_class = trigger_screen(char_class="[\u2066-\u2069]")
    assert by_class(Facts("x\u2067y")) and not by_class(Facts("xy"))
    with pytest.raises(ValueError):
        trigger_screen(char_class="[a-z]")  # printable ASCII is not what a class screen sees


def test_facts_after_an_edit_keep_what_may_still_be_there():
    facts = Facts("caf\u00e9 \u00a0")
    assert facts.chars == {"\u00e9", "\u00a0"}
    later = facts.after("cafe \u2019", [cleaner.edits.Edit(3, 4, "e"), cleaner.edits.Edit(5, 6, "\u2019")])
    assert "\u2019" in later.chars  # what an edit brought in is seen; what it removed may linger


@SETTINGS
@given(st.one_of(TEXTS, REAL_MOJIBAKE, CHAR_SOUP))
def test_line_rules_searching_their_trigger_lines_only_find_the_same(text):
    """A line-local rule looks only at the lines holding one of its triggers (in texts over
    LOCATE_FROM characters: here in every text) and finds what a search of the whole finds."""
    with mock.patch.object(replace, "LOCATE_FROM", 0):
        same_result(SCREENED, EVERYTHING, text)


def test_large_dirty_text_settles_as_running_every_rule():
    """A text large enough for trigger lines, over several rounds (mojibake repaired into
    wrong quotes, then quotes fixed, then spaces and blank lines), with carried line
    verdicts: the same text and change log as the unscreened reference."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.txt")) if ".expected." not in p.name]
    lines = "\n".join(seeds * 8).split("\n")
    lines[::4] = [line.encode("utf-8").decode("cp1252", "replace") for line in lines[::4]]
    text = "\n".join(lines) + "\n\n\n\u00a0trailing \n"
    assert len(text) > replace.LOCATE_FROM
    same_result(SCREENED, EVERYTHING, text)
    assert SCREENED.clean(text).changes  # something to settle


CHAIN = '''
[[rule]]
code = "XX001"
name = "b-to-c"
summary = "A line-local rule that comes first, for what a later rule writes"
phase = "repair"
order = 1
safety = "safe"
triggers = ["b"]
kind = "regex"
span = "line"
pattern = 'b'
replacement = "c"

[[rule.example]]
input = "ab"
output = "ac"

[[rule.example]]
unchanged = "a"

[[rule]]
code = "XX002"
name = "a-to-b"
summary = "A later rule writing what the first one changes"
phase = "layout"
order = 1
safety = "safe"
kind = "regex"
pattern = '(?m)^a$'
replacement = "b"

[[rule.example]]
input = "a"
output = "b"

[[rule.example]]
unchanged = "x"
'''


@pytest.mark.parametrize("size", [3, 40_000])
def test_a_later_rules_output_is_seen_by_an_earlier_line_rule_next_round(tmp_path, size):
    """The second round looks at the lines the first round changed after the rule ran (and
    at the trigger lines of a large text): `a` becomes `b` late in round one, `c` in round two."""
    (tmp_path / "chain.toml").write_text(CHAIN, encoding="utf-8")
    text = "x\n" * size + "a\nx\nab\n"
    screened = cleaner.Pipeline(builtin=False, rule_dirs=[tmp_path])
    result = screened.clean(text)
    assert result.text == "x\n" * size + "c\nx\nac\n"
    same_result(screened, cleaner.Pipeline(builtin=False, rule_dirs=[tmp_path], screens=False), text)


@SETTINGS
@given(st.one_of(TEXTS, REAL_MOJIBAKE, CHAR_SOUP, st.text(alphabet=st.sampled_from("ÃÂâ€©™ \u00a0中éa\n"), max_size=30)))
def test_lead_runs_are_found_as_the_plain_definition_finds_them(text):
    """EN004's scan puts the look-behind after the lead (for speed): the same runs as the
    definition, a lead not preceded by a non-ASCII non-space character, and what follows."""
    plain = re.compile(r"(?<![^\x00-\x7f\s])[" + re.escape(RUN_LEADS) + r"](?:[^\x00-\x7f\s]|\u00a0(?=[^\x00-\x7f\s]))+")
    assert [m.span() for m in LEAD_RUN.finditer(text)] == [m.span() for m in plain.finditer(text)]


LINE_TRANSFORMS = [rule for rule in cleaner.Pipeline(unsafe_fixes=True).available if rule.kind == "transform" and rule.params.get("span") == "line"]


def test_some_transforms_say_they_are_line_local():
    assert {"EN001", "EN004", "UN001"} <= {rule.code for rule in LINE_TRANSFORMS}


@SETTINGS
@given(st.lists(st.one_of(TEXTS, REAL_MOJIBAKE, CHAR_SOUP), min_size=1, max_size=6).map("\n".join))
def test_line_local_transforms_do_to_each_line_what_they_do_to_the_whole(text):
    """A transform with `span = "line"` is run on the changed lines alone in a later round:
    that is sound only if its edits on a line depend on that line alone."""
    for rule in LINE_TRANSFORMS:
        whole = [(e.start, e.end, e.replacement) for e in rule.find(text, None)]
        by_line = []
        start = 0
        for line in regex.findall(r"[^\n]*\n|[^\n]+$", text):  # LF ends a line here, not NEL
            by_line.extend((start + e.start, start + e.end, e.replacement) for e in rule.find(line, None))
            start += len(line)
        assert whole == by_line, rule.code


@pytest.mark.parametrize(
    ("text", "edit", "layout"),
    [
        ("Title  \nBody\n", (5, 7, ""), True),  # spaces at a line's end
        ("One.\n\n\n\nTwo.\n", (4, 8, "\n\n"), True),  # blank lines between paragraphs, fewer
        ("\n\nTitle\n", (0, 2, ""), True),  # blank lines before the first line
        ("One.\nTwo.\n", (4, 5, "\n\n"), False),  # a paragraph break where there was none
        ("One.\n\nTwo.\n", (4, 6, "\n"), False),  # ... and one taken away
        ("Head Body\n", (4, 5, "\n\n"), False),  # a line split
        ("a  b\n", (1, 3, " "), False),  # spaces inside a line
        ("a\n  b\n", (2, 4, ""), False),  # indentation
        ("Ends here", (9, 9, "\n"), False),  # the final newline
        ("caf\u00e9 \n", (4, 5, ""), True),
        ("no\u00a0\n", (2, 3, ""), False),  # not layout whitespace
    ],
)
def test_layout_only_edits(text, edit, layout):
    assert cleaner.edits.layout_only(text, [cleaner.edits.Edit(*edit)]) is layout
