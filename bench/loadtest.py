"""`make loadtest`: a bounded mixed load on a production-like set-up, all on 127.0.0.1.

    python -m bench.loadtest [--seconds 60] [--readers 6] [--officials 4] [--fresh]
                             [--sqlite] [--import-indicators 20]

Set-up: PostgreSQL database `loadtest` (created for the run from a kept template
`loadtest_seed` holding the built demo, dropped at the end), gunicorn with 2 workers on a free
loopback port, and the task worker (`hromada worker`). Load, for a bounded time: readers GET
random public pages and API answers (rankings, profiles, territories); officials, each signed
in to their own hromada, autosave fields of an open campaign as the entry page does (with the
version of the value they saw); a few seconds in, an analyst's import of every hromada's values
is queued and applied by the worker. Afterwards every autosave the server acknowledged is
checked against the database (a lost autosave is one whose acknowledged value is not there).
Prints and writes `bench/results/loadtest.md`: requests/s, p50/p99, errors by kind.

`--sqlite` runs the same on a SQLite file instead (a copy of `var/loadtest/seed.sqlite3`,
built once with the demo): there an import writes in short transactions, and the question is
whether entry still goes through while it runs (`bench/results/loadtest-sqlite.md`).
`--import-indicators` sets how many indicators of every hromada the import holds.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import re
import sqlite3
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
import requests

from bench.environment import machine
from bench.targets import ROOT
from bench.throughput import _script, free_port, running, wait_until_ready

LOOPBACK = "127.0.0.1"
SERVER = os.environ.get("HROMADA_LOADTEST_SERVER", "postgres://postgres@127.0.0.1:5432")
DATABASE, TEMPLATE = "loadtest", "loadtest_seed"
PASSWORD = "Kvitka-Poltava-2026"  # noqa: S105 - a throw-away database on loopback
CAMPAIGN_FIELDS = 6
IMPORT_INDICATORS = 20
IMPORT_AFTER = 5.0
RESULTS = ROOT / "bench" / "results" / "loadtest.md"
SQLITE_RESULTS = ROOT / "bench" / "results" / "loadtest-sqlite.md"
SEEN = re.compile(r'name="seen" id="seen-([^"]+)" value="([^"]*)"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Tally:
    """What the load saw, shared by all threads under one lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    acknowledged: dict[tuple[str, str], float] = field(default_factory=dict)
    importing: threading.Event = field(default_factory=threading.Event)

    def add(self, kind: str, seconds: float, error: str = "") -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            if error:
                self.errors[f"{kind}: {error}"] += 1


@dataclass(frozen=True)
class Plan:
    campaign: int
    year: int
    officials: list[tuple[str, str]]  # username, hromada code
    fields: list[str]  # indicator codes the officials fill in
    reads: list[str]  # public addresses
    staged_upload: int


def url(name: str) -> str:
    return f"{SERVER}/{name}"


def admin(sql: str) -> None:
    with psycopg.connect(url("postgres"), autocommit=True) as db:
        db.execute(sql)


def exists(name: str) -> bool:
    with psycopg.connect(url("postgres"), autocommit=True) as db:
        found = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return found is not None


