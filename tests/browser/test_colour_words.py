"""No information by colour alone (WCAG 1.4.1, issue 12): on every page that colour-codes
something — the result page and its review of each question type, the practice check, the
notebook, the progress chart, the exam's answer sheet, the instructor's heat picture — the
colour comes with a word, a sign, a shape or a line pattern. What can be checked mechanically:

- every sample in a legend (a line, a chip, a dot, a swatch) has words beside it;
- the line samples of one legend differ in their pattern (dashes, thickness), not only in colour;
- every status drawn on a review picture (missed, extra, wrong label, caught, ...) is also
  written on the picture, as a word or a sign;
- the reference and the candidate's keypoints differ in shape (squares and numbered dots);
- every marked run of a text review carries its status as a word;
- badges and option marks have words; the heat picture's shapes their percentage; the practice
  answer sheet's results a sign.

The pages are those of test_every_page.py (its module fixture `site`: the same candidate, attempts
and instructor), and a last test plants each kind of fault to show that the check finds it.
"""
from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import require_chromium

require_chromium()

from playwright.sync_api import Page  # noqa: E402

from tests.browser.test_every_page import (  # noqa: E402, F401 (site: the module fixture, used by name)
    Go,
    Site,
    analysis_of,
    exam_item,
    notebook,
    practice_item,
    progress,
    result,
    site,
)

pytestmark = pytest.mark.browser

# The problems of the page shown, as sentences (empty: nothing says its meaning by colour alone).
COLOUR_ALONE = r"""() => {
  const problems = [];
  const word = (text) => /[\p{L}✓✗△○!⚑]/u.test((text || "").replace(/IoU\s*[\d.]+/g, ""));
  const say = (el) => el.outerHTML.slice(0, 120);
  const STATUSES = ["missed", "extra", "wrong_label", "flawed", "caught", "wrong_reason", "false_alarm", "approved_ok"];
  const SPAN_STATUSES = [...STATUSES, "found", "partial", "type_error"];
  const legendWord = (text) => /[\p{L}\p{N}✓✗△○!⚑]/u.test(text || "");  // a range (0–20%) is words too

  // 1. A legend's samples have words beside them (the entry's text, or the text right after the sample).
  const samples = ".legend svg, .legend .chip, .legend .dot, .legend span[aria-hidden], .legend mark, .heat-legend svg";
  for (const sample of document.querySelectorAll(samples)) {
    const entry = sample.closest("li");
    const next = sample.nextSibling;
    const text = entry ? entry.textContent : (next && next.nodeType === Node.TEXT_NODE ? next.textContent : "");
    if (!legendWord(text)) problems.push(`legend sample without words: ${say(entry || sample)}`);
  }
  // 2. The line samples of one legend differ in pattern, not only in colour.
  for (const legend of document.querySelectorAll(".review-legend")) {
    const seen = new Map();
    for (const line of legend.querySelectorAll("svg line")) {
      const style = getComputedStyle(line);
      const pattern = `${style.strokeDasharray} / ${style.strokeWidth}`;
      const text = line.closest("li").textContent.trim();
      if (seen.has(pattern)) problems.push(`"${seen.get(pattern)}" and "${text}" differ only in colour (${pattern})`);
      seen.set(pattern, text);
    }
  }
  // 3. Each status drawn on a review picture is written on it too.
  for (const svg of document.querySelectorAll("svg.review-svg")) {
    for (const shape of svg.querySelectorAll("rect, polygon, circle")) {
      for (const status of STATUSES.filter((s) => shape.classList.contains(s))) {
        const written = [...svg.querySelectorAll(`text.${status}`)].some((t) => word(t.textContent));
        if (!written) problems.push(`status "${status}" only in colour on a review picture: ${say(shape)}`);
      }
    }
    // 4. Reference and candidate keypoints differ in shape.
    const tags = (selector) => new Set([...svg.querySelectorAll(selector)].map((el) => el.tagName));
    const ref = tags(".ref-point"), cand = tags(".cand-point");
    if ([...ref].some((tag) => cand.has(tag))) problems.push("reference and candidate points have the same shape");
  }
  // 5. Every marked run of a reviewed text says its status in words.
  for (const mark of document.querySelectorAll(".span-text mark.span")) {
    const statuses = SPAN_STATUSES.filter((s) => mark.classList.contains(s));
    const words = [...mark.querySelectorAll(".mark-word")].filter((w) => word(w.textContent));
    if (words.length < statuses.length) problems.push(`a marked run without its status word: ${say(mark)}`);
  }
  // 6. Badges and option marks have words; heat shapes their percentage; practice results a sign.
  for (const el of document.querySelectorAll(".badge, .option .mark, .check-verdict")) {
    if (!word(el.textContent)) problems.push(`a coloured mark without words: ${say(el)}`);
  }
  for (const group of document.querySelectorAll(".heat-svg g.heat")) {
    const label = group.querySelector("text.heat-label");
    if (!label || !/\d+%/.test(label.textContent)) problems.push(`a heat shape without its percentage: ${say(group)}`);
  }
  for (const cell of document.querySelectorAll(".sheet-cell[data-result]")) {
    const sign = getComputedStyle(cell, "::before").content;
    if (!/[✓✗△]/.test(sign)) problems.push(`a practice result without its sign: ${say(cell)}`);
  }
  return problems;
}"""

