"""The bank is untrusted input (a colleague's zip, an upload): every path it names stays inside its
folder, YAML aliases and oversized files are refused before any work is done, links out of the
folder are refused, and whatever text is thrown at the loader gives a Bank or problems with their
file and line, never another exception."""
from __future__ import annotations

import hashlib
import json
import random
import shutil
import struct
import tempfile
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exam_prep.bank import Bank, BankError, limits, load_bank
from exam_prep.bank.paths import inside_bank
from exam_prep.bank.yaml_lines import YamlSyntaxError, read_yaml
from tests.conftest import FIXTURE_BANK
from tests.conftest import bank_problems as problems

SHAPES_DIGEST = hashlib.sha256((FIXTURE_BANK / "media" / "shapes.png").read_bytes()).hexdigest()


BBOX = """\
- id: x-bbox
  type: bbox
  level: 2
  domain: labeling
  question: 상자를 그리세요.
  image: media/shapes.png
  labels: [square, circle]
  reference:
    - {label: square, box: [20, 30, 50, 60]}
  explanation: 해설
"""

QUESTION = "- {id: %s, type: ox, level: 2, domain: basics, question: 참인가, answer: true, explanation: 네}\n"


# --- paths --------------------------------------------------------------------------------


@pytest.mark.parametrize("image", [
    f'{{path: "../../../../etc/passwd", src: "{"a" * 64}.png", width: 200, height: 150}}',
    '{path: media/shapes.png, src: "../../x.png", width: 200, height: 150}',
    f'{{path: media/shapes.png, src: "{SHAPES_DIGEST}.png", width: 200, height: 150}}',
])
def test_a_bank_names_images_by_path_never_as_a_resolved_object(bank: Path, image: str) -> None:
    assert problems(bank, BBOX.replace("media/shapes.png", image, 1)) == [
        "extra.yaml:6: 이미지는 문제은행 폴더 기준의 파일 경로여야 합니다 (예: media/coins.png)"]


def test_a_stored_payload_validates_without_a_folder_only_with_a_content_hash_name() -> None:
    from pydantic import ValidationError

    from exam_prep import questions

    stored = next(q.payload() for q in load_bank(FIXTURE_BANK).questions if q.schema.type == "bbox")
    schema = questions.get("bbox").schema
    assert schema.model_validate(stored).image.src == f"{SHAPES_DIGEST}.png"  # the stored form, as loaded
    for src in ["../../x.png", f"{SHAPES_DIGEST}.svg", f"media/{SHAPES_DIGEST}.png", SHAPES_DIGEST]:
        with pytest.raises(ValidationError, match="이미지 이름은 내용의 해시"):
            schema.model_validate({**stored, "image": {**stored["image"], "src": src}})
    with pytest.raises(ValidationError, match="상대 경로"):
        schema.model_validate({**stored, "image": {**stored["image"], "path": "/etc/passwd"}})


@pytest.mark.parametrize("where", ["../../etc/passwd", "/etc/passwd", "media/../../outside.png"])
def test_an_image_outside_the_folder_is_refused(bank: Path, where: str) -> None:
    shutil.copy(bank / "media" / "shapes.png", bank.parent / "outside.png")
    assert problems(bank, BBOX.replace("media/shapes.png", where)) == [
        f"extra.yaml:6: 이미지 '{where}'는 문제은행 폴더 안에 있어야 합니다"]


def test_an_image_linked_from_outside_is_refused(bank: Path) -> None:
    shutil.copy(bank / "media" / "shapes.png", bank.parent / "outside.png")
    (bank / "media" / "linked.png").symlink_to(bank.parent / "outside.png")
    assert problems(bank, BBOX.replace("media/shapes.png", "media/linked.png")) == [
        "extra.yaml:6: 이미지 'media/linked.png'는 문제은행 폴더 안에 있어야 합니다",
        "linked.png:1: 문제은행 폴더 밖을 가리키는 링크입니다"]


def test_an_export_outside_the_folder_is_refused(bank: Path) -> None:
    (bank.parent / "coco.json").write_text(json.dumps({"images": [], "annotations": [], "categories": []}))
    text = BBOX.replace("  reference:\n    - {label: square, box: [20, 30, 50, 60]}\n",
                        "  reference_from: {coco: ../coco.json, image: shapes.png}\n")
    assert problems(bank, text) == [
        "extra.yaml:8: reference_from: 내보내기 '../coco.json'는 문제은행 폴더 안에 있어야 합니다"]


