"""What the labeling exercise types share: the label set, the image, scoring options, reading a
reference from an export, and checks of shapes against the image and the label set.

Validators here run inside the bank loader with a context {"folder": bank folder, "cache": {}};
their messages start with the key path they are about ("reference.2.box: ...") so that a problem
points at its line. Stored payloads are validated again without a folder (already resolved).
Every file a bank names is found through bank.paths.inside_bank (never outside the bank folder).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any, ClassVar

from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .base import ModelT, QuestionSchema, QuestionType, ResponseError
from .fields import bounded_list, finite_number, object_with, one_of

MAX_SHAPES = 300
#: The validation context key of a stored payload read back (registry.model_of): images and
#: references are already resolved, no bank folder is read.
STORED = "stored"
MAX_POINTS = 500


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Label(_Strict):
    name: str = Field(min_length=1, max_length=60)
    title: str = ""
    attributes: list[str] = Field(default_factory=list)

    def model_post_init(self, __context: Any) -> None:
        if not self.title:
            self.title = self.name


class Scoring(_Strict):
    iou_threshold: float = Field(default=0.5, gt=0, le=1)
    partial_credit: bool = True
    attribute_cost: float = Field(default=0.5, ge=0, le=1)
    loose_iou: float = Field(default=0.8, gt=0, le=1)
    cer_max: float = Field(default=0.0, ge=0, le=1)


class ImageInfo(_Strict):
    """An image as a question version stores it: the bank path it was read from, its name in the
    media store (the sha256 of its bytes and its type's extension, never a path) and its size."""

    path: str = Field(min_length=1, max_length=500)
    src: str
    width: int = Field(gt=0)
    height: int = Field(gt=0)

    @field_validator("path")
    @classmethod
    def _relative_path(cls, value: str) -> str:
        if "\x00" in value or Path(value).is_absolute():
            raise ValueError(f"path: 이미지 경로 '{value}'는 문제은행 폴더 기준의 상대 경로여야 합니다")
        return value

    @field_validator("src")
    @classmethod
    def _content_hash(cls, value: str) -> str:
        from ..media import is_media_name

        if not is_media_name(value):
            raise ValueError("src: 이미지 이름은 내용의 해시(sha256.확장자)여야 합니다")
        return value


def _bank_file(value: str, info: ValidationInfo, what: str) -> Path:
    """A file the bank names, inside the bank folder (links followed); ValueError otherwise."""
    from ..bank.paths import inside_bank, is_regular_file

    folder = (info.context or {}).get("folder")
    if folder is None:
        raise ValueError(f"{what} '{value}': 문제은행 폴더 밖에서는 파일을 읽을 수 없습니다")
    path = inside_bank(folder, value, what)
    if not is_regular_file(path):
        raise ValueError(f"{what} 파일 '{value}'가 없습니다")
    return path


def resolve_image(value: Any, info: ValidationInfo) -> Any:
    """A path in the YAML becomes {path, src (content hash), width, height}.

    In the bank (a context with a folder) an image is always a path inside the folder, never the
    resolved object: that form only comes from a stored payload, validated without a folder,
    whose `src` ImageInfo checks is a content hash."""
    context = info.context or {}
    if isinstance(value, dict) and context.get("folder") is None:
        return value  # a stored payload, already resolved
    if not isinstance(value, str) or not value.strip():
        raise ValueError("이미지는 문제은행 폴더 기준의 파일 경로여야 합니다 (예: media/coins.png)")
    cache = context.setdefault("cache", {})
    key = ("image", value)
    if key in cache:
        return cache[key]
    from ..media import read_image

    _, facts = read_image(_bank_file(value, info, "이미지"), value)
    resolved = {"path": value, "src": facts.name, "width": facts.width, "height": facts.height}
    cache[key] = resolved
    return resolved


def read_export(value: str, info: ValidationInfo) -> Any:
    """The JSON of an export file the bank names; its problems point at `reference_from`."""
    from ..bank import limits
    from ..bank.paths import TooLarge, read_limited

    cache = (info.context or {}).setdefault("cache", {})
    key = ("export", value)
    if key not in cache:
        try:
            path = _bank_file(value, info, "내보내기")
            data = read_limited(path, limits.MAX_EXPORT_BYTES)
            cache[key] = json.loads(data.decode("utf-8"))
        except TooLarge:
            raise ValueError(f"reference_from: 내보내기 '{value}'가 너무 큽니다 "
                             f"(최대 {limits.size_text(limits.MAX_EXPORT_BYTES)})") from None
        except RecursionError:
            raise ValueError(f"reference_from: '{value}'는 올바른 JSON 파일이 아닙니다 "
                             "(너무 깊게 겹쳐 있습니다)") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"reference_from: '{value}'는 올바른 JSON 파일이 아닙니다 ({exc})") from None
        except ValueError as exc:  # outside the folder, missing, an integer of thousands of digits
            raise ValueError(f"reference_from: {exc}") from None
        except OSError:
            raise ValueError(f"reference_from: 내보내기 '{value}'를 읽을 수 없습니다") from None
    return cache[key]