def prepare_database(data_dir: Path, fresh: bool) -> None:
    """`loadtest` as a copy of the kept template; building the demo into it takes minutes."""
    if fresh or not exists(TEMPLATE):
        admin(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
        admin(f"CREATE DATABASE {TEMPLATE}")
        env = {**os.environ, "DATABASE_URL": url(TEMPLATE), "HROMADA_DATA_DIR": str(data_dir)}
        # The snapshot too, as a site has it once its worker ran: without it every API read
        # answers 503 "not ready" during the load, which says nothing about the load.
        for command in (["migrate", "-v0"], ["demo"], ["analytics_warm"]):
            subprocess.run([_script("hromada"), *command], env=env, check=True)  # noqa: S603
    admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    admin(f"CREATE DATABASE {DATABASE} TEMPLATE {TEMPLATE}")


def prepare_sqlite(data_dir: Path, fresh: bool) -> Path:
    """`loadtest.sqlite3` as a copy of the kept `seed.sqlite3` (the demo, built once)."""
    seed, copy = data_dir / "seed.sqlite3", data_dir / "loadtest.sqlite3"
    if fresh or not seed.exists():
        seed.unlink(missing_ok=True)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{seed}", "HROMADA_DATA_DIR": str(data_dir)}
        for command in (["migrate", "-v0"], ["demo"], ["analytics_warm"]):
            subprocess.run([_script("hromada"), *command], env=env, check=True)  # noqa: S603
    for path in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
        path.unlink(missing_ok=True)
    with sqlite3.connect(seed) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


def arrange(officials: int, data_dir: Path, import_indicators: int = IMPORT_INDICATORS) -> Plan:
    """Officials of member hromadas, a campaign open today, and a staged import file."""
    from hromada.accounts.actions import create_user
    from hromada.accounts.models import Role, User
    from hromada.collection.campaign_actions import CampaignSpec, ItemSpec, create_campaign
    from hromada.dataio.actions import uploads_dir
    from hromada.dataio.models import StagedUpload
    from hromada.indicators.models import Indicator, Observation
    from hromada.territories.models import Territory

    subprocess.run([_script("hromada"), "migrate", "-v0"], env=os.environ.copy(), check=True)  # noqa: S603
    analyst = User.objects.get(username="analyst")
    members = list(Territory.objects.filter(membership__isnull=False).order_by("code"))
    base = Indicator.objects.filter(formula="", by_sex=False).order_by("code")
    fields = [i.code for i in base[:CAMPAIGN_FIELDS]]
    # Random values fit every indicator without an upper hard limit (not shares, not counts
    # bounded by another): a large import of them is refused for no row.
    imported = list(base.exclude(code__in=fields).filter(hard_max__isnull=True)[:import_indicators])
    year = Observation.objects.order_by("-year").values_list("year", flat=True).first() or 2024
    today = dt.date.today()  # noqa: DTZ011 - a campaign open today, wherever the run is
    chosen = members[:officials]
    spec = CampaignSpec(
        year=year + 1,
        name_uk="Навантажувальний тест",
        name_en="Load test",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=30),
        items=[ItemSpec("Тест / Test", code) for code in fields],
        hromada_codes=[h.code for h in chosen],
    )
    campaign = create_campaign(spec, by=analyst)
    people = []
    for n, hromada in enumerate(chosen):
        username = f"load-official-{n}"
        create_user(username, role=Role.OFFICIAL, territory=hromada, password=PASSWORD)
        people.append((username, hromada.code))
    path = uploads_dir() / "loadtest-import.csv"
    hromadas = Territory.objects.filter(level="hromada").values_list("code", flat=True)
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["territory", "indicator", "year", "value"])
        for code in hromadas:
            for indicator in imported:
                out.writerow([code, indicator.code, year, random.randint(1, 10**6)])
    staged = StagedUpload.objects.create(
        file_name=path.name,
        stored_path=str(path),
        sha256="-",
        options={"status": "draft"},
        created_by=analyst,
    )
    codes = [h.code for h in members]
    ranked = [i.code for i in base[:10]]
    reads = [f"/analytics/indicator/{c}/?year={year}" for c in ranked]
    reads += [f"/territories/{c}/profile/" for c in codes[:20]]
    reads += [f"/api/v1/rankings?indicator={c}&year={year}" for c in ranked]
    reads += [f"/api/v1/territories/{c}" for c in codes[:20]]
    return Plan(campaign.pk, year + 1, people, fields, reads, staged.pk)


def error_of(response: requests.Response) -> str:
    if "database is locked" in response.text:
        return "database is locked"
    return str(response.status_code) if response.status_code >= 400 else ""


def timed(
    tally: Tally, kind: str, session: requests.Session, method: str, address: str, **kw: Any
) -> requests.Response | None:
    start = time.perf_counter()
    try:
        response = session.request(method, address, timeout=60, **kw)
    except requests.RequestException as failure:
        tally.add(kind, time.perf_counter() - start, type(failure).__name__)
        return None
    tally.add(kind, time.perf_counter() - start, error_of(response))
    return response


def reader(base: str, plan: Plan, tally: Tally, deadline: float, seed: int) -> None:
    pick = random.Random(seed)
    with requests.Session() as session:
        while time.perf_counter() < deadline:
            address = pick.choice(plan.reads)
            kind = "read: API" if address.startswith("/api/") else "read: page"
            timed(tally, kind, session, "GET", base + address)


@dataclass
class Desk:
    """One official signed in with the entry page open: what the next autosave sends."""

    username: str
    code: str
    session: requests.Session
    token: str
    seen: dict[str, str]


