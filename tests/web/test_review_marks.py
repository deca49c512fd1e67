"""The review pictures write every status beside its colour (issue 12, no information by colour
alone), for the statuses the browser test's fixtures never produce: a wrong label and a loose
("고칠 점") pair on a box picture, a keypoint inspection's judgement, several statuses in one span.
Each figure is built by its type's own review code from a scored item and drawn by its template.
"""
from __future__ import annotations

import re
from typing import Any

from flask import Flask, render_template

from exam_prep.questions.drawn import shapes_figure
from exam_prep.questions.inspect import review as inspect_review
from exam_prep.questions.spans.review import figure as spans_figure

IMAGE = {"url": "/media/test.png", "width": 200, "height": 100}
LABELS = [{"name": "car", "title": "자동차"}, {"name": "person", "title": "사람"}]
# The words written on a picture: (classes of the text, its text).
WRITTEN = re.compile(r'<text[^>]*class="iou ([\w ]+)"[^>]*>([^<]*)</text>')


def render(app: Flask, template: str, figure: dict[str, Any], **item: Any) -> str:
    with app.test_request_context():
        return render_template(template, item={"image": IMAGE, "figure": figure, "guide": None, **item}, review=True)


def written(html: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for classes, text in WRITTEN.findall(html):
        for status in classes.split():
            out.setdefault(status, []).append(" ".join(text.split()))
    return out


def test_a_box_picture_writes_wrong_label_loose_missed_and_extra(app: Flask) -> None:
    scored = {
        "labels": LABELS,
        "answer": {"shapes": [{"label": "car", "box": [10, 10, 40, 30]}, {"label": "car", "box": [100, 10, 40, 30]},
                              {"label": "person", "box": [60, 50, 20, 40]}]},
        "response": {"shapes": [{"label": "person", "box": [11, 10, 40, 30]},
                                {"label": "car", "box": [100, 10, 60, 40]},
                                {"label": "car", "box": [150, 60, 30, 30]}]},
        "detail": {"pairs": [{"ref": 0, "cand": 0, "iou": 0.95, "status": "wrong_label"},
                             {"ref": 1, "cand": 1, "iou": 0.5, "status": "matched", "loose": True}],
                   "missed": [2], "extra": [2]},
    }
    html = render(app, "review/labeling/bbox.html", shapes_figure(scored, "shapes"))
    words = written(html)
    assert words["wrong_label"] == ["라벨 틀림 · IoU 0.95"]
    assert words["flawed"] == ["고칠 점 · IoU 0.50"]
    assert words["missed"] == ["놓침"] and words["extra"] == ["불필요"]
    # Each line in the legend is named, its pattern said in words too.
    for entry in ("라벨 틀림 (보라 선과 점)", "고칠 점:", "놓침: 놓친 개체", "불필요: 정답에 없는 라벨"):
        assert entry in html


def test_a_keypoint_inspection_writes_each_judgement_by_its_number_and_sign(app: Flask) -> None:
    scored = {
        "task": "keypoints", "labels": LABELS,
        "submitted": [{"label": "person", "points": [[20, 20], [30, 40], "hidden"]},
                      {"label": "person", "points": ["hidden", [120, 30], [130, 60]]}],
        "answer": {"errors": [{"label": 1, "reason": "wrong_position"}], "verdict": "reject"},
        "detail": {"labels": [{"label": 1, "status": "missed", "planted": "wrong_position", "given": None},
                              {"label": 2, "status": "approved_ok"}],
                   "verdict": "approve", "verdict_expected": "reject", "verdict_ok": False},
    }
    html = render(app, "review/labeling/inspect.html", inspect_review.figure(scored))
    words = written(html)
    assert words["missed"] == ["1 ✗"]  # written at the first placed point of the label
    assert words["approved_ok"] == ["2 ○"]
    assert "✗ 놓친 오류 (빨간 굵은 실선)" in html and "○ 바르게 승인 (회색 잔 점선)" in html


def test_a_text_review_writes_each_marks_status_in_its_tag(app: Flask) -> None:
    scored = {
        "text": "홍길동은 서울에서 일한다.", "labels": LABELS,
        "answer": {"spans": [{"label": "person", "start": 0, "end": 3}, {"label": "car", "start": 5, "end": 7}]},
        "response": {"spans": [{"label": "person", "start": 0, "end": 4}, {"label": "person", "start": 5, "end": 7}]},
        "detail": {"true_positive": [], "false_negative": [{"ref": 0}, {"ref": 1}], "false_positive": [],
                   "partial": [{"ref": 0, "cand": 0}], "type_errors": [{"ref": 1, "cand": 1}]},
    }
    html = render(app, "review/labeling/spans.html", spans_figure(scored))
    marks = re.findall(r'<mark class="span ([\w ]+)"[^>]*>.*?</mark>', html, flags=re.S)
    assert {"missed", "partial", "type_error"} <= {m for classes in marks for m in classes.split()}
    words = re.findall(r'<span class="mark-word">([^<]*)</span>', html)
    assert words.count("놓침") == 2 and "범위가 어긋남" in words and "유형 틀림" in words