def _export_kind(data: dict[str, Any]) -> str:
    """Which export `reference_from` names: exactly one of coco and label_studio, instead of a
    written reference."""
    source = data["reference_from"]
    if "reference" in data and data.get("reference"):
        raise ValueError("reference_from: reference와 reference_from 중 하나만 쓰세요")
    if not isinstance(source, dict):
        raise ValueError("reference_from: {coco: 파일, image: 이름} 또는 {label_studio: 파일, task: 번호} "
                         "형식이어야 합니다")
    kinds = [k for k in ("coco", "label_studio") if k in source]
    if len(kinds) != 1:
        raise ValueError("reference_from: coco 또는 label_studio 중 하나를 지정하세요")
    return kinds[0]


def _check_image_size(facts: dict[str, Any], image: dict[str, Any]) -> None:
    """The export was made on an image of the same size as the exercise's image."""
    if (round(facts["width"]), round(facts["height"])) != (image["width"], image["height"]):
        raise ValueError(f"reference_from: 내보내기의 이미지 크기({facts['width']}×{facts['height']})가 "
                         f"문항 이미지({image['width']}×{image['height']})와 다릅니다")


#: A type's step before reading the export: fills in what the exercise implies about the
#: selector (data: the exercise as written, selector: reference_from without the file).
SelectorDefaults = Callable[[dict[str, Any], dict[str, Any]], None]
#: A type's step after reading: the reference fitted onto the exercise (reference, the export's
#: facts, the exercise as written) -> reference.
OntoExercise = Callable[[list[dict[str, Any]], dict[str, Any], dict[str, Any]], list[dict[str, Any]]]


def resolve_reference_from(data: Any, info: ValidationInfo, reader: str, skeleton_names: list[str] | None = None,
                           selector_defaults: SelectorDefaults | None = None,
                           onto_exercise: OntoExercise | None = None) -> Any:
    """`reference_from: {coco: file, image: name}` or `{label_studio: file, task: id}` → `reference`.

    ``reader`` names the importers' reader the exercise's type uses; ``selector_defaults`` and
    ``onto_exercise`` are the type's own steps before and after reading (None: none)."""
    if not isinstance(data, dict) or "reference_from" not in data or (info.context or {}).get(STORED):
        return data  # a stored payload holds the reference read when its bank was loaded
    kind = _export_kind(data)
    source = data["reference_from"]
    from ..labeling.importers import ImportProblem, load_reference, source_facts

    exported = read_export(str(source[kind]), info)
    selector = {k: v for k, v in source.items() if k != kind}
    if selector_defaults is not None:
        selector_defaults(data, selector)
    try:
        reference = load_reference(kind, exported, selector, reader, skeleton_names)
        facts = source_facts(kind, exported, selector)
    except ImportProblem as exc:
        raise ValueError(f"reference_from: {exc}") from None
    image = data.get("image")
    if "width" in facts and isinstance(image, str):
        _check_image_size(facts, resolve_image(image, info))
    if onto_exercise is not None:
        reference = onto_exercise(reference, facts, data)
    return {**data, "reference": reference}


def check_labels(labels: list[Label]) -> list[Label]:
    names = [label.name for label in labels]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"라벨 이름이 두 번 나옵니다: {', '.join(duplicates)}")
    return labels


