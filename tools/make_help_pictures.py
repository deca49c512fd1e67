"""Make the help page's pictures of the labeling tools (static/img/help/<tool>-<n>.png).

Run by hand from the project root, after a change that alters how an editor looks:

    python tools/make_help_pictures.py [--out static/img/help] [tool ...]

It serves the app on a fresh copy of the test bank (tests/fixtures/bank: the `practice` exam has one
exercise of each labeling type; level1 has the 검수 exercises), signs up a candidate, and draws with
the mouse in Chromium (/usr/bin/chromium, through Playwright) as the browser tests do; at each step
it saves a picture of the editor's workspace, about 520 px wide, as an optimized PNG (palette-
quantized when that keeps it under SIZE_LIMIT). templates/dashboard/help.html shows them with their
widths and heights: tests/web/test_help_page.py checks that these match the files.
"""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from PIL import Image  # noqa: E402

from exam_prep.bank.sync import load_folder  # noqa: E402
from exam_prep.extensions import db  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, CHROMIUM_DEFAULT, register, serving, start_exam  # noqa: E402
from tests.browser.test_inspection_editor import Inspection, pass_level2  # noqa: E402
from tests.browser.test_labeling_editors import SPANS_TEXT, Labeling, cp  # noqa: E402
from tests.conftest import FIXTURE_BANK, make_app  # noqa: E402

OUT = ROOT / "static" / "img" / "help"
VIEWPORT = {"width": 640, "height": 1000}  # the workspace is then 546 px wide, in one column
SIZE_LIMIT = 60_000  # bytes per picture
PAD = 6  # px of the page around a picture
PAUSE_MS = 600  # longer than a double click: separate clicks on a polygon

# A mouse pointer drawn over the page where the mouse is (headless screenshots show none), so that
# a picture taken in the middle of a drag shows where the hand is.
POINTER_JS = """([x, y]) => {
  let el = document.getElementById('help-pointer');
  if (!el) {
    el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    el.id = 'help-pointer';
    el.setAttribute('width', '22'); el.setAttribute('height', '30'); el.setAttribute('viewBox', '0 0 22 30');
    el.innerHTML = '<path d="M1 1 L1 24 L7 18 L11 28 L15 26 L11 17 L19 17 Z" '
      + 'fill="#fff" stroke="#000" stroke-width="2"/>';
    Object.assign(el.style, {position: 'fixed', zIndex: 2147483647, pointerEvents: 'none'});
    document.body.append(el);
  }
  Object.assign(el.style, {left: `${x - 1}px`, top: `${y - 1}px`, display: 'block'});
}"""
# The exam bar and the site header stay on top of the page: hidden while a picture is taken.
STICKY_JS = "(v) => document.querySelectorAll('.exam-bar, .site-header').forEach((el) => { el.style.visibility = v; })"
HIDE_POINTER_JS = "() => { const el = document.getElementById('help-pointer'); if (el) el.style.display = 'none'; }"


def save_png(shot: bytes, path: Path) -> int:
    """Write an optimized PNG; palette-quantized (256 colours) when the full-colour one is too large."""
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    if buffer.tell() > SIZE_LIMIT:
        buffer = io.BytesIO()
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            buffer, "PNG", optimize=True)
    path.write_bytes(buffer.getvalue())
    return len(buffer.getvalue())


class Pictures:
    """Saves the steps of one tool: <tool>-1.png, <tool>-2.png, …"""

    def __init__(self, out: Path, tool: str) -> None:
        self.out, self.tool, self.n = out, tool, 0

    def take(self, item, top: str, bottom: str) -> None:
        """A picture of the item's workspace, from the top of `top` to the bottom of `bottom` (CSS
        selectors inside the item), whatever the scroll; the page's sticky bars are hidden for it."""
        self.n += 1
        path = self.out / f"{self.tool}-{self.n}.png"
        page = item.page
        area = item.locator(".lab-workspace").bounding_box()
        first, last = item.locator(top).first.bounding_box(), item.locator(bottom).last.bounding_box()
        scroll_x, scroll_y = page.evaluate("[window.scrollX, window.scrollY]")
        y0, y1 = first["y"] - PAD, last["y"] + last["height"] + PAD
        clip = {"x": area["x"] - PAD + scroll_x, "y": y0 + scroll_y,
                "width": area["width"] + 2 * PAD, "height": y1 - y0}
        page.evaluate(STICKY_JS, "hidden")
        try:
            shot = page.screenshot(full_page=True, clip=clip, animations="disabled", caret="initial")
        finally:
            page.evaluate(STICKY_JS, "")
        size = save_png(shot, path)
        width, height = Image.open(path).size
        print(f"{path}: {width}×{height}, {size / 1000:.1f} KB")


def pointer(page, x: float, y: float) -> None:
    page.evaluate(POINTER_JS, [x, y])


def press_drag(labeling: Labeling, kind: str, start: tuple[float, float], end: tuple[float, float]) -> None:
    """Mouse down at `start`, moved to `end`, still held (the caller takes the picture, then lets go)."""
    mouse = labeling.page.mouse
    mouse.move(*labeling.screen(kind, *start))
    mouse.down()
    mouse.move(*labeling.screen(kind, *end), steps=8)
    pointer(labeling.page, *labeling.screen(kind, *end))


def let_go(page) -> None:
    page.mouse.up()
    page.evaluate(HIDE_POINTER_JS)


# --- the tools ---------------------------------------------------------------------------


