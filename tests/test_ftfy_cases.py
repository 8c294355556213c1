"""ftfy's own test cases through clean_text: at least ftfy's own score, no negative broken."""

from __future__ import annotations

from test_decode import _load_script

from conftest import shared_dir

import cleaner


def test_ftfy_cases():
    root = shared_dir("data", "ftfy-cases")
    script = _load_script("eval_ftfy_cases")
    right, total, negatives_kept, negatives, misses = script.score(root, lambda t: cleaner.clean_text(t).text)
    assert total == 161
    assert right >= 152, misses
    assert negatives_kept == negatives == 31, misses
