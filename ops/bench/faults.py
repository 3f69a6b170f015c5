"""`python -m ops.bench faults` (or BENCH_FAULTS=1 make bench): residents keep talking
through the web tier while parts of a scaled-out stack fail, and nothing is lost.

A stack of BENCH_SCALE (2) Rasa replicas, each with its own action server, on a private
PostgreSQL database and a private redis-server on a free port (so it can be restarted
without touching anybody else's), with the web tier routing by conversation (web/routing.py).
BENCH_USERS (50) residents hold the benchmark's conversations through the chat API, as the
page does. Then, one after another, each followed by BENCH_FAULT_SECONDS (30) of load:
  1. one Rasa replica is killed (SIGKILL), then started again;
  2. that replica's action server is killed, then started again;
  3. Redis is killed and started again on the same port (locks are lost);
  4. every PostgreSQL connection of the run is terminated, again and again, for 5 s.
Per fault: messages sent, answered, answered with the assistant-unavailable reply
(the fallback), lost (no reply at all: must be 0), and whether each conversation kept its
history (from Rasa's events in PostgreSQL: one session, every answered turn stored).
Then throughput at BENCH_USERS with every replica against one (the others stopped), for
BENCH_SECONDS (30) each. Writes results/<date>/faults.md and prints it.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import aiohttp
import yaml
from redis import Redis
from sqlalchemy import create_engine, text

from core.migrate import upgrade
from knowledge.cli import load_shipped_content
from knowledge.database import make_engine
from ops.bench.run import CONVERSATIONS
from ops.stack import ROOT, Ports, Stack, free_port
from tests.fakes.postcodes_io import FakePostcodesIO
from web.routing import HashRing

ADMIN_DATABASE_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://root@127.0.0.1/test")
PG_DROP_SECONDS = 5.0
MESSAGE_TIMEOUT = 120.0  # the web tier's own wait (60 s) and its retries, with room


# ---- what one message's answer counts as (pure) ---------------------------------------

@dataclass(frozen=True)
class Sent:
    """One resident message and what came back."""
    at: float
    conversation: str
    status: int  # 0: no HTTP answer at all
    replies: tuple[dict, ...] = ()
    done: float = 0.0  # when the answer (or the failure) came

    @property
    def kind(self) -> str:
        """answered, fallback (the assistant-unavailable reply) or lost (no reply)."""
        if self.status != 200 or not self.replies:
            return "lost"
        if any((r.get("custom") or {}).get("assistant_unavailable") for r in self.replies):
            return "fallback"
        return "answered"


@dataclass
class Phase:
    name: str
    started: float
    ended: float = 0.0
    note: str = ""

    def holds(self, sent: Sent) -> bool:
        return self.started <= sent.at < (self.ended or float("inf"))


@dataclass
class History:
    """A conversation as Rasa stored it: sessions started, residents' turns stored."""
    sessions: int
    user_turns: int


def history_problem(sent: list[Sent], stored: History | None,
                    in_flight: int = 0) -> str | None:
    """None when the conversation carried on as one: one session, every turn answered by
    the assistant proper in the store (a fallback turn may or may not be, depending on
    where it failed), and no more turns than were sent (`sent` are the answered ones;
    `in_flight` more may be stored already, their answers still on the way). Else what
    went wrong."""
    if stored is None:
        return "not stored" if any(s.kind == "answered" for s in sent) else None
    if stored.sessions != 1:
        return "started afresh"
    if stored.user_turns < sum(1 for s in sent if s.kind == "answered"):
        return "turns missing"
    if stored.user_turns > len(sent) + in_flight:
        return "turns doubled"
    return None


def kept_history(sent: list[Sent], stored: History | None) -> bool:
    return history_problem(sent, stored) is None


@dataclass
class PhaseRow:
    name: str
    seconds: float
    sent: int
    answered: int
    fallback: int
    lost: int
    conversations: int
    kept: int
    problems: str = ""  # what went wrong in this phase, by conversation count
    note: str = ""