def sign_in(base: str, plan: Plan, who: tuple[str, str]) -> Desk:
    username, code = who
    session = requests.Session()
    login = session.get(f"{base}/accounts/login/", timeout=120)
    token = TOKEN.search(login.text)
    assert token, "the sign-in page has its form"
    form = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    session.post(f"{base}/accounts/login/", form, timeout=120)
    page = session.get(f"{base}/collection/{plan.campaign}/h/{code}/", timeout=120)
    form_token = TOKEN.search(page.text)
    seen = dict(SEEN.findall(page.text))
    assert form_token and seen, f"{username} sees the questionnaire"
    return Desk(username, code, session, form_token.group(1), seen)


def official(base: str, plan: Plan, desk: Desk, tally: Tally, deadline: float) -> None:
    """Change random fields of the open questionnaire as a person typing would."""
    pick = random.Random(desk.username)
    headers = {"HX-Request": "true", "X-CSRFToken": desk.token}
    while time.perf_counter() < deadline:
        indicator = pick.choice(plan.fields)
        value = float(pick.randint(1, 100_000))
        address = f"{base}/collection/{plan.campaign}/h/{desk.code}/field/{indicator}/"
        body = {"value": str(int(value)), "seen": desk.seen.get(indicator, "")}
        kind = "autosave, import running" if tally.importing.is_set() else "autosave"
        answer = timed(tally, kind, desk.session, "POST", address, data=body, headers=headers)
        if answer is not None and answer.status_code in (200, 409):
            desk.seen.update(SEEN.findall(answer.text))
        if answer is not None and answer.status_code == 200:
            with tally.lock:
                tally.acknowledged[(desk.code, indicator)] = value
        time.sleep(pick.uniform(0.05, 0.3))


def warm_up(base: str, plan: Plan) -> None:
    """Every public address, untimed, from two clients at once so that both workers see most
    of them: the load then meets the answers each worker keeps between two publications, as
    a live site does."""

    def visit() -> None:
        with requests.Session() as session:
            for address in plan.reads:
                session.get(base + address, timeout=120)

    clients = [threading.Thread(target=visit) for _ in range(2)]
    for client in clients:
        client.start()
    for client in clients:
        client.join()


def lost_autosaves(plan: Plan, tally: Tally) -> int:
    from hromada.indicators.models import Observation

    lost = 0
    for (code, indicator), value in tally.acknowledged.items():
        stored = Observation.all_objects.filter(
            territory__code=code, indicator__code=indicator, year=plan.year, sex=""
        ).values_list("value", flat=True)
        lost += list(stored) != [value]
    return lost


def queue_import(plan: Plan) -> int:
    from hromada.accounts.models import User
    from hromada.dataio.jobs import queue_import as queue
    from hromada.dataio.models import StagedUpload

    staged = StagedUpload.objects.get(pk=plan.staged_upload)
    return queue(staged, by=User.objects.get(username="analyst")).pk


def import_outcome(job_id: int, wait: float) -> str:
    from hromada.dataio.models import ImportJob

    deadline = time.perf_counter() + wait
    job = ImportJob.objects.get(pk=job_id)
    while job.state in (ImportJob.State.QUEUED, ImportJob.State.RUNNING):
        if time.perf_counter() > deadline:
            return f"still {job.state} after the load"
        time.sleep(1)
        job.refresh_from_db()
    took = (job.finished_at - job.created_at).total_seconds() if job.finished_at else 0
    return f"{job.state} in {took:.0f} s: {job.result}"


