"""gunicorn settings for exam_prep: `gunicorn -c gunicorn.conf.py "exam_prep:create_app()"`.

Every setting can be changed from the environment without editing this file (GUNICORN_*).
Before starting, a deployment runs `flask --app exam_prep db upgrade` and
`flask --app exam_prep bank load` once, and sets SECRET_KEY, DATABASE_URL and
EXAM_PREP_AUTO_SETUP=0 (docs/deploy.md)."""
from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


# Workers: the usual 2 × cores + 1 (a worker waiting on PostgreSQL leaves its core to another),
# capped so that a big machine does not open more database connections than PostgreSQL's
# max_connections allows across all hosts (each worker's pool holds up to 5 + 10 overflow).
# On the 2-core test machine that is 5; docs/benchmarks.md has the load test's figures.
cores = multiprocessing.cpu_count()
workers = _int("GUNICORN_WORKERS", min(2 * cores + 1, 12))
# Threads per worker: 1 (sync workers) by default. The pages are CPU work under the GIL, so
# threads add little; behind a buffering reverse proxy slow clients never hold a sync worker.
threads = _int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# A request that takes 30 s is stuck (a save takes milliseconds, a submit under a second):
# the worker is killed and replaced. On SIGTERM, requests in flight get 30 s to finish.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Keep-alive with the reverse proxy or load balancer in front (set theirs longer than this).
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Replace a worker after this many requests (with jitter, so they do not all restart at once):
# a bound on any slow growth of a worker's memory over a long exam day. The soak run
# (bench/soak.py, docs/benchmarks.md) found none once the bounded render caches are full, and a
# new worker starts with empty caches (it renders the items of its next ~120 exam pages again),
# so the bound is high: at 300 candidates a worker is replaced about once an hour, not every 7
# minutes as at 5,000.
max_requests = _int("GUNICORN_MAX_REQUESTS", 50000)
max_requests_jitter = max_requests // 10

# The access log goes to stdout and errors to stderr, for the service manager or container
# runtime to collect. The request time is the last field, in microseconds.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s "%(a)s" %(D)s'
# Trust X-Forwarded-Proto (https behind a TLS proxy) only from the reverse proxy on the same host
# (set GUNICORN_FORWARDED_ALLOW_IPS to the proxy's address when it is elsewhere).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Preload: the app (Flask, the templates' environment, the question types) is imported once in
# the master and shared copy-on-write by the workers: less memory and a worker that starts in
# milliseconds when one is replaced. create_app opens no database connection and starts no
# thread, and post_fork drops any pooled connection a worker might inherit all the same, so no
# socket is shared between processes. A new release is started with a restart, not a HUP.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"

# gunicorn's control socket (gunicornc) sits at one fixed path per user by default, so two
# instances on one machine would clash: off unless GUNICORN_CONTROL_SOCKET names a path.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or None
control_socket_disable = control_socket is None
if control_socket is None:
    del control_socket


def when_ready(server) -> None:
    """In the master, before the workers are forked: render the items the active exams can draw
    once (exam_prep.warmup), so that every worker starts with them. Best effort: a database not
    set up yet (EXAM_PREP_AUTO_SETUP does that on the first request) only leaves them cold."""
    if not server.cfg.preload_app:
        return
    app = server.app.wsgi()
    if not hasattr(app, "app_context"):
        return
    from exam_prep import warmup

    try:
        server.log.info("exam_prep: %d exam items rendered before forking", warmup.warm(app))
    except Exception as exc:  # noqa: BLE001 - an optimisation must never stop the server
        server.log.warning("exam_prep: items not rendered before forking (%s)", exc)


def post_fork(server, worker) -> None:  # noqa: ARG001 - gunicorn's hook signature
    from exam_prep.extensions import db

    app = server.app.wsgi()
    if not hasattr(app, "app_context"):  # not the Flask app itself (e.g. a benchmark's dispatcher)
        return
    with app.app_context():
        db.engine.dispose(close=False)  # never use a connection opened before the fork