def problems_at(samples: list[Sent], histories: dict[str, History], moment: float,
                conversations: set[str]) -> dict[str, str]:
    """Each conversation's history problem, judged on the messages answered (or failed)
    before `moment` against the store as it was read at `moment`."""
    by_conversation: dict[str, list[Sent]] = defaultdict(list)
    in_flight: dict[str, int] = defaultdict(int)
    for s in samples:
        if s.done and s.done <= moment:
            by_conversation[s.conversation].append(s)
        elif s.at <= moment:
            in_flight[s.conversation] += 1
    found = {}
    for conversation in conversations:
        sent = by_conversation.get(conversation, [])
        problem = (history_problem(sent, histories.get(conversation), in_flight[conversation])
                   if sent else None)
        if problem:
            found[conversation] = problem
    return found


def tally(phase: Phase, samples: list[Sent], histories: dict[str, History],
          before: dict[str, History] | None = None) -> PhaseRow:
    """The phase's messages, and its conversations' histories read at the phase's end
    (`histories`); `before`, read at its start, tells which problems arose in it."""
    inside = [s for s in samples if phase.holds(s)]
    touched = {s.conversation for s in inside}
    kinds = [s.kind for s in inside]
    end = phase.ended or phase.started
    now = problems_at(samples, histories, end, touched)
    earlier = problems_at(samples, before, phase.started, touched) if before is not None else {}
    new = [problem for c, problem in now.items() if c not in earlier]
    counts = ", ".join(f"{new.count(p)} {p}" for p in sorted(set(new)))
    return PhaseRow(phase.name, end - phase.started, len(inside), kinds.count("answered"),
                    kinds.count("fallback"), kinds.count("lost"), len(touched),
                    len(touched) - len(now), counts, phase.note)


def table(rows: list[PhaseRow]) -> list[str]:
    lines = ["| phase | s | sent | answered | fallback | lost | conversations | kept history "
             "| history lost in this phase | note |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in rows:
        lines.append(f"| {r.name} | {r.seconds:.0f} | {r.sent} | {r.answered} | {r.fallback} "
                     f"| {r.lost} | {r.conversations} | {r.kept} | {r.problems or '–'} "
                     f"| {r.note} |")
    return lines


# ---- residents through the web tier ----------------------------------------------------

@dataclass
class Residents:
    web_url: str
    conversations: list[dict]
    users: int
    think: tuple[float, float] = (1.0, 3.0)
    samples: list[Sent] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)

    async def run(self, stop: asyncio.Event) -> None:
        timeout = aiohttp.ClientTimeout(total=MESSAGE_TIMEOUT)
        connector = aiohttp.TCPConnector(limit=self.users * 2)
        async with aiohttp.ClientSession(timeout=timeout, connector=connector) as http:
            await asyncio.gather(*(self._resident(http, n, stop) for n in range(self.users)))

    async def _resident(self, http: aiohttp.ClientSession, number: int,
                        stop: asyncio.Event) -> None:
        await asyncio.sleep(random.uniform(0, self.think[1]))  # not all at once
        order = itertools.islice(itertools.cycle(self.conversations),
                                 number % len(self.conversations), None)
        while not stop.is_set():
            messages = next(order)["messages"]
            async with http.post(f"{self.web_url}/api/chat/session") as answer:
                session = await answer.json()
            headers = {"Authorization": f"Bearer {session['token']}"}
            for message in messages:
                if stop.is_set():
                    return
                self.samples.append(await self._say(http, session["conversation_id"],
                                                    headers, message))
                await asyncio.sleep(random.uniform(*self.think))

    async def _say(self, http: aiohttp.ClientSession, conversation: str,
                   headers: dict[str, str], message: str) -> Sent:
        at, began = time.time(), time.perf_counter()
        try:
            async with http.post(f"{self.web_url}/api/chat", json={"message": message},
                                 headers=headers) as answer:
                body = await answer.json(content_type=None)
                status = answer.status
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            return Sent(at, conversation, 0, done=time.time())
        if status == 200:
            self.latencies.append((time.perf_counter() - began) * 1000)
        return Sent(at, conversation, status, tuple(body.get("messages") or ())
                    if isinstance(body, dict) else (), time.time())


