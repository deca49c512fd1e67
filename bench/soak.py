"""Soak run: does a worker's memory grow over a long exam day? Run by hand, never by the tests:

    python bench/soak.py [--minutes 15] [--users 80] [--spawn-rate 2] [--workers N] [--interval 20]

Sets up a fresh PostgreSQL database (exam_prep_soak, owned by the role exam_prep, as .ci/run
makes it; `service postgresql start` if the server is down), runs `flask db upgrade` and
`flask bank load`, starts gunicorn with gunicorn.conf.py on loopback (sync workers; worker
recycling off: GUNICORN_MAX_REQUESTS=0, so that growth is not hidden by restarts), and runs
bench/load_locust.py headless in loop mode (BENCH_LOOP=1: each candidate submits, opens its
result, starts a new Level 2 attempt and goes on) for --minutes. Every --interval seconds it
samples the RSS and USS (private memory) of the gunicorn master and of each worker, the total
of the PostgreSQL backends of the database, the load average and locust's request and failure
counts so far, and the database's size. Writes soak.csv (one row per process and sample, as it
goes), settings.json and locust's CSVs and logs to --out, and prints, per process, the median
memory in the minute after --warm-up (default: minute 1-2) and over the last 2 minutes, and the
slope of a linear fit in MB per 10 minutes (from the warm-up on, and over the second half).
`--report FOLDER [--warm-up S]` prints that summary again for an earlier run.

Exits non-zero only when the run itself broke (PostgreSQL, the migration, gunicorn or locust
did not start or died, or no request was served), never because of the figures.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import runpy
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
ROLE = "exam_prep"
MB = 1024 * 1024
WINDOW = 60.0  # seconds: the "start" figure is the median over the minute after --warm-up
LAST = 120.0  # seconds: the "end" figure is the median over the last two minutes
FIELDS = ["elapsed_s", "role", "pid", "rss_mb", "uss_mb", "pss_mb", "processes", "database_mb", "requests",
          "failures", "load1"]


class RunBroke(Exception):
    """The soak could not run (as opposed to figures one may not like)."""


def psql(sql: str) -> str:
    return subprocess.run(["su", "postgres", "-c", f'psql -qtAc "{sql}"'], check=True,
                          capture_output=True, text=True).stdout.strip()


def postgres_ready() -> bool:
    return subprocess.run(["su", "postgres", "-c", "pg_isready -q"], check=False).returncode == 0


def fresh_database(name: str) -> str:
    """Start PostgreSQL if needed; (re)create the database `name` owned by exam_prep; its URL."""
    if not postgres_ready():
        subprocess.run(["service", "postgresql", "start"], check=False, capture_output=True)
        for _ in range(30):
            if postgres_ready():
                break
            time.sleep(1)
        else:
            raise RunBroke("PostgreSQL is not running and could not be started")
    if psql(f"SELECT 1 FROM pg_roles WHERE rolname='{ROLE}'") != "1":
        psql(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{ROLE}'")
    subprocess.run(["su", "postgres", "-c", f"dropdb --if-exists --force {name}"], check=True)
    subprocess.run(["su", "postgres", "-c", f"createdb -O {ROLE} {name}"], check=True)
    return f"postgresql+psycopg://{ROLE}:{ROLE}@127.0.0.1/{name}"


def app_environment(database_url: str, out: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "PYTHONPATH": str(ROOT), "DATABASE_URL": database_url, "SECRET_KEY": "soak",
        "EXAM_PREP_AUTO_SETUP": "0", "EXAM_PREP_HTTPS": "0", "EXAM_PREP_LOGIN_MAX_FAILURES_PER_ADDRESS": "0",
        "EXAM_PREP_MEDIA_DIR": str(out / "media"),
    })
    return env


def prepare_database(env: dict[str, str], out: Path) -> None:
    with (out / "setup.log").open("w") as log:
        for command in (["db", "upgrade"], ["bank", "load"]):
            done = subprocess.run([sys.executable, "-m", "flask", "--app", "exam_prep", *command], cwd=ROOT,
                                  env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
            if done.returncode != 0:
                raise RunBroke(f"flask {' '.join(command)} failed: see {out / 'setup.log'}")


def configured_recycling() -> int:
    """max_requests as gunicorn.conf.py sets it without GUNICORN_MAX_REQUESTS in the environment."""
    saved = os.environ.pop("GUNICORN_MAX_REQUESTS", None)
    try:
        return int(runpy.run_path(str(ROOT / "gunicorn.conf.py")).get("max_requests", 0))
    finally:
        if saved is not None:
            os.environ["GUNICORN_MAX_REQUESTS"] = saved


def start_gunicorn(env: dict[str, str], port: int, workers: int | None, out: Path) -> subprocess.Popen:
    env = dict(env, GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_MAX_REQUESTS="0",
               GUNICORN_ACCESS_LOG=str(out / "access.log"))
    if workers:
        env["GUNICORN_WORKERS"] = str(workers)
    log = (out / "gunicorn.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "exam_prep:create_app()"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(120):
        if server.poll() is not None:
            raise RunBroke(f"gunicorn exited with {server.returncode}: see {out / 'gunicorn.log'}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RunBroke("gunicorn did not answer /healthz within a minute")


def start_locust(args: argparse.Namespace, out: Path) -> subprocess.Popen:
    env = dict(os.environ, BENCH_LOOP="1", PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "load_locust.py"), "--headless",
               "-u", str(args.users), "-r", str(args.spawn_rate), "--run-time", f"{args.minutes * 60:.0f}s",
               "--stop-timeout", "10", "--host", f"http://127.0.0.1:{args.port}", "--csv", str(out / "locust"),
               "--only-summary"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=(out / "locust.log").open("w"),
                            stderr=subprocess.STDOUT)


def locust_totals(out: Path) -> tuple[int, int]:
    """Requests and failures so far, from the last Aggregated row of locust's stats history."""
    path = out / "locust_stats_history.csv"
    if not path.exists():
        return 0, 0
    with path.open(newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("Name") == "Aggregated"]
    if not rows:
        return 0, 0
    return int(rows[-1]["Total Request Count"]), int(rows[-1]["Total Failure Count"])


