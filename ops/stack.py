"""Start, watch and stop every process of the navigator: one place for both
`make run` and the end-to-end tests, so the tests run what residents get.

    python -m ops.stack            start on 5055 / 5005 / 8000, print the URLs, Ctrl-C stops all
    SCALE=2 python -m ops.stack    two Rasa replicas (5005, 5006), each with its own action
                                   server (5055, 5056); the web tier routes each conversation
                                   to one of them (RASA_URLS, web/routing.py). With several
                                   replicas set DATABASE_URL and REDIS_URL, e.g.
        DATABASE_URL=postgresql://root@127.0.0.1/test REDIS_URL=redis://127.0.0.1:6379/0 \
        SCALE=2 make run

Processes (each listens on 127.0.0.1 only unless configured otherwise):
    action server  python -m actions.server  (port 5055)  answers from the knowledge base
    Rasa server    rasa run                  (port 5005)  understanding + dialogue, REST channel
    web            python -m web             (port 8000)  the chat page and its API

The action server answers only Rasa: both get the shared secret ACTION_SERVER_TOKEN
in their environment, made afresh for each start unless it is set already
(docs/adr/0013-action-server-trust.md). Logs and run files are readable by this
account only: they hold residents' messages.
"""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests
import yaml

from core.settings import Settings, current

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TOKEN_SETTING = "ACTION_SERVER_TOKEN"  # read by actions/server.py and endpoints.yml
SCALE_SETTING = "SCALE"  # how many Rasa replicas (each with its own action server)
RASA_HOST_SETTING = "RASA_HOST"
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600


def private_dir(path: Path) -> Path:
    """A folder only this account can enter, with any missing parents made the same way."""
    for folder in reversed([path, *path.parents]):
        if not folder.exists():
            folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
    os.chmod(path, PRIVATE_DIR)
    return path


def private_file(path: Path, flags: int = os.O_WRONLY | os.O_CREAT | os.O_APPEND):
    """Open a file only this account can read, tightening one an older version left open."""
    descriptor = os.open(path, flags, PRIVATE_FILE)
    os.fchmod(descriptor, PRIVATE_FILE)
    return os.fdopen(descriptor, "ab" if flags & os.O_APPEND else "wb")