def test_a_name_the_system_refuses_is_a_problem_not_a_crash(bank: Path) -> None:
    name = "a" * 5000  # longer than any file name may be (ENAMETOOLONG)
    assert problems(bank, BBOX.replace("media/shapes.png", name)) == [f"extra.yaml:6: 이미지 파일 '{name}'가 없습니다"]


def test_a_validator_that_meets_an_unexpected_value_gives_a_problem_not_a_crash(bank: Path) -> None:
    # The keypoints schema looked the preset up in a dict without checking it was a name: a mapping
    # there raised TypeError out of `bank check`. Whatever a validator raises is a problem of its file.
    text = BBOX.replace("type: bbox", "type: keypoints").replace(
        "  reference:\n    - {label: square, box: [20, 30, 50, 60]}\n",
        "  skeleton: {preset: {name: coco_person}}\n  reference: []\n")
    [problem] = problems(bank, text)
    assert problem.startswith("extra.yaml:")
    assert "preset: 알 수 없는 골격" in problem  # the schema itself says what is wrong


def test_inside_bank_is_the_one_rule(tmp_path: Path) -> None:
    (tmp_path / "bank" / "media").mkdir(parents=True)
    (tmp_path / "bank" / "media" / "a.png").write_bytes(b"x")
    (tmp_path / "bank" / "out").symlink_to(tmp_path)
    folder = tmp_path / "bank"
    assert inside_bank(folder, "media/a.png") == (folder / "media" / "a.png").resolve()
    assert inside_bank(folder, "media/../media/a.png") == (folder / "media" / "a.png").resolve()
    for bad in ["../x", "/etc/passwd", "out/bank/../x", "", ".", "media/\x00a.png"]:
        with pytest.raises(ValueError, match="문제은행 폴더 안에 있어야 합니다"):
            inside_bank(folder, bad)


# --- links --------------------------------------------------------------------------------


def test_a_yaml_file_linked_from_outside_is_refused(bank: Path) -> None:
    (bank.parent / "elsewhere.yaml").write_text(QUESTION % "outside-1", encoding="utf-8")
    (bank / "level2" / "linked.yaml").symlink_to(bank.parent / "elsewhere.yaml")
    assert problems(bank) == ["linked.yaml:1: 문제은행 폴더 밖을 가리키는 링크입니다"]


def test_a_folder_linked_from_outside_is_refused(bank: Path) -> None:
    (bank.parent / "elsewhere").mkdir()
    (bank.parent / "elsewhere" / "more.yaml").write_text(QUESTION % "outside-1", encoding="utf-8")
    (bank / "level2" / "more").symlink_to(bank.parent / "elsewhere")
    assert problems(bank) == ["more:1: 문제은행 폴더 밖을 가리키는 링크입니다"]


def test_exams_file_linked_from_outside_is_refused(bank: Path) -> None:
    (bank / "exams.yaml").rename(bank.parent / "exams.yaml")
    (bank / "exams.yaml").symlink_to(bank.parent / "exams.yaml")
    assert problems(bank) == ["exams.yaml:1: 문제은행 폴더 밖을 가리키는 링크입니다"]


def test_links_inside_the_folder_are_read_once_at_their_real_place(bank: Path) -> None:
    (bank / "level2" / "same.yaml").symlink_to(bank / "level2" / "basics.yaml")
    (bank / "again").symlink_to(bank / "level2")
    before = len(load_bank(FIXTURE_BANK).questions)
    assert len(load_bank(bank).questions) == before  # no duplicate ids: each file read once


# --- sizes --------------------------------------------------------------------------------


def test_an_alias_is_refused_with_its_line(bank: Path) -> None:
    text = BBOX.replace("  labels: [square, circle]", "  labels: &names [square, circle]") + \
        BBOX.replace("x-bbox", "x-bbox-2").replace("  labels: [square, circle]", "  labels: *names")
    assert problems(bank, text) == ["extra.yaml:7: YAML 별칭(&, *)은 쓸 수 없습니다"]


def alias_bomb(levels: int = 12) -> str:
    """The billion laughs (10^12 leaves in about 1 KB), where the loader used to expand it: the
    export path of `reference_from` was turned into a string before it was checked."""
    lines = ["- id: bomb", "  type: bbox", "  level: 2", "  domain: labeling", "  question: 상자를 그리세요.",
             "  image: media/shapes.png", "  labels: [square]", "  explanation: 해설", "  reference_from:",
             '    a0: &a0 "lol"']
    for n in range(1, levels + 1):
        lines.append(f"    a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]")
    lines.append(f"    coco: *a{levels}")
    return "\n".join(lines) + "\n"


