"""`--html-report`: the page's content and caps, and the page in a real browser.

The browser test runs Debian's Chromium (`/usr/bin/chromium`, which `.ci/run` installs)
through Playwright: the page from a real run over the bundled examples loads without script
errors, its filters by rule and by file work, and a full-page screenshot, read back with
tesseract OCR, shows the expected headings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cleaner.batch import Mode, Outcome, Summary
from cleaner.findings import Finding
from cleaner.pipeline import Pipeline
from cleaner.report import MAX_FILES, SAMPLES_PER_RULE, HtmlReport
from conftest import ROOT
from test_cli import run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HEADINGS = ["Summary", "Changes per rule", "Changes in context", "Files", "Skipped files and problems"]


def _run_over_examples(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "examples", data)
    (data / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # skipped: listed with its reason
    page = tmp_path / "report.html"
    proc = run("clean", str(data), "--out", str(tmp_path / "out"), "--html-report", str(page), "-q")
    assert proc.returncode == 3, proc.stderr  # the binary file was skipped
    return page


def test_page_from_a_run_holds_summary_rules_changes_files_and_skips(tmp_path: Path):
    page = _run_over_examples(tmp_path).read_text(encoding="utf-8")
    for heading in HEADINGS:
        assert f">{heading}</h2>" in page
    assert '<div class="stat"><b>22</b>changes</div>' in page
    assert 'data-rule="QT001"' in page and "quote-as-apostrophe" in page
    assert "All 22 changes are shown." in page
    assert "scan.txt" in page and "binary file (PNG image)" in page
    # Invisible characters are drawn, with their code point: SP001's no-break space.
    assert 'title="U+00A0 NO-BREAK SPACE">⍽</span>' in page
    assert "http://" not in page and "https://" not in page and "<link" not in page  # self-contained


def _outcome(index: int, per_file: int, rules: list[str]) -> Outcome:
    found = [
        Finding(f"data/f{index:05}.txt", rules[(index + k) % len(rules)], "name", k + 1, 3, "”", "’", "The council", "s vote")
        for k in range(per_file)
    ]
    return Outcome(f"data/f{index:05}.txt", changed=True, changes=per_file, findings=found)


def test_a_big_run_is_sampled_capped_and_says_so():
    rules = [rule.code for rule in Pipeline().rules][:20]
    report = HtmlReport("clean", Pipeline().available)
    summary = Summary(Mode.CLEAN)
    for index in range(10_000):  # 10,000 files, 100,000 changes
        outcome = _outcome(index, 10, rules)
        report.add(outcome)
        summary.add(outcome)
    page = report.render(summary, 0)
    assert len(page.encode()) < 20_000_000
    assert page.count('<tr class="change"') == SAMPLES_PER_RULE * len(rules)
    assert f"{SAMPLES_PER_RULE * len(rules)} of 100000 changes are shown" in page
    assert page.count('<tr class="file ') == MAX_FILES
    assert f"The {MAX_FILES} files with most changes of 10000." in page
    # The same run gives the same page (the sample is seeded).
    again = HtmlReport("clean", Pipeline().available)
    again.started = report.started
    for index in range(10_000):
        again.add(_outcome(index, 10, rules))
    assert again.render(summary, 0) == page


def test_text_from_files_cannot_inject_markup():
    report = HtmlReport("check", Pipeline().available)
    evil = '<script>alert(1)</script>"'
    report.add(Outcome(f'a"{evil}.txt', changed=True, changes=1, findings=[Finding(f'a"{evil}.txt', "QT001", "n", 1, 1, evil, "x", evil, evil)]))
    page = report.render(Summary(Mode.CHECK), 1)
    assert "alert(1)" in page and "<script>alert" not in page
    assert page.count("<script>") == 1  # the page's own filter script only


def _tesseract(png: Path, layout: str = "7") -> str:
    """The text tesseract reads in an image (layout 7: one line; 3: a whole page)."""
    proc = subprocess.run(["tesseract", str(png), "-", "--psm", layout], capture_output=True, timeout=120)
    return proc.stdout.decode().strip()


@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="Chromium is not installed (.ci/run installs it)")
def test_page_renders_in_chromium_and_its_filters_work(tmp_path: Path):
    assert CHROMIUM, "Chromium is missing: .ci/run installs Debian's chromium"
    from playwright.sync_api import sync_playwright

    page_file = _run_over_examples(tmp_path)
    args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"]
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=2)  # sharper for OCR
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.goto(page_file.as_uri())
            assert page.locator("h2").all_text_contents() == HEADINGS
            rows = page.locator("tr.change")
            total = rows.count()
            assert total == 22

            page.select_option("#rule-filter", "QT001")  # by rule
            shown = page.locator("tr.change:not(.hidden)")
            assert shown.count() == 4
            assert set(shown.evaluate_all("rows => rows.map(r => r.dataset.rule)")) == {"QT001"}
            assert page.locator("#filter-count").text_content() == f"4 of {total} sampled changes match"

            page.click("#clear-filters")
            page.fill("#file-filter", "harbour")  # by file
            paths = shown.evaluate_all("rows => rows.map(r => r.dataset.path)")
            assert paths and all(path.endswith("harbour.txt") for path in paths)
            assert page.locator("tr.file:not(.hidden)").count() == 1

            page.click("#clear-filters")
            page.click("a.pick-rule[data-rule='BP001']")  # a rule's bar picks the rule
            assert page.locator("#rule-filter").input_value() == "BP001"
            assert set(shown.evaluate_all("rows => rows.map(r => r.dataset.rule)")) == {"BP001"}
            page.click("#clear-filters")
            assert shown.count() == total

            shot = tmp_path / "report.png"
            page.screenshot(path=str(shot), full_page=True)
            headings = page.locator("h1, h2")
            for index in range(headings.count()):  # each heading as drawn, for OCR
                headings.nth(index).screenshot(path=str(tmp_path / f"heading-{index}.png"))
        finally:
            browser.close()
    assert errors == []
    assert shot.stat().st_size > 10_000
    if shutil.which("tesseract") or os.environ.get("CI"):
        read = [_tesseract(tmp_path / f"heading-{index}.png") for index in range(len(HEADINGS) + 1)]
        assert read == ["cleaner clean report", *HEADINGS]
        assert "cleaner clean report" in _tesseract(shot, "3")  # and the whole page opens with the title


def test_reports_are_refused_with_stdin(tmp_path):
    proc = run("check", "-", "--html-report", str(tmp_path / "r.html"), stdin=b"It\xe2\x80\x9ds\n")
    assert proc.returncode == 2
    assert proc.stderr.decode() == "error: --html-report sums up a run over files; it does not go with '-' (stdin)\n"
    assert not (tmp_path / "r.html").exists()