def memory(process: psutil.Process) -> tuple[float, float, float]:
    """(RSS, USS, PSS) in MB. RSS: every page the process has in memory, shared or not (what a leak
    makes grow). USS: the pages only it holds; a preloaded worker's USS grows as copy-on-write
    unshares the master's pages it writes to (reference counts), which is not a leak; the USS of
    the master and its workers together is what they hold beyond the pages they share. PSS: RSS
    with each shared page divided among its sharers, kept in the CSV only: on a shared machine it
    moves with other programs mapping the same libraries (libpython), not with this one."""
    info = process.memory_full_info()
    return info.rss / MB, info.uss / MB, info.pss / MB


def database_size(database: str) -> float:
    return int(psql(f"SELECT pg_database_size('{database}')") or 0) / MB


def backends(database: str) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["name", "cmdline"]):
        title = " ".join(process.info["cmdline"] or [])
        if title.startswith("postgres:") and f" {database} " in f"{title} ":
            found.append(process)
    return found


@dataclass
class Sampler:
    out: Path
    database: str
    master: psutil.Process
    started: float = field(default_factory=time.monotonic)
    rows: list[dict] = field(default_factory=list)

    def sample(self) -> None:
        """One sample of every process, appended to soak.csv at once (a run cut short keeps its data)."""
        first = len(self.rows)
        self._measure()
        path = self.out / "soak.csv"
        new = not path.exists()
        with path.open("a", newline="") as handle:
            writer = csv.DictWriter(handle, FIELDS)
            if new:
                writer.writeheader()
            writer.writerows(self.rows[first:])

    def _measure(self) -> None:
        elapsed = round(time.monotonic() - self.started, 1)
        requests, failures = locust_totals(self.out)
        common = {"elapsed_s": elapsed, "requests": requests, "failures": failures,
                  "load1": round(os.getloadavg()[0], 2), "database_mb": round(database_size(self.database), 1)}
        processes = [("master", self.master)]
        processes += [("worker", w) for w in sorted(self.master.children(), key=lambda p: p.pid)]
        for role, process in processes:
            try:
                figures = memory(process)
            except psutil.NoSuchProcess:
                continue
            self.rows.append({**common, "role": role, "pid": process.pid, **self._megabytes(figures), "processes": 1})
        found = backends(self.database)
        totals = [0.0, 0.0, 0.0]
        for process in found:
            try:
                totals = [a + b for a, b in zip(totals, memory(process), strict=True)]
            except psutil.NoSuchProcess:
                continue
        self.rows.append({**common, "role": "postgres", "pid": 0, **self._megabytes(totals), "processes": len(found)})

    @staticmethod
    def _megabytes(figures) -> dict[str, float]:
        return {f"{name}_mb": round(value, 2) for name, value in zip(("rss", "uss", "pss"), figures, strict=True)}


