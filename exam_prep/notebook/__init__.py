"""The 오답노트 (wrong-answer notebook) and bookmarks: service.py records scored items and keeps the
spaced schedule (schedule.py, pure); routes.py and api.py are the pages and the JSON API."""