class LabelSet(QuestionSchema):
    """A label set (labels may be written as bare names), its guide and scoring options."""

    guide: str = ""
    labels: list[Label] = Field(default_factory=list, max_length=30)
    scoring: Scoring = Field(default_factory=Scoring)

    @field_validator("labels")
    @classmethod
    def _unique_labels(cls, labels: list[Label]) -> list[Label]:
        return check_labels(labels)

    @field_validator("labels", mode="before")
    @classmethod
    def _label_may_be_a_name(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"name": v} if isinstance(v, str) else v for v in value]
        return value

    def label_names(self) -> set[str]:
        return {label.name for label in self.labels}

    def label_attributes(self) -> dict[str, list[str]]:
        return {label.name: label.attributes for label in self.labels}


class LabeledSchema(LabelSet):
    """Keys of every labeling exercise: a non-empty label set, a reference or where to read it."""

    labels: list[Label] = Field(min_length=1, max_length=30)
    reference_from: dict[str, Any] | None = None


class OnImage(BaseModel):
    """An exercise on one image; its reference may come from an export (`reference_from`)."""

    #: The importers' reader of this exercise's reference (labeling.importers.READERS).
    reference_reader: ClassVar[str]
    image: ImageInfo

    @field_validator("image", mode="before")
    @classmethod
    def _image(cls, value: Any, info: ValidationInfo) -> Any:
        return resolve_image(value, info)

    @model_validator(mode="before")
    @classmethod
    def _from_export(cls, data: Any, info: ValidationInfo) -> Any:
        return resolve_reference_from(data, info, cls.reference_reader)


def inside(x: float, y: float, width: int, height: int) -> bool:
    return 0 <= x <= width and 0 <= y <= height


def check_reference_label(where: str, label: str, schema: LabelSet) -> None:
    if label not in schema.label_names():
        raise ValueError(f"{where}.label: 라벨 '{label}'가 labels에 없습니다 "
                         f"(가능한 값: {', '.join(sorted(schema.label_names()))})")


def check_attributes(where: str, label: str, attributes: dict[str, Any], schema: LabelSet) -> None:
    allowed = schema.label_attributes().get(label, [])
    for key, value in attributes.items():
        if key not in allowed:
            raise ValueError(f"{where}.attributes: 라벨 '{label}'에는 속성 '{key}'가 없습니다")
        if not isinstance(value, bool):
            raise ValueError(f"{where}.attributes: 속성 '{key}'는 true 또는 false여야 합니다")


def check_box_in_image(where: str, box: list[float], image: ImageInfo) -> None:
    x, y, w, h = box
    if w <= 0 or h <= 0:
        raise ValueError(f"{where}.box: 너비와 높이는 0보다 커야 합니다")
    if not (inside(x, y, image.width, image.height) and inside(x + w, y + h, image.width, image.height)):
        raise ValueError(f"{where}.box: 상자가 이미지({image.width}×{image.height}) 밖으로 나갑니다")


def check_polygon_in_image(where: str, points: list[list[float]], image: ImageInfo) -> None:
    if len(points) < 3:
        raise ValueError(f"{where}.points: 다각형은 점이 3개 이상이어야 합니다")
    for i, (x, y) in enumerate(points):
        if not inside(x, y, image.width, image.height):
            raise ValueError(f"{where}.points.{i}: 점 ({x}, {y})이 이미지({image.width}×{image.height}) 밖에 있습니다")
    from shapely.geometry import Polygon

    if Polygon(points).area <= 0:
        raise ValueError(f"{where}.points: 다각형의 넓이가 0입니다 (점이 한 줄에 있거나 겹칩니다)")


# --- responses --------------------------------------------------------------------------

# px: how far outside the image a response's point may lie before it is refused. The editors
# keep points on the image but round to 0.1 px, so an edge point may land a hair outside; such a
# point is moved onto the edge. Every stored coordinate is on the image, as in the bank.
EDGE_TOLERANCE = 1.0


def coordinate(value: Any, what: str, size: int) -> float:
    """A coordinate along an image side of ``size`` px, on the image, rounded to 0.01 px."""
    position = finite_number(value, what, -EDGE_TOLERANCE, size + EDGE_TOLERANCE)
    return round(min(max(position, 0.0), float(size)), 2)


