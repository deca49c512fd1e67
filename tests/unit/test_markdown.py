from exam_prep.markdown import render


def test_renders_markdown() -> None:
    assert str(render("**굵게**")) == "<p><strong>굵게</strong></p>"


def test_strips_scripts_and_handlers() -> None:
    html = str(render('<script>alert(1)</script><img src="/static/x.png" onerror="alert(1)"> [a](javascript:alert(1))'))
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert '<img src="/static/x.png">' in html


def test_empty() -> None:
    assert str(render(None)) == "" and str(render("")) == ""


def test_single_line_breaks_are_kept() -> None:
    # An explanation written as a YAML `|` block: each line is its own line on the page.
    html = str(render("정답은 ②입니다.\n바운딩 박스는 물체 전체를 감싸야 합니다.\n학습할 개념: IoU\n"))
    assert html == "<p>정답은 ②입니다.<br>\n바운딩 박스는 물체 전체를 감싸야 합니다.<br>\n학습할 개념: IoU</p>"


def test_blank_lines_still_make_paragraphs_and_code_keeps_its_lines() -> None:
    html = str(render("첫 문단\n\n둘째 문단\n\n```\na = 1\nb = 2\n```"))
    assert html.startswith("<p>첫 문단</p>\n<p>둘째 문단</p>")
    assert "<pre><code>a = 1\nb = 2\n</code></pre>" in html and "<br>" not in html


def test_images_come_from_the_site_itself() -> None:
    # The pages' Content-Security-Policy allows images from the site only; another source
    # would show as a broken image, so the sanitizer drops it.
    html = str(render("![a](https://example.org/x.png) ![b](//example.org/y.png) ![c](/static/z.png)"))
    assert "example.org" not in html
    assert '<img alt="c" src="/static/z.png">' in html or '<img src="/static/z.png" alt="c">' in html
    assert str(render("[링크](https://example.org/)")).count("https://example.org/") == 1  # links stay