def run(args: argparse.Namespace, sampler: Sampler, locust: subprocess.Popen, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + args.minutes * 60 + 180
    next_sample = time.monotonic()
    while locust.poll() is None:
        if server.poll() is not None:
            locust.terminate()
            raise RunBroke(f"gunicorn died during the run ({server.returncode}): see {args.out / 'gunicorn.log'}")
        if time.monotonic() > deadline:
            locust.terminate()
            raise RunBroke("locust did not stop in time")
        if time.monotonic() >= next_sample:
            sampler.sample()
            next_sample += args.interval
        time.sleep(0.5)
    sampler.sample()


def median_between(points: list[tuple[float, float]], low: float, high: float) -> float | None:
    inside = [v for t, v in points if low <= t <= high]
    return statistics.median(inside) if inside else None


def slope(points: list[tuple[float, float]], since: float) -> float | None:
    """MB per 10 minutes, least squares over the points from `since` seconds on."""
    kept = [(t, v) for t, v in points if t >= since]
    if len(kept) < 3:
        return None
    return statistics.linear_regression([t for t, _ in kept], [v for _, v in kept]).slope * 600


def figure(value: float | None, sign: bool = False) -> str:
    if value is None:
        return "-"
    return f"{value:+.1f}" if sign else f"{value:.1f}"


def figure_line(name: str, metric: str, points: list[tuple[float, float]], span: tuple[float, float],
                note: str = "") -> str:
    warm, end = span
    return (f"{name:<20}{metric:<9}{figure(median_between(points, warm, warm + WINDOW)):>9}"
            f"{figure(median_between(points, end - LAST, end)):>11}"
            f"{figure(slope(points, warm), True):>12}{figure(slope(points, end / 2), True):>10}{note}")


def summary_lines(rows: list[dict], warm: float) -> list[str]:
    """Per process RSS and USS; the USS of gunicorn's processes together; PostgreSQL's backends
    and the database's size: in the minute after the warm-up, over the last 2 minutes (medians),
    and the slopes."""
    series: dict[tuple[str, int], list[dict]] = {}
    uss_total: dict[float, float] = {}
    for row in rows:
        series.setdefault((row["role"], row["pid"]), []).append(row)
        if row["role"] in ("master", "worker"):
            uss_total[row["elapsed_s"]] = uss_total.get(row["elapsed_s"], 0.0) + row["uss_mb"]
    end = max(r["elapsed_s"] for r in rows)
    start = f"{warm / 60:g}-{(warm + WINDOW) / 60:g} min"
    lines = [f"{'process':<20}{'metric':<9}{start:>9}{'last 2 min':>11}{'slope/10min':>12}{'2nd half':>10}"
             f"   (MB, medians; slope: linear fit from minute {warm / 60:g} on, and over the second half)"]
    for (role, pid), samples in sorted(series.items(), key=lambda s: (s[0][0] != "master", s[0])):
        name = f"{role} {pid}" if pid else f"{role} backends"
        first, last = samples[0]["elapsed_s"], samples[-1]["elapsed_s"]
        seen = f"  (lived {first:.0f}-{last:.0f} s only)" if last < end or first > warm else ""
        if role == "postgres":
            seen = f"  ({samples[0]['processes']} backends at start, {samples[-1]['processes']} at the end)"
        for metric in ("rss", "uss"):
            points = [(r["elapsed_s"], r[f"{metric}_mb"]) for r in samples]
            lines.append(figure_line(name, metric, points, (warm, end), seen if metric == "rss" else ""))
    lines.append(figure_line("gunicorn, all", "uss sum", sorted(uss_total.items()), (warm, end)))
    database = [(r["elapsed_s"], r["database_mb"]) for r in series.get(("postgres", 0), [])]
    lines.append(figure_line("database on disk", "size", database, (warm, end)))
    return lines


def request_lines(out: Path) -> list[str]:
    path = out / "locust_stats.csv"
    if not path.exists():
        return ["locust wrote no stats"]
    lines = [f"{'request':<14}{'count':>8}{'failures':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"]
    with path.open(newline="") as handle:
        for r in csv.DictReader(handle):
            lines.append(f"{r['Name']:<14}{r['Request Count']:>8}{r['Failure Count']:>9}{r['50%']:>8}"
                         f"{r['95%']:>8}{r['99%']:>8}")
    return lines


def read_samples(out: Path) -> list[dict]:
    with (out / "soak.csv").open(newline="") as handle:
        return [{k: (v if k == "role" else int(v) if k in ("pid", "processes", "requests", "failures") else float(v))
                 for k, v in row.items()} for row in csv.DictReader(handle)]


def report(out: Path, warm: float) -> int:
    """Print the summary of the run whose files are in `out`; 1 if it served no request."""
    settings = json.loads((out / "settings.json").read_text())
    rows = read_samples(out)
    requests, failures = locust_totals(out)
    loads = [r["load1"] for r in rows if r["role"] == "master"]
    workers = {r["pid"] for r in rows if r["role"] == "worker"}
    print(f"\nsoak at {settings['commit']}: {settings['minutes']:g} min, {settings['users']} users (loop mode), "
          f"{len(workers)} worker pids seen, load average {min(loads):.1f}-{max(loads):.1f} "
          f"(mean {statistics.fmean(loads):.1f}), {requests} requests, {failures} failures")
    recycling = settings["max_requests_configured"]
    if recycling:
        print(f"gunicorn.conf.py recycles a worker after {recycling} requests (max_requests, +- "
              f"{recycling // 10} jitter); this run had it off (GUNICORN_MAX_REQUESTS=0)")
    print("\n".join(["", *request_lines(out), "", *summary_lines(rows, warm)]))
    print(f"\nsamples: {out / 'soak.csv'}")
    return 0 if requests else 1


def save_settings(args: argparse.Namespace) -> None:
    commit = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True,
                            text=True, check=False).stdout.strip() or "unknown"
    settings = {"commit": commit, "minutes": args.minutes, "users": args.users, "spawn_rate": args.spawn_rate,
                "workers": args.workers, "interval": args.interval, "max_requests_configured": configured_recycling()}
    (args.out / "settings.json").write_text(json.dumps(settings, indent=1))


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=15)
    parser.add_argument("--users", type=int, default=80)
    parser.add_argument("--spawn-rate", type=float, default=2)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--interval", type=float, default=20, help="seconds between samples")
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--database", default="exam_prep_soak")
    parser.add_argument("--keep-database", action="store_true", help="leave the database after the run")
    parser.add_argument("--out", type=Path, default=None, help="folder for the CSVs and logs")
    parser.add_argument("--warm-up", type=float, default=60,
                        help="seconds before the 'start' figures (the minute after) and the slope's fit")
    parser.add_argument("--report", type=Path, default=None, metavar="FOLDER",
                        help="only print the summary of an earlier run's folder (with another --warm-up)")
    args = parser.parse_args(argv)
    if args.report:
        return args
    args.out = args.out or Path(f"/tmp/soak-{time.strftime('%Y%m%d-%H%M%S')}")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "soak.csv").unlink(missing_ok=True)  # samples are appended as they come
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.report:
        return report(args.report, args.warm_up)
    save_settings(args)
    server = None
    try:
        env = app_environment(fresh_database(args.database), args.out)
        prepare_database(env, args.out)
        server = start_gunicorn(env, args.port, args.workers, args.out)
        sampler = Sampler(args.out, args.database, psutil.Process(server.pid))
        print(f"gunicorn {server.pid} on 127.0.0.1:{args.port}; locust for {args.minutes:g} min; "
              f"output in {args.out}", flush=True)
        run(args, sampler, start_locust(args, args.out), server)
        return report(args.out, args.warm_up)
    except (RunBroke, subprocess.CalledProcessError) as broke:
        print(f"soak: the run broke: {broke}", file=sys.stderr)
        return 2
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            server.wait(timeout=60)
        if not args.keep_database:
            subprocess.run(["su", "postgres", "-c", f"dropdb --if-exists --force {args.database}"], check=False)


if __name__ == "__main__":
    sys.exit(main())
