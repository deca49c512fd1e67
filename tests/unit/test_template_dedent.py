"""Templates are compiled without their lines' indentation (exam_prep.jinja.Dedent), outside
<pre> and <textarea>, and never touching the values they put in."""
from __future__ import annotations

from flask import Flask
from hypothesis import given
from hypothesis import strategies as st

from exam_prep.jinja import Dedent

SOURCE = """<div>
    <p>
        {{ value }}
    </p>
    <pre>
  kept
      as is</pre>
      <TEXTAREA name="t">
   also kept</TEXTAREA>
</div>"""


def render(app: Flask, source: str, **values: object) -> str:
    with app.app_context():
        return app.jinja_env.from_string(source).render(**values)


def test_indentation_is_cut_but_pre_textarea_and_values_are_kept(app: Flask) -> None:
    html = render(app, SOURCE, value="첫 줄\n        둘째 줄")
    assert html == ("<div>\n<p>\n첫 줄\n        둘째 줄\n</p>\n<pre>\n  kept\n      as is</pre>\n"
                    '<TEXTAREA name="t">\n   also kept</TEXTAREA>\n</div>')


@given(st.text(alphabet=st.sampled_from(list(" \t\nab<>/pre")), max_size=60))
def test_only_blanks_after_a_line_break_are_removed(source: str) -> None:
    out = Dedent.preprocess(None, source, None)  # type: ignore[arg-type]
    assert out.replace(" ", "").replace("\t", "").replace("\n", "") == \
        source.replace(" ", "").replace("\t", "").replace("\n", "")
    assert len(out) <= len(source)