BOMB_ANCHOR_LINE = 10


def test_an_alias_bomb_fails_fast(bank: Path) -> None:
    text = alias_bomb()
    assert len(text.encode()) < 1500
    (bank / "level2" / "bomb.yaml").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    # Parsing alone never expands (PyYAML shares the nodes), so this cannot hang; it must refuse.
    with pytest.raises(YamlSyntaxError) as caught:
        read_yaml(bank / "level2" / "bomb.yaml")
    assert (caught.value.line, caught.value.message) == (BOMB_ANCHOR_LINE, "YAML 별칭(&, *)은 쓸 수 없습니다")
    assert problems(bank) == [f"bomb.yaml:{BOMB_ANCHOR_LINE}: YAML 별칭(&, *)은 쓸 수 없습니다"]
    assert time.perf_counter() - started < 5


def test_a_file_larger_than_the_limit_is_refused(bank: Path) -> None:
    filler = "# " + "가" * 100 + "\n"
    text = QUESTION % "big" + filler * (limits.MAX_FILE_BYTES // len(filler.encode()) + 1)
    assert problems(bank, text) == [
        f"extra.yaml:1: 파일이 너무 큽니다 (최대 {limits.size_text(limits.MAX_FILE_BYTES)})"]
    assert limits.size_text(limits.MAX_FILE_BYTES) == "1 MiB"


def test_too_deep_nesting_is_refused(bank: Path) -> None:
    assert problems(bank, "- " + "[" * 5000 + "]" * 5000 + "\n") == [
        f"extra.yaml:1: YAML이 너무 깊게 겹쳐 있습니다 (최대 {limits.MAX_YAML_DEPTH}단계)"]


def test_the_question_count_is_capped(bank: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    have = len(load_bank(FIXTURE_BANK).questions)
    monkeypatch.setattr(limits, "MAX_QUESTIONS", have + 2)
    text = "".join(QUESTION % f"extra-{n}" for n in range(5))
    assert problems(bank, text, name="zz.yaml") == [
        f"zz.yaml:3: 문항이 너무 많습니다 (문제은행 전체에서 최대 {have + 2}개)"]


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size; Pillow reads the size from the header without decoding."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b""))


@pytest.mark.parametrize("width, height", [(6000, 6000), (100_000, 100_000)])
def test_an_image_with_too_many_pixels_is_refused(bank: Path, width: int, height: int) -> None:
    (bank / "media" / "huge.png").write_bytes(png_header(width, height))
    assert problems(bank, BBOX.replace("media/shapes.png", "media/huge.png")) == [
        f"extra.yaml:6: 이미지 'media/huge.png'가 너무 큽니다 (최대 {limits.MAX_IMAGE_PIXELS:,}픽셀)"]


def test_an_image_file_larger_than_the_limit_is_refused(bank: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    noise = random.Random(0).randbytes(200 * 150)  # does not compress
    Image.frombytes("L", (200, 150), noise).save(bank / "media" / "big.png")
    monkeypatch.setattr(limits, "MAX_IMAGE_BYTES", 4096)
    assert (bank / "media" / "big.png").stat().st_size > 4096
    assert problems(bank, BBOX.replace("media/shapes.png", "media/big.png")) == [
        "extra.yaml:6: 이미지 'media/big.png'가 너무 큽니다 (최대 4 KiB)"]


def test_an_export_nested_too_deeply_is_refused(bank: Path) -> None:
    (bank / "media" / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    text = BBOX.replace("  reference:\n    - {label: square, box: [20, 30, 50, 60]}\n",
                        "  reference_from: {coco: media/deep.json, image: shapes.png}\n")
    [problem] = problems(bank, text)
    assert problem.startswith("extra.yaml:8: reference_from: 'media/deep.json'는 올바른 JSON 파일이 아닙니다")


@pytest.mark.parametrize("value", ["2024-13-45", "1" * 5000, "!!binary 'a'", "!!timestamp x",
                                   "!!python/name:os.system"])
def test_values_yaml_cannot_construct_are_problems_with_their_line(bank: Path, value: str) -> None:
    [problem] = problems(bank, QUESTION % "q1" + f"- id: q2\n  type: ox\n  answer: {value}\n")
    assert problem.startswith("extra.yaml:4: ")


# --- anything at all ----------------------------------------------------------------------

FRAGMENTS = [
    "- ", "  ", "    ", "\n", "id: q", "type: ", "bbox", "ox", "inspect", "classify", "spans", "ocr",
    "keypoints", "polygon", "level: 2", "domain: labeling", "question: 문제", "answer: ", "true",
    "explanation: 해설", "image: ", "media/shapes.png", "../x", "{path: a, src: b, width: 1, height: 1}",
    "images: ", "[", "]", "{", "}", ",", ":", "&a ", "*a", "!!binary", "!!set", "? ", "|", ">", "'", '"',
    "reference: ", "reference_from: {coco: media/x.json, image: 1}", "labels: [a, b]", "{label: a, box: [1, 2, 3, 4]}",
    "2024-13-45", "1e999", "-.inf", ".nan", "0x1F", "~", "null", "%YAML 1.1", "---", "...", "#", "\t", "\ufeff",
    "가", "\x00", "\x85", "\ud7ff", "9" * 30, "<<: ", "skeleton: {preset: coco_person}", "submitted: []",
]
KEYS = ["id", "type", "level", "domain", "question", "explanation", "answer", "options", "image", "images",
        "labels", "reference", "reference_from", "skeleton", "submitted", "errors", "task", "text", "name",
        "label", "box", "points", "path", "src", "width", "height", "coco", "label_studio", "preset", "scoring",
        "attributes", "missed", "reason", "start", "end", "occurrence", "normalize", "multi_label", "guide"]
leaf = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(), st.text(max_size=8),
                 st.sampled_from(["media/shapes.png", "../x.png", "/etc/passwd", "coco_person", "square", "bbox",
                                  "a" * 64 + ".png", "hidden", "labeling", "not_tight"]))
value = st.recursive(leaf, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner,
                                                                                           max_size=5), max_leaves=12)
TYPES = ["single", "multiple", "ox", "short", "bbox", "polygon", "keypoints", "classify", "spans", "ocr", "inspect"]
question = st.fixed_dictionaries(
    {"id": st.just("q"), "type": st.sampled_from(TYPES), "level": st.just(2), "domain": st.just("labeling"),
     "question": st.just("문제"), "explanation": st.just("해설")},
    optional={key: value for key in KEYS[6:20]},
)
yamlish = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join),
    question.map(lambda q: "- " + json.dumps(q, ensure_ascii=False) + "\n"),  # JSON is YAML
)