def response_list(raw: Any, key: str, limit: int = MAX_SHAPES) -> list[Any]:
    value = object_with(raw, {key}, message=_('응답은 {"%(key)s": [...]} 형식이어야 합니다', key=key))[key]
    return bounded_list(value, key, limit)


def _extent(start: Any, length: Any, what: str, size: int) -> tuple[float, float]:
    """(start, length) of a box along one image side, both as stored: rounded, on the image."""
    low = coordinate(start, what, size)
    length = finite_number(length, what, 0, size + 2 * EDGE_TOLERANCE)
    high = coordinate(float(start) + length, what, size)
    return low, round(high - low, 2)


def response_box(raw: Any, image: ImageInfo) -> list[float]:
    if not isinstance(raw, list) or len(raw) != 4:
        raise ResponseError(_("box는 [x, y, 너비, 높이] 네 숫자여야 합니다"))
    x, w = _extent(raw[0], raw[2], "box", image.width)
    y, h = _extent(raw[1], raw[3], "box", image.height)
    if w <= 0 or h <= 0:  # checked on the stored (rounded, clipped) values
        raise ResponseError(_("box의 너비와 높이는 0.01 px 단위로 반올림해도 0보다 커야 합니다"))
    return [x, y, w, h]


def response_point(raw: Any, image: ImageInfo) -> list[float]:
    if not isinstance(raw, list) or len(raw) != 2:
        raise ResponseError(_("점은 [x, y] 형식이어야 합니다"))
    return [coordinate(raw[0], "x", image.width), coordinate(raw[1], "y", image.height)]


def response_points(raw: Any, image: ImageInfo) -> list[list[float]]:
    if not isinstance(raw, list) or not 3 <= len(raw) <= MAX_POINTS:
        raise ResponseError(_("points는 점 3개부터 %(n)s개까지의 목록이어야 합니다", n=MAX_POINTS))
    return [response_point(point, image) for point in raw]


def response_label(raw: Any, labels: Collection[str]) -> str:
    return one_of(raw, labels, _("label은 이 문항의 라벨 중 하나여야 합니다"))


def response_attributes(raw: Any, allowed: list[str]) -> dict[str, bool]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or any(k not in allowed or not isinstance(v, bool) for k, v in raw.items()):
        raise ResponseError(_("attributes는 이 라벨의 속성과 true/false 값이어야 합니다"))
    return dict(raw)


def public_image(image: ImageInfo) -> dict[str, Any]:
    return {"url": f"/media/{image.src}", "width": image.width, "height": image.height}


def public_labels(labels: list[Label]) -> list[dict[str, Any]]:
    return [{"name": label.name, "title": label.title, "attributes": list(label.attributes)} for label in labels]


class LabelingType(QuestionType[ModelT]):
    """A labeling or inspection type: drawn with its editor in the browser, so answered only
    with JavaScript (``answers_by_form`` stays False)."""


# --- the instructor editor's form -----------------------------------------------------------
# The editor sections (templates/instructor/editor/labeling/) post the exercise's keys as fields
# named by their bank key paths ("labels.0.name", "scoring.iou_threshold"), and what a drawing
# editor keeps (the reference, a list of images) as JSON in one hidden field. These helpers turn
# such a form back into the bank's YAML shape, unchecked: a value that does not parse is passed on
# as it was posted, so the schema reports it at its field, as `bank check` would.

#: The boolean attributes a label may carry in the editor (their Korean names are in the templates).
EDITOR_ATTRIBUTES = ("occluded", "truncated", "difficult", "crowd", "blurred")
SCORING_NUMBERS = ("iou_threshold", "attribute_cost", "loose_iou", "cer_max")
_ROW = re.compile(r"^(?P<prefix>.+)\.(?P<index>\d{1,3})\.(?P<key>[a-z_]+)$")


def form_text(form: Mapping[str, Any], key: str) -> str:
    """A text field as the bank keeps it: line ends as \\n (a browser posts \\r\\n), trimmed."""
    value = form.get(key)
    return value.replace("\r\n", "\n").replace("\r", "\n").strip() if isinstance(value, str) else ""


