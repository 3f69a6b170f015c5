"""Issue 11, finding 1: the action server took orders from anyone who could reach it;
and finding 13 (part): the stack's log and run files were world-readable.

The action server is started exactly as `make run` starts it (ops.stack), alone, on a
free port, against a temporary database: a forged call from Rasa's protocol must be
refused unless it carries the shared secret Rasa sends, and nothing may listen beyond
this machine's loopback interface.
"""
from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from advice import advice_engine
from advice.models import HandoffRequest
from knowledge.database import make_engine
from knowledge.loading import load
from ops.bench.processes import descendants
from ops.stack import ROOT, Ports, Stack
from tests.assistant import Resident

pytestmark = pytest.mark.e2e
TOKEN_SETTING = "ACTION_SERVER_TOKEN"


class ActionServerOnly(Stack):
    """The stack's own action server and nothing else (no Rasa to warm up)."""

    def _plan(self):
        return [p for p in super()._plan() if p.name == "action server"]

    def warm_up(self, timeout: float) -> None:
        pass


@pytest.fixture(scope="module")
def action_server(tmp_path_factory, shipped_content):
    workdir = tmp_path_factory.mktemp("action-server")
    database_url = f"sqlite:///{workdir / 'navigator.db'}"
    load(shipped_content, make_engine(database_url))
    # Left behind by an older version: a world-readable log folder and log file.
    log_dir = workdir / "var" / "log"
    log_dir.mkdir(parents=True, mode=0o755)
    (log_dir / "actions.log").write_text("")
    os.chmod(log_dir, 0o755)
    os.chmod(log_dir / "actions.log", 0o644)
    server = ActionServerOnly(ports=Ports.free(), log_dir=log_dir,
                              env={"DATABASE_URL": database_url,
                                   "POSTCODES_IO_URL": "http://127.0.0.1:9"})
    server.start(timeout=180)
    server.database_url = database_url
    try:
        yield server
    finally:
        server.stop()


def shared_token(running: Stack) -> str | None:
    return running._environment().get(TOKEN_SETTING)


def forged_handoff(sender: str) -> dict:
    """What the finding sent: a made-up tracker asking for a callback, in crisis."""
    from rasa.shared.core.domain import Domain

    domain = Domain.load(str(ROOT / "bot" / "domain")).as_dict()
    slots = {"callback_consent": True, "contact": "07700900123", "crisis": "suicidal",
             "language": "en", "best_time": "any", "council": "birmingham"}
    return {
        "next_action": "action_submit_callback", "sender_id": sender, "version": "3.6.21",
        "domain": domain,
        "tracker": {"sender_id": sender, "slots": slots, "events": [], "paused": False,
                    "followup_action": None, "active_loop": {},
                    "latest_action_name": "action_listen",
                    "latest_message": {"text": "call me", "intent": {"name": "inform_callback"},
                                       "entities": []}},
    }


def cases_for(running: Stack, sender: str) -> int:
    with Session(advice_engine(running.database_url)) as session:
        return session.scalar(select(func.count()).select_from(HandoffRequest)
                              .where(HandoffRequest.conversation_id == sender))


def webhook(running: Stack) -> str:
    return f"http://127.0.0.1:{running.ports.action}/webhook"


@pytest.mark.parametrize("credentials", [
    {},
    {"headers": {"Authorization": "Bearer not-the-secret"}},
    {"params": {"token": "not-the-secret"}},
], ids=["no token", "wrong token", "wrong token in the query"])
def test_forged_handoff_is_refused_without_the_shared_secret(action_server, credentials):
    """Finding 1: a forged tracker (action_submit_callback, crisis slot set) posted by
    anyone who can reach the action server opens no case in the adviser queue."""
    sender = f"forged-{len(credentials)}-{id(credentials)}"
    answer = requests.post(webhook(action_server), json=forged_handoff(sender), timeout=30,
                           **credentials)
    assert answer.status_code == 401, answer.text[:300]
    assert "error" in answer.json()
    assert cases_for(action_server, sender) == 0


def test_action_list_needs_the_shared_secret_and_health_does_not(action_server):
    """Finding 1: /actions lists nothing to a stranger; /health stays open for probes."""
    base = f"http://127.0.0.1:{action_server.ports.action}"
    assert requests.get(f"{base}/actions", timeout=10).status_code == 401
    assert requests.get(f"{base}/health", timeout=10).status_code == 200


def test_rasa_with_the_shared_secret_is_served(action_server):
    """Finding 1: the same call carrying the secret Rasa sends (a header, never the query
    string, which servers log) runs: the control that shows the refusals above matter."""
    token = shared_token(action_server)
    assert token, f"the stack sets no {TOKEN_SETTING} for its processes"
    sender = "rasa-with-secret"
    answer = requests.post(webhook(action_server), json=forged_handoff(sender), timeout=60,
                           headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text[:300]
    assert cases_for(action_server, sender) == 1


def listening_addresses(pid: int) -> set[str]:
    """The local addresses of every TCP socket the process (and its children) listen on."""
    inodes: set[str] = set()
    for member in descendants(pid):
        try:
            for fd in Path(f"/proc/{member}/fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    found = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                found.add(_address(fields[1].rsplit(":", 1)[0]))
    return found


def _address(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)


LOOPBACK = {"127.0.0.1", "::1"}


def test_action_server_listens_on_loopback_only(action_server):
    """Finding 1: bound to 127.0.0.1 by default, not every interface (0.0.0.0)."""
    pid = action_server.processes[0].popen.pid
    addresses = listening_addresses(pid)
    assert addresses, "found no listening socket for the action server"
    assert addresses <= LOOPBACK, addresses


def test_stack_log_files_and_folders_are_private(action_server):
    """Finding 13: log folders 0700 and log files 0600, even ones an older version left
    world-readable, so another account on the machine cannot read residents' messages."""
    log_dir = action_server.log_dir
    assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((log_dir / "actions.log").stat().st_mode) == 0o600


def test_whole_assistant_answers_with_the_secret_and_listens_on_loopback(stack):
    """Finding 1 and 13: with the shared secret in place the assistant still answers
    through the REST channel; every process listens on loopback only; the endpoints file
    a stack writes for its ports is private."""
    texts = Resident(stack, "secret-in-place").texts("hello")
    assert any("Home Navigator" in t for t in texts), texts
    for proc in stack.processes:
        addresses = listening_addresses(proc.popen.pid)
        assert addresses and addresses <= LOOPBACK, (proc.name, addresses)
    run_dir = ROOT / "var" / "run"
    assert stat.S_IMODE(run_dir.stat().st_mode) == 0o700
    endpoints = run_dir / f"endpoints-{stack.ports.rasa}.yml"
    assert stat.S_IMODE(endpoints.stat().st_mode) == 0o600
    assert stat.S_IMODE(stack.log_dir.stat().st_mode) == 0o700
