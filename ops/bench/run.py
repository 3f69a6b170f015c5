"""`make bench`: our assistant and a stock `rasa init` assistant under the same load.

    python -m ops.bench

Steps: train our model into a temporary folder (timed, with an empty Rasa cache so the
time is a real one); make the stock assistant once in var/bench/stock/; start both on
free ports (ours with a fresh SQLite database holding the shipped content and a local
stand-in for postcodes.io, as the end-to-end tests do); time from start to first answer;
then for each level, ours and stock in turn, Locust sends residents' conversations for
BENCH_SECONDS. Writes results/<date>/bench.md and bench.json and prints the tables.

Settings (environment): BENCH_SECONDS (60), BENCH_LEVELS ("1,10,50"), BENCH_THINK
("1,3": seconds a resident pauses between messages), BENCH_TIMEOUT (30 s per message),
BENCH_MODEL (a trained model to use instead of training one: training is then not timed).
Why it is built this way: docs/adr/0011-benchmarks.md.
"""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime
from importlib.metadata import version
from pathlib import Path

import requests
import yaml

from knowledge.cli import load_shipped_content
from ops.bench.processes import MemoryWatch, cpu_seconds
from ops.bench.report import console, markdown
from ops.bench.stats import LevelSummary, Sample, compare, summarise
from ops.bench.stock import StockStack, ensure_stock_project
from ops.stack import BIN, ROOT, Ports, Stack
from tests.fakes.postcodes_io import FakePostcodesIO

HERE = Path(__file__).resolve().parent
CONVERSATIONS = HERE / "conversations.yml"
LOCUSTFILE = HERE / "locustfile.py"


class SettingsError(ValueError):
    """A BENCH_* variable that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    seconds: int = 60
    levels: tuple[int, ...] = (1, 10, 50)
    think: tuple[float, float] = (1.0, 3.0)
    timeout: float = 30.0
    model: Path | None = None

    @classmethod
    def from_environment(cls, env: dict[str, str]) -> "Settings":
        try:
            seconds = int(env.get("BENCH_SECONDS", "60"))
            levels = tuple(int(x) for x in env.get("BENCH_LEVELS", "1,10,50").split(","))
            think = tuple(float(x) for x in env.get("BENCH_THINK", "1,3").split(","))
            timeout = float(env.get("BENCH_TIMEOUT", "30"))
        except ValueError as exc:
            raise SettingsError(f"a BENCH_* setting is not a number: {exc}") from exc
        if seconds < 5:
            raise SettingsError("BENCH_SECONDS must be at least 5")
        if not levels or min(levels) < 1:
            raise SettingsError("BENCH_LEVELS must be numbers of residents, e.g. 1,10,50")
        if len(think) != 2 or not 0 <= think[0] <= think[1]:
            raise SettingsError("BENCH_THINK must be 'min,max' seconds, e.g. 1,3")
        if timeout <= 0:
            raise SettingsError("BENCH_TIMEOUT must be a positive number of seconds")
        model = Path(env["BENCH_MODEL"]) if env.get("BENCH_MODEL") else None
        if model is not None and not model.exists():
            raise SettingsError(f"BENCH_MODEL {model} does not exist")
        return cls(seconds, levels, (think[0], think[1]), timeout, model)



def say(rasa_url: str, sender: str, text: str, timeout: float = 60) -> list[dict]:
    response = requests.post(f"{rasa_url}/webhooks/rest/webhook",
                             json={"sender": sender, "message": text}, timeout=timeout)
    response.raise_for_status()
    return response.json()


def train_ours(out_dir: Path, log: Path) -> tuple[Path, float]:
    """Train as the Makefile's model rule does, into out_dir, with an empty Rasa cache:
    the time a change to the training data costs."""
    started = time.monotonic()
    with open(log, "wb") as out:
        subprocess.run(
            [str(BIN / "rasa"), "train", "--config", "config.yml", "--domain", "bot/domain",
             "--data", "data", "--out", str(out_dir), "--fixed-model-name", "navigator"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false",
                 "TF_CPP_MIN_LOG_LEVEL": "2", "RASA_CACHE_DIRECTORY": str(out_dir / "cache")})
    return out_dir / "navigator.tar.gz", time.monotonic() - started


def start_and_time(stack: Stack) -> dict[str, float]:
    """Start a stack and time it: until every health check answers, and until the
    first answer to a resident's "hello"."""
    started = time.monotonic()
    stack.start()
    ready = time.monotonic() - started
    url = f"http://127.0.0.1:{stack.ports.rasa}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if say(url, "bench-first-answer", "hello"):
                break
        except (requests.RequestException, ValueError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"no answer to 'hello' within 120 s of {url} being ready")
        time.sleep(0.2)
    return {"ready_s": ready, "start_to_first_answer_s": time.monotonic() - started}