def form_json(form: Mapping[str, Any], key: str, default: Any = None) -> Any:
    """The JSON a hidden field holds; its raw text when it is not JSON (the schema then says the
    field is not a list or an object), ``default`` when the field is empty or absent."""
    raw = form.get(key)
    if not isinstance(raw, str) or not raw.strip():
        return default
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return raw


def form_number(raw: str) -> Any:
    """A number typed into a field (int when whole), or the text itself when it is none."""
    text = raw.strip()
    try:
        value = float(text)
    except ValueError:
        return text
    if value != value or value in (float("inf"), float("-inf")):
        return text
    return int(value) if value.is_integer() and "." not in text else value


def form_rows(form: Mapping[str, Any], prefix: str) -> list[dict[str, Any]]:
    """The rows of a repeated group of fields (``prefix.N.key``), in row order; a key posted
    several times (checkboxes) gives a list."""
    rows: dict[int, dict[str, Any]] = {}
    getlist = getattr(form, "getlist", None)
    for name in form:
        match = _ROW.match(name)
        if not match or match["prefix"] != prefix:
            continue
        values = getlist(name) if getlist else [form[name]]
        row = rows.setdefault(int(match["index"]), {})
        row[match["key"]] = values if len(values) != 1 or match["key"] == "attributes" else values[0]
    return [rows[i] for i in sorted(rows)]


def labels_from_editor(form: Mapping[str, Any], with_attributes: bool) -> list[dict[str, Any]]:
    """The label set of the editor's rows (labels.N.name, .title, .attributes); blank rows left out."""
    labels = []
    for row in form_rows(form, "labels"):
        name, title = str(row.get("name") or "").strip(), str(row.get("title") or "").strip()
        attributes = [a for a in row.get("attributes", []) if isinstance(a, str) and a] if with_attributes else []
        if not name and not title and not attributes:
            continue
        label: dict[str, Any] = {"name": name}
        if title and title != name:
            label["title"] = title
        if attributes:
            label["attributes"] = attributes
        labels.append(label)
    return labels


def scoring_from_editor(form: Mapping[str, Any], numbers: tuple[str, ...] = SCORING_NUMBERS,
                        partial_credit: bool = True) -> dict[str, Any]:
    """The `scoring:` options the instructor filled in; blank or the default's value is left out
    (an edited exercise shows the defaults its stored version holds, and keeps its YAML as it was)."""
    defaults = Scoring().model_dump()
    scoring: dict[str, Any] = {}
    for key in numbers:
        raw = form.get(f"scoring.{key}")
        if isinstance(raw, str) and raw.strip():
            scoring[key] = form_number(raw)
    choice = form.get("scoring.partial_credit")
    if partial_credit and choice in ("true", "false"):
        scoring["partial_credit"] = choice == "true"
    return {key: value for key, value in scoring.items() if value != defaults[key] or isinstance(value, str)}


def image_exercise_from_editor(form: Mapping[str, Any], with_attributes: bool = False,
                               labels: bool = True) -> dict[str, Any]:
    """image, guide, labels and scoring of an exercise on one image (bbox, polygon, keypoints, ocr)."""
    keys: dict[str, Any] = {"image": form_text(form, "image")}
    guide = form_text(form, "guide")
    if guide:
        keys["guide"] = guide
    if labels:
        keys["labels"] = labels_from_editor(form, with_attributes)
    return keys


def tidy_labels(labels: Any) -> Any:
    """A label set as the bank writes it: no empty attribute list, no title equal to the name."""
    if not isinstance(labels, list):
        return labels
    tidy = []
    for label in labels:
        if isinstance(label, dict):
            label = {k: v for k, v in label.items() if not (k == "attributes" and v == [])
                     and not (k == "title" and v == label.get("name"))}
        tidy.append(label)
    return tidy


def with_optional(keys: dict[str, Any], **optional: Any) -> dict[str, Any]:
    """``keys`` with the optional ones that have a value (an empty mapping is left out)."""
    keys.update({k: v for k, v in optional.items() if v not in (None, {}, "")})
    return keys