def action_server_token(settings: Settings | None = None) -> str:
    """The secret Rasa and the action server share: the one set, else a new random one."""
    return (settings or current()).action_server_token or secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Ports:
    action: int = 5055
    rasa: int = 5005
    web: int = 8000

    @classmethod
    def free(cls) -> "Ports":
        """Three ports nothing is listening on: a stack beside the running one (tests,
        evaluation, benchmarks)."""
        return cls(action=free_port(), rasa=free_port(), web=free_port())

    def replicas(self, scale: int) -> list[tuple[int, int]]:
        """(action server, Rasa) ports of each replica: the first are these; the others
        follow the usual ports (5056/5006, ...) or, on free ports, are free ones too."""
        if self == Ports():
            return [(self.action + n, self.rasa + n) for n in range(scale)]
        return [(self.action, self.rasa)] + [(free_port(), free_port())
                                             for _ in range(scale - 1)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Process:
    name: str
    command: list[str]
    health_url: str
    log_path: Path
    popen: subprocess.Popen | None = None
    peak_rss_kib: int = 0

    def sample_memory(self) -> None:
        """Record the high-water mark of resident memory (VmHWM) while running."""
        if self.popen is None:
            return
        try:
            for line in Path(f"/proc/{self.popen.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    self.peak_rss_kib = max(self.peak_rss_kib, int(line.split()[1]))
        except (OSError, ValueError):
            pass

    def cpu_seconds(self) -> float:
        """CPU time the process has used so far (user + system, all its threads)."""
        if self.popen is None:
            return 0.0
        try:
            fields = Path(f"/proc/{self.popen.pid}/stat").read_text().rpartition(")")[2].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return 0.0


# A start that is still working (a process using CPU: loading a model, training the crisis
# classifier when its cache is stale) is given time beyond its timeout, up to this long;
# one that is stuck (no process of the stack used CPU for STALL_SECONDS) is not.
STALL_SECONDS = 60.0
LONGEST_START_SECONDS = 1800.0
PROGRESS_CPU_SECONDS = 0.5  # what counts as working within a stall window


class Patience:
    """When to give up waiting for processes: after `timeout`, unless they are still
    working. On two busy shared cores a start can take several times its usual time, and
    a fixed limit then fails a healthy start; waiting for ever would hide a hung one. So
    the limit is the timeout, extended while the processes use CPU, and never beyond
    LONGEST_START_SECONDS."""

    def __init__(self, timeout: float, processes: list[Process]) -> None:
        self.started = time.monotonic()
        self.timeout, self.processes = timeout, processes
        self.last_cpu = self._cpu()
        self.last_progress = self.started

    def _cpu(self) -> float:
        return sum(p.cpu_seconds() for p in self.processes)

    def expired(self) -> bool:
        now = time.monotonic()
        cpu = self._cpu()
        if cpu - self.last_cpu >= PROGRESS_CPU_SECONDS:
            self.last_cpu, self.last_progress = cpu, now
        if now - self.started < self.timeout:
            return False
        return now - self.last_progress > STALL_SECONDS or \
            now - self.started > LONGEST_START_SECONDS


@dataclass
class Stack:
    ports: Ports = field(default_factory=Ports)
    model: Path = ROOT / "models"
    log_dir: Path = ROOT / "var" / "log"
    env: dict[str, str] = field(default_factory=dict)
    processes: list[Process] = field(default_factory=list)
    token: str = field(default_factory=action_server_token, repr=False)
    scale: int = 1  # Rasa replicas, each with its own action server (SCALE)
    replica_ports: list[tuple[int, int]] = field(default_factory=list)

    def _endpoints_file(self, action_port: int | None = None,
                        rasa_port: int | None = None) -> Path:
        """endpoints.yml, pointed at one replica's action server port (the first
        replica's, this stack's ports, when none is given), with the other replicas'
        action servers to ask when it is down (bot/action_calls.py)."""
        action_port = action_port or self.ports.action
        rasa_port = rasa_port or self.ports.rasa
        others = [port for port, _ in self.replica_ports if port != action_port]
        if action_port == Ports().action and not others:
            return ROOT / "endpoints.yml"
        data = yaml.safe_load((ROOT / "endpoints.yml").read_text())
        data["action_endpoint"]["url"] = f"http://127.0.0.1:{action_port}/webhook"
        if others:
            data["action_endpoint"]["failover_urls"] = [
                f"http://127.0.0.1:{port}/webhook" for port in others]
        path = private_dir(ROOT / "var" / "run") / f"endpoints-{rasa_port}.yml"
        with private_file(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC) as out:
            out.write(yaml.safe_dump(data).encode())
        return path

    @property
    def rasa_urls(self) -> list[str]:
        """Every Rasa replica, as the web tier's RASA_URLS lists them."""
        return [f"http://127.0.0.1:{rasa}" for _, rasa in self.replica_ports] or \
            [f"http://127.0.0.1:{self.ports.rasa}"]

    def _plan(self) -> list[Process]:
        p = self.ports
        private_dir(self.log_dir)
        rasa = str(BIN / "rasa")
        rasa_host = self._environment().get(RASA_HOST_SETTING) or "127.0.0.1"
        self.replica_ports = p.replicas(self.scale)
        plan = []
        for number, (action_port, rasa_port) in enumerate(self.replica_ports, start=1):
            # The first replica keeps the names (and log files) of a one-replica stack.
            suffix, log_suffix = ("", "") if number == 1 else (f" {number}", f"-{number}")
            plan += [
                Process(f"action server{suffix}",
                        [sys.executable, "-m", "actions.server", "--port", str(action_port)],
                        # ready once its models are loaded (actions/readiness.py)
                        f"http://127.0.0.1:{action_port}/ready",
                        self.log_dir / f"actions{log_suffix}.log"),
                Process(f"Rasa server{suffix}",
                        [rasa, "run", "--model", str(self.model), "--port", str(rasa_port),
                         "--endpoints", str(self._endpoints_file() if number == 1 else
                                            self._endpoints_file(action_port, rasa_port)),
                         "--credentials", str(ROOT / "credentials.yml"),
                         "--interface", rasa_host],
                        f"http://127.0.0.1:{rasa_port}/webhooks/rest/",
                        self.log_dir / f"rasa{log_suffix}.log"),
            ]
        return plan + [Process("web", [sys.executable, "-m", "web", "--port", str(p.web)],
                               f"http://127.0.0.1:{p.web}/healthz", self.log_dir / "web.log")]

    def _environment(self) -> dict[str, str]:
        return {**os.environ, TOKEN_SETTING: self.token, **self.env, "PYTHONPATH": str(ROOT),
                "RASA_URL": f"http://127.0.0.1:{self.ports.rasa}",
                "RASA_URLS": ",".join(self.rasa_urls),
                "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}

    def _launch(self, proc: Process) -> None:
        with private_file(proc.log_path) as log:
            # umask 077: whatever the process writes (logs, SQLite files) is private too.
            proc.popen = subprocess.Popen(proc.command, cwd=ROOT, env=self._environment(),
                                          stdout=log, stderr=subprocess.STDOUT,
                                          start_new_session=True, umask=0o077)

    def start(self, timeout: float = 240.0) -> None:
        self.processes = self._plan()
        for proc in self.processes:
            self._launch(proc)
        started = time.monotonic()
        try:
            self.wait_until_ready(timeout)
            self.warm_up(timeout - (time.monotonic() - started))
        except Exception:
            self.stop()
            raise

    def warm_up(self, timeout: float) -> None:
        """Send one message through the whole path, so the models the action server
        builds on first use (language identification, crisis detection) are ready
        before a resident's first message, not during it. Rasa gives up on an action
        call after ACTION_SERVER_TIMEOUT_SECONDS and answers with the assistant-
        unavailable reply (bot/assistant_unavailable.py), so ask until a real answer."""
        patience = Patience(max(timeout, 30.0), self.processes)
        for rasa_url in self.rasa_urls:  # each replica has its own action server
            url = f"{rasa_url}/webhooks/rest/webhook"
            while not self._answers(url):
                self._check_running(self.processes)
                if patience.expired():
                    raise TimeoutError("the action server did not answer Rasa during warm-up; "
                                       "see " + ", ".join(str(p.log_path)
                                                          for p in self.processes))
                time.sleep(1)

    @staticmethod
    def _answers(url: str) -> bool:
        """Whether Rasa gives a real answer (not the assistant-unavailable reply) to a
        first message. A slow answer is not a failure: the action server may still be
        building its models, and Rasa's own call to it times out first."""
        try:
            answer = requests.post(url, json={"sender": "stack-warm-up", "message": "hello"},
                                   timeout=90)
            answer.raise_for_status()
        except (requests.Timeout, requests.ConnectionError):
            return False
        return not any((m.get("custom") or {}).get("assistant_unavailable")
                       for m in answer.json())

    @staticmethod
    def _check_running(processes: list[Process]) -> None:
        """A process that exits while we wait for it has failed: say so at once."""
        for proc in processes:
            if proc.popen and proc.popen.poll() is not None:
                raise RuntimeError(f"{proc.name} stopped during start-up "
                                   f"(exit {proc.popen.returncode}); see {proc.log_path}\n"
                                   + _tail(proc.log_path))

    def restart(self, name: str, timeout: float = 240.0) -> None:
        """Stop one process and start it again (e.g. to show nothing is lost)."""
        proc = next(p for p in self.processes if p.name == name)
        self._stop([proc])
        self._launch(proc)
        self.wait_until_ready(timeout, [proc])

    def kill(self, name: str) -> None:
        """Stop one process at once, as a crash would (SIGKILL: no clean shut-down)."""
        proc = next(p for p in self.processes if p.name == name)
        if proc.popen and proc.popen.poll() is None:
            os.killpg(proc.popen.pid, signal.SIGKILL)
            proc.popen.wait()

    def start_again(self, name: str, timeout: float = 240.0) -> None:
        """Start a process that was killed, and wait until it answers its health check."""
        proc = next(p for p in self.processes if p.name == name)
        self._launch(proc)
        self.wait_until_ready(timeout, [proc])

    def wait_until_ready(self, timeout: float, processes: list[Process] | None = None) -> None:
        waiting = list(processes or self.processes)
        patience = Patience(timeout, list(waiting))
        while waiting:
            self._check_running(waiting)
            for proc in list(waiting):
                try:
                    if requests.get(proc.health_url, timeout=2).status_code == 200:
                        waiting.remove(proc)
                except requests.RequestException:
                    pass
            if waiting and patience.expired():
                names = ", ".join(p.name for p in waiting)
                raise TimeoutError(f"not ready after {timeout:.0f}s: {names}\n"
                                   + "\n".join(_tail(p.log_path) for p in waiting))
            if waiting:
                time.sleep(0.5)
        self.sample_memory()

    def sample_memory(self) -> None:
        for proc in self.processes:
            proc.sample_memory()

    def stop(self) -> None:
        self._stop(self.processes)
        # The endpoints files written for replicas on other ports are this stack's alone.
        for action_port, rasa_port in self.replica_ports:
            if action_port != Ports().action:
                (ROOT / "var" / "run" / f"endpoints-{rasa_port}.yml").unlink(missing_ok=True)

    def _stop(self, processes: list[Process]) -> None:
        self.sample_memory()
        for proc in processes:
            if proc.popen and proc.popen.poll() is None:
                os.killpg(proc.popen.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for proc in processes:
            if proc.popen is None:
                continue
            try:
                proc.popen.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.popen.pid, signal.SIGKILL)
                proc.popen.wait()

    def memory_report(self) -> str:
        return "\n".join(f"  {p.name:<14} peak memory {p.peak_rss_kib / 1024:,.0f} MiB"
                         for p in self.processes)


def _tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def purge_old_conversations(settings: Settings) -> None:
    """Keep the retention promise in docs/privacy.md; never stop the stack over it."""
    # ops.retention loads SQLAlchemy and every store (about 1 s): only a start purges
    from ops.retention import purge_everything

    days = settings.retention_days
    try:
        deleted, handoffs = purge_everything(settings)
        if deleted:
            print(f"Deleted {deleted} conversation events older than {days} days.")
        if handoffs:
            print(f"Deleted {handoffs} handoff requests older than {days} days.")
    except Exception as exc:  # noqa: BLE001 - report and carry on serving residents
        print(f"Could not delete old conversations: {exc}", file=sys.stderr)


def scale_of(environ: dict[str, str] | os._Environ) -> int:
    """SCALE: how many Rasa replicas to start (1 when unset)."""
    raw = (environ.get(SCALE_SETTING) or "1").strip()
    if not raw.isdigit() or not 1 <= int(raw) <= 8:
        raise ValueError(f"{SCALE_SETTING} must be a whole number from 1 to 8, not {raw[:20]!r}")
    return int(raw)


def main() -> int:
    try:
        settings = Settings.from_environment()
    except ValueError as exc:  # SettingsError, StorageError: say which setting, then stop
        print(f"Could not start: {exc}", file=sys.stderr)
        return 2
    try:
        scale = scale_of(os.environ)
    except ValueError as exc:
        print(f"Could not start: {exc}", file=sys.stderr)
        return 2
    if scale > 1 and not (settings.database_url and settings.redis_url):
        print(f"Note: {scale} Rasa replicas share conversations through DATABASE_URL and locks "
              "through REDIS_URL; without both, a conversation that moves to another replica "
              "(when its own stops) loses nothing only if both are set.", file=sys.stderr)
    stack = Stack(token=action_server_token(settings), scale=scale)
    started = time.monotonic()
    print("Starting the action server, Rasa and the web page (the first start takes a minute)...",
          flush=True)
    try:
        stack.start()
    except (RuntimeError, TimeoutError) as exc:
        print(f"Could not start: {exc}", file=sys.stderr)
        return 1
    p = stack.ports
    print(f"""
Home Navigator is running (ready in {time.monotonic() - started:.0f}s).

  Chat with it:       http://localhost:{p.web}/
  Rasa REST channel:  {", ".join(f"{u}/webhooks/rest/webhook" for u in stack.rasa_urls)}
  Action server:      {", ".join(f"http://127.0.0.1:{a}/health" for a, _ in stack.replica_ports)}

Logs are in var/log/. Press Ctrl-C to stop everything.
""", flush=True)
    watch_until_stopped(stack, settings)
    print("\nStopping...", flush=True)
    stack.stop()
    print(stack.memory_report())
    return 0


def watch_until_stopped(stack: Stack, settings: Settings) -> None:
    """Until Ctrl-C (or a process dies): purge old conversations hourly, sample memory."""
    stop = {"now": False}
    # Installed explicitly: a shell that starts us in the background may have told us to
    # ignore Ctrl-C, and then Python would never raise KeyboardInterrupt.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.update(now=True))
    last_purge = 0.0
    try:
        while not stop["now"]:
            if time.monotonic() - last_purge > 3600:
                purge_old_conversations(settings)
                last_purge = time.monotonic()
            for proc in stack.processes:
                if proc.popen and proc.popen.poll() is not None:
                    print(f"{proc.name} stopped (exit {proc.popen.returncode}); "
                          f"see {proc.log_path}", file=sys.stderr)
                    stop["now"] = True
            stack.sample_memory()
            time.sleep(1)
    except KeyboardInterrupt:  # Ctrl-C arriving before the handlers were installed
        pass


if __name__ == "__main__":
    sys.exit(main())