OPEN_FOLDED = "() => document.querySelectorAll('details').forEach((d) => { d.open = true; })"


def colour_alone(page: Page) -> list[str]:
    page.evaluate(OPEN_FOLDED)
    return page.evaluate(COLOUR_ALONE)


def practice_checked(kind: str) -> Go:
    """A practice item checked, and the answer sheet's result sign beside it."""
    def go(page: Page, at: Site) -> None:
        practice_item(kind, checked=True)(page, at)
        page.locator('.sheet-cell[data-result]').first.wait_for(state="attached")
    return go


# Each page, who sees it, and what it must show (so that the check is not passed by an empty page).
PAGES: list[tuple[str, str, Go, tuple[str, ...]]] = [
    ("result-labeling", "candidate", result("practice"),
     (".review-legend svg line", "svg.review-svg text.missed", ".ref-point",
      ".span-text mark.span .mark-word", ".badge")),
    ("result-inspection", "candidate", result("level1"),
     ("svg.review-svg rect.insp", ".review-legend svg line.insp", ".span-text mark.span.insp .mark-word")),
    ("result-theory", "candidate", result("level2"), (".option.is-answer .mark", ".option.is-wrong-choice .mark")),
    ("practice-bbox-checked", "candidate", practice_checked("bbox"),
     (".check-verdict .badge", "svg.review-svg", ".review-legend svg line", ".sheet-cell[data-result]")),
    ("practice-spans-checked", "candidate", practice_checked("spans"), (".span-text mark.span .mark-word",)),
    ("practice-single-checked", "candidate", practice_checked("single"), (".option .mark", ".result-legend span")),
    ("notebook", "candidate", notebook("/notebook/"), ("svg.review-svg", ".review-legend svg line")),
    ("progress", "candidate", progress("/progress?level=2"), (".score-chart circle.point",)),
    ("exam-answer-sheet", "candidate", exam_item("level2", "single"), (".legend .chip",)),
    ("analysis-bbox-heat", "instructor", analysis_of("t2-prac-bbox"), (".heat-svg g.heat", ".heat-legend svg")),
    ("analysis-keypoints-heat", "instructor", analysis_of("t2-prac-keypoints"), (".heat-svg g.heat",)),
    ("analysis-inspection-heat", "instructor", analysis_of("t1-insp-bbox"), (".heat-svg g.heat",)),
]


@pytest.mark.parametrize(("who", "go", "shows"),
                         [pytest.param(who, go, shows, id=name) for name, who, go, shows in PAGES])
def test_nothing_is_said_by_colour_alone(site: Site, who: str, go: Go, shows: tuple[str, ...]) -> None:  # noqa: F811
    page = site.visitors[who].page
    go(page, site)
    page.evaluate(OPEN_FOLDED)
    for selector in shows:
        assert page.locator(selector).count(), f"the page shows no {selector}"
    assert colour_alone(page) == []


def test_high_contrast_keeps_the_legend_lines_apart(site: Site) -> None:  # noqa: F811
    """The theme thickens every line: the review legends' samples must still differ in pattern."""
    page = site.visitors["candidate"].page
    page.evaluate("localStorage.setItem('exam_prep:contrast', 'high')")
    try:
        for exam in ("practice", "level1"):
            result(exam)(page, site)
            assert page.locator("html").get_attribute("data-contrast") == "high"
            assert colour_alone(page) == [], exam
    finally:
        page.evaluate("localStorage.removeItem('exam_prep:contrast')")


PLANT = """() => {
  const legend = document.querySelector(".review-legend");
  legend.insertAdjacentHTML("beforeend",
    '<li><svg width="36" height="14"><line class="cand matched" x1="2" y1="7" x2="34" y2="7"/></svg></li>');
  const svg = document.querySelector("svg.review-svg");
  svg.insertAdjacentHTML("beforeend", '<rect class="cand wrong_label" x="1" y="1" width="5" height="5"></rect>');
  for (const text of svg.querySelectorAll("text.wrong_label")) text.remove();
  const mark = document.querySelector(".span-text mark.span.found");
  for (const w of mark.querySelectorAll(".mark-word")) w.remove();
  document.querySelector(".badge").textContent = "";
}"""


def test_the_check_finds_what_only_colour_says(site: Site) -> None:  # noqa: F811
    page = site.visitors["candidate"].page
    result("practice")(page, site)
    page.evaluate(OPEN_FOLDED)
    page.evaluate(PLANT)
    problems: list[Any] = colour_alone(page)
    assert any(p.startswith("legend sample without words") for p in problems), problems
    assert any("differ only in colour" in p for p in problems), problems
    assert any('status "wrong_label" only in colour' in p for p in problems), problems
    assert any(p.startswith("a marked run without its status word") for p in problems), problems
    assert any(p.startswith("a coloured mark without words") for p in problems), problems
