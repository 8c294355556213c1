"""The article extraction benchmark script: its scoring reproduces the published raw figures,
and cleaning never makes an input score worse."""

from __future__ import annotations

from conftest import shared_dir
from test_decode import _load_script

eval_aeb = _load_script("eval_aeb")


def test_scoring_matches_the_published_raw_figures():
    root = shared_dir("data", "aeb")
    truth = eval_aeb.load(root, "ground-truth")
    for name, f1 in (("html-text", 0.665), ("trafilatura", 0.958)):
        raw = eval_aeb.load(root, name)
        assert round(eval_aeb.scores(eval_aeb.page_counts(truth[k], raw[k]) for k in truth)["f1"], 3) == f1


def test_default_profile_improves_both_inputs():
    root = shared_dir("data", "aeb")
    for name in ("html-text", "trafilatura"):
        result = eval_aeb.evaluate(root, name, "default")
        assert result["all", "cleaned"]["f1"] > result["all", "raw"]["f1"], name
        # Recall within 0.001 of the input's: on trafilatura's output the only lines lost are ones
        # the ground truth counts although they are boilerplate kinds (README, "Measured").
        assert result["all", "cleaned"]["recall"] > result["all", "raw"]["recall"] - 0.001, name


def test_web_profile_reaches_the_goal_on_whole_page_text():
    # The issue's goal: F1 >= 0.85 on the whole-page text (raw 0.665, C4's line filter 0.808).
    result = eval_aeb.evaluate(shared_dir("data", "aeb"), "html-text", "web")
    assert result["all", "cleaned"]["f1"] >= 0.85
    # Pages not in English (Chinese, Japanese, Korean among them) above jusText's
    # language-independent mode on the same pages (0.785, README): 0.777 before words were
    # counted in any script.
    assert result["other", "cleaned"]["f1"] > 0.80


def test_shingle_scoring_by_hand():
    assert eval_aeb.page_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = eval_aeb.page_counts("a b c d e", "a b c d x")  # shingles: abcd, bcde vs abcd, bcdx
    assert (tp, fp, fn) == (1 / 3, 1 / 3, 1 / 3)