# ---- the private Redis and PostgreSQL database -----------------------------------------

@dataclass
class PrivateRedis:
    """A redis-server of the run's own, on a free port, without persistence: restarting
    it loses every lock, as a failed-over Redis would."""
    port: int = field(default_factory=free_port)
    popen: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        server = shutil.which("redis-server")
        if server is None:
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        self.popen = subprocess.Popen([server, "--port", str(self.port), "--bind", "127.0.0.1",
                                       "--save", "", "--appendonly", "no"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True)
        for _ in range(100):
            try:
                if Redis(port=self.port, socket_timeout=1).ping():
                    return
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait()

    def restart(self) -> float:
        """Kill and start again; the seconds it was away."""
        began = time.monotonic()
        self.stop()
        self.start()
        return time.monotonic() - began


@dataclass
class PrivateDatabase:
    """A PostgreSQL database of the run's own, dropped at the end."""
    admin_url: str = ADMIN_DATABASE_URL
    name: str = field(default_factory=lambda: f"navigator_faults_{os.getpid()}_{int(time.time())}")

    @property
    def url(self) -> str:
        return self.admin_url.rsplit("/", 1)[0] + "/" + self.name

    def create(self) -> None:
        admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self.name}"'))
        admin.dispose()

    def drop(self) -> None:
        admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        admin.dispose()

    def drop_connections(self, seconds: float) -> int:
        """Terminate every connection to the run's database, again and again for
        `seconds`: what a PostgreSQL fail-over or restart does to the clients."""
        admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        ended, deadline = 0, time.monotonic() + seconds
        with admin.connect() as conn:
            while time.monotonic() < deadline:
                ended += len(conn.execute(text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"),
                    {"name": self.name}).fetchall())
                time.sleep(0.1)
        admin.dispose()
        return ended

    def histories(self) -> dict[str, History]:
        engine = create_engine(self.url)
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT sender_id, "
                "sum(CASE WHEN type_name = 'session_started' THEN 1 ELSE 0 END), "
                "sum(CASE WHEN type_name = 'user' THEN 1 ELSE 0 END) "
                "FROM events GROUP BY sender_id")).fetchall()
        engine.dispose()
        return {sender: History(int(sessions), int(users)) for sender, sessions, users in rows}


# ---- the run ---------------------------------------------------------------------------

@dataclass(frozen=True)
class FaultSettings:
    users: int = 50
    scale: int = 2
    fault_seconds: float = 30.0
    seconds: float = 30.0
    model: Path = ROOT / "models" / "navigator.tar.gz"

    @classmethod
    def from_environment(cls, env: dict[str, str]) -> "FaultSettings":
        model = Path(env.get("BENCH_MODEL") or cls.model)
        return cls(int(env.get("BENCH_USERS", "50")), int(env.get("BENCH_SCALE", "2")),
                   float(env.get("BENCH_FAULT_SECONDS", "30")),
                   float(env.get("BENCH_SECONDS", "30")), model)


