"""Load test on loopback: concurrent clients against a real gunicorn, reads and writes mixed.

The registry is the web benchmark's (``bench/web/registry.py``: the demo generator's
interchange CSV imported with the real importer and published, ``bench/out/web-<N>.sqlite3``,
built once and reused). The script starts gunicorn on 127.0.0.1 and runs a lean Python load
generator (one thread per client, keep-alive connections, requests only to 127.0.0.1).
The default mix per request is issue 8's: 60 % public search, 30 % person page, 10 % write
(a new event through the API with a write-scoped token); ``--mix search=1`` measures one
kind alone. Without ``--think`` the clients are closed-loop (the next request as soon as
the last answer arrives); ``--think MS`` adds an exponentially distributed pause of that
mean between requests (a *realistic* load, labelled as such in the output). Terms and
persons are drawn uniformly (nearly every request a first-time one: the worst case for the
caches) or, with ``--popularity zipf``, by a Zipf law over a shuffled order (the k-th most
popular term or person drawn with weight 1/k, as public traffic concentrates on a few
well-known names).

Afterwards it checks that every acknowledged write is in the database (no lost writes) and
that the audit chain is intact, and prints JSON: latency percentiles per kind, requests per
second, errors, and CPU time: the server's (gunicorn and its workers, from /proc) and the
load generator's own, per request, so a run on a shared machine can still be judged.

    .venv/bin/python bench/security/load.py --clients 20 --seconds 60 --mix search=1
    .venv/bin/python bench/security/load.py --clients 50 --seconds 300
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import resource
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench" / "web"))

from registry import bench_env, build  # noqa: E402

PY = sys.executable
DEFAULT_MIX = "search=0.6,person=0.3,write=0.1"
#: What a search asks for: a Latin full name as displayed (answered from the name keys), a
#: bare Latin surname, or the first four letters of one (answered by the word index).
TERM_KINDS = ("names", "surname", "prefix")


def _setup(db: Path, terms: str) -> dict[str, object]:
    """Persons' ids, search terms and a write token from the registry."""
    code = f"""
import json, random
from habeas.cli.store import connect
connect({str(db)!r})
from django.contrib.auth import get_user_model
from habeas.apps.registry.models import Person
from habeas.security.gate import published_only
from habeas.web.roles import ensure_roles
from habeas.api.models import ApiToken
user, _ = get_user_model().objects.get_or_create(username="bench-writer")
user.groups.set([ensure_roles()["editor"]])
_, secret = ApiToken.issue(user=user, name="bench", scopes=["read", "write"])
ids = list(published_only(Person.objects.filter(merged_into__isnull=True)).values_list("pk", flat=True))
rng = random.Random(7)
from habeas.apps.registry.models import PersonName
sample = rng.sample(ids, min(len(ids), 2000))
names = Person.objects.filter(pk__in=sample)
latin = [n.split() for n in names.values_list("display_name_latin", flat=True) if n]
# the stored Latin surnames (a display name may put the given name first)
stored = PersonName.objects.filter(person_id__in=sample, script="latin").exclude(surname="")
surnames = list(dict(stored.values_list("person_id", "surname")).values())
kind = {terms!r}
if kind == "names":
    terms = [" ".join(n[:2]) for n in latin]
elif kind == "surname":
    terms = surnames
else:
    terms = [s[:4] for s in surnames]
print(json.dumps({{"ids": ids, "terms": terms, "token": secret}}))
"""
    out = subprocess.run(  # noqa: S603
        [PY, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
        env=bench_env(db),
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def _add_zipf_weights(info: dict, rng: random.Random) -> None:
    """Shuffle the terms and ids and give the k-th of each the cumulative weight of 1/k."""
    for name in ("terms", "ids"):
        values = list(dict.fromkeys(info[name]))
        rng.shuffle(values)
        info[name] = values
        total, cumulative = 0.0, []
        for rank in range(1, len(values) + 1):
            total += 1 / rank
            cumulative.append(total)
        info[f"{name}_cum_weights"] = cumulative


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its children (gunicorn's workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(c) for c in children.read_text().split()]
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


class Client(threading.Thread):
    """One simulated client: a keep-alive connection and a loop until the deadline."""

    def __init__(
        self, port: int, info: dict, deadline: float, seed: int, marker: str,
        mix: list[tuple[str, float]], think_ms: float,
    ) -> None:  # fmt: skip
        super().__init__(daemon=True)
        self.port, self.info, self.deadline, self.marker = port, info, deadline, marker
        self.kinds, self.weights = zip(*mix, strict=True)
        self.think = think_ms / 1000
        self.rng = random.Random(seed)
        self.latencies: dict[str, list[float]] = {k: [] for k in self.kinds}
        self.errors: list[str] = []
        self.writes_ok = 0

    def _pick(self, name: str) -> object:
        """A term or person id: uniformly, or by the popularity weights when given."""
        values = self.info[name]
        weights = self.info.get(f"{name}_cum_weights")
        if weights is None:
            return self.rng.choice(values)
        return self.rng.choices(values, cum_weights=weights)[0]

    def _request(self, conn: http.client.HTTPConnection, kind: str) -> int:
        if kind == "search":
            term = urllib.parse.quote(str(self._pick("terms")))
            conn.request("GET", f"/?q={term}")
        elif kind == "person":
            conn.request("GET", f"/persons/{self._pick('ids')}/")
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
        """Send requests until the deadline."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        while time.monotonic() < self.deadline:
            if self.think:
                time.sleep(self.rng.expovariate(1 / self.think))
            kind = self.rng.choices(self.kinds, self.weights)[0]
            start = time.perf_counter()
            try:
                status = self._request(conn, kind)
            except (OSError, http.client.HTTPException) as exc:
                self.errors.append(f"{kind}: {type(exc).__name__}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
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
    out = subprocess.run(  # noqa: S603
        [PY, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
        env=bench_env(db),
    )  # fmt: skip
    count, ok = out.stdout.split()[-2:]
    if ok != "1":
        raise SystemExit("the audit chain is broken after the load test")
    return int(count)


def _run(port: int, info: dict, args: argparse.Namespace, mix: list[tuple[str, float]],
         marker: str, seconds: float, clients: int, seed: int) -> list[Client]:  # fmt: skip
    deadline = time.monotonic() + seconds
    threads = [
        Client(port, info, deadline, seed + i, marker, mix, args.think) for i in range(clients)
    ]
    for c in threads:
        c.start()
    for c in threads:
        c.join(seconds + 120)
    return threads


def main() -> None:
    """Run the load test and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="default: bench/out/web-<people>.sqlite3")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker")
    parser.add_argument("--warmup", type=float, default=20)
    parser.add_argument(
        "--mix", default=DEFAULT_MIX, help="kind=weight,... (search, person, write)"
    )
    parser.add_argument("--terms", choices=TERM_KINDS, default="names")
    parser.add_argument("--think", type=float, default=0.0, help="mean think time, ms")
    parser.add_argument("--no-page-cache", action="store_true", help="HABEAS_PAGE_CACHE=0")
    parser.add_argument(
        "--popularity", choices=["uniform", "zipf"], default="uniform",
        help="how terms and persons are drawn (see above)",
    )  # fmt: skip
    args = parser.parse_args()
    mix = [(k, float(w)) for k, w in (part.split("=") for part in args.mix.split(","))]
    db = build(args.people, args.db)
    env = bench_env(db)
    if args.no_page_cache:
        env["HABEAS_PAGE_CACHE"] = "0"
    info = _setup(db, args.terms)
    if args.popularity == "zipf":
        _add_zipf_weights(info, random.Random(11))
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [str(Path(PY).parent / "gunicorn"), "habeas.server.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(args.workers), "--threads", str(args.threads),
         "--backlog", "2048", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        marker = f"bench-{int(time.time())}"
        # Warm-up (not counted): every worker loads Django, the name tables and caches.
        warm = _run(port, info, args, mix, marker, args.warmup, 8, 1000)
        warm_writes = sum(c.writes_ok for c in warm)
        server_cpu, own_cpu = _cpu_seconds(server.pid), resource.getrusage(resource.RUSAGE_SELF)
        load_before = os.getloadavg()[0]
        started = time.monotonic()
        clients = _run(port, info, args, mix, marker, args.seconds, args.clients, 0)
        elapsed = time.monotonic() - started
        server_cpu = _cpu_seconds(server.pid) - server_cpu
        after = resource.getrusage(resource.RUSAGE_SELF)
        own_cpu_s = after.ru_utime + after.ru_stime - own_cpu.ru_utime - own_cpu.ru_stime
        load_after = os.getloadavg()[0]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
    lat = {k: [x for c in clients for x in c.latencies[k]] for k, _ in mix}
    requests = sum(len(v) for v in lat.values())
    acknowledged = sum(c.writes_ok for c in clients) + warm_writes
    stored = _count_writes(db, marker)
    errors = [e for c in clients for e in c.errors]
    result = {
        "registry": str(db.relative_to(ROOT) if db.is_relative_to(ROOT) else db),
        "clients": args.clients,
        "think_ms": args.think,
        "loop": "closed (no think time)" if not args.think else "open-ish (think time)",
        "mix": args.mix,
        "terms": args.terms,
        "page_cache": not args.no_page_cache,
        "popularity": args.popularity,
        "seconds": round(elapsed, 1),
        "workers": args.workers,
        "threads": args.threads,
        "requests": requests,
        "rps": round(requests / elapsed, 1),
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:10],
        "writes_acknowledged": acknowledged,
        "writes_stored": stored,
        "lost_writes": acknowledged - stored,
        "server_cpu_ms_per_request": round(server_cpu * 1000 / max(requests, 1), 2),
        "loadgen_cpu_ms_per_request": round(own_cpu_s * 1000 / max(requests, 1), 2),
        "machine_load_before_after": [round(load_before, 2), round(load_after, 2)],
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