def warm_up(rasa_url: str, conversations: list[dict]) -> None:
    """Every conversation once, unmeasured: what loads on first use (language models,
    database pages) should not be charged to the 1-resident level."""
    for number, conversation in enumerate(conversations):
        for text in conversation["messages"]:
            say(rasa_url, f"bench-warm-up-{number}", text)


def run_level(rasa_url: str, users: int, settings: Settings, logs: Path,
              label: str) -> list[Sample]:
    samples_file = logs / f"samples-{label}-{users}.jsonl"
    log = logs / f"locust-{label}-{users}.log"
    env = {**os.environ, "BENCH_CONVERSATIONS": str(CONVERSATIONS),
           "BENCH_SAMPLES": str(samples_file),
           "BENCH_THINK": f"{settings.think[0]},{settings.think[1]}",
           "BENCH_TIMEOUT": str(settings.timeout)}
    command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
               "--users", str(users), "--spawn-rate", str(users),
               "--run-time", f"{settings.seconds}s", "--stop-timeout", f"{settings.timeout:g}",
               "--host", rasa_url, "--only-summary", "--loglevel", "WARNING",
               "--exit-code-on-error", "0"]
    with open(log, "wb") as out:
        finished = subprocess.run(command, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  timeout=settings.seconds + settings.timeout + 120)
    if finished.returncode != 0 or not samples_file.exists():
        raise RuntimeError(f"Locust failed at {users} residents ({label}); see {log}")
    return [Sample.from_dict(json.loads(line))
            for line in samples_file.read_text().splitlines() if line.strip()]


def measure(stacks: dict[str, Stack], settings: Settings, logs: Path) -> dict[str, list[dict]]:
    """Each level, ours then stock, so both see the same state of a shared machine."""
    levels: dict[str, list[dict]] = {name: [] for name in stacks}
    for users in settings.levels:
        for name, stack in stacks.items():
            print(f"  {users:>3} residents, {name} assistant, {settings.seconds} s...", flush=True)
            pids = {p.name: p.popen.pid for p in stack.processes if p.popen}
            cpu_before = {proc: cpu_seconds(pid) for proc, pid in pids.items()}
            samples = run_level(f"http://127.0.0.1:{stack.ports.rasa}", users, settings, logs,
                                name)
            summary = summarise(users, samples).as_dict()
            answered = max(1, summary["messages"] - summary["errors"])
            summary["cpu_ms_per_message"] = {
                proc: (cpu_seconds(pid) - cpu_before[proc]) * 1000 / answered
                for proc, pid in pids.items()}
            levels[name].append(summary)
            print(f"        {summary['messages_per_s']:.1f} msg/s, p50 {summary['p50_ms']:.0f} ms, "
                  f"p95 {summary['p95_ms']:.0f} ms, errors {summary['errors']}", flush=True)
    return levels


