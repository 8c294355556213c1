"""Property-based tests of the whole pipeline: no crash, idempotent, exact replay/revert."""

from __future__ import annotations

import json

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.changelog import schema

# Text rich in what the rules look for: mojibake pieces, quotes, controls, CJK, emoji, NBSP,
# bidi controls.
PIECES = st.sampled_from(
    ["China", "”", "“", "’", "s", " ", "\n", "\r\n", "\u00a0", "\u00ad", "\u200b", "\u200d", "\ufeff", "Ã", "©",
     "â€", "™", "\x9d", "\x07", "\x1b[0m", "&amp;", "&#8217;", "ﬁ", "Ｘ", "，", "中文", "é", "e\u0301", "👩", "💻",
     "Leave a Comment", "Your email address will not be published.", "Tech ", "Plan ", "The ", "is ", ".", "\t",
     # bidi controls around Hebrew (kept when closed in a right-to-left line), CJK titles
     "\u202a", "\u202c", "\u202e", "\u2066", "\u2069", "שלום", "仮想コンソール ", "デフォルトの", "。"]
)
TEXTS = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=60).map("".join))
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALIDATOR = jsonschema.Draft202012Validator(schema())


@SETTINGS
@given(TEXTS)
def test_cleaning_never_raises_and_is_idempotent(text):
    result = cleaner.clean_text(text)
    assert not result.problems
    assert cleaner.clean_text(result.text).text == result.text


@SETTINGS
@given(TEXTS)
def test_change_log_replays_and_reverts_exactly(text):
    result = cleaner.clean_text(text)
    assert cleaner.replay(text, result.changes) == result.text
    assert cleaner.revert(result.text, result.changes) == text
    # Through JSON, as a reviewer's tool would read it.
    log = json.loads(result.log(source=None).dumps())
    VALIDATOR.validate(log)
    assert cleaner.replay(text, log["changes"]) == result.text
    assert cleaner.revert(result.text, log["changes"]) == text


# Page-shaped text for the web profile: lines of menu items, link lists, sentences, lists.
PAGE_LINES = st.sampled_from(
    ["", "Home", "News > World > Europe", "About / Contact / Jobs", "3 comments", "Most Read", "Title | Site",
     "Harbour Tunnel Opens", "The list:", "Milk", "It rained.", "Share this article", "© 2025 Site. All rights reserved.",
     "The council said on Monday that the harbour tunnel would open to traffic two years later than planned.",
     "Engineers blamed soft clay under the old quay, which forced a redesign of the northern entrance twice."]
)
PAGES = st.lists(PAGE_LINES, max_size=40).map("\n".join)


@SETTINGS
@given(PAGES)
def test_web_profile_is_idempotent_and_replays(text):
    result = cleaner.clean_text(text, profile="web")
    assert not result.problems
    assert cleaner.clean_text(result.text, profile="web").text == result.text
    assert cleaner.replay(text, result.changes) == result.text
    assert cleaner.revert(result.text, result.changes) == text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_decode_or_fail_cleanly(data):
    try:
        result = cleaner.clean_bytes(data)
    except cleaner.DecodeError:
        return
    assert cleaner.revert(result.text, result.changes) == result.input
