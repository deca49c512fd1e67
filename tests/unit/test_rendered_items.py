"""rendering.RenderedItems: an item kept with stand-ins comes back at any position, with its
options in any order, and text of the bank's own (braces, format fields) untouched."""
from __future__ import annotations

import json
from itertools import permutations

from exam_prep.rendering import RenderedItems


def _choice_html(cache: RenderedItems, text: str) -> str:
    """What the item template writes for the cache: a head, each option marked with its bank
    number, an end mark, a tail."""
    options = "".join(f'{cache.cut.option(n)}<label><input name="item-{cache.stand_in}" value="{n}">'
                      f" option {n} {{x}}</label>" for n in (1, 2, 3))
    return (f'<article id="item-{cache.stand_in}"><p>{text}</p>{options}{cache.cut.end}'
            f'<script type="application/json">{{"id": {json.dumps(cache.stand_in)}}}</script></article>')


def test_braces_and_format_fields_in_the_text_come_back_as_written() -> None:
    cache = RenderedItems(8)
    text = "JSON {\"label\": \"car\"} and a field {0} and {1} and {{double}} and }{"
    entry = cache.put("k", f'<p id="q-{cache.stand_in}">{text}</p>')
    assert str(cache.place(entry, 7)) == f'<p id="q-7">{text}</p>'


def test_every_order_of_the_options_comes_whole_in_that_order() -> None:
    cache = RenderedItems(8)
    entry = cache.put("k", _choice_html(cache, "pick {one}"))
    for order in permutations((1, 2, 3)):
        html = str(cache.place(entry, 12, order))
        assert html.startswith('<article id="item-12"><p>pick {one}</p>')
        shown = [html.index(f'value="{n}"') for n in order]
        assert shown == sorted(shown)  # the options come in the order asked for
        for n in order:
            assert f'<input name="item-12" value="{n}"> option {n} {{x}}</label>' in html
        assert "\x00" not in html


def test_the_position_in_json_becomes_a_number() -> None:
    cache = RenderedItems(8)
    entry = cache.put("k", _choice_html(cache, "q"))
    assert '{"id": 5}' in str(cache.place(entry, 5, (3, 1, 2)))
