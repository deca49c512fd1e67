"""authoring.yaml_store: one question replaced, added or removed; every other byte kept."""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from exam_prep.authoring import files, yaml_store
from exam_prep.bank.yaml_lines import read_yaml

FILE = """\
# 머리 주석: 이 파일은 시험용입니다.
# 두 번째 줄 주석

- id: q-1
  type: single
  level: 2
  domain: basics
  question: |
    첫 문제입니다.
    두 줄입니다.
  options:
    - 가
    - 나
  answer: 1   # 줄 끝 주석
  explanation: 'single quoted: 값'
  tags: [하나, 둘]

# q-2 앞의 주석
- id: q-2
  type: bbox
  level: 2
  domain: labeling
  question: 상자를 그리세요.
  image: media/shapes.png
  labels: [{name: horse, title: 말}]
  reference:
    - {label: horse, box: [18, 9, 371, 304]}   # 정답 상자
  explanation: |
    해설입니다.

- id: q-3
  type: ox
  level: 2
  domain: basics
  question: "따옴표 문제"
  answer: true
  explanation: >
    접힌 해설
    입니다.
"""


def plain_item(text: str, question_id: str) -> dict:
    doc = yaml_store.parse(text)
    return yaml_store._plain(doc[yaml_store.index_of(doc, question_id)])


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return removed, added


def test_replacing_with_the_same_content_changes_nothing():
    for question_id in ("q-1", "q-2", "q-3"):
        assert yaml_store.replace_question(FILE, question_id, plain_item(FILE, question_id)) == FILE


def test_replace_changes_only_the_lines_of_the_changed_keys():
    question = plain_item(FILE, "q-1")
    question["options"] = ["가", "나", "다"]
    after = yaml_store.replace_question(FILE, "q-1", question)
    removed, added = changed_lines(FILE, after)
    assert removed == []
    assert added == ["    - 다"]
    # comments, the quoted explanation and the other questions are byte-identical
    assert "  answer: 1   # 줄 끝 주석\n" in after
    assert after.startswith("# 머리 주석: 이 파일은 시험용입니다.\n# 두 번째 줄 주석\n\n- id: q-1\n")
    assert after.endswith(FILE[FILE.index("# q-2 앞의 주석"):])


def test_replace_writes_a_changed_text_as_a_block_scalar_and_keeps_flow_lists():
    question = plain_item(FILE, "q-2")
    question["explanation"] = "첫 줄입니다.\n둘째 줄입니다."
    question["reference"] = [{"label": "horse", "box": [20, 9, 371, 304]}]
    after = yaml_store.replace_question(FILE, "q-2", question)
    removed, added = changed_lines(FILE, after)
    assert added == ["    - {label: horse, box: [20, 9, 371, 304]}", "    첫 줄입니다.", "    둘째 줄입니다."]
    assert removed == ["    - {label: horse, box: [18, 9, 371, 304]}   # 정답 상자", "    해설입니다."]
    assert "  labels: [{name: horse, title: 말}]\n" in after
    # the bank strips the newline a block `|` adds
    assert plain_item(after, "q-2")["explanation"] == "첫 줄입니다.\n둘째 줄입니다.\n"


def test_a_schema_that_keeps_whitespace_gets_its_text_exactly():
    question = plain_item(FILE, "q-2")
    question["explanation"] = "첫 줄입니다.\n둘째 줄입니다."
    question["question"] = "한 줄"
    after = yaml_store.replace_question(FILE, "q-2", question, strips=False)
    assert "  question: 한 줄\n  image:" in after
    assert "  explanation: |-\n    첫 줄입니다.\n    둘째 줄입니다.\n" in after
    assert plain_item(after, "q-2")["explanation"] == "첫 줄입니다.\n둘째 줄입니다."


def test_a_new_question_goes_at_the_end_in_the_shipped_style():
    question = {"explanation": "해설", "id": "q-4", "type": "bbox", "level": 2, "domain": "labeling",
                "question": "한 줄 문제", "image": "media/a.png",
                "labels": [{"name": "cup", "title": "컵", "attributes": ["occluded"]}],
                "reference": [{"label": "cup", "box": [1, 2, 3, 4], "attributes": {"occluded": True}}],
                "source": "출처: 어딘가 # 해시", "tags": ["바운딩 박스"]}
    after = yaml_store.insert_question(FILE, question)
    assert after.startswith(FILE + "\n")
    assert after[len(FILE) + 1:] == """\
- id: q-4
  type: bbox
  level: 2
  domain: labeling
  question: |
    한 줄 문제
  image: media/a.png
  labels:
    - {name: cup, title: 컵, attributes: [occluded]}
  reference:
    - {label: cup, box: [1, 2, 3, 4], attributes: {occluded: true}}
  explanation: |
    해설
  tags: [바운딩 박스]
  source: "출처: 어딘가 # 해시"
"""
    assert plain_item(after, "q-4")["source"] == "출처: 어딘가 # 해시"


