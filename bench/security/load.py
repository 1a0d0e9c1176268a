"""Load test on loopback: 50 concurrent clients for 5 minutes, reads and writes mixed.

Builds a demo registry (SQLite file under var/), publishes its synthetic persons, starts
gunicorn on 127.0.0.1, and runs a bounded Python load generator (one thread per client,
keep-alive connections, requests only to 127.0.0.1). Mix per request: 60 % public search,
30 % person page, 10 % write (a new event through the API with a write-scoped token).
Afterwards it checks that every acknowledged write is in the database (no lost writes) and
that the audit chain is intact, and prints latency percentiles as JSON.

    .venv/bin/python bench/security/load.py --clients 50 --seconds 300
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
MIX = (("search", 0.6), ("person", 0.3), ("write", 0.1))


def _setup(db: Path, people: int) -> dict[str, object]:
    """Create the registry, publish it, and return person ids, search terms and a token."""
    code = f"""
import json, os
os.environ["HABEAS_DB"] = {str(db)!r}
from habeas.cli.store import connect
connect({str(db)!r})
from django.contrib.auth import get_user_model
from habeas.apps.registry.models import Person
from habeas.apps.registry.importer import import_file
from habeas.demo import generate_people, write_partner_lists
from habeas.interchange import load_mapping
from habeas.security.gate import publish_demo
from habeas.web.roles import ensure_roles
from habeas.api.models import ApiToken
if not Person.objects.exists():
    folder = {str(db.parent / "bench-lists")!r}
    from pathlib import Path
    for p in write_partner_lists(generate_people({people}, seed=7), Path(folder), seed=7):
        kw = {{"mapping": load_mapping(p.mapping_path)}} if p.mapping_path else {{}}
        import_file(p.path, source=p.source_name, **kw)
publish_demo()
user, _ = get_user_model().objects.get_or_create(username="bench-writer")
user.groups.set([ensure_roles()["editor"]])
_, secret = ApiToken.issue(user=user, name="bench", scopes=["read", "write"])
ids = list(Person.objects.filter(merged_into__isnull=True).values_list("pk", flat=True))
names = [n.split()[0][:4] for n in Person.objects.values_list("display_name_latin", flat=True)[:300] if n]
print(json.dumps({{"ids": ids, "terms": names, "token": secret}}))
"""
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client(threading.Thread):
    """One simulated client: a keep-alive connection and a loop until the deadline."""

    def __init__(self, port: int, info: dict, deadline: float, seed: int, marker: str) -> None:
        super().__init__(daemon=True)
        self.port, self.info, self.deadline, self.marker = port, info, deadline, marker
        self.rng = random.Random(seed)
        self.latencies: dict[str, list[float]] = {k: [] for k, _ in MIX}
        self.errors: list[str] = []
        self.writes_ok = 0

    def _request(self, conn: http.client.HTTPConnection, kind: str) -> int:
        if kind == "search":
            term = self.rng.choice(self.info["terms"])
            conn.request("GET", f"/?q={term}")
        elif kind == "person":
            conn.request("GET", f"/persons/{self.rng.choice(self.info['ids'])}/")
        else:
            body = json.dumps({
                "kind": "transfer", "occurred_on": "2025-01-02", "details": self.marker,
                "citation": {"source": "bench", "kind": "news", "url": "https://bench.invalid/"},
            })  # fmt: skip
            person = self.rng.choice(self.info["ids"])
            headers = {"Authorization": f"Bearer {self.info['token']}",
                       "Content-Type": "application/json"}  # fmt: skip
            conn.request("POST", f"/api/v1/persons/{person}/events", body, headers)
        response = conn.getresponse()
        response.read()
        return response.status

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        kinds, weights = zip(*MIX, strict=True)
        while time.monotonic() < self.deadline:
            kind = self.rng.choices(kinds, weights)[0]
            start = time.perf_counter()
            try:
                status = self._request(conn, kind)
            except (OSError, http.client.HTTPException) as exc:
                self.errors.append(f"{kind}: {type(exc).__name__}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                continue
            self.latencies[kind].append((time.perf_counter() - start) * 1000)
            expected = 201 if kind == "write" else 200
            if status != expected:
                self.errors.append(f"{kind}: HTTP {status}")
            elif kind == "write":
                self.writes_ok += 1
        conn.close()


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def _count_writes(db: Path, marker: str) -> int:
    code = f"""
from habeas.cli.store import connect
connect({str(db)!r})
from habeas.apps.cases.models import Event
from habeas.audit.chain import verify
print(Event.objects.filter(details={marker!r}).count(), int(verify().ok))
"""
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    count, ok = out.stdout.split()[-2:]
    if ok != "1":
        raise SystemExit("the audit chain is broken after the load test")
    return int(count)


def main() -> None:
    """Run the load test and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--warmup", type=float, default=30)
    parser.add_argument("--db", type=Path, default=ROOT / "var" / "bench-security.sqlite3")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HABEAS_DB": str(args.db), "HABEAS_FIELD_KEYS":
           os.environ.get("HABEAS_FIELD_KEYS", "2OQ2GVhbm1X3CqYHtvDyfqDV9rkeV9jDQYUHX5uU4ww=")}  # fmt: skip
    os.environ.update(env)
    info = _setup(args.db, args.people)
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [str(Path(PY).parent / "gunicorn"), "habeas.server.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(args.workers), "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        marker = f"bench-{int(time.time())}"
        # Warm-up (not counted): every worker loads Django, the name tables and caches.
        warm = [Client(port, info, time.monotonic() + args.warmup, 1000 + i, marker)
                for i in range(8)]  # fmt: skip
        for c in warm:
            c.start()
        for c in warm:
            c.join(args.warmup + 120)
        warm_writes = sum(c.writes_ok for c in warm)
        deadline = time.monotonic() + args.seconds
        clients = [Client(port, info, deadline, i, marker) for i in range(args.clients)]
        started = time.monotonic()
        for c in clients:
            c.start()
        for c in clients:
            c.join(args.seconds + 60)
        elapsed = time.monotonic() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
    lat = {k: [x for c in clients for x in c.latencies[k]] for k, _ in MIX}
    acknowledged = sum(c.writes_ok for c in clients) + warm_writes
    stored = _count_writes(args.db, marker)
    errors = [e for c in clients for e in c.errors]
    result = {
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "workers": args.workers,
        "requests": sum(len(v) for v in lat.values()),
        "rps": round(sum(len(v) for v in lat.values()) / elapsed, 1),
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:10],
        "writes_acknowledged": acknowledged,
        "writes_stored": stored,
        "lost_writes": acknowledged - stored,
        "latency_ms": {
            k: {
                "n": len(v),
                "p50": _pct(v, 0.5),
                "p95": _pct(v, 0.95),
                "p99": _pct(v, 0.99),
                "mean": round(statistics.fmean(v), 1) if v else 0.0,
            }
            for k, v in lat.items()
        },  # fmt: skip
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
