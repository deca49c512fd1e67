from exam_prep.markdown import render


def test_renders_markdown() -> None:
    assert str(render("**굵게**")) == "<p><strong>굵게</strong></p>"


def test_strips_scripts_and_handlers() -> None:
    html = str(render('<script>alert(1)</script><img src="/static/x.png" onerror="alert(1)"> [a](javascript:alert(1))'))
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert '<img src="/static/x.png">' in html


def test_empty() -> None:
    assert str(render(None)) == "" and str(render("")) == ""