SMALL_EXAMS = """\
domains: {basics: 기초, labeling: 라벨링}
exams:
  - {id: t, title: 시험, level: 2, minutes: 10, sections: [{title: 이론, count: 1, level: 2, types: [ox]}]}
"""


@pytest.fixture(scope="module")
def scratch() -> Path:
    """A small valid bank (one question, one image) that each example adds one file to."""
    with tempfile.TemporaryDirectory() as folder:
        bank = Path(folder) / "bank"
        (bank / "level2").mkdir(parents=True)
        (bank / "media").mkdir()
        shutil.copy(FIXTURE_BANK / "media" / "shapes.png", bank / "media" / "shapes.png")
        (bank / "exams.yaml").write_text(SMALL_EXAMS, encoding="utf-8")
        (bank / "level2" / "one.yaml").write_text(QUESTION % "one", encoding="utf-8")
        assert len(load_bank(bank).questions) == 1
        yield bank


FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}


@settings(max_examples=200, **FUZZ)
@given(text=yamlish)
def test_arbitrary_text_gives_a_bank_or_problems_never_another_exception(scratch: Path, text: str) -> None:
    path = scratch / "level2" / "fuzz.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    try:
        try:
            read_yaml(path)
        except YamlSyntaxError as exc:
            assert exc.line >= 1 and exc.message
        result = load_bank(scratch)
    except BankError as exc:
        assert exc.problems and all(p.line >= 1 and p.message for p in exc.problems)
    else:
        assert isinstance(result, Bank)
    finally:
        path.unlink()


@settings(max_examples=100, **FUZZ)
@given(text=yamlish)
def test_arbitrary_exams_file_gives_a_bank_or_problems(scratch: Path, text: str) -> None:
    original = SMALL_EXAMS.encode()
    path = scratch / "exams.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    try:
        load_bank(scratch)
    except BankError as exc:
        assert exc.problems and all(p.line >= 1 and p.message for p in exc.problems)
    finally:
        path.write_bytes(original)