def bbox(labeling: Labeling, pictures: Pictures) -> None:
    page = labeling.page
    item = labeling.open("bbox")
    labeling.drag("bbox", (20, 30), (70, 90))  # the square, already drawn
    page.keyboard.press("2")  # 원
    press_drag(labeling, "bbox", (110, 40), (160, 92))
    pictures.take(item, ".lab-toolbar", ".lab-stage")  # 1: dragging out a box in draw mode
    page.mouse.move(*labeling.screen("bbox", 170, 100), steps=3)
    let_go(page)
    pictures.take(item, ".lab-stage", ".lab-shapes")  # 2: the box drawn, in the list
    item.locator('[data-action="mode-select"]').click()
    labeling.click("bbox", 140, 70)
    pictures.take(item, ".lab-toolbar", ".lab-stage")  # 3: select mode, the box with its handles


def polygon(labeling: Labeling, pictures: Pictures) -> None:
    page = labeling.page
    item = labeling.open("polygon")
    corners = [(30, 120), (90, 110), (80, 140)]
    for x, y in corners[:2]:
        labeling.click("polygon", x, y)
        page.wait_for_timeout(PAUSE_MS)
    page.mouse.move(*labeling.screen("polygon", *corners[2]), steps=4)
    pointer(page, *labeling.screen("polygon", *corners[2]))
    pictures.take(item, ".lab-stage", ".lab-status")  # 1: two vertices placed, the third on its way
    page.evaluate(HIDE_POINTER_JS)
    labeling.click("polygon", *corners[2])
    page.wait_for_timeout(PAUSE_MS)
    labeling.click("polygon", *corners[0])  # the first point again closes it
    page.mouse.move(*labeling.screen("polygon", 190, 10))
    pictures.take(item, ".lab-stage", ".lab-shapes")  # 2: closed


def keypoints(labeling: Labeling, pictures: Pictures) -> None:
    page = labeling.page
    item = labeling.open("keypoints")
    page.mouse.move(*labeling.screen("keypoints", 20, 30))
    pointer(page, *labeling.screen("keypoints", 20, 30))
    pictures.take(item, ".lab-kp-bar", ".lab-stage")  # 1: "다음에 찍을 점: 1. 왼쪽 위"
    labeling.click("keypoints", 20, 30)
    page.mouse.move(*labeling.screen("keypoints", 70, 90), steps=4)
    pointer(page, *labeling.screen("keypoints", 70, 90))
    pictures.take(item, ".lab-kp-bar", ".lab-stage")  # 2: point 1 placed, "2. 오른쪽 아래" next
    page.evaluate(HIDE_POINTER_JS)
    labeling.click("keypoints", 70, 90)
    page.keyboard.press("v")  # the third, hidden behind the square
    page.mouse.move(*labeling.screen("keypoints", 190, 10))
    pictures.take(item, ".lab-stage", ".lab-kp-list")  # 3: two placed, the third "표시 안 함"


def ocr(labeling: Labeling, pictures: Pictures) -> None:
    page = labeling.page
    item = labeling.open("ocr")
    press_drag(labeling, "ocr", (10, 10), (70, 40))
    pictures.take(item, ".lab-stage", ".lab-draw-hint")  # 1: dragging a box around the word
    let_go(page)
    page.keyboard.type("STOP")
    pictures.take(item, ".lab-stage", ".lab-shapes")  # 2: its text typed
    page.keyboard.press("Enter")


def spans(labeling: Labeling, pictures: Pictures) -> None:
    page = labeling.page
    item = labeling.open("spans")
    labeling.select_text(*cp(SPANS_TEXT, "홍길동"))
    pictures.take(item, ".lab-main", ".lab-side")  # 1: the words selected
    page.keyboard.press("1")  # 인물
    labeling.select_text(*cp(SPANS_TEXT, "서울"))
    page.keyboard.press("2")  # 장소
    pictures.take(item, ".lab-main", ".lab-side")  # 2: tagged


def inspect(inspection: Inspection, pictures: Pictures) -> None:
    item = inspection.open("bbox")
    inspection.row("bbox", 1).locator("label.lab-approve").click()
    row = inspection.row("bbox", 2)
    row.locator(".lab-judge-name").click()
    pictures.take(item, ".lab-stage", '.lab-judge-row[data-n="2"]')  # 1: label 2 picked, approve / reject
    row.locator("label.lab-reject").click()
    row.locator("label.lab-reason").filter(has_text="헐거움").click()
    pictures.take(item, '.lab-judge-row[data-n="2"]', '.lab-judge-row[data-n="2"]')  # 2: rejected with its reason


PRACTICE: dict[str, Callable[[Labeling, Pictures], None]] = {
    "bbox": bbox, "polygon": polygon, "keypoints": keypoints, "ocr": ocr, "spans": spans}
TOOLS = [*PRACTICE, "inspect"]


def fresh_database(folder: Path) -> Path:
    path = folder / "help.sqlite"
    app = make_app(path)
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        load_folder(str(FIXTURE_BANK))
        db.engine.dispose()
    return path


def run(out: Path, tools: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, serving(make_app(fresh_database(Path(folder)))) as server, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM_DEFAULT, args=CHROMIUM_ARGS)
        for tool in tools:
            context = browser.new_context(base_url=server.url, locale="ko-KR", viewport=VIEWPORT)
            page = context.new_page()
            register(page, f"도움말{TOOLS.index(tool)}")
            if tool == "inspect":
                pass_level2(page, server)
                inspect(Inspection(start_exam(page, server, "level1")), Pictures(out, tool))
            else:
                PRACTICE[tool](Labeling(start_exam(page, server, "practice")), Pictures(out, tool))
            context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("tools", nargs="*", metavar="tool", help=f"some of {', '.join(TOOLS)} (default: all)")
    args = parser.parse_args()
    unknown = set(args.tools) - set(TOOLS)
    if unknown:
        parser.error(f"unknown tool: {', '.join(sorted(unknown))}")
    run(args.out, args.tools or TOOLS)


if __name__ == "__main__":
    main()
