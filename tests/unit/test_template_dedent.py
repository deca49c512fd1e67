"""Templates are compiled without their lines' indentation and the empty lines their statements
leave (exam_prep.jinja.Dedent), outside <pre> and <textarea>, and never touching the values they
put in."""
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


def test_a_line_of_statements_and_comments_leaves_no_line_behind(app: Flask) -> None:
    source = """<ul>
    {# one item per word #}
    {% for word in words %}
        {% set upper = word|upper %}
        <li>{{ upper }}</li>
    {% endfor %}
</ul>
{% if none_left %}
    <p>없음</p>
{% endif %}
<p>끝</p>"""
    assert render(app, source, words=["a", "b"], none_left=False) == "<ul>\n<li>A</li>\n<li>B</li>\n</ul>\n<p>끝</p>"
    assert render(app, source, words=[], none_left=True) == "<ul>\n</ul>\n<p>없음</p>\n<p>끝</p>"


def test_a_line_that_writes_something_keeps_its_line_break(app: Flask) -> None:
    # Inline content on either side of the line stays apart, as written.
    source = """<span>앞</span>
{% if shown %}<b>글</b>{% endif %}
{% block extra %}{% endblock %}
{% filter upper %}x{% endfilter %}
{% raw %}
{{ 그대로 }}
{% endraw %}
<span>뒤</span>"""
    assert render(app, source, shown=True) == "<span>앞</span>\n<b>글</b>\n\nX\n\n{{ 그대로 }}\n<span>뒤</span>"


@given(st.text(alphabet=st.sampled_from(list(" \t\nab<>/pre{%}#")), max_size=60))
def test_only_blanks_after_a_line_break_are_removed(source: str) -> None:
    out = Dedent.preprocess(None, source, None)  # type: ignore[arg-type]
    assert out.replace(" ", "").replace("\t", "").replace("\n", "") == \
        source.replace(" ", "").replace("\t", "").replace("\n", "")
    assert len(out) <= len(source)