def without_nan(value):
    """JSON has no NaN: "no figure" is written as null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: without_nan(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_nan(v) for v in value]
    return value


def main() -> int:
    try:
        settings = Settings.from_environment(dict(os.environ))
    except SettingsError as exc:
        print(f"make bench: {exc}", file=sys.stderr)
        return 2
    conversations = yaml.safe_load(CONVERSATIONS.read_text(encoding="utf-8"))
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    logs = ROOT / "var" / "bench" / f"run-{stamp}"
    logs.mkdir(parents=True, exist_ok=True)
    result = new_result(settings, conversations)
    print(f"Benchmark: levels {settings.levels}, {settings.seconds} s each; logs in {logs}",
          flush=True)
    try:
        run_both(result, settings, conversations, logs)
    except (RuntimeError, TimeoutError, subprocess.SubprocessError, OSError,
            requests.RequestException) as exc:
        print(f"make bench stopped: {exc}\nLogs: {logs}", file=sys.stderr)
        return 1
    write_report(result, logs)
    return 0


def new_result(settings: Settings, conversations: dict) -> dict:
    """The report's skeleton: the settings and the machine, before anything runs."""
    return {"date": datetime.now().strftime("%Y-%m-%d %H:%M"),
            "settings": {"seconds": settings.seconds, "levels": list(settings.levels),
                         "think_s": list(settings.think), "timeout_s": settings.timeout,
                         "conversations": len(conversations["conversations"]),
                         "messages_per_round": sum(len(c["messages"]) for c in
                                                   conversations["conversations"])},
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                        "rasa": version("rasa"), "locust": version("locust"),
                        "load_before": [round(x, 2) for x in os.getloadavg()]},
            "assistants": {"ours": {}, "stock": {}}, "notes": []}


def run_both(result: dict, settings: Settings, conversations: dict, logs: Path) -> None:
    """Train (or take) both models, start both assistants, load them level by level."""
    ours, stock = result["assistants"]["ours"], result["assistants"]["stock"]
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, ExitStack() as running:
        work = Path(tmp)
        if settings.model is None:
            print("Training our model (timed, empty Rasa cache)...", flush=True)
            model, ours["training_s"] = train_ours(work / "model", logs / "train.log")
        else:
            model, ours["training_s"] = settings.model, None
            result["notes"].append(f"Model given by BENCH_MODEL ({model}): training not timed.")
        print("Making the stock assistant (`rasa init`, once)...", flush=True)
        made = ensure_stock_project(log=logs / "stock-init.log")
        stock["training_s"], stock["trained_now"] = made["training_s"], made["trained_now"]

        database_url = f"sqlite:///{work / 'navigator.db'}"
        load_shipped_content(database_url, date.today())
        postcodes = running.enter_context(FakePostcodesIO(conversations.get("postcodes", {})))
        stacks: dict[str, Stack] = {
            "ours": Stack(ports=Ports.free(), model=model,
                          log_dir=logs, env={"DATABASE_URL": database_url,
                                             "POSTCODES_IO_URL": postcodes.url}),
            "stock": StockStack(ports=Ports.free(), model=Path(made["model"]), log_dir=logs),
        }
        watches = {name: start_watched(name, stack, result, running, conversations)
                   for name, stack in stacks.items()}
        levels = measure(stacks, settings, logs)
        for name in stacks:
            result["assistants"][name]["levels"] = levels[name]
            watches[name].sample()
            result["assistants"][name]["peak_memory_mib"] = watches[name].peaks_mib()


def start_watched(name: str, stack: Stack, result: dict, running: ExitStack,
                  conversations: dict) -> MemoryWatch:
    """Start one assistant (timed), watch its processes' memory, and warm it up."""
    print(f"Starting the {name} assistant...", flush=True)
    running.callback(stack.stop)
    result["assistants"][name].update(start_and_time(stack))
    watch = running.enter_context(MemoryWatch())
    for proc in stack.processes:
        assert proc.popen is not None  # start_and_time started every process
        watch.watch(proc.name, proc.popen.pid)
    warm_up(f"http://127.0.0.1:{stack.ports.rasa}", conversations["conversations"])
    return watch


def write_report(result: dict, logs: Path) -> None:
    """Ratios to stock, then results/<date>/bench.md and bench.json."""
    ours, stock = result["assistants"]["ours"], result["assistants"]["stock"]
    result["ratios"] = [compare(LevelSummary.from_dict(o), LevelSummary.from_dict(s)).as_dict()
                        for o, s in zip(ours["levels"], stock["levels"])]
    result["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    out_dir = ROOT / "results" / date.today().isoformat()
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "bench.json").write_text(json.dumps(without_nan(result), indent=2, default=str))
    (out_dir / "bench.md").write_text(markdown(result), encoding="utf-8")
    print("\n" + console(result))
    print(f"\nReport: {out_dir / 'bench.md'} (and bench.json); logs: {logs}")
