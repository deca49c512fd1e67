"""The exam page rendered once and reused, in few queries, light on the wire (issue 14).

Functional checks only: what is cached equals what a fresh render gives, versions never share
an entry, the number of SQL statements does not grow with the items, static and media URLs are
cache-safe, compressed bodies decode to the same page, images carry their loading hints. How
fast it is, is measured by bench/exam_page_bench.py, never here.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

import brotli
from backports import zstd
from flask import Flask
from sqlalchemy import event, select

from exam_prep import rendering, warmup
from exam_prep.delivery import IMMUTABLE, file_hashes
from exam_prep.exams import presenters
from exam_prep.extensions import db
from exam_prep.models import Attempt, AttemptItem, QuestionVersion
from tests.conftest import Candidate, correct_response, forget_attempt_layouts

STATIC = Path(__file__).resolve().parents[2] / "static"
# What changes from one request to the next: the CSRF token (signed with a timestamp) and the
# time left.
CHANGING = [(re.compile(r'(name="csrf-token" content=|name="csrf_token" value=)"[^"]*"'), r'\1""'),
            (re.compile(r'(id="timer-value">)[^<]*'), r"\1"), (re.compile(r'("secondsLeft": )[\d.]+'), r"\1")]


def page(user: Candidate, attempt_id: int, **headers: str) -> str:
    response = user.client.get(f"/attempts/{attempt_id}", headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def steady(html: str) -> str:
    for pattern, replacement in CHANGING:
        html = pattern.sub(replacement, html)
    return html


def blanks(html: str) -> str:
    return re.sub(r"\s+", " ", html)


@contextmanager
def counted_statements(app: Flask) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def rows_and_sections(attempt_id: int):
    attempt = db.session.get(Attempt, attempt_id)
    return presenters.items_for_page(attempt), attempt.rules["sections"]


# --- rendered once ---------------------------------------------------------------------------


def test_cached_item_html_equals_a_fresh_render(app: Flask, candidate: Candidate) -> None:
    attempt = candidate.start("practice")["id"]  # every labeling type: the largest items
    theory = candidate.start("level2")["id"]
    for attempt_id in (attempt, theory):
        with app.test_request_context():
            rows, sections = rows_and_sections(attempt_id)
            first = rendering.page_items(rows, sections)
            cache = rendering.rendered_items()
            assert len(cache) >= len(rows)
            again = rendering.page_items(rows, sections)  # all from the cache now
            items = presenters.items_with_versions([row.id for row in rows])
            for row, cached, second in zip(rows, first, again, strict=True):
                title = sections[row.section]["title"]
                fresh = rendering.render_item(items[row.id], title, row.position, presenters.saved_state(row))
                assert str(cached.html) == fresh == str(second.html), row.position
                assert cached.id == row.position and f'id="item-{row.position}"' in fresh
                assert "\x00" not in fresh


def test_every_order_of_a_choice_items_options_comes_from_one_render(app: Flask, candidate: Candidate) -> None:
    attempt_id = candidate.start("level2")["id"]
    with app.app_context():
        items = db.session.scalars(select(AttemptItem).where(AttemptItem.attempt_id == attempt_id)
                                   .order_by(AttemptItem.position)).all()
        item = next((i for i in items if i.type == "single"), None)
        if item is None:  # the random draw gave none: a single-choice question takes item 1's place
            version = db.session.scalars(select(QuestionVersion).where(
                QuestionVersion.type == "single", QuestionVersion.is_current.is_(True))).first()
            item = items[0]
            item.question_version_id, item.type = version.id, "single"
            item.option_order = list(range(1, len(version.payload["options"]) + 1))
            db.session.commit()
        item_id = item.id
    page(candidate, attempt_id)  # caches every item
    with app.app_context():
        item = db.session.get(AttemptItem, item_id)
        orders = [list(reversed(item.option_order)), item.option_order[1:] + item.option_order[:1]]
        entries = len(app.extensions["exam_prep.rendered_items"])
        options = item.question.payload["options"]
    for order in orders:
        with app.app_context():
            db.session.get(AttemptItem, item.id).option_order = order
            db.session.commit()
            forget_attempt_layouts(app)
        article = article_of(page(candidate, attempt_id), item.position)
        with app.test_request_context():
            rows, sections = rows_and_sections(attempt_id)
            fresh = rendering.render_item(presenters.items_with_versions([item.id])[item.id],
                                          sections[item.section]["title"], item.position, rendering.UNTOUCHED)
        assert article == fresh.strip() and "\x00" not in article  # as a whole render in that order
        assert re.findall(r'value="(\d+)"', article) == [str(n) for n in order]
        shown = re.findall(r'<span class="option-text">(.*?)</span>', article, re.S)
        assert all(options[n - 1][:8] in text for n, text in zip(order, shown, strict=True))
    with app.app_context():
        assert len(app.extensions["exam_prep.rendered_items"]) == entries  # no entry per order


def test_a_process_warmed_before_the_fork_renders_no_item_for_the_first_pages(app: Flask, candidate: Candidate) -> None:
    warmed = warmup.warm(app)
    with app.app_context():
        cache = app.extensions["exam_prep.rendered_items"]
        assert warmed == len(cache) > 0  # every item the active exams can draw
    rendered = []
    real = rendering.render_item
    with patch.object(rendering, "render_item", lambda *args, **kw: rendered.append(args) or real(*args, **kw)):
        for exam in ("level2", "level2"):
            html = page(candidate, candidate.start(exam)["id"])
            candidate.submit(int(re.search(r'data-attempt="(\d+)"', html).group(1)))
    assert rendered == [] and len(cache) == warmed
    assert warmup.warm(app, limit=10) == 10  # bounded; what is there already is kept


def test_the_position_is_a_number_in_the_editors_json(app: Flask, candidate: Candidate) -> None:
    attempt_id = candidate.start("practice")["id"]
    page(candidate, attempt_id)
    html = page(candidate, attempt_id)  # from the cache
    seen = 0
    for article in re.finditer(r'<article class="item" id="item-(\d+)".*?</article>', html, re.S):
        config = re.search(r'<script type="application/json" class="labeling-config">(.*?)</script>',
                           article.group(0), re.S)
        if config:  # every editor but classification's
            assert json.loads(config.group(1))["id"] == int(article.group(1))
            seen += 1
    assert seen == 5


def test_two_versions_of_one_question_never_share_an_entry(app: Flask, candidate: Candidate) -> None:
    attempt_id = candidate.start("level2")["id"]
    old_page = page(candidate, attempt_id)  # renders and caches every item
    with app.app_context():
        item = db.session.scalars(select(AttemptItem).where(AttemptItem.attempt_id == attempt_id)
                                  .order_by(AttemptItem.position)).first()
        old = item.question
        payload = dict(old.payload, question="두 번째 판의 문제 글입니다")
        new = QuestionVersion(question_id=old.question_id, version=old.version + 1, type=old.type, level=old.level,
                              domain=old.domain, difficulty=old.difficulty, payload=payload,
                              content_hash=hashlib.sha256(json.dumps(payload).encode()).hexdigest(),
                              source_path=old.source_path, is_current=True)
        db.session.add(new)
        db.session.flush()
        item.question_version_id = new.id
        position, old_text = item.position, old.payload["question"]
        db.session.commit()
        forget_attempt_layouts(app)
        row = rows_and_sections(attempt_id)[0][0]
        assert (row.question_version_id, row.content_hash) == (new.id, new.content_hash)
    assert old_text in old_page
    html = page(candidate, attempt_id)
    article = re.search(rf'<article class="item" id="item-{position}".*?</article>', html, re.S).group(0)
    assert "두 번째 판의 문제 글입니다" in article and old_text not in article


def article_of(html: str, position: int) -> str:
    return re.search(rf'<article class="item" id="item-{position}".*?</article>', html, re.S).group(0)


def test_the_kept_layout_with_the_touched_states_gives_the_items_as_stored(app: Flask,
                                                                          candidate: Candidate) -> None:
    state = candidate.start("level2")
    answered, flagged, cleared = (item["id"] for item in state["items"][:3])
    page(candidate, state["id"])  # keeps the attempt's layout
    assert candidate.save(state["id"], answered, correct_response(app, state["id"], answered), seq=3).status_code == 200
    assert candidate.save(state["id"], flagged, None, seq=1, flagged=True).status_code == 200
    assert candidate.save(state["id"], cleared, correct_response(app, state["id"], cleared), seq=1).status_code == 200
    assert candidate.save(state["id"], cleared, None, seq=2).status_code == 200
    with app.test_request_context():
        rows, _ = rows_and_sections(state["id"])
        stored = db.session.scalars(select(AttemptItem).where(AttemptItem.attempt_id == state["id"])
                                    .order_by(AttemptItem.position)).all()
        assert [(r.id, r.position, r.section, r.question_version_id, r.type, r.response, r.flagged, r.seq)
                for r in rows] == [(i.id, i.position, i.section, i.question_version_id, i.type, i.response,
                                    i.flagged, i.seq) for i in stored]
        assert [r.option_order and json.loads(r.option_order) for r in rows] == [i.option_order for i in stored]
    touched = {r.position: (r.response is not None, r.flagged, r.seq) for r in rows if r.seq}
    assert touched == {answered: (True, False, 3), flagged: (False, True, 1), cleared: (False, False, 2)}


def test_an_answered_item_shows_its_answer_and_the_others_stay_cached(app: Flask, candidate: Candidate) -> None:
    state = candidate.start("level2")
    first, second = state["items"][0]["id"], state["items"][1]["id"]
    before = page(candidate, state["id"])
    answer = correct_response(app, state["id"], first)
    assert candidate.save(state["id"], first, answer, seq=1).status_code == 200
    html = page(candidate, state["id"])
    shown = article_of(html, first)
    assert shown != article_of(before, first) and article_of(html, second) == article_of(before, second)
    if "text" in answer:
        assert f'value="{answer["text"]}"' in shown
    else:
        values = {"choice": [answer.get("choice")], "choices": answer.get("choices"),
                  "value": [str(answer.get("value")).lower()]}[next(iter(answer))]
        for value in values:
            assert re.search(rf'name="item-{first}" value="{value}" checked', shown), (value, shown)
    data = json.loads(re.search(r'<script type="application/json" id="attempt-data">(.*?)</script>', html,
                                re.S).group(1))
    # Only the touched item's state is sent; the others were never saved.
    assert data["responses"] == {str(first): {"response": answer, "seq": 1, "flagged": False}}


def test_the_page_from_its_frame_equals_a_whole_render(app: Flask, candidate: Candidate,
                                                      other_candidate: Candidate) -> None:
    """The exam page's frame is rendered once and filled per request (rendering.exam_page): it
    equals the page rendered whole with the same values (a page with a message is rendered
    whole), for each candidate, each with their own name, attempt and answers."""
    mine, theirs = candidate.start("practice"), other_candidate.start("practice")
    first, second = mine["items"][0]["id"], mine["items"][1]["id"]
    assert candidate.save(mine["id"], first, None, seq=1, flagged=True).status_code == 200
    assert candidate.save(mine["id"], second, correct_response(app, mine["id"], second), seq=2).status_code == 200
    framed = [page(candidate, mine["id"]), page(other_candidate, theirs["id"]), page(candidate, mine["id"])]
    assert len(app.extensions["exam_prep.page_frames"]) == 1  # one exam, one role, one locale: one frame
    notice = "시험 안내: 곧 시작합니다"
    for user, state, html in ((candidate, mine, framed[2]), (other_candidate, theirs, framed[1])):
        with user.client.session_transaction() as session:
            session["_flashes"] = [("info", notice)]
        whole = page(user, state["id"])
        shown = f'<p class="flash flash-info" role="status">{notice}</p>'
        assert shown in whole
        # (the message's own lines aside: whitespace is compared as one blank)
        assert blanks(steady(html)) == blanks(steady(whole.replace(shown, "")))
        assert f"({user.username})" in html and f'data-attempt="{state["id"]}"' in html
        assert f'"id": {state["id"]},' in html and f"/api/v1/attempts/{state['id']}/submit" in html
        assert "\x00" not in html and "\\u0000" not in html
    assert other_candidate.username not in framed[0] and f'data-attempt="{theirs["id"]}"' not in framed[0]
    data = json.loads(re.search(r'<script type="application/json" id="attempt-data">(.*?)</script>', framed[2],
                                re.S).group(1))
    assert set(data["responses"]) == {str(first), str(second)} and data["responses"][str(first)]["flagged"]
    assert 0 < data["secondsLeft"] <= 60 * 60 * 2
    # Each page carries its own session's CSRF token, and it is the one its session accepts.
    tokens = [re.search(r'name="csrf-token" content="([^"]*)"', html).group(1) for html in framed]
    assert tokens[0] != tokens[1]
    candidate.token = tokens[2]
    assert candidate.save(mine["id"], first, None, seq=3, flagged=False).status_code == 200


# --- queries -----------------------------------------------------------------------------------


def test_the_exam_page_issues_a_bounded_number_of_queries(app: Flask, candidate: Candidate) -> None:
    small = candidate.start("level2")  # 4 items
    large = candidate.start("practice")  # 6 items
    counts = {}
    for name, state in (("small", small), ("large", large)):
        with counted_statements(app) as cold:
            page(candidate, state["id"])
        with counted_statements(app) as warm:
            page(candidate, state["id"])
        counts[name] = (len(cold), len(warm))
    assert counts["small"] == counts["large"], counts
    cold, warm = counts["large"]
    # Warm: the attempt with its owner, and the touched items' state. The first time: the
    # attempt's layout (kept after), the items' versions to render them, and the user (the
    # templates' context: Flask-Login's context processor).
    assert warm <= 2 and cold <= warm + 3, counts
    # Answered items are rendered with their answer: still two queries more, whatever their number.
    for item in large["items"][:3]:
        assert candidate.save(large["id"], item["id"], None, seq=1, flagged=True).status_code == 200
    with counted_statements(app) as touched:
        page(candidate, large["id"])
    assert len(touched) <= warm + 2, touched


# --- static files, media, compression -------------------------------------------------------------


def test_static_urls_carry_the_content_hash_and_are_immutable(app: Flask, candidate: Candidate) -> None:
    html = page(candidate, candidate.start("level2")["id"])
    hashes = file_hashes(STATIC)
    urls = set(re.findall(r'(?:href|src|data-script)="(/static/[^"]+)"', html))
    assert any("js/exam/main.js" in url for url in urls) and any("site.css" in url for url in urls)
    for url in urls:
        path, _, query = url.partition("?")
        name = path.removeprefix("/static/")
        assert query == f"v={hashes[name]}", url
        assert hashes[name] == hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:12]
        with candidate.client.get(url.replace("&amp;", "&")) as response:
            assert response.status_code == 200
            assert response.headers["Cache-Control"] == IMMUTABLE
    css = "/static/css/site.css"
    for stale in (css, f"{css}?v=000000000000", f"{css}?v={hashes['css/site.css']}x"):
        with candidate.client.get(stale) as response:
            assert response.status_code == 200
            assert "immutable" not in response.headers["Cache-Control"], stale
            assert response.headers["Cache-Control"] == "no-cache" and response.headers.get("ETag")


def test_media_are_served_immutable_and_never_recompressed(app: Flask, candidate: Candidate) -> None:
    html = page(candidate, candidate.start("practice")["id"])
    urls = set(re.findall(r'"(/media/[0-9a-f]{64}\.png)"', html))
    assert urls
    for url in urls:
        with candidate.client.get(url, headers={"Accept-Encoding": "gzip, br, zstd"}) as response:
            assert response.status_code == 200 and response.mimetype == "image/png"
            assert "immutable" in response.headers["Cache-Control"]
            assert "max-age=31536000" in response.headers["Cache-Control"]
            assert "Content-Encoding" not in response.headers


def test_compressed_responses_decode_to_the_same_body(app: Flask, candidate: Candidate) -> None:
    attempt_id = candidate.start("practice")["id"]
    plain = steady(page(candidate, attempt_id))
    decoders = {"gzip": gzip.decompress, "br": brotli.decompress, "zstd": zstd.decompress}
    for encoding, decode in decoders.items():
        response = candidate.client.get(f"/attempts/{attempt_id}", headers={"Accept-Encoding": encoding})
        assert response.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in response.headers["Vary"]
        assert len(response.data) < len(plain.encode()) / 3  # less repeats since the kits left the page
        assert steady(decode(response.data).decode()) == plain
    script = STATIC / "js" / "exam" / "main.js"
    with candidate.client.get("/static/js/exam/main.js", headers={"Accept-Encoding": "gzip"}) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.data) == script.read_bytes()
    state = candidate.client.get(f"/api/v1/attempts/{attempt_id}", headers={"Accept-Encoding": "gzip"})
    assert state.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(state.data))["id"] == attempt_id


def test_images_on_the_exam_page_load_lazily_with_their_size(app: Flask, candidate: Candidate) -> None:
    html = page(candidate, candidate.start("practice")["id"])
    images = re.findall(r"<img\b[^>]*>", html)
    assert len(images) == 2  # the classification exercise's two pictures
    for tag in images:
        assert 'loading="lazy"' in tag and 'decoding="async"' in tag, tag
        assert re.search(r'width="\d+"', tag) and re.search(r'height="\d+"', tag), tag
    # The editors draw their image in an SVG of the image's own size, known before it loads.
    configs = [json.loads(c) for c in re.findall(
        r'<script type="application/json" class="labeling-config">(.*?)</script>', html, re.S)]
    pictures = [c["image"] for c in configs if "image" in c]
    assert pictures and all(p["width"] > 0 and p["height"] > 0 for p in pictures)


# --- light: what every item of a type shares comes once -------------------------------------


def kit_names(html: str) -> list[str]:
    return re.findall(r'<template class="lab-kit" data-kit="([^"]+)"', html)


def kits_of_items(html: str) -> set[str]:
    articles = re.findall(r'<article class="item".*?</article>', html, re.S)
    return {re.search(r'data-kit="([^"]+)"', a).group(1) for a in articles if 'data-kit="' in a}


def test_the_page_links_the_kits_that_its_items_fill_their_slots_from(app: Flask, candidate: Candidate) -> None:
    attempt_id = candidate.start("practice")["id"]  # every labeling type
    for html in (page(candidate, attempt_id), page(candidate, attempt_id)):  # rendered, then cached
        wanted = kits_of_items(html)
        assert {"bbox", "polygon", "ocr", "spans"} <= wanted and any(k.startswith("keypoints") for k in wanted)
        assert kit_names(html) == []  # not inline: one cached resource
        for article in re.findall(r'<article class="item".*?</article>', html, re.S):
            # The shared parts are slots in the item, never copies of them.
            assert 'class="lab-help"' not in article and 'class="lab-toolbar"' not in article
            assert 'class="labeling-text"' not in article
            if 'data-kit="' in article:
                assert 'data-kit-slot="lab-help"' in article
        href = re.search(r'<meta name="lab-kits" content="([^"]+)">', html).group(1)
        assert f'<link rel="preload" href="{href}" as="fetch" crossorigin>' in html
    kits = candidate.client.get(href)
    assert kits.status_code == 200 and kits.mimetype == "text/html"
    assert kits.headers["Cache-Control"] == IMMUTABLE
    body = kits.get_data(as_text=True)
    names = kit_names(body)
    assert len(names) == len(set(names)) and wanted <= set(names), (names, wanted)
    assert {"inspect-image", "inspect-spans", "keypoints", "keypoints-estimate"} <= set(names)
    for kit in re.findall(r'<template class="lab-kit".*?</template>', body, re.S):
        assert 'class="lab-help"' in kit and 'class="labeling-text"' in kit
        assert "되돌렸습니다" in kit  # UTF-8, not \uXXXX escapes
    # Without the page's version it must be revalidated; its ETag answers with a 304.
    stale = candidate.client.get("/labeling/kits?v=old")
    assert stale.headers["Cache-Control"] == "no-cache"
    again = candidate.client.get(href, headers={"If-None-Match": kits.headers["ETag"]})
    assert again.status_code == 304


def test_a_page_links_kits_only_when_its_items_have_some(app: Flask, candidate: Candidate) -> None:
    html = page(candidate, candidate.start("level2")["id"])
    assert ('<meta name="lab-kits"' in html) == bool(kits_of_items(html))


def test_a_fragment_carries_the_kits_of_its_types_inline(app: Flask) -> None:
    with app.test_request_context():
        assert kit_names(str(rendering.labeling_kits(["bbox", "bbox", "single"]))) == ["bbox"]
        assert sorted(kit_names(str(rendering.labeling_kits(["inspect"])))) == ["inspect-image", "inspect-spans"]
        assert str(rendering.labeling_kits(["single", "no-such-type"])) == ""
        assert str(rendering.labeling_kits_link(["single", "ox"])) == ""


def test_the_editors_json_does_not_repeat_the_question_or_the_guide(app: Flask, candidate: Candidate) -> None:
    html = page(candidate, candidate.start("practice")["id"])
    configs = re.findall(r'<script type="application/json" class="labeling-config">(.*?)</script>', html, re.S)
    assert configs
    for raw in configs:
        config = json.loads(raw)
        assert not {"question", "guide", "template", "script"} & set(config)
        assert "id" in config and "type" in config


def test_json_is_sent_in_utf8_and_a_lone_surrogate_still_escaped(app: Flask, candidate: Candidate) -> None:
    state = candidate.start("level2")
    body = candidate.client.get(f"/api/v1/attempts/{state['id']}").get_data()
    assert b"\\u" not in body and "이론".encode() in body
    text = app.json.dumps({"text": "a\ud800b", "word": "한글"})
    assert "\\ud800" in text and "\\ud55c" in text  # the whole text escaped, so it is valid UTF-8
    text.encode("utf-8")


def test_the_answer_sheet_is_rendered_once_per_layout(app: Flask, candidate: Candidate) -> None:
    first, second = candidate.start("level2")["id"], candidate.start("practice")["id"]
    pages = [page(candidate, first), page(candidate, second), page(candidate, first)]
    sheets = [re.search(r'<aside class="answer-sheet".*?</aside>', html, re.S).group(0) for html in pages]
    assert sheets[0] == sheets[2] != sheets[1]
    with app.test_request_context():
        rows, sections = rows_and_sections(first)
        items = rendering.page_items(rows, sections)
        fresh = rendering.render_template(rendering.SHEET_TEMPLATE, items=items, sections=sections)
        assert str(rendering.answer_sheet(items, sections)) == fresh
        assert len(app.extensions["exam_prep.answer_sheets"]) == 2  # two layouts, one entry each
    cells = re.findall(r'data-goto="(\d+)"', sheets[0])
    assert cells == [str(n) for n in range(1, len(cells) + 1)] and len(cells) == len(rows)


# --- the save ----------------------------------------------------------------------------------


def test_the_save_takes_one_connection_and_stores_only_a_newer_seq(app: Flask, candidate: Candidate) -> None:
    """The API's save (exams.lifecycle._save_cursor) takes one pooled connection of its own
    and runs its statements there (exam_prep.prepared); a save whose seq is not newer changes
    nothing and says which seq is stored."""
    state = candidate.start()
    attempt_id, item = state["id"], state["items"][0]["id"]
    with app.app_context():
        engine = db.engine
    checkouts: list[object] = []
    on_checkout = lambda *args: checkouts.append(args)  # noqa: E731
    event.listen(engine, "checkout", on_checkout)
    try:
        assert candidate.save(attempt_id, item, None, seq=5, flagged=True).get_json() == {"saved": True, "seq": 5}
        assert len(checkouts) == 1
        assert candidate.save(attempt_id, item, None, seq=4, flagged=False).get_json() == {"saved": False, "seq": 5}
        assert len(checkouts) == 2
    finally:
        event.remove(engine, "checkout", on_checkout)
    with app.app_context():
        stored_item = db.session.scalars(select(AttemptItem).where(AttemptItem.attempt_id == attempt_id,
                                                                   AttemptItem.position == item)).one()
        assert (stored_item.seq, stored_item.flagged, stored_item.response) == (5, True, None)


def test_on_sqlite_a_save_sends_its_statements_in_one_transaction_and_no_ping(app: Flask,
                                                                               candidate: Candidate) -> None:
    """What SQLite itself is sent for a save on a connection the pool kept: the select, then
    the guarded UPDATE in one transaction (and, when the seq is not newer, the stored seq read
    in it); no pre-ping (SELECT 1), which finds a connection a database server dropped and an
    SQLite file has none to drop."""
    state = candidate.start()
    attempt_id, item = state["id"], state["items"][0]["id"]
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        assert engine.pool._pre_ping  # a server may drop a pooled connection: it is pinged
        return
    engine.dispose()
    sent: list[str] = []
    trace = lambda dbapi_connection, record: dbapi_connection.set_trace_callback(sent.append)  # noqa: E731
    event.listen(engine, "connect", trace)
    try:
        candidate.save(attempt_id, item, None, seq=1, flagged=True)  # the pool's one connection
        sent.clear()
        assert candidate.save(attempt_id, item, None, seq=2).get_json()["saved"]
        stored = [text.split()[0].upper() for text in sent]
        sent.clear()
        assert not candidate.save(attempt_id, item, None, seq=2).get_json()["saved"]
        stale = [text.split()[0].upper() for text in sent]
    finally:
        event.remove(engine, "connect", trace)
    assert stored == ["SELECT", "BEGIN", "UPDATE", "COMMIT"], sent
    assert stale == ["SELECT", "BEGIN", "UPDATE", "SELECT", "COMMIT"], sent
