"""Filling the exam page's caches before the first candidate comes.

A cold process renders an item the first time a page shows it: its Markdown, its type's
template, its typed question validated from the stored payload. When a class of 300 opens the
exam at 10:00, every worker would do that for most of the bank within the same minute. So
gunicorn's master (gunicorn.conf.py, ``when_ready``) renders every item the active exams can
draw once, before it forks the workers, which share the result (copy-on-write); a worker that
replaces one later is forked warm too.

What is cached is keyed by the question version's id and content hash (rendering.item_key), so
a cache filled at start stays right however the bank changes afterwards: a new version simply
misses and is rendered on first use.
"""
from __future__ import annotations

import random

from flask import Flask
from flask_babel import get_locale
from sqlalchemy import select

from . import questions, rendering
from .exams import pools
from .extensions import db
from .models import AttemptItem, ExamDefinition, QuestionVersion
from .questions import registry

# At most this many items (half the cache: what the day's pages add keeps its room).
LIMIT = rendering.CAPACITY // 2


def warm(app: Flask, limit: int = LIMIT) -> int:
    """Renders the untouched items of every active exam's pools into ``app``'s cache (up to
    ``limit``) and returns how many; leaves no database connection open."""
    rendered = 0
    with app.test_request_context("/"):
        try:
            cache = rendering.rendered_items()
            locale = str(get_locale())
            for exam in db.session.scalars(select(ExamDefinition).where(ExamDefinition.is_active.is_(True))
                                           .order_by(ExamDefinition.position)):
                for index, section in enumerate(exam.definition["sections"]):
                    keys = [key for key, _ in pools.section_draws(section)]
                    room = max(0, limit - rendered)
                    ids = sorted({c.version_id for pool in pools.whole_pools(keys, room).values() for c in pool})
                    for version in db.session.scalars(select(QuestionVersion).where(QuestionVersion.id.in_(ids))):
                        key = rendering.item_key(version.id, version.content_hash, section["title"], locale)
                        if cache.get(key) is None:
                            # As an attempt would hold it; its option order is any (the cache
                            # keeps its options apart).
                            order = questions.get(version.type).option_order(
                                registry.model_of(version), False, random.Random(0))
                            item = AttemptItem(position=0, section=index, type=version.type,
                                               question=version, option_order=order)
                            rendering.cache_item(cache, key, item, section["title"])
                        rendered += 1
        finally:
            db.session.rollback()
            db.session.remove()
            db.engine.dispose()
    return rendered