class Run:
    """The stack, the residents and the faults, on one event loop (faults in a thread)."""

    def __init__(self, stack: Stack, redis: PrivateRedis, database: PrivateDatabase,
                 settings: FaultSettings) -> None:
        self.stack, self.redis, self.database, self.settings = stack, redis, database, settings
        self.phases: list[Phase] = []
        self.snapshots: list[dict[str, History]] = []  # read at each phase's start

    def _snapshot(self) -> None:
        for _ in range(20):
            try:
                self.snapshots.append(self.database.histories())
                return
            except Exception:  # noqa: BLE001 - no events table yet, or the database is away
                time.sleep(0.5)
        self.snapshots.append({})

    async def _in_thread(self, work, *args):
        return await asyncio.get_running_loop().run_in_executor(None, work, *args)

    def _begin(self, name: str) -> Phase:
        if self.phases and not self.phases[-1].ended:
            self.phases[-1].ended = time.time()
        self._snapshot()
        self.phases.append(Phase(name, time.time()))
        print(f"  {datetime.now():%H:%M:%S} {name}", flush=True)
        return self.phases[-1]

    async def faults(self, stop: asyncio.Event) -> None:
        wait = self.settings.fault_seconds
        ring = HashRing(tuple(self.stack.rasa_urls))
        victim = len(ring.replicas)  # the last replica ("Rasa server N")
        rasa, actions = f"Rasa server {victim}", f"action server {victim}"
        self._begin("no fault")
        await asyncio.sleep(wait)
        phase = self._begin(f"Rasa replica {victim} killed, then started again")
        await self._in_thread(self.stack.kill, rasa)
        await asyncio.sleep(wait)
        began = time.monotonic()
        await self._in_thread(self.stack.start_again, rasa)
        phase.note = f"down {wait:.0f} s, then {time.monotonic() - began:.0f} s to start again"
        phase = self._begin(f"action server {victim} killed, then started again")
        await self._in_thread(self.stack.kill, actions)
        await asyncio.sleep(wait)
        began = time.monotonic()
        await self._in_thread(self.stack.start_again, actions)
        phase.note = f"down {wait:.0f} s, then {time.monotonic() - began:.0f} s to start again"
        phase = self._begin("Redis killed and started again (locks lost)")
        away = await self._in_thread(self.redis.restart)
        phase.note = f"away {away:.1f} s"
        await asyncio.sleep(wait)
        phase = self._begin(f"PostgreSQL connections dropped for {PG_DROP_SECONDS:g} s")
        ended = await self._in_thread(self.database.drop_connections, PG_DROP_SECONDS)
        phase.note = f"{ended} connections terminated"
        await asyncio.sleep(wait)
        self._begin("after the faults")
        await asyncio.sleep(min(wait, 10))
        stop.set()
        await asyncio.sleep(MESSAGE_TIMEOUT / 8)  # most in-flight answers arrive
        self.phases[-1].ended = time.time()
        self._snapshot()

    async def load(self, residents: Residents, controller) -> None:
        stop = asyncio.Event()
        await asyncio.gather(residents.run(stop), controller(stop))

    async def timed(self, stop: asyncio.Event) -> None:
        await asyncio.sleep(self.settings.seconds)
        stop.set()