def test_texts_that_yaml_would_read_otherwise_are_quoted():
    question = {"id": "q-5", "type": "short", "answer": ["true", "12", "- 대시", "a: b", " 앞 공백"]}
    after = yaml_store.insert_question("", question)
    assert plain_item(after, "q-5")["answer"] == ["true", "12", "- 대시", "a: b", " 앞 공백"]


def test_remove_takes_out_the_question_and_one_blank_line():
    after = yaml_store.remove_question(FILE, "q-2")
    removed, added = changed_lines(FILE, after)
    assert added == []
    assert removed[0] == "- id: q-2" and removed[-1] == ""
    assert "# q-2 앞의 주석" in after  # a comment between questions stays
    assert [item["id"] for item in yaml_store.parse(after)] == ["q-1", "q-3"]
    last = yaml_store.remove_question(FILE, "q-3")
    assert [item["id"] for item in yaml_store.parse(last)] == ["q-1", "q-2"]
    assert last.endswith("    해설입니다.\n")


def test_missing_question_is_a_key_error():
    with pytest.raises(KeyError):
        yaml_store.replace_question(FILE, "nope", {"id": "nope"})
    with pytest.raises(KeyError):
        yaml_store.remove_question(FILE, "nope")


def test_atomic_write_leaves_no_temp_file(tmp_path: Path):
    target = tmp_path / "level2" / "a.yaml"
    yaml_store.write_atomic(target, FILE)
    yaml_store.write_atomic(target, FILE + "\n")
    assert target.read_text(encoding="utf-8") == FILE + "\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.yaml"]
    data, problems = read_yaml(target)
    assert [item["id"] for item in data] == ["q-1", "q-2", "q-3"] and problems == []


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "a.yaml"
    target.write_text(FILE, encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", broken)
    with pytest.raises(OSError):
        yaml_store.write_atomic(target, "other")
    assert target.read_text(encoding="utf-8") == FILE
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_a_broken_file_is_refused_with_its_line(tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("- id: a\n  question: [열린 괄호\n- id: b\n", encoding="utf-8")
    with pytest.raises(yaml_store.BankFileError) as caught:
        yaml_store.read_file(broken, "level2/broken.yaml")
    assert caught.value.path == "level2/broken.yaml" and caught.value.line >= 2
    assert "YAML 문법 오류" in caught.value.message
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("- &a {id: a}\n- *a\n", encoding="utf-8")
    with pytest.raises(yaml_store.BankFileError, match="별칭"):
        yaml_store.read_file(aliases, "aliases.yaml")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("id: a\n", encoding="utf-8")
    with pytest.raises(yaml_store.BankFileError, match="목록"):
        yaml_store.read_file(mapping, "mapping.yaml")


def test_ids_in_text_finds_item_lines():
    assert yaml_store.ids_in_text(FILE) == {"q-1": 4, "q-2": 19, "q-3": 31}


def test_keep_questions_drops_the_others_and_keeps_comments():
    kept = yaml_store.keep_questions(FILE, {"q-1", "q-3"})
    assert [item["id"] for item in yaml_store.parse(kept)] == ["q-1", "q-3"]
    removed, added = changed_lines(FILE, kept)
    assert added == [] and removed[0] == "- id: q-2" and "# q-2 앞의 주석" in kept
    assert kept.startswith(FILE[:FILE.index("# q-2")])


def test_a_changed_type_of_value_is_rewritten_even_when_python_calls_it_equal():
    question = plain_item(FILE, "q-3")
    question["answer"] = 1  # was `true`: equal in Python, not in the bank
    after = yaml_store.replace_question(FILE, "q-3", question)
    assert "  answer: 1\n" in after and plain_item(after, "q-3")["answer"] == 1
    assert yaml_store.same(20, 20.0) and not yaml_store.same(True, 1) and not yaml_store.same([1], [True])


def test_merge_questions_replaces_by_id_adds_new_ones_and_keeps_the_rest():
    incoming = "# 다른 파일의 주석\n- id: q-2\n  type: ox\n  answer: false   # 바뀐 문항\n\n- id: q-9\n  type: ox\n"
    merged = yaml_store.merge_questions(FILE, incoming)
    assert [item["id"] for item in yaml_store.parse(merged)] == ["q-1", "q-2", "q-3", "q-9"]
    assert merged.startswith(FILE[:FILE.index("- id: q-2")])  # head, q-1 and the comment before q-2 kept
    assert "- id: q-2\n  type: ox\n  answer: false   # 바뀐 문항\n\n- id: q-3" in merged
    assert merged.endswith("입니다.\n\n- id: q-9\n  type: ox\n")
    flow = yaml_store.merge_questions(FILE, "[{id: q-1, type: ox, answer: true}]")
    assert plain_item(flow, "q-1") == {"id": "q-1", "type": "ox", "answer": True}
