"""The bank export/import page in a real browser: the whole bank downloaded from one site and
uploaded into another whose bank folder is empty gives the same bank, byte for byte; a broken
zip is refused with its problems listed by path and line."""
from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.browser.conftest import DEFAULT_TIMEOUT_MS, require_chromium, serving
from tests.conftest import FIXTURE_BANK, PASSWORD, make_app

require_chromium()

from playwright.sync_api import Browser, Page, expect  # noqa: E402

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp/exam_prep_screens")
INSTRUCTOR = "강사"


def sign_in(page: Page) -> None:
    page.goto("/auth/login")
    page.fill('input[name="username"]', INSTRUCTOR)
    page.fill('input[name="password"]', PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_role("button", name=f"로그아웃 ({INSTRUCTOR})")).to_be_visible()


def instructor_page(browser: Browser, server, width: int = 1280) -> Page:
    from exam_prep.accounts import create_or_promote_instructor

    with server.app.app_context():
        create_or_promote_instructor(INSTRUCTOR, PASSWORD)
    context = browser.new_context(base_url=server.url, locale="ko-KR", timezone_id="Asia/Seoul",
                                  viewport={"width": width, "height": 900}, accept_downloads=True)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    sign_in(page)
    return page


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "sideways scroll"


def test_export_then_import_into_an_empty_bank_through_the_page(browser: Browser, template_db: Path,
                                                                 tmp_path: Path) -> None:
    source = tmp_path / "source_bank"
    shutil.copytree(FIXTURE_BANK, source)
    target = tmp_path / "target_bank"
    target.mkdir()
    for name in ("a", "b"):
        shutil.copy(template_db, tmp_path / f"{name}.sqlite")
    SCREENSHOTS.mkdir(exist_ok=True)
    with serving(make_app(tmp_path / "a.sqlite", EXAM_PREP_QUESTION_BANK=str(source))) as site_a:
        page = instructor_page(browser, site_a)
        page.goto("/instructor/bank")
        expect(page.get_by_role("heading", name="문제은행 내보내기·가져오기")).to_be_visible()
        with page.expect_download() as download_info:
            page.get_by_role("button", name="zip 파일 내려받기").click()
        download = download_info.value
        assert download.suggested_filename == "question_bank.zip"
        exported = tmp_path / "exported.zip"
        download.save_as(exported)
        page.context.close()
    assert sorted(zipfile.ZipFile(exported).namelist()) == sorted(files_of(source))

    with serving(make_app(tmp_path / "b.sqlite", EXAM_PREP_QUESTION_BANK=str(target))) as site_b:
        page = instructor_page(browser, site_b)
        page.goto("/instructor/bank")
        page.set_input_files("#bank-zip", str(exported))
        page.get_by_role("button", name="가져오기", exact=True).click()
        report = page.locator(".bank-report")
        expect(report).to_contain_text("가져오기를 마쳤습니다")
        expect(report).to_contain_text(f"바뀐 파일 {len(files_of(source))}개")
        page.screenshot(path=str(SCREENSHOTS / "bank_io_report_1280.png"), full_page=True)
        page.set_viewport_size({"width": 360, "height": 740})
        fits(page)
        page.screenshot(path=str(SCREENSHOTS / "bank_io_report_360.png"), full_page=True)
        page.context.close()
    assert files_of(target) == files_of(source)
    from exam_prep.bank import load_bank

    assert [q.payload() for q in load_bank(target).questions] == [q.payload() for q in load_bank(source).questions]


def test_a_broken_zip_is_refused_with_path_and_line(browser: Browser, template_db: Path, tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK, bank)
    shutil.copy(template_db, tmp_path / "site.sqlite")
    before = files_of(bank)
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("level2/new.yaml", "- id: t2-new\n  type: ox\n  level: 2\n  domain: basics\n"
                                            "  question: 문항\n  answer: 3\n  explanation: 해설\n")
        archive.writestr("../outside.yaml", "- id: x\n")
    SCREENSHOTS.mkdir(exist_ok=True)
    with serving(make_app(tmp_path / "site.sqlite", EXAM_PREP_QUESTION_BANK=str(bank))) as site:
        page = instructor_page(browser, site, width=360)
        page.goto("/instructor/bank")
        page.set_input_files("#bank-zip", files=[{"name": "bank.zip", "mimeType": "application/zip",
                                                  "buffer": broken.getvalue()}])
        page.get_by_role("button", name="가져오기", exact=True).click()
        problems = page.locator(".bank-problems li")
        expect(problems.first).to_contain_text("../outside.yaml:1: 문제은행 폴더 밖을")
        page.screenshot(path=str(SCREENSHOTS / "bank_io_problems_360.png"), full_page=True)
        fits(page)
        # the zip without the outside entry: now the YAML problem, with its line
        fixed = io.BytesIO()
        with zipfile.ZipFile(fixed, "w") as archive:
            archive.writestr("level2/new.yaml", "- id: t2-new\n  type: ox\n  level: 2\n  domain: basics\n"
                                                "  question: 문항\n  answer: 3\n  explanation: 해설\n")
        page.set_input_files("#bank-zip", files=[{"name": "bank.zip", "mimeType": "application/zip",
                                                  "buffer": fixed.getvalue()}])
        page.get_by_role("button", name="가져오기", exact=True).click()
        expect(problems.first).to_have_text("level2/new.yaml:6: answer는 true(O) 또는 false(X)여야 합니다")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / "bank_io_problems_1280.png"), full_page=True)
        page.context.close()
    assert files_of(bank) == before