def throughput(samples: list[Sent], seconds: float) -> dict:
    kinds = [s.kind for s in samples]
    return {"sent": len(samples), "answered": kinds.count("answered"),
            "fallback": kinds.count("fallback"), "lost": kinds.count("lost"),
            "messages_per_s": kinds.count("answered") / seconds}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main() -> int:
    settings = FaultSettings.from_environment(dict(os.environ))
    conversations = yaml.safe_load(CONVERSATIONS.read_text(encoding="utf-8"))
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    logs = ROOT / "var" / "bench" / f"faults-{stamp}"
    logs.mkdir(parents=True, exist_ok=True)
    redis, database = PrivateRedis(), PrivateDatabase()
    print(f"Fault run: {settings}; logs in {logs}", flush=True)
    result: dict = {"date": datetime.now().strftime("%Y-%m-%d %H:%M"),
                    "settings": {k: str(v) for k, v in settings.__dict__.items()},
                    "load_before": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory(prefix="faults-") as tmp:
        model = Path(tmp) / "navigator.tar.gz"
        shutil.copyfile(settings.model, model)  # others may retrain models/ meanwhile
        database.create()
        redis.start()
        stack = None
        try:
            _prepare(database.url)
            postcodes = FakePostcodesIO(conversations.get("postcodes", {})).__enter__()
            stack = Stack(ports=Ports.free(), model=model, log_dir=logs, scale=settings.scale,
                          env={"DATABASE_URL": database.url, "REDIS_URL": redis.url,
                               "POSTCODES_IO_URL": postcodes.url})
            print(f"Starting {settings.scale} replicas...", flush=True)
            began = time.monotonic()
            stack.start(timeout=900)
            result["start_s"] = time.monotonic() - began
            run = Run(stack, redis, database, settings)
            result["throughput"] = _levels(run, stack, settings, conversations, result, logs)
            postcodes.__exit__(None, None, None)
        finally:
            if stack is not None:
                stack.stop()
            redis.stop()
            database.drop()
    _write(result)
    return 0 if all(r["lost"] == 0 for r in result.get("faults", [])) else 1


def _levels(run: "Run", stack: Stack, settings: "FaultSettings", conversations: dict,
            result: dict, logs: Path) -> dict:
    """Throughput with every replica (then the faults), and with one replica left."""
    web = f"http://127.0.0.1:{stack.ports.web}"
    levels = {}
    for label in ("every replica", "one replica"):
        if label == "one replica":  # the others stopped: the ring fails over to 1
            for n in range(2, settings.scale + 1):
                stack.kill(f"Rasa server {n}")
                stack.kill(f"action server {n}")
        residents = Residents(web, conversations["conversations"], settings.users)
        print(f"  {settings.users} residents, {label}, {settings.seconds:.0f} s", flush=True)
        asyncio.run(run.load(residents, run.timed))
        levels[label] = {**throughput(residents.samples, settings.seconds),
                         "p50_ms": percentile(residents.latencies, 0.5),
                         "p95_ms": percentile(residents.latencies, 0.95)}
        print(f"    {levels[label]}", flush=True)
        if label == "every replica":
            _faults(run, Residents(web, conversations["conversations"], settings.users),
                    result, logs)
    return levels


def _faults(run: "Run", residents: "Residents", result: dict, logs: Path) -> None:
    """The fault phases under load; per phase what was sent, answered and lost."""
    print("  faults:", flush=True)
    asyncio.run(run.load(residents, run.faults))
    snaps = run.snapshots
    rows = [tally(p, residents.samples, snaps[n + 1], snaps[n])
            for n, p in enumerate(run.phases)]
    (logs / "histories.json").write_text(json.dumps(
        [{c: h.__dict__ for c, h in snap.items()} for snap in snaps]))
    print("\n".join(table(rows)), flush=True)
    result["faults"] = [r.__dict__ for r in rows]
    result["phases"] = [p.__dict__ for p in run.phases]
    (logs / "samples.jsonl").write_text("".join(
        json.dumps({**s.__dict__, "kind": s.kind, "replies": len(s.replies)})
        + "\n" for s in residents.samples))


def _write(result: dict) -> None:
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    out = ROOT / "results" / date.today().isoformat()
    out.mkdir(parents=True, exist_ok=True)
    (out / "faults.json").write_text(json.dumps(result, indent=2, default=str))
    (out / "faults.md").write_text(report(result), encoding="utf-8")
    print("\n" + report(result))


def _prepare(database_url: str) -> None:
    """The project's tables (core/migrate.py) and the shipped content."""
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()
    load_shipped_content(database_url, date.today())


def report(result: dict) -> str:
    rows = [PhaseRow(**r) for r in result.get("faults", [])]
    levels = result.get("throughput", {})
    lines = [f"# Faults {result['date']}", "",
             f"Settings: {result['settings']}. Load average before {result['load_before']}, "
             f"after {result.get('load_after')}.", "", *table(rows), "",
             "sent/answered/fallback/lost count the messages sent in each phase; lost is no "
             "reply at all (an HTTP error, a timeout or an empty list); kept history counts "
             "the phase's conversations stored as one session holding every answered turn.",
             "", "| replicas | sent | answered | msg/s | p50 ms | p95 ms | lost |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for label, lv in levels.items():
        lines.append(f"| {label} | {lv['sent']} | {lv['answered']} | {lv['messages_per_s']:.2f} "
                     f"| {lv['p50_ms']:.0f} | {lv['p95_ms']:.0f} | {lv['lost']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
