"""Composition of rule edits into net changes: the heart of exact replay and revert."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.edits import Edit, NetChange, apply_edits, compose, replay, touched_after
from cleaner.textunits import lines_around


def run(original: str, steps: list[list[Edit]]) -> tuple[str, list[NetChange]]:
    current, net = original, []
    for number, edits in enumerate(steps):
        net = compose(net, edits, current, original, f"R{number:03d}")
        current = apply_edits(current, edits)
    return current, net


def revert(output: str, net: list[NetChange], original: str) -> str:
    parts, pos, delta = [], 0, 0
    for change in net:
        out_start = change.start + delta
        parts += [output[pos:out_start], original[change.start : change.end]]
        pos = out_start + len(change.after)
        delta += len(change.after) - (change.end - change.start)
    return "".join(parts) + output[pos:]


def test_separate_edits_stay_separate():
    output, net = run("a”s b”s", [[Edit(1, 2, "’"), Edit(5, 6, "’")]])
    assert output == "a’s b’s"
    assert [(c.start, c.end, c.after) for c in net] == [(1, 2, "’"), (5, 6, "’")]


def test_offsets_after_a_deletion_point_into_the_input():
    output, net = run("x\x07 y\x00 z", [[Edit(1, 2, ""), Edit(4, 5, "")]])
    assert output == "x y z"
    assert [(c.start, c.end) for c in net] == [(1, 2), (4, 5)]


def test_a_later_rule_reworking_earlier_output_merges_and_names_both():
    # Step 1 repairs mojibake into a wrong quote; step 2 turns that quote into an apostrophe.
    original = "Chinaâ€\x9ds"
    output, net = run(original, [[Edit(5, 8, "”")], [Edit(5, 6, "’")]])
    assert output == "China’s"
    assert net == [NetChange(5, 8, "’", ("R000", "R001"))]


def test_undoing_an_earlier_change_leaves_no_entry():
    output, net = run("ab", [[Edit(1, 1, "X")], [Edit(1, 2, "")]])
    assert output == "ab" and net == []


def test_insertions_at_the_edges_of_a_change():
    original = "abc"
    output, net = run(original, [[Edit(1, 2, "B")], [Edit(1, 1, "<"), Edit(2, 2, ">")]])
    assert output == "a<B>c"
    assert replay(original, net) == output
    assert revert(output, net, original) == original


@st.composite
def edit_steps(draw):
    """A text and a few rounds of random non-overlapping edits on the text as it then is."""
    text = draw(st.text(alphabet="abc\n ", max_size=30))
    steps, current = [], text
    for _ in range(draw(st.integers(1, 5))):
        cuts = sorted(draw(st.lists(st.integers(0, len(current)), max_size=6)))
        edits = []
        for start, end in zip(cuts[::2], cuts[1::2]):
            edits.append(Edit(start, end, draw(st.text(alphabet="xyz\n", max_size=3))))
        edits = [e for e in edits if current[e.start : e.end] != e.replacement]
        steps.append(edits)
        current = apply_edits(current, edits)
    return text, steps


@settings(max_examples=400, deadline=None)
@given(edit_steps())
def test_compose_replays_and_reverts_exactly(case):
    original, steps = case
    output, net = run(original, steps)
    assert replay(original, net) == output
    assert revert(output, net, original) == original
    for change in net:
        assert original[change.start : change.end] != change.after


@st.composite
def text_edits_and_spans(draw):
    """A text, sorted non-overlapping edits of it, and sorted disjoint spans of it."""
    text = draw(st.text(alphabet="ab\n", max_size=30))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits, last = [], -1
    for start, end in zip(cuts[::2], cuts[1::2]):
        if start > last or (start == last and start != end):
            edits.append(Edit(start, end, draw(st.sampled_from(["", "x", "xyz\n"]))))
            last = end
    marks = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=6))))
    spans = list(zip(marks[::2], marks[1::2]))
    return text, edits, spans


@settings(max_examples=500, deadline=None)
@given(text_edits_and_spans())
def test_touched_after_covers_what_may_differ(case):
    """Every character of a span that survives the edits, and every character an edit
    wrote, lies in the carried spans; an edit that only deleted leaves a span where it was."""
    text, edits, spans = case
    carried = touched_after(spans, edits)
    after = apply_edits(text, edits)
    assert all(0 <= start <= end <= len(after) for start, end in carried)
    covered = lambda position: any(start <= position < end for start, end in carried)  # noqa: E731
    where, moved, old = {}, 0, 0
    for edit in edits:
        for position in range(old, edit.start):
            where[position] = position + moved
        for written in range(edit.start + moved, edit.start + moved + len(edit.replacement)):
            assert covered(written)
        if not edit.replacement:
            assert any(start <= edit.start + moved <= end for start, end in carried)
        moved += len(edit.replacement) - (edit.end - edit.start)
        old = edit.end
    for position in range(old, len(text)):
        where[position] = position + moved
    for start, end in spans:
        assert all(covered(where[p]) for p in range(start, end) if p in where)


def test_lines_around_takes_whole_lines():
    text = "ab\ncd\n\nef"
    assert lines_around(text, [(1, 1)]) == [(0, 3)]
    assert lines_around(text, [(1, 4)]) == [(0, 6)]  # a span across a break takes both lines
    assert lines_around(text, [(3, 3), (4, 5)]) == [(3, 6)]
    assert lines_around(text, [(6, 6)]) == [(6, 7)]  # the blank line
    assert lines_around(text, [(8, 9)]) == [(7, 9)]  # the last line, without a newline
    assert lines_around(text, [(0, 1), (8, 9)]) == [(0, 3), (7, 9)]