def run_load(base: str, plan: Plan, readers: int, seconds: float) -> tuple[Tally, int, float]:
    tally = Tally()
    warm_up(base, plan)
    desks = [sign_in(base, plan, who) for who in plan.officials]
    deadline = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=reader, args=(base, plan, tally, deadline, n))
        for n in range(readers)
    ]
    threads += [
        threading.Thread(target=official, args=(base, plan, desk, tally, deadline))
        for desk in desks
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(IMPORT_AFTER)
    job = queue_import(plan)
    watch_import(job, tally, deadline)
    for thread in threads:
        thread.join()
    return tally, job, time.perf_counter() - start


def watch_import(job_id: int, tally: Tally, deadline: float) -> None:
    """Mark the time the worker applies the import, so autosaves meanwhile count apart."""
    from hromada.dataio.models import ImportJob

    waiting = (ImportJob.State.QUEUED, ImportJob.State.RUNNING)
    state: str = ImportJob.State.QUEUED
    while time.perf_counter() < deadline and state in waiting:
        state = ImportJob.objects.values_list("state", flat=True).get(pk=job_id)
        if state == ImportJob.State.RUNNING:
            tally.importing.set()
        time.sleep(0.2)
    tally.importing.clear()


def report(tally: Tally, seconds: float, lost: int, outcome: str, args: argparse.Namespace) -> str:
    total = sum(len(v) for v in tally.latencies.values())
    # Keys are "<kind>: <error>", and a kind may hold ": " itself ("read: API").
    server_errors = sum(n for k, n in tally.errors.items() if k.rsplit(": ", 1)[1].startswith("5"))
    locked = sum(n for k, n in tally.errors.items() if "database is locked" in k)
    lines = [
        "# Load test",
        "",
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {machine()}; load average "
        f"{os.getloadavg()[0]:.1f} at the end (the machine is shared).",
        f"{'SQLite (WAL)' if args.sqlite else 'PostgreSQL'}, gunicorn with 2 workers and "
        "`hromada worker` on 127.0.0.1; "
        f"{args.seconds:.0f} s, {args.readers} readers, {args.officials} officials autosaving, "
        f"one import of draft values ({args.import_indicators} indicators of every hromada) "
        f"queued after {IMPORT_AFTER:.0f} s.",
        "",
        "| requests | count | per second | p50 ms | p99 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, values in sorted(tally.latencies.items()):
        ms = np.array(values) * 1000
        lines.append(
            f"| {kind} | {len(values)} | {len(values) / seconds:.1f} | "
            f"{np.percentile(ms, 50):.0f} | {np.percentile(ms, 99):.0f} |"
        )
    everything = np.array([x for v in tally.latencies.values() for x in v]) * 1000
    lines.append(
        f"| all | {total} | {total / seconds:.1f} | {np.percentile(everything, 50):.0f} | "
        f"{np.percentile(everything, 99):.0f} |"
    )
    lines += [
        "",
        f"- 5xx answers: {server_errors}",
        f'- "database is locked": {locked}',
        f"- lost autosaves: {lost} of {len(tally.acknowledged)} acknowledged fields checked",
        f"- the import: {outcome}",
        "- every error by kind: "
        + (", ".join(f"{k} x{n}" for k, n in sorted(tally.errors.items())) or "none"),
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--officials", type=int, default=4)
    parser.add_argument("--fresh", action="store_true", help="rebuild the demo template first")
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file, not PostgreSQL")
    parser.add_argument("--import-indicators", type=int, default=IMPORT_INDICATORS)
    args = parser.parse_args()
    data_dir = ROOT / "var" / "loadtest"
    data_dir.mkdir(parents=True, exist_ok=True)
    if args.sqlite:
        database_url = f"sqlite:///{prepare_sqlite(data_dir, args.fresh)}"
    else:
        prepare_database(data_dir, args.fresh)
        database_url = url(DATABASE)
    os.environ.update(
        DATABASE_URL=database_url,
        HROMADA_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="hromada.settings",
        HROMADA_API_RATE_LIMIT="0",  # all the load comes from one address
        HROMADA_PAGE_RATE_LIMIT="0",
    )
    import django

    django.setup()
    from django.db import connections

    try:
        plan = arrange(args.officials, data_dir, args.import_indicators)
        port = free_port()
        base = f"http://{LOOPBACK}:{port}"
        app = [_script("gunicorn"), "--workers", "2", "--bind", f"{LOOPBACK}:{port}"]
        app += ["--timeout", "60", "hromada.wsgi"]
        env = os.environ.copy()
        with running(app, env) as server, running([_script("hromada"), "worker"], env):
            wait_until_ready(server, port, plan.reads[0])
            tally, job, seconds = run_load(base, plan, args.readers, args.seconds)
            outcome = import_outcome(job, wait=600)
        text = report(tally, seconds, lost_autosaves(plan, tally), outcome, args)
    finally:
        connections.close_all()
        if not args.sqlite:
            admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    print(text)
    (SQLITE_RESULTS if args.sqlite else RESULTS).write_text(text)


if __name__ == "__main__":
    main()
