"""SCALE=N (ops/stack.py): each Rasa replica calls its own action server first and the
other replicas' action servers when its own refuses the connection (bot/action_calls.py)."""
from __future__ import annotations

from pathlib import Path

import yaml

from ops.stack import ROOT, Ports, Stack


def _endpoints(stack: Stack, command: list[str]) -> dict:
    return yaml.safe_load(Path(command[command.index("--endpoints") + 1]).read_text())


def test_each_replica_fails_over_to_the_others_action_servers(tmp_path):
    stack = Stack(ports=Ports.free(), model=ROOT / "models" / "navigator.tar.gz",
                  log_dir=tmp_path, scale=3)
    rasas = [p for p in stack._plan() if p.name.startswith("Rasa server")]
    action_urls = [f"http://127.0.0.1:{action}/webhook" for action, _ in stack.replica_ports]
    assert len(rasas) == 3
    for number, rasa in enumerate(rasas):
        endpoint = _endpoints(stack, rasa.command)["action_endpoint"]
        assert endpoint["url"] == action_urls[number]
        assert endpoint["failover_urls"] == [u for u in action_urls if u != endpoint["url"]]
        assert endpoint["enable_selective_domain"] is True


def test_one_replica_keeps_the_shipped_endpoints(tmp_path):
    stack = Stack(ports=Ports(), model=ROOT / "models" / "navigator.tar.gz", log_dir=tmp_path)
    rasa = next(p for p in stack._plan() if p.name == "Rasa server")
    assert Path(rasa.command[rasa.command.index("--endpoints") + 1]) == ROOT / "endpoints.yml"
