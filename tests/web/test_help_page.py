"""The help page shows each labeling tool: numbered pictures of its steps, its keys and its gestures.

The pictures are static files made by tools/make_help_pictures.py; the page gives each one its real
width and height (no layout shift while it loads), a Korean alt text and a caption.
"""
from __future__ import annotations

import re
from collections import defaultdict
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from flask.testing import FlaskClient
from PIL import Image

from tests.conftest import Candidate

STATIC = Path(__file__).resolve().parents[2] / "static"
HANGUL = range(0xAC00, 0xD7A4)

# Each tool's subsection (the id of its h3), its title, and its pictures in order.
TOOLS = {
    "help-bbox": ("상자", ["bbox-1", "bbox-2", "bbox-3"]),
    "help-polygon": ("다각형", ["polygon-1", "polygon-2"]),
    "help-keypoints": ("키포인트", ["keypoints-1", "keypoints-2", "keypoints-3"]),
    "help-ocr": ("OCR", ["ocr-1", "ocr-2"]),
    "help-spans": ("태그", ["spans-1", "spans-2"]),
    "help-inspect": ("검수", ["inspect-1", "inspect-2"]),
}


class HelpOutline(HTMLParser):
    """What the page holds under each heading: its images, captions, key lists and touch lines."""

    def __init__(self) -> None:
        super().__init__()
        self.section = ""
        self.titles: dict[str, str] = {}
        self.images: dict[str, list[dict[str, str]]] = defaultdict(list)
        self.captions: dict[str, list[str]] = defaultdict(list)
        self.keys: dict[str, list[str]] = defaultdict(list)  # the <kbd>s of its .help-keys lists
        self.touch: dict[str, list[str]] = defaultdict(list)
        self._in: list[str] = []  # what text goes to: "h3", "figcaption", "touch", "kbd"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        classes = attributes.get("class", "").split()
        if tag in ("h2", "h3"):
            self.section = attributes.get("id", "")
            if tag == "h3":
                self._in.append("h3")
        elif tag == "img":
            self.images[self.section].append(attributes)
        elif tag == "figcaption":
            self._in.append("figcaption")
            self.captions[self.section].append("")
        elif tag == "p" and "help-touch" in classes:
            self._in.append("touch")
            self.touch[self.section].append("")
        elif tag == "dl" and "help-keys" in classes:
            self._in.append("keys")
        elif tag == "kbd" and "keys" in self._in:
            self.keys[self.section].append("")
            self._in.append("kbd")

    def handle_endtag(self, tag: str) -> None:
        ends = {"h3": "h3", "figcaption": "figcaption", "p": "touch", "dl": "keys", "kbd": "kbd"}
        if tag in ends and self._in and self._in[-1] == ends[tag]:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if not self._in:
            return
        where = self._in[-1]
        if where == "h3":
            self.titles[self.section] = self.titles.get(self.section, "") + data
        elif where == "figcaption":
            self.captions[self.section][-1] += data
        elif where == "touch":
            self.touch[self.section][-1] += data
        elif where == "kbd":
            self.keys[self.section][-1] += data


def outline(client: FlaskClient) -> tuple[HelpOutline, str]:
    response = client.get("/help")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    parser = HelpOutline()
    parser.feed(html)
    return parser, html


def korean(text: str) -> bool:
    return any(ord(c) in HANGUL for c in text)


def test_every_picture_is_a_local_file_with_its_real_size_and_a_korean_alt(client: FlaskClient) -> None:
    parser, _ = outline(client)
    images = [img for section in parser.images.values() for img in section]
    assert len(images) == sum(len(names) for _, names in TOOLS.values())
    total = 0
    for img in images:
        url = urlsplit(img["src"])
        assert not url.netloc and url.path.startswith("/static/"), img["src"]  # offline: nothing from elsewhere
        path = STATIC / url.path.removeprefix("/static/")
        assert path.is_file(), f"{img['src']}: no such file under static/"
        with Image.open(path) as picture:
            assert (int(img["width"]), int(img["height"])) == picture.size, (img["src"], picture.size)
            assert 360 <= picture.width <= 600, (img["src"], picture.width)
        assert img["alt"].strip() and korean(img["alt"]), img
        assert img["loading"] == "lazy" and img["decoding"] == "async", img
        size = path.stat().st_size
        assert size < 60_000, f"{path.name} is {size} bytes"
        total += size
        with client.get(img["src"]) as served:  # the content-hash URL is served
            assert served.status_code == 200 and served.mimetype == "image/png", img["src"]
    assert total < 1_000_000, total


def test_each_tool_has_its_subsection_with_numbered_steps_keys_and_gestures(client: FlaskClient) -> None:
    parser, html = outline(client)
    for section, (title, names) in TOOLS.items():
        assert title in parser.titles.get(section, ""), (section, parser.titles)
        shown = [Path(urlsplit(img["src"]).path).stem for img in parser.images[section]]
        assert shown == names, (section, shown)
        captions = [c.strip() for c in parser.captions[section]]
        assert len(captions) == len(names), (section, captions)
        for n, caption in enumerate(captions, start=1):
            assert caption.startswith(f"{n}. ") and korean(caption), (section, caption)
        assert parser.keys[section], f"{section}: no keys"
        assert len(parser.touch[section]) == 1 and parser.touch[section][0].strip().startswith("손가락:"), section
    # The tools are part of 실습(라벨링) 문제 그리기: after its heading, before the next h2.
    drawing, practice = html.index("실습(라벨링) 문제 그리기"), html.index("연습 문제와 오답노트")
    assert all(drawing < html.index(f'id="{section}"') < practice for section in TOOLS)
    assert parser.keys["help-bbox"][:2] == ["D", "S"]


def test_the_help_says_how_a_phone_opens_the_answer_sheet(client: FlaskClient, candidate: Candidate) -> None:
    _, html = outline(client)
    assert ('휴대전화에서는 시험 화면 맨 위 막대의 "답안표" 단추를 누르면 화면 아래에서 답안표가 올라옵니다'
            in unescape(html))
    # The button is called that on the exam page.
    attempt = candidate.start()
    exam_page = client.get(f"/attempts/{attempt['id']}").get_data(as_text=True)
    assert re.search(r'id="sheet-open"[^>]*>답안표 <span class="sheet-count">', exam_page)
